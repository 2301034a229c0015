// puppet-orchestrator. Sources: seed 002 (docs/seeds/002-puppet-orchestrator-jobs.txt) for
// /jobs, /jobs/:id, /nodes, /report and the error kinds; Puppet's official client
// puppetlabs/orchestrator_client-ruby (lib/orchestrator_client/jobs.rb, job.rb, command.rb,
// error.rb) for what the seed leaves out: paths without a trailing slash (`jobs/#{id}/nodes`),
// events `?start=N` answering `next-events`, the command endpoints deploy and stop
// (`{"job": "<name>"}`, 202), errors `{kind, msg, details}`; Puppet's public orchestrator API
// reference for /command/deploy and /command/stop bodies.
// - Routes: GET /orchestrator/v1/jobs (limit/offset/order_by/order), /jobs/<n>, /nodes,
//   /report, /events?start=N; POST /command/deploy, /command/stop. A trailing slash is not
//   routed (404).
// - The job detail looks like the seed's example: `status` history and `node_count`, no
//   `state` and no `node_states` (the list item has both). Clients take the state from the
//   history and the counts from the nodes.
// - Auth is the X-Authentication header (RBAC token); 401/403 bodies are RBAC's.
import { isWrite, verdict } from '../auth';
import { type Ctx, type Reply, isObject, json, readJson, strictSegments } from '../exchange';
import { JobSpace } from '../overlay';
import { between, rand } from '../rng';
import { idKey, select, type SortKey } from '../select';
import type { Dialect, DialectEnv } from './dialect';
import {
  type EmitBatch,
  type PuppetCore,
  type PuppetEdit,
  detail,
  generatedCore,
  listItem,
  nodeItems,
  nodeName,
  planOf,
  reportItems,
  stateAt,
  withEdit,
} from './puppetData';
import { eventsAt } from './puppetEvents';
import { nodeState, waves } from './puppetPlan';

/** Without `limit` a real orchestrator answers everything; we stop at 1000 (and say so in pagination). */
const DEFAULT_LIMIT = 1000;
const ORDER_BY = ['owner', 'timestamp', 'environment', 'name', 'state'];
const NODE_GROUPS: Record<string, number> = { 'All Nodes': 40, 'PE Infrastructure': 2, web: 8, db: 3 };

const perr = (status: number, kind: string, msg: string, details: Record<string, unknown> = {}): Reply =>
  json(status, { kind, msg, details });

export class PuppetDialect implements Dialect {
  readonly kind = 'puppet-orchestrator' as const;
  private readonly space: JobSpace<PuppetCore, PuppetEdit>;
  private readonly emitted = new Map<number, EmitBatch[]>();

  constructor(private readonly env: DialectEnv) {
    this.space = new JobSpace(env.jobs);
  }

  reset(): void {
    this.space.reset();
    this.emitted.clear();
  }

  private core(id: number): PuppetCore {
    return withEdit(this.space.launched.get(id) ?? generatedCore(this.env, id), this.space.edit(id));
  }

  /** Test knob: `count` events on job `name` at `now`. Returns the ids they got. */
  emit(name: string | number, count: number, now: number): { job: string; first: number; last: number } | undefined {
    const id = Number(name);
    if (!this.space.has(id) || !Number.isInteger(count) || count < 1) return undefined;
    const before = eventsAt(this.env, this.core(id), this.emitted.get(id) ?? [], now).length;
    const list = this.emitted.get(id) ?? [];
    list.push({ at: now, count });
    this.emitted.set(id, list);
    return { job: String(id), first: before + 1, last: before + count };
  }

  handle(ctx: Ctx): Reply {
    const token = ctx.headers['x-authentication'];
    const v = verdict(Array.isArray(token) ? token[0] : token, this.env.tokens, isWrite(ctx.method));
    if (v === 'missing') return perr(401, 'puppetlabs.rbac/user-unauthenticated', 'Route requires authentication');
    if (v === 'wrong')
      return perr(401, 'puppetlabs.rbac/token-revoked', 'The provided token has been revoked or is not valid');
    if (v === 'readonly')
      return perr(
        403,
        'puppetlabs.rbac/permission-denied',
        'The token does not have permission to run orchestrator jobs',
      );
    const seg = strictSegments(ctx.path);
    if (!seg || seg[0] !== 'orchestrator' || seg[1] !== 'v1' || seg.length > 5)
      return perr(404, 'puppetlabs.orchestrator/not-found', `No route for ${ctx.method} ${ctx.path}`);
    if (seg[2] === 'command' && seg.length === 4 && ctx.method === 'POST') {
      if (seg[3] === 'deploy') return this.deploy(ctx);
      if (seg[3] === 'stop') return this.stop(ctx);
      return perr(404, 'puppetlabs.orchestrator/not-found', `Unknown command ${seg[3]}`);
    }
    if (seg[2] !== 'jobs' || ctx.method !== 'GET')
      return perr(404, 'puppetlabs.orchestrator/not-found', `No route for ${ctx.method} ${ctx.path}`);
    if (seg.length === 3) return this.list(ctx);
    const name = seg[3];
    if (!/^\d+$/.test(name))
      return perr(400, 'puppetlabs.orchestrator/validation-error', `Job id '${name}' must be an integer`);
    const id = Number(name);
    if (!this.space.has(id))
      return perr(404, 'puppetlabs.orchestrator/unknown-job', `No job exists with id ${name}`, { 'job-id': name });
    const c = this.core(id);
    const origin = ctx.origin;
    switch (seg[4]) {
      case undefined:
        return json(200, detail(this.env, c, origin, ctx.now));
      case 'nodes':
        return this.nodes(ctx, c);
      case 'report':
        return json(200, { items: reportItems(this.env, c, ctx.now) });
      case 'events':
        return this.events(ctx, c);
      default:
        return perr(404, 'puppetlabs.orchestrator/not-found', `No route for ${ctx.path}`);
    }
  }

  private nextEvents(ctx: Ctx, id: number, next: number): { id: string; event: string } {
    return { id: `${ctx.origin}/orchestrator/v1/jobs/${id}/events?start=${next}`, event: String(next) };
  }

  private events(ctx: Ctx, c: PuppetCore): Reply {
    const raw = ctx.query.get('start');
    if (raw !== null && !/^\d+$/.test(raw))
      return perr(400, 'puppetlabs.orchestrator/validation-error', `start '${raw}' must be a non-negative integer`);
    const start = raw === null ? 0 : Number(raw);
    const all = eventsAt(this.env, c, this.emitted.get(c.id) ?? [], ctx.now);
    const items = all.slice(Math.max(0, start - 1));
    return json(200, { 'next-events': this.nextEvents(ctx, c.id, all.length + 1), items });
  }

  private nodes(ctx: Ctx, c: PuppetCore): Reply {
    const all = eventsAt(this.env, c, this.emitted.get(c.id) ?? [], ctx.now).length;
    let items = nodeItems(this.env, c, ctx.now);
    const state = ctx.query.get('state');
    if (state) items = items.filter((n) => n.state === state);
    const offset = Number(ctx.query.get('offset') ?? 0) || 0;
    const limit = ctx.query.get('limit');
    const total = items.length;
    if (offset || limit) items = items.slice(offset, limit ? offset + (Number(limit) || 0) : undefined);
    const body: Record<string, unknown> = { 'next-events': this.nextEvents(ctx, c.id, all + 1), items };
    if (limit) body.pagination = { limit: Number(limit), offset, total };
    return json(200, body);
  }

  private list(ctx: Ctx): Reply {
    const q = ctx.query;
    const lim = q.get('limit');
    const off = q.get('offset');
    if (lim !== null && !/^\d+$/.test(lim))
      return perr(
        400,
        'puppetlabs.orchestrator/validation-error',
        `The 'limit' parameter must be an integer, got '${lim}'`,
      );
    if (off !== null && !/^\d+$/.test(off))
      return perr(
        400,
        'puppetlabs.orchestrator/validation-error',
        `The 'offset' parameter must be an integer, got '${off}'`,
      );
    const orderBy = q.get('order_by') ?? 'name';
    const order = (q.get('order') ?? 'asc').toLowerCase();
    if (!ORDER_BY.includes(orderBy))
      return perr(
        400,
        'puppetlabs.orchestrator/validation-error',
        `Cannot order by '${orderBy}'; use one of ${ORDER_BY.join(', ')}`,
      );
    if (order !== 'asc' && order !== 'desc')
      return perr(400, 'puppetlabs.orchestrator/validation-error', `'order' must be asc or desc, got '${order}'`);
    const limit = lim === null ? DEFAULT_LIMIT : Number(lim);
    const offset = off === null ? 0 : Number(off);
    const now = ctx.now;
    const key: SortKey['key'] =
      orderBy === 'name'
        ? idKey
        : orderBy === 'owner'
          ? (id) => this.core(id).owner.login
          : orderBy === 'environment'
            ? (id) => this.core(id).environment
            : orderBy === 'state'
              ? (id) => stateAt(this.env, this.core(id), now).state
              : (id) => stateAt(this.env, this.core(id), now).since;
    const sel = select(this.space.liveIds(), undefined, [{ key, desc: order === 'desc' }], offset, limit);
    return json(200, {
      items: sel.ids.map((id) => listItem(this.env, this.core(id), ctx.origin, now)),
      pagination: { limit, offset, total: sel.total },
    });
  }

  private deploy(ctx: Ctx): Reply {
    const body = readJson(ctx);
    if (!body.ok || !isObject(body.value))
      return perr(400, 'puppetlabs.orchestrator/validation-error', body.ok ? 'Body must be a JSON object' : body.error);
    const b = body.value;
    if (typeof b.environment !== 'string' || !b.environment)
      return perr(400, 'puppetlabs.orchestrator/validation-error', "'environment' is required");
    const scope = b.scope;
    if (!isObject(scope))
      return perr(400, 'puppetlabs.orchestrator/validation-error', "'scope' is required: nodes, query or node_group");
    const seed = this.env.seed;
    let nodes: string[];
    if (Array.isArray(scope.nodes)) nodes = scope.nodes.map(String);
    else if (typeof scope.node_group === 'string')
      nodes = Array.from(
        { length: NODE_GROUPS[scope.node_group] ?? between(seed, scope.node_group.length, 'pgrp', 2, 20) },
        (_, k) => nodeName(seed, 0, k),
      );
    else if (typeof scope.query === 'string')
      nodes = Array.from({ length: between(seed, scope.query.length, 'pq', 1, 25) }, (_, k) => nodeName(seed, 1, k));
    else return perr(400, 'puppetlabs.orchestrator/validation-error', "'scope' needs nodes, query or node_group");
    if (!nodes.length)
      return perr(400, 'puppetlabs.orchestrator/empty-target', 'The target of the job contains no nodes');
    const concurrency =
      typeof b.concurrency === 'number' && b.concurrency > 0 ? Math.floor(b.concurrency) : Math.min(nodes.length, 20);
    const noop = b.noop === true;
    const now = ctx.now;
    const { id } = this.space.add((id) => {
      // 4–20 s per wave of nodes, so a 500-node job at concurrency 10 runs a few minutes.
      const perWave = 4_000 + Math.floor(rand(seed, id, 'pwave') * 16_000);
      const startAt = now + 1_000 + Math.floor(rand(seed, id, 'pstart') * 2_000);
      const failed = !noop && rand(seed, id, 'pout') < 0.15;
      return {
        id,
        life: {
          createdAt: now,
          startAt,
          endAt: startAt + perWave * waves(nodes.length, concurrency),
          outcome: failed ? 'fail' : 'ok',
        },
        nodes,
        nodeCount: nodes.length,
        concurrency,
        environment: b.environment as string,
        owner: { id: '42bf351c-f9ec-40af-84ad-e976fec7f4bd', login: 'admin' },
        description: typeof b.description === 'string' ? b.description : '',
        command: 'deploy',
        noop,
        scope,
      };
    });
    return json(202, { job: { id: `${ctx.origin}/orchestrator/v1/jobs/${id}`, name: String(id) } });
  }

  private stop(ctx: Ctx): Reply {
    const body = readJson(ctx);
    if (!body.ok || !isObject(body.value) || body.value.job === undefined)
      return perr(400, 'puppetlabs.orchestrator/validation-error', "'job' is required");
    const name = String(body.value.job);
    const id = /^\d+$/.test(name) ? Number(name) : NaN;
    if (!this.space.has(id))
      return perr(404, 'puppetlabs.orchestrator/unknown-job', `No job exists with id ${name}`, { 'job-id': name });
    const before = this.core(id);
    const st = stateAt(this.env, before, ctx.now).state;
    if (st === 'new' || st === 'ready' || st === 'running') this.space.patch(id, { stopAt: ctx.now });
    const c = this.core(id);
    const pl = planOf(this.env, c);
    const counts: Record<string, number> = {};
    for (const r of pl.nodes) {
      const s = nodeState(r, c.life, pl, ctx.now + 1);
      counts[s] = (counts[s] ?? 0) + 1;
    }
    return json(202, { job: { id: `${ctx.origin}/orchestrator/v1/jobs/${id}`, name: String(id), nodes: counts } });
  }
}
