// beacon. Sources: seed 004 (docs/seeds/004-beacon-jobs.txt) and nothing else: no public
// implementation is known, so the seed's endpoint table and sections decide, and every
// assumption is named here.
// - Routes, as the seed writes them: /api/jobs and /api/jobs/ (the table writes the one, the
//   sections the other) with action=list (GET, default) | create (POST, default);
//   /api/jobs/<id> with show (GET, default) | pickup (GET or POST) | update (POST, default) |
//   start | end; /api/jobs/<id>/tasks with list; /api/jobs/scheduled with list. Nothing
//   else is routed (a trailing slash on the others is a 404).
// - Tasks: the endpoint table routes only `list` there; the section's `action=show` is the
//   section's title leaking into its URL, and a server built from the table answers it
//   with "Unknown action" (400). No action at all is the default (list).
// - The Start and Finish sections both say `action=pickup`: slips for `start` and `end`.
// - List filters are the seed's list of valid filter parameters (beacon_name, user, name,
//   cur_task, total_tasks, add_time, q_time, pickup_time, start_time, result, duplicate_of),
//   compared exactly; other parameters are ignored (end_time is not in the list).
// - cur_task is "the task that is currently being processed", counted from 1 (0: none yet,
//   what a new job has); at the end it is the last task that ran.
// - result is what Finish Job stored from its `result[]` parameters: a JSON-encoded array of
//   the task results in order, or null when none were posted. Generated jobs also carry the
//   loose words older workers post ("success", "failure", "aborted", "partial").
// - `userkey` rides in the query on GET and in the form body on POST; POST bodies are forms.
//   Error bodies are {error} (assumption). No paging: a list is the whole filtered list.
import { isWrite, verdict } from '../auth';
import { type Ctx, type Reply, json, readForm, segments } from '../exchange';
import { JobSpace } from '../overlay';
import { launchedLife } from '../timeline';
import { unixSeconds } from '../timefmt';
import { type BeaconCore, type Manual, type Task, fieldsAt, generatedCore, taskList, wireJob } from './beaconData';
import type { Dialect, DialectEnv } from './dialect';

const FILTERS = [
  'beacon_name',
  'user',
  'name',
  'cur_task',
  'total_tasks',
  'add_time',
  'q_time',
  'pickup_time',
  'start_time',
  'result',
  'duplicate_of',
];

interface Schedule {
  id: number;
  jobId: number;
  name: string;
  active: boolean;
}

const err = (status: number, error: string): Reply => json(status, { error });

function truthy(v: string | null): boolean {
  return v !== null && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export class BeaconDialect implements Dialect {
  readonly kind = 'beacon' as const;
  private readonly space: JobSpace<BeaconCore, { manual: Manual }>;
  private schedules: Schedule[] = [];
  private nextSchedule = 1;

  constructor(private readonly env: DialectEnv) {
    this.space = new JobSpace(env.jobs);
    this.reset();
  }

  reset(): void {
    this.space.reset();
    // A few generated jobs are scheduled ones; schedule ids are their own sequence.
    const names = ['nightly scan', 'weekly report', 'inventory sync', 'backup verify'];
    this.schedules = names
      .map((name, k) => ({ id: k + 5, jobId: Math.min(this.env.jobs, 1 + k * 7), name, active: k !== 1 }))
      .filter((s) => s.jobId >= 1);
    this.nextSchedule = 5 + names.length;
  }

  private core(id: number): BeaconCore {
    const base = this.space.launched.get(id) ?? generatedCore(this.env, id);
    const e = this.space.edit(id);
    return e ? { ...base, manual: e.manual } : base;
  }

  handle(ctx: Ctx): Reply {
    const form = ctx.method === 'POST' ? readForm(ctx) : undefined;
    const key = form?.get('userkey') ?? ctx.query.get('userkey') ?? undefined;
    const v = verdict(key, this.env.tokens, isWrite(ctx.method));
    if (v === 'missing') return err(401, 'userkey required');
    if (v === 'wrong') return err(401, 'invalid userkey');
    if (v === 'readonly') return err(403, 'userkey is not allowed to change jobs');
    const all = segments(ctx.path);
    // The collection is written both ways in the seed; nothing else takes a trailing slash.
    const seg = all.length === 3 && all[0] === 'api' && all[1] === 'jobs' && all[2] === '' ? all.slice(0, 2) : all;
    if (seg[0] !== 'api' || seg[1] !== 'jobs' || seg.some((x) => x === undefined || x === '') || seg.length > 4)
      return err(404, 'Unknown endpoint');
    const action = ctx.query.get('action') ?? form?.get('action') ?? undefined;
    if (seg.length === 2) {
      if (ctx.method === 'GET' && (action === undefined || action === 'list')) return this.list(ctx);
      if (ctx.method === 'POST' && (action === undefined || action === 'create'))
        return this.create(ctx, form as URLSearchParams);
      return err(400, `Unknown action: ${action}`);
    }
    if (seg[2] === 'scheduled' && seg.length === 3) {
      if (ctx.method === 'GET' && (action === undefined || action === 'list'))
        return json(
          200,
          this.schedules.map((s) => ({ name: s.name, id: s.id, active: s.active })),
        );
      return err(400, `Unknown action: ${action}`);
    }
    const id = /^\d+$/.test(seg[2] as string) ? Number(seg[2]) : NaN;
    if (!this.space.has(id)) return err(404, `Job ${seg[2]} not found`);
    if (seg.length === 4 && seg[3] === 'tasks') {
      if (ctx.method === 'GET' && (action === undefined || action === 'list'))
        return json(200, taskList(this.env, this.core(id), ctx.now));
      return err(400, `Unknown action: ${action}`);
    }
    if (seg.length !== 3) return err(404, 'Unknown endpoint');
    if (ctx.method === 'GET') {
      if (action === undefined || action === 'show') return json(200, wireJob(this.env, this.core(id), ctx.now));
      if (action === 'pickup') return this.worker(ctx, id, 'pickup', undefined);
      return err(400, `Unknown action: ${action}`);
    }
    if (ctx.method !== 'POST') return err(405, 'Method not allowed');
    if (action === undefined || action === 'update') return this.update(ctx, id, form as URLSearchParams);
    // `start` and `end` are their own actions (the doc's Start/Finish sections say pickup:
    // a slip); pickup on a job already picked up is just a pickup again.
    if (action === 'pickup' || action === 'start' || action === 'end') return this.worker(ctx, id, action, form);
    return err(400, `Unknown action: ${action}`);
  }

  private list(ctx: Ctx): Reply {
    const filters = FILTERS.filter((f) => ctx.query.has(f)).map((f) => [f, ctx.query.get(f) as string] as const);
    const parts: string[] = [];
    for (const id of this.space.liveIds()) {
      const job = wireJob(this.env, this.core(id), ctx.now);
      const ok = filters.every(([f, want]) => {
        const v = job[f];
        return v === null || v === undefined ? want === '' || want === 'null' : String(v) === want;
      });
      if (ok) parts.push(JSON.stringify(job));
    }
    return { status: 200, text: `[${parts.join(',')}]`, headers: { 'Content-Type': 'application/json' } };
  }

  private create(ctx: Ctx, form: URLSearchParams): Reply {
    const name = form.get('name');
    if (!name) return err(400, 'name is required');
    let tasks: Task[] = [];
    const raw = form.get('tasks');
    if (raw) {
      try {
        const parsed = JSON.parse(raw) as unknown;
        if (!Array.isArray(parsed)) return err(400, 'tasks must be a JSON array');
        tasks = parsed.map((t) => (typeof t === 'object' && t !== null ? (t as Task) : { command: String(t) }));
      } catch {
        return err(400, 'tasks is not valid JSON');
      }
    }
    const now = ctx.now;
    const queued = truthy(form.get('q'));
    const qParam = Number(form.get('q_time'));
    const qAt = queued ? (Number.isFinite(qParam) && qParam > 0 ? qParam * 1000 : now) : undefined;
    const { id, job } = this.space.add((id) => {
      const life = launchedLife(this.env.seed, id, Math.max(now, qAt ?? now), 'beacon');
      return {
        id,
        name,
        user: form.get('user_id') ?? form.get('user_guid') ?? 'api',
        beacon: form.get('beacon_name') || 'default',
        tasks,
        // Not queued: it waits for a worker; queued: a simulated beacon picks it up soon.
        life: qAt === undefined ? { ...life, startAt: Infinity, endAt: Infinity } : life,
        addTime: now,
        qTime: qAt,
        duplicateOf: null,
      };
    });
    if (truthy(form.get('schedule'))) this.schedules.push({ id: this.nextSchedule++, jobId: id, name, active: true });
    return json(200, wireJob(this.env, job, now));
  }

  private takeOver(id: number, now: number): Manual {
    const e = this.space.edit(id);
    if (e) return { ...e.manual };
    return { ...fieldsAt(this.env, this.core(id), now) };
  }

  private update(ctx: Ctx, id: number, form: URLSearchParams): Reply {
    const cur = form.get('curtask');
    if (cur !== null) {
      const n = Number(cur);
      if (!Number.isInteger(n) || n < 0) return err(400, 'curtask must be an integer');
      const m = this.takeOver(id, ctx.now);
      m.cur_task = n;
      this.space.patch(id, { manual: m });
    }
    const active = form.get('schedule_active');
    if (active !== null)
      for (const s of this.schedules) if (s.jobId === id) s.active = active !== 'false' && active !== '0';
    return json(200, wireJob(this.env, this.core(id), ctx.now));
  }

  private worker(ctx: Ctx, id: number, action: 'pickup' | 'start' | 'end', form: URLSearchParams | undefined): Reply {
    const m = this.takeOver(id, ctx.now);
    const t = unixSeconds(ctx.now);
    if (action === 'pickup') m.pickup_time = t;
    if (action === 'start') {
      if (!m.pickup_time) m.pickup_time = t;
      m.start_time = t;
      if (!m.cur_task) m.cur_task = 1;
    }
    if (action === 'end') {
      const results = (form?.getAll('result[]') ?? []).map((r) => {
        try {
          return JSON.parse(r) as unknown;
        } catch {
          return r;
        }
      });
      m.end_time = t;
      // The last task that ran: one per posted result, else wherever the worker was.
      m.cur_task = results.length ? Math.min(results.length, this.core(id).tasks.length) : m.cur_task;
      m.result = results.length ? JSON.stringify(results) : null;
    }
    this.space.patch(id, { manual: m });
    return json(200, wireJob(this.env, this.core(id), ctx.now));
  }
}
