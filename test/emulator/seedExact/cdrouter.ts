// cdrouter, seed-exact: the examples of docs/seeds/001-cdrouter-jobs.txt exactly as printed.
// List → the list example (whatever the query); get → the job of that id among the examples
// (the list/get job 1, the launched job 2, the bulk-launched 178–180) in the get envelope,
// else the 404 example; launch → the launch example; ?process=interfaces → the interfaces
// example; ?bulk=launch → the bulk launch example; ?bulk=delete and DELETE → 204 (the seed's
// answer; the examples stay as printed). Stop is not in the seed: not routed.
import { bearerToken, isWrite, verdict } from '../auth';
import { type Ctx, type Reply, json, noContent, readJson, slashedSegments } from '../exchange';
import { seedValue } from '../seedExamples';
import type { Dialect, DialectEnv } from '../dialects/dialect';

const err = (status: number, error: string): Reply => json(status, { error });

export class SeedCdrouter implements Dialect {
  readonly kind = 'cdrouter' as const;
  constructor(private readonly env: DialectEnv) {}
  reset(): void {}

  /** Every job the examples print, by id, in the get envelope's timestamp. */
  private job(id: string): Record<string, unknown> | undefined {
    const printed: Record<string, unknown>[] = [
      seedValue('cdrouter/get-job').data,
      seedValue('cdrouter/launch').data,
      ...seedValue('cdrouter/bulk-launch').data,
    ];
    return printed.find((j) => j.id === id);
  }

  handle(ctx: Ctx): Reply {
    const v = verdict(bearerToken(ctx.headers), this.env.tokens, isWrite(ctx.method));
    if (v === 'missing' || v === 'wrong') return err(401, 'insufficient privileges');
    const seg = slashedSegments(ctx.path);
    if (!seg || seg[0] !== 'api' || seg[1] !== 'v1' || seg[2] !== 'jobs' || seg.length > 4)
      return err(404, 'not found');
    if (seg.length === 3) {
      if (ctx.method === 'GET') return json(200, seedValue('cdrouter/list-jobs'));
      if (ctx.method !== 'POST') return err(405, 'method not allowed');
      const body = readJson(ctx);
      if (!body.ok) return err(400, body.error);
      if (ctx.query.get('process') === 'interfaces') return json(200, seedValue('cdrouter/interfaces'));
      const bulk = ctx.query.get('bulk');
      if (bulk === 'launch') return json(200, seedValue('cdrouter/bulk-launch'));
      if (bulk === 'delete') return noContent();
      if (bulk) return err(400, `invalid bulk operation: ${bulk}`);
      return json(200, seedValue('cdrouter/launch'));
    }
    const job = this.job(seg[3]);
    if (!job) return json(404, seedValue('cdrouter/get-job.404'));
    if (ctx.method === 'GET') return json(200, { timestamp: seedValue('cdrouter/get-job').timestamp, data: job });
    if (ctx.method === 'DELETE') return noContent();
    return err(405, 'method not allowed');
  }
}
