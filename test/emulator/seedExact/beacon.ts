// beacon, seed-exact. Seed 004 prints no JSON; a job here carries exactly the properties it
// names (its list of filter parameters, plus id, and end_time which Finish Job sets): id, name,
// user, beacon_name, cur_task, total_tasks, add_time, q_time, pickup_time, start_time,
// end_time, result, duplicate_of. Scheduled jobs are {name, id, active} as the seed says. A
// task is what Create Job received in `tasks` (the seed gives it no fields of its own).
// Routes and actions as the seed's endpoint table; worker calls and updates change the job
// (unix seconds; result[] stored as a JSON-encoded array).
import { isWrite, verdict } from '../auth';
import { type Ctx, type Reply, json, readForm, segments } from '../exchange';
import type { Dialect, DialectEnv } from '../dialects/dialect';

interface SeedJob {
  id: number;
  name: string;
  user: string;
  beacon_name: string;
  cur_task: number;
  total_tasks: number;
  add_time: number;
  q_time: number;
  pickup_time: number;
  start_time: number;
  end_time: number;
  result: string | null;
  duplicate_of: number | null;
}

const T = 1714564800; // 2024-05-01T12:00:00Z

function initial(): { jobs: SeedJob[]; tasks: Map<number, unknown[]> } {
  const job = (id: number, over: Partial<SeedJob>): SeedJob => ({
    id,
    name: `job ${id}`,
    user: 'alice',
    beacon_name: 'default',
    cur_task: 0,
    total_tasks: 2,
    add_time: T,
    q_time: 0,
    pickup_time: 0,
    start_time: 0,
    end_time: 0,
    result: null,
    duplicate_of: null,
    ...over,
  });
  const jobs = [
    job(1, { name: 'queued scan', q_time: T + 10 }),
    job(2, {
      name: 'running build',
      q_time: T + 10,
      pickup_time: T + 20,
      start_time: T + 30,
      cur_task: 2,
      total_tasks: 3,
    }),
    job(3, {
      name: 'finished probe',
      q_time: T + 10,
      pickup_time: T + 20,
      start_time: T + 30,
      end_time: T + 90,
      cur_task: 2,
      result: '[{"status":"ok"},{"status":"ok"}]',
    }),
    job(4, {
      name: 'aborted fetch',
      user: 'bob',
      beacon_name: 'lab-2',
      q_time: T + 10,
      pickup_time: T + 20,
      start_time: T + 30,
      end_time: T + 40,
      cur_task: 1,
      result: 'aborted',
    }),
  ];
  const tasks = new Map<number, unknown[]>(
    jobs.map((j) => [
      j.id,
      Array.from({ length: j.total_tasks }, (_, k) => ({ command: 'echo', args: [`step ${k + 1}`] })),
    ]),
  );
  return { jobs, tasks };
}

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
] as const;
const err = (status: number, error: string): Reply => json(status, { error });

export class SeedBeacon implements Dialect {
  readonly kind = 'beacon' as const;
  private state = initial();
  private schedules: { name: string; id: number; active: boolean }[] = [];
  constructor(private readonly env: DialectEnv) {}

  reset(): void {
    this.state = initial();
    this.schedules = [];
  }

  handle(ctx: Ctx): Reply {
    const form = ctx.method === 'POST' ? readForm(ctx) : undefined;
    const v = verdict(
      form?.get('userkey') ?? ctx.query.get('userkey') ?? undefined,
      this.env.tokens,
      isWrite(ctx.method),
    );
    if (v === 'missing' || v === 'wrong') return err(401, 'invalid userkey');
    const all = segments(ctx.path);
    const seg = all.length === 3 && all[2] === '' ? all.slice(0, 2) : all;
    if (seg[0] !== 'api' || seg[1] !== 'jobs' || seg.some((x) => !x) || seg.length > 4)
      return err(404, 'Unknown endpoint');
    const action = ctx.query.get('action') ?? form?.get('action') ?? undefined;
    const now = Math.floor(ctx.now / 1000);
    if (seg.length === 2) {
      if (ctx.method === 'GET' && (action === undefined || action === 'list')) {
        const wanted = FILTERS.filter((f) => ctx.query.has(f));
        return json(
          200,
          this.state.jobs.filter((j) => wanted.every((f) => String(j[f]) === ctx.query.get(f))),
        );
      }
      if (ctx.method === 'POST' && (action === undefined || action === 'create'))
        return this.create(form as URLSearchParams, now);
      return err(400, `Unknown action: ${action}`);
    }
    if (seg[2] === 'scheduled' && seg.length === 3)
      return ctx.method === 'GET' && (action === undefined || action === 'list')
        ? json(200, this.schedules)
        : err(400, `Unknown action: ${action}`);
    const job = this.state.jobs.find((j) => String(j.id) === seg[2]);
    if (!job) return err(404, `Job ${seg[2]} not found`);
    if (seg.length === 4)
      return seg[3] === 'tasks' && ctx.method === 'GET' && (action === undefined || action === 'list')
        ? json(200, this.state.tasks.get(job.id) ?? [])
        : err(400, `Unknown action: ${action}`);
    if (ctx.method === 'GET' && (action === undefined || action === 'show')) return json(200, job);
    if (action === 'pickup') job.pickup_time = now;
    else if (ctx.method !== 'POST') return err(400, `Unknown action: ${action}`);
    else if (action === 'start') job.start_time = now;
    else if (action === 'end') {
      const results = form?.getAll('result[]') ?? [];
      job.end_time = now;
      job.result = results.length ? `[${results.join(',')}]` : null;
    } else if (action === undefined || action === 'update') {
      const cur = form?.get('curtask');
      if (cur !== null && cur !== undefined) job.cur_task = Number(cur);
      const active = form?.get('schedule_active');
      if (active !== null && active !== undefined)
        for (const s of this.schedules) if (s.name === job.name) s.active = active !== 'false' && active !== '0';
    } else return err(400, `Unknown action: ${action}`);
    return json(200, job);
  }

  private create(form: URLSearchParams, now: number): Reply {
    const name = form.get('name');
    if (!name) return err(400, 'name is required');
    let tasks: unknown[];
    try {
      tasks = form.get('tasks') ? (JSON.parse(form.get('tasks') as string) as unknown[]) : [];
    } catch {
      return err(400, 'tasks is not valid JSON');
    }
    const id = Math.max(...this.state.jobs.map((j) => j.id)) + 1;
    const queued = ['true', '1'].includes(form.get('q') ?? '');
    const qTime = Number(form.get('q_time'));
    const job: SeedJob = {
      id,
      name,
      user: form.get('user_id') ?? form.get('user_guid') ?? 'alice',
      beacon_name: form.get('beacon_name') || 'default',
      cur_task: 0,
      total_tasks: tasks.length,
      add_time: now,
      q_time: queued ? (qTime > 0 ? qTime : now) : 0,
      pickup_time: 0,
      start_time: 0,
      end_time: 0,
      result: null,
      duplicate_of: null,
    };
    this.state.jobs.push(job);
    this.state.tasks.set(id, tasks);
    if (['true', '1'].includes(form.get('schedule') ?? ''))
      this.schedules.push({ name, id: this.schedules.length + 1, active: true });
    return json(200, job);
  }
}
