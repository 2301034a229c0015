// cnaas-nms, seed-exact: the seed's one example (docs/seeds/000-cnaas-nms-jobs.txt) exactly as
// printed, and nothing the seed does not show. GET /api/v1.0/jobs answers it whatever the
// query (the seed knows only `limit`, and its one job is within any limit); GET
// /api/v1.0/job/<id> (CNaaS's own route, not in the seed) answers that job in the 2019
// server's envelope {status, data: {jobs: [job]}}, another id a 400 as CNaaS words it. No
// X-Total-Count, no abort (the seed's server had neither).
import { bearerToken, isWrite, verdict } from '../auth';
import { type Ctx, type Reply, json, segments } from '../exchange';
import { seedValue } from '../seedExamples';
import type { Dialect, DialectEnv } from '../dialects/dialect';

const err = (status: number, message: string): Reply => json(status, { status: 'error', message });

export class SeedCnaas implements Dialect {
  readonly kind = 'cnaas-nms' as const;
  constructor(private readonly env: DialectEnv) {}
  reset(): void {}

  handle(ctx: Ctx): Reply {
    const seg = segments(ctx.path);
    const list = seg.length === 3 && seg[0] === 'api' && seg[1] === 'v1.0' && seg[2] === 'jobs';
    const one = seg.length === 4 && seg[0] === 'api' && seg[1] === 'v1.0' && seg[2] === 'job' && !!seg[3];
    if ((!list && !one) || ctx.method !== 'GET')
      return { status: 404, text: 'Not Found', headers: { 'Content-Type': 'text/plain' } };
    const v = verdict(bearerToken(ctx.headers), this.env.tokens, isWrite(ctx.method));
    if (v === 'missing' || v === 'wrong') return err(401, 'JWT token missing?');
    const body = seedValue('cnaas-nms/list-jobs');
    if (list) return json(200, body);
    const job = body.data.jobs.find((j: { id: string }) => j.id === seg[3]);
    return job ? json(200, { status: 'success', data: { jobs: [job] } }) : err(400, `No job with id ${seg[3]} found`);
  }
}
