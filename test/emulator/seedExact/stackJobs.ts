// stack-jobs, seed-exact. Seed 003 prints no JSON, only field lists; these payloads carry
// exactly the fields it lists and no other, with values made up:
//   list: count, pagesize, page, jobs[{id, name, stack, schedule, next_run, do_run, do_del}]
//   get:  id, name, stack, schedule, next_run, do_run, do_del
//   create → {id}; update → {owner, name, stack, schedule, next_run, do_run, do_del} (no id);
//   delete → {deleted} or {queued_for_deletion} (an active job is queued, any other deleted).
// Paths as its one literal path, `/jobs/<job id>`. Creates, updates and deletes are kept, so a
// command's result can be read back. No choice lists (not in the seed): not routed.
import { bearerToken, isWrite, verdict } from '../auth';
import { type Ctx, type Reply, isObject, json, readJson, strictSegments } from '../exchange';
import type { Dialect, DialectEnv } from '../dialects/dialect';

interface SeedJob {
  id: number;
  name: string | null;
  stack: number;
  schedule: number;
  next_run: string;
  do_run: boolean;
  do_del: boolean;
}

const PAGE_SIZE = 10;
const OWNER = 7;

function initial(): SeedJob[] {
  return [
    {
      id: 1,
      name: 'nightly backup',
      stack: 3,
      schedule: 2,
      next_run: '2024-05-02T02:00:00Z',
      do_run: true,
      do_del: false,
    },
    {
      id: 2,
      name: 'weekly report',
      stack: 1,
      schedule: 6,
      next_run: '2024-05-05T03:00:00Z',
      do_run: false,
      do_del: false,
    },
    { id: 3, name: null, stack: 2, schedule: 1, next_run: '2024-05-01T12:05:00Z', do_run: true, do_del: true },
  ];
}

const err = (status: number, detail: string): Reply => json(status, { detail });

export class SeedStackJobs implements Dialect {
  readonly kind = 'stack-jobs' as const;
  private jobs = initial();
  constructor(private readonly env: DialectEnv) {}

  reset(): void {
    this.jobs = initial();
  }

  handle(ctx: Ctx): Reply {
    const v = verdict(bearerToken(ctx.headers), this.env.tokens, isWrite(ctx.method));
    if (v === 'missing' || v === 'wrong') return err(401, 'Authentication credentials were not provided.');
    const seg = strictSegments(ctx.path);
    if (!seg || seg[0] !== 'jobs' || seg.length > 2) return err(404, 'Not found.');
    if (seg.length === 1) {
      if (ctx.method === 'GET') {
        const page = Number(ctx.query.get('page') ?? '1');
        const slice = this.jobs.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
        if (!Number.isInteger(page) || page < 1 || (page > 1 && !slice.length)) return err(404, 'Invalid page.');
        return json(200, { count: this.jobs.length, pagesize: slice.length, page, jobs: slice });
      }
      if (ctx.method !== 'POST') return err(405, `Method "${ctx.method}" not allowed.`);
      const b = readJson(ctx);
      if (
        !b.ok ||
        !isObject(b.value) ||
        typeof b.value.schedule_id !== 'number' ||
        typeof b.value.stack_id !== 'number'
      )
        return err(400, 'schedule_id and stack_id are required integers.');
      const id = Math.max(0, ...this.jobs.map((j) => j.id)) + 1;
      this.jobs.push({
        id,
        name: typeof b.value.name === 'string' ? b.value.name : null,
        stack: b.value.stack_id,
        schedule: b.value.schedule_id,
        next_run: '2024-05-02T02:00:00Z',
        do_run: b.value.enabled === true,
        do_del: false,
      });
      return json(200, { id });
    }
    const job = this.jobs.find((j) => String(j.id) === seg[1]) ?? this.jobs.find((j) => j.name === seg[1]);
    if (!job) return err(404, 'Not found.');
    if (ctx.method === 'GET') return json(200, { ...job });
    if (ctx.method === 'PUT') {
      const b = readJson(ctx);
      if (!b.ok || !isObject(b.value)) return err(400, 'Expected a JSON object.');
      const u = b.value;
      if (typeof u.name === 'string') job.name = u.name;
      if (typeof u.schedule_id === 'number') job.schedule = u.schedule_id;
      if (typeof u.stack_id === 'number') job.stack = u.stack_id;
      if (typeof u.enabled === 'boolean') job.do_run = u.enabled;
      const { id: _id, ...rest } = job;
      void _id;
      return json(200, { owner: OWNER, ...rest });
    }
    if (ctx.method === 'DELETE') {
      if (job.do_run) {
        job.do_del = true;
        return json(200, { queued_for_deletion: job.id });
      }
      this.jobs = this.jobs.filter((j) => j !== job);
      return json(200, { deleted: job.id });
    }
    return err(405, `Method "${ctx.method}" not allowed.`);
  }
}
