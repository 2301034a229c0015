// cnaas-nms (seed 000): GET /api/v1.0/jobs, GET /api/v1.0/job/<id>, PUT /api/v1.0/job/<id>
// {action: "ABORT"}. Paging: legacy `limit` and current `page`/`per_page`; `sort`;
// `filter[field]=` and `filter[field][contains]=`; total in X-Total-Count.
import { bearerToken, isWrite, verdict } from '../auth';
import { type Ctx, type Reply, intParam, isObject, json, readJson, segments } from '../exchange';
import { JobSpace } from '../overlay';
import { idKey, select, type SortKey, type SortValue } from '../select';
import { stoppedLife } from '../timeline';
import {
  type CnaasCore,
  type CnaasEdit,
  core,
  idFromObjectId,
  objectId,
  startTime,
  statusOf,
  wireJob,
} from './cnaasData';
import type { Dialect, DialectEnv } from './dialect';

/** Current CNaaS caps per_page; without paging parameters we answer the first 1000 too. */
const MAX_PER_PAGE = 1000;

const err = (status: number, message: string): Reply => json(status, { status: 'error', message });

export class CnaasDialect implements Dialect {
  readonly kind = 'cnaas-nms' as const;
  private readonly space: JobSpace<CnaasCore, CnaasEdit>;

  constructor(private readonly env: DialectEnv) {
    this.space = new JobSpace(env.jobs);
  }

  reset(): void {
    this.space.reset();
  }

  private core(id: number): CnaasCore {
    const launched = this.space.launched.get(id);
    const edit = this.space.edit(id);
    if (launched)
      return edit?.abortedAt !== undefined
        ? { ...launched, life: stoppedLife(launched.life, edit.abortedAt) }
        : launched;
    return core(this.env, id, edit);
  }

  private idOf = (id: number): string | number =>
    this.env.cnaasResultShape === 'seed' ? objectId(this.env, this.core(id)) : id;

  private parseId(s: string): number {
    if (this.env.cnaasResultShape === 'seed' && !/^\d+$/.test(s)) return idFromObjectId(s);
    return /^\d+$/.test(s) ? Number(s) : NaN;
  }

  private wire(id: number, now: number): Record<string, unknown> {
    return wireJob(this.env, this.core(id), now, this.idOf, (n) => this.space.has(n));
  }

  handle(ctx: Ctx): Reply {
    const v = verdict(bearerToken(ctx.headers), this.env.tokens, isWrite(ctx.method));
    if (v === 'missing') return err(401, 'JWT token missing or malformed');
    if (v === 'wrong') return err(401, 'Invalid JWT token');
    if (v === 'readonly') return err(403, 'Token is read-only');
    const seg = segments(ctx.path);
    if (seg[0] !== 'api' || seg[1] !== 'v1.0') return err(404, 'Not found');
    if (seg[2] === 'jobs' && seg.length === 3 && ctx.method === 'GET') return this.list(ctx);
    if (seg[2] === 'job' && seg.length === 4) {
      const id = this.parseId(seg[3]);
      if (!this.space.has(id)) return err(404, `No job with id ${seg[3]} found`);
      if (ctx.method === 'GET') return json(200, { status: 'success', data: { jobs: [this.wire(id, ctx.now)] } });
      if (ctx.method === 'PUT') return this.abort(ctx, id);
      return err(405, 'Method not allowed');
    }
    return err(404, 'Not found');
  }

  /** CNaaS aborts a job with PUT /job/<id> {"action": "ABORT"} (scheduled or running). */
  private abort(ctx: Ctx, id: number): Reply {
    const body = readJson(ctx);
    if (!body.ok) return err(400, body.error);
    if (!isObject(body.value) || String(body.value.action ?? '').toUpperCase() !== 'ABORT')
      return err(400, 'Unknown action, only ABORT is supported');
    const status = statusOf(this.core(id), ctx.now);
    if (status !== 'SCHEDULED' && status !== 'RUNNING')
      return err(400, `Job id ${id} is in state ${status} and can not be aborted`);
    this.space.patch(id, { abortedAt: ctx.now });
    return json(200, { status: 'success', data: `Job id ${id} marked as ABORTED` });
  }

  private sortKey(field: string, now: number): SortKey['key'] | undefined {
    switch (field) {
      case 'id':
        return idKey;
      case 'start_time':
        return (id) => startTime(this.core(id), now);
      case 'finish_time':
        return (id) => {
          const c = this.core(id);
          return now >= c.life.endAt ? c.life.endAt : null;
        };
      case 'scheduled_time':
        return (id) => this.core(id).life.createdAt;
      case 'function_name':
        return (id) => this.core(id).fn;
      case 'status':
        return (id) => statusOf(this.core(id), now);
      case 'scheduled_by':
        return (id) => this.core(id).scheduledBy;
      default:
        return undefined;
    }
  }

  private fieldValue(field: string, id: number, now: number): SortValue {
    const c = this.core(id);
    switch (field) {
      case 'id':
        return id;
      case 'status':
        return statusOf(c, now);
      case 'function_name':
        return c.fn;
      case 'scheduled_by':
        return c.scheduledBy;
      case 'comment':
        return c.comment;
      case 'ticket_ref':
        return c.ticketRef;
      default:
        return undefined;
    }
  }

  private list(ctx: Ctx): Reply {
    const q = ctx.query;
    const limit = intParam(q, 'limit', -1);
    const page = intParam(q, 'page', 1);
    const perPage = intParam(q, 'per_page', MAX_PER_PAGE);
    if (Number.isNaN(limit) || Number.isNaN(page) || Number.isNaN(perPage) || page < 1)
      return err(400, 'Invalid paging arguments');

    const filters: { field: string; op: 'eq' | 'contains'; value: string }[] = [];
    for (const [key, value] of q) {
      const m = /^filter\[([a-z_]+)\](?:\[([a-z]+)\])?$/.exec(key);
      if (!m) continue;
      if (m[2] && m[2] !== 'contains') return err(400, `Unknown filter operator ${m[2]}`);
      if (!['id', 'status', 'function_name', 'scheduled_by', 'comment', 'ticket_ref'].includes(m[1]))
        return err(400, `Can't filter on field ${m[1]}`);
      filters.push({ field: m[1], op: m[2] ? 'contains' : 'eq', value });
    }
    const sortParam = q.get('sort') ?? '-id';
    const sorts: SortKey[] = [];
    for (const part of sortParam.split(',').filter(Boolean)) {
      const desc = part.startsWith('-');
      const key = this.sortKey(desc ? part.slice(1) : part, ctx.now);
      if (!key) return err(400, `Can't sort on field ${part}`);
      sorts.push({ key, desc });
    }
    const keep = filters.length
      ? (id: number) =>
          filters.every((f) => {
            const v = this.fieldValue(f.field, id, ctx.now);
            if (v === null || v === undefined) return false;
            const s = String(v).toLowerCase();
            return f.op === 'contains' ? s.includes(f.value.toLowerCase()) : s === f.value.toLowerCase();
          })
      : undefined;

    // Legacy servers know only `limit` (the first N); current ones page and may also cap.
    const paged = q.has('page') || q.has('per_page');
    const size = paged ? Math.min(perPage, MAX_PER_PAGE) : limit >= 0 ? limit : MAX_PER_PAGE;
    const count = paged && limit >= 0 ? Math.min(size, limit) : size;
    const sel = select(this.space.liveIds(), keep, sorts, paged ? (page - 1) * size : 0, count);
    const jobs = sel.ids.map((id) => this.wire(id, ctx.now));
    return json(200, { status: 'success', data: { jobs } }, { 'X-Total-Count': String(sel.total) });
  }
}
