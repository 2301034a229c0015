// stack-jobs. Sources: seed 003 (docs/seeds/003-stack-jobs.txt) and nothing else: no public
// implementation of this API is known, so the seed's words decide and everything else is an
// assumption named here.
// - Routes, exactly as the seed's one literal path `DELETE /jobs/<job id>` writes them (no
//   trailing slash; `/jobs/` or `/jobs/3/` is not routed: 404): GET /jobs?page=N (10 a page),
//   GET /jobs/<id or name> ("looked up by id or name"), POST /jobs, PUT /jobs/<id>,
//   DELETE /jobs/<id> answering {deleted} for an inactive job or {queued_for_deletion} for an
//   active one (then do_del true until its next run, when it is gone). A queued job disabled
//   later (do_run false, do_del true) is not "active and queued for another run": the seed's
//   "Otherwise, it will be deleted immediately" applies, so DELETE deletes it.
// - Choice lists /schedules and /stacks (assumption: the collections schedule_id and stack_id
//   name; same envelope as the job list).
// - Error bodies `{detail}` and their texts follow Django REST framework, whose documentation
//   style the seed's wording suggests (assumption).
// - next_run: the seed says only "timestamp"; we send ISO-8601 UTC ("2024-05-01T02:00:00Z").
import { bearerToken, isWrite, verdict } from '../auth';
import { type Ctx, type Reply, intParam, isObject, json, readJson, strictSegments } from '../exchange';
import { hostileFor } from '../hostile';
import { hash, pick, rand } from '../rng';
import { select } from '../select';
import { isoUtc } from '../timefmt';
import { JobSpace } from '../overlay';
import type { Dialect, DialectEnv } from './dialect';

const PAGE_SIZE = 10;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Schedule {
  id: number;
  name: string | null;
  period: number;
  phase: number;
}

export const SCHEDULES: Schedule[] = [
  { id: 1, name: 'every 5 minutes', period: 5 * MIN, phase: 0 },
  { id: 2, name: 'daily 02:00', period: DAY, phase: 2 * HOUR },
  { id: 3, name: 'every 15 minutes', period: 15 * MIN, phase: 0 },
  { id: 4, name: 'hourly at :30', period: HOUR, phase: 30 * MIN },
  { id: 5, name: 'nightly 23:30', period: DAY, phase: 23 * HOUR + 30 * MIN },
  { id: 6, name: 'weekly, Sunday 03:00', period: 7 * DAY, phase: 3 * DAY + 3 * HOUR }, // epoch was a Thursday
  { id: 7, name: null, period: 6 * HOUR, phase: 0 },
];

export const STACKS = [
  'web-frontend',
  'billing-api',
  'data-pipeline',
  'monitoring',
  'vpn-gateway',
  'ci-runners',
  'search-cluster',
  'edge-cache',
].map((name, k) => ({ id: k + 1, name }));

const VERBS = ['backup', 'redeploy', 'scale down', 'scale up', 'rotate certs', 'snapshot', 'health check', 'patch'];

interface StackJob {
  name: string | null;
  stack: number;
  schedule: number;
  enabled: boolean;
  /** When it was queued for deletion; it is deleted at the next run after this. */
  queuedAt?: number;
}

const OWNER_ID = 42;

export function nextTick(s: Schedule, after: number): number {
  const k = Math.floor((after - s.phase) / s.period) + 1;
  return k * s.period + s.phase;
}

const err = (status: number, detail: string): Reply => json(status, { detail });

export class StackJobsDialect implements Dialect {
  readonly kind = 'stack-jobs' as const;
  private readonly space: JobSpace<StackJob, Partial<StackJob>>;

  constructor(private readonly env: DialectEnv) {
    this.space = new JobSpace(env.jobs);
  }

  reset(): void {
    this.space.reset();
  }

  private generated(i: number): StackJob {
    const { seed } = this.env;
    const stack = STACKS[hash(seed, i, 'sstack') % STACKS.length];
    const r = rand(seed, i, 'sstate');
    const evil = hostileFor(this.env.hostile, seed, i, 'sname');
    return {
      name: rand(seed, i, 'snull') < 0.03 ? null : (evil ?? `${stack.name} ${pick(seed, i, 'sverb', VERBS)} #${i}`),
      stack: stack.id,
      schedule: SCHEDULES[hash(seed, i, 'ssched') % SCHEDULES.length].id,
      enabled: r < 0.8,
      // A few were queued for deletion just before start: they go at their next run.
      queuedAt: r >= 0.76 && r < 0.8 ? this.env.base : undefined,
    };
  }

  private job(id: number): StackJob {
    const base = this.space.launched.get(id) ?? this.generated(id);
    const e = this.space.edit(id);
    return e ? { ...base, ...e } : base;
  }

  private schedule(id: number): Schedule {
    return SCHEDULES.find((s) => s.id === id) ?? SCHEDULES[0];
  }

  private exists(id: number, now: number): boolean {
    if (!this.space.has(id)) return false;
    // Fast path for the common case (untouched generated job, not queued): one hash.
    if (this.space.isGenerated(id) && !this.space.edit(id)) {
      const r = rand(this.env.seed, id, 'sstate');
      if (r < 0.76 || r >= 0.8) return true;
    }
    const j = this.job(id);
    return j.queuedAt === undefined || now < nextTick(this.schedule(j.schedule), j.queuedAt);
  }

  private wire(id: number, now: number): Record<string, unknown> {
    const j = this.job(id);
    return {
      id,
      name: j.name,
      stack: j.stack,
      schedule: j.schedule,
      next_run: isoUtc(nextTick(this.schedule(j.schedule), now)),
      do_run: j.enabled,
      do_del: j.queuedAt !== undefined,
    };
  }

  handle(ctx: Ctx): Reply {
    const v = verdict(bearerToken(ctx.headers), this.env.tokens, isWrite(ctx.method));
    if (v === 'missing') return err(401, 'Authentication credentials were not provided.');
    if (v === 'wrong') return err(401, 'Invalid token.');
    if (v === 'readonly') return err(403, 'You do not have permission to perform this action.');
    const seg = strictSegments(ctx.path);
    if (!seg) return err(404, 'Not found.');
    if ((seg[0] === 'schedules' || seg[0] === 'stacks') && seg.length <= 2) return this.choices(ctx, seg[0], seg[1]);
    if (seg[0] !== 'jobs' || seg.length > 2) return err(404, 'Not found.');
    if (seg.length === 1) {
      if (ctx.method === 'GET') return this.list(ctx);
      if (ctx.method === 'POST') return this.create(ctx);
      return err(405, `Method "${ctx.method}" not allowed.`);
    }
    const id = this.find(seg[1], ctx.now);
    if (id === undefined) return err(404, 'Not found.');
    if (ctx.method === 'GET') return json(200, this.wire(id, ctx.now));
    if (ctx.method === 'PUT' || ctx.method === 'PATCH') return this.update(ctx, id);
    if (ctx.method === 'DELETE') return this.remove(ctx, id);
    return err(405, `Method "${ctx.method}" not allowed.`);
  }

  /** By id, else by name (the seed: "looked up by id or name"). */
  private find(key: string, now: number): number | undefined {
    if (/^\d+$/.test(key) && this.exists(Number(key), now)) return Number(key);
    for (const id of this.space.liveIds()) if (this.job(id).name === key && this.exists(id, now)) return id;
    return undefined;
  }

  private list(ctx: Ctx): Reply {
    const page = intParam(ctx.query, 'page', 1);
    if (Number.isNaN(page) || page < 1) return err(404, 'Invalid page.');
    const sel = select(this.space.liveIds(), (id) => this.exists(id, ctx.now), [], (page - 1) * PAGE_SIZE, PAGE_SIZE);
    if (!sel.ids.length && page > 1) return err(404, 'Invalid page.');
    const jobs = sel.ids.map((id) => this.wire(id, ctx.now));
    return json(200, { count: sel.total, pagesize: jobs.length, page, jobs });
  }

  private fields(b: Record<string, unknown>, partial: boolean): Partial<StackJob> | string {
    const out: Partial<StackJob> = {};
    if (b.schedule_id !== undefined) {
      const s = Number(b.schedule_id);
      if (!SCHEDULES.some((x) => x.id === s))
        return `Invalid schedule_id "${String(b.schedule_id)}" - object does not exist.`;
      out.schedule = s;
    } else if (!partial) return 'schedule_id: This field is required.';
    if (b.stack_id !== undefined) {
      const s = Number(b.stack_id);
      if (!STACKS.some((x) => x.id === s)) return `Invalid stack_id "${String(b.stack_id)}" - object does not exist.`;
      out.stack = s;
    } else if (!partial) return 'stack_id: This field is required.';
    if (b.name !== undefined) {
      if (b.name !== null && typeof b.name !== 'string') return 'name: Not a valid string.';
      out.name = b.name as string | null;
    }
    if (b.enabled !== undefined) {
      if (typeof b.enabled !== 'boolean') return 'enabled: Must be a valid boolean.';
      out.enabled = b.enabled;
    }
    return out;
  }

  private create(ctx: Ctx): Reply {
    const body = readJson(ctx);
    if (!body.ok) return err(400, body.error);
    if (!isObject(body.value)) return err(400, 'Expected a JSON object.');
    const f = this.fields(body.value, false);
    if (typeof f === 'string') return err(400, f);
    const { id } = this.space.add(() => ({
      name: f.name ?? null,
      stack: f.stack as number,
      schedule: f.schedule as number,
      enabled: f.enabled ?? false,
    }));
    return json(201, { id });
  }

  private update(ctx: Ctx, id: number): Reply {
    const body = readJson(ctx);
    if (!body.ok) return err(400, body.error);
    if (!isObject(body.value)) return err(400, 'Expected a JSON object.');
    const f = this.fields(body.value, true);
    if (typeof f === 'string') return err(400, f);
    this.space.patch(id, f);
    const { id: _id, ...rest } = this.wire(id, ctx.now);
    void _id;
    return json(200, { owner: OWNER_ID, ...rest });
  }

  private remove(ctx: Ctx, id: number): Reply {
    const j = this.job(id);
    if (!j.enabled) {
      this.space.remove(id);
      return json(200, { deleted: id });
    }
    if (j.queuedAt !== undefined) return json(200, { queued_for_deletion: id });
    this.space.patch(id, { queuedAt: ctx.now });
    return json(200, { queued_for_deletion: id });
  }

  private choices(ctx: Ctx, what: 'schedules' | 'stacks', one: string | undefined): Reply {
    if (ctx.method !== 'GET') return err(405, `Method "${ctx.method}" not allowed.`);
    const items = what === 'schedules' ? SCHEDULES.map((s) => ({ id: s.id, name: s.name })) : STACKS;
    if (one !== undefined) {
      const hit = items.find((x) => String(x.id) === one);
      return hit ? json(200, hit) : err(404, 'Not found.');
    }
    const page = intParam(ctx.query, 'page', 1);
    if (Number.isNaN(page) || page < 1) return err(404, 'Invalid page.');
    const slice = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    if (!slice.length && page > 1) return err(404, 'Invalid page.');
    return json(200, { count: items.length, pagesize: slice.length, page, [what]: slice });
  }
}
