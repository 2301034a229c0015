// puppet-orchestrator, seed-exact: the examples of docs/seeds/002-puppet-orchestrator-jobs.txt
// exactly as printed, after the repairs seedExamples.ts lists (the samples are not JSON as
// printed). /jobs → the list example; /jobs/1234 → the detail example (no state, no
// node_states: the seed's); /jobs/1234/nodes → the nodes example; /jobs/1234/report → the
// report example. Another integer id is the seed's unknown-job 404, a non-integer its
// validation-error 400. Events and the command endpoints have no example: not routed.
import { isWrite, verdict } from '../auth';
import { type Ctx, type Reply, json, strictSegments } from '../exchange';
import { seedValue } from '../seedExamples';
import type { Dialect, DialectEnv } from '../dialects/dialect';

const perr = (status: number, kind: string, msg: string): Reply => json(status, { kind, msg, details: {} });

export class SeedPuppet implements Dialect {
  readonly kind = 'puppet-orchestrator' as const;
  constructor(private readonly env: DialectEnv) {}
  reset(): void {}

  handle(ctx: Ctx): Reply {
    const token = ctx.headers['x-authentication'];
    const v = verdict(Array.isArray(token) ? token[0] : token, this.env.tokens, isWrite(ctx.method));
    if (v === 'missing' || v === 'wrong')
      return perr(401, 'puppetlabs.rbac/user-unauthenticated', 'Route requires authentication');
    const seg = strictSegments(ctx.path);
    const notFound = perr(404, 'puppetlabs.orchestrator/not-found', `No route for ${ctx.method} ${ctx.path}`);
    if (
      !seg ||
      seg[0] !== 'orchestrator' ||
      seg[1] !== 'v1' ||
      seg[2] !== 'jobs' ||
      seg.length > 5 ||
      ctx.method !== 'GET'
    )
      return notFound;
    if (seg.length === 3) return json(200, seedValue('puppet-orchestrator/list-jobs'));
    if (!/^\d+$/.test(seg[3]))
      return perr(400, 'puppetlabs.orchestrator/validation-error', `Job id '${seg[3]}' must be an integer`);
    if (seg[3] !== '1234') return perr(404, 'puppetlabs.orchestrator/unknown-job', `No job exists with id ${seg[3]}`);
    switch (seg[4]) {
      case undefined:
        return json(200, seedValue('puppet-orchestrator/get-job'));
      case 'nodes':
        return json(200, seedValue('puppet-orchestrator/nodes'));
      case 'report':
        return json(200, seedValue('puppet-orchestrator/report'));
      default:
        return notFound;
    }
  }
}
