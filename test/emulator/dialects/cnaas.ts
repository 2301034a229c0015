// cnaas-nms. Sources: seed 000 (docs/seeds/000-cnaas-nms-jobs.txt) for the list and the
// older result shape; SUNET/cnaas-nms for everything the seed leaves out, read from the code:
// src/cnaas_nms/api/jobs.py (routes, GET and PUT of one job, ABORT), api/generic.py (paging,
// sort, filters, X-Total-Count, Link), db/job.py (columns, JobStatus and its order, the
// exception object, ABORTING), api/app.py (error bodies and their odd statuses); SUNET/
// cnaas-front's JobList.js for the queries a real client sends (sort=-id, filter[...],
// page, per_page, X-Total-Count) and FirmwareUpgrade.js for the abort body.
//
// Two servers, by `cnaasResultShape`:
// - 'current' (default): today's CNaaS-NMS.
//   GET /api/v1.0/jobs: `per_page` 1–1000 (default 50; anything else is a 400), `page` (not a
//   number: the first page; below 1: the first page), `sort=[-]column` (lower-cased; an
//   unknown column is ignored: then id ascending, the default), `filter[column]=value` (a
//   string column compares exactly; the status enum is upper-cased and checked) and
//   `filter[column][contains]=value` (ILIKE, so % and _ are wildcards; not for the enum,
//   integer or datetime columns). An unknown column, enum value or `contains` on those types
//   is a 400 {"status": "error", "message": "Unable to filter jobs: …"}. `limit` is not a
//   parameter any more (ignored). The answer carries X-Total-Count (0 on a page past the end:
//   the count rides on the rows) and a Link header with rel next/last.
//   GET /api/v1.0/job/<int>: {status, data: {jobs: [job]}}, an unknown id a 400 "No job with id
//   N found". PUT /api/v1.0/job/<int> {"action": "ABORT", "abort_reason": "…"}: a SCHEDULED job
//   ends ABORTED at once (result {message}), a RUNNING one is ABORTING until its task notices
//   (5 s here), then ABORTED; any other state is a 400.
//   Routing is Flask's: no trailing slash, `<int:job_id>`; an unrouted path is Flask's HTML
//   404 page; another HTTP error (405, a body that is not JSON) goes through app.py's
//   handle_error, which answers it with 401 and {"status": "error", "message": "<reason>"}.
// - 'seed': the 2019 server the seed documents (mongodb era, read from cnaas-nms history:
//   api/generic.py limit_results, db/dataclass_persistence.py get_last_entries):
//   GET /api/v1.0/jobs?limit=N only (default 10, clamped to 1–100), newest first, no
//   X-Total-Count; ObjectId ids; the seed's result.<device>: [{name, …}] shape; no abort.
import { bearerToken, isWrite, verdict } from '../auth';
import { type Ctx, type Reply, isObject, json, readJson, segments } from '../exchange';
import { JobSpace } from '../overlay';
import { idKey, select, type SortKey, type SortValue } from '../select';
import {
  type CnaasCore,
  type CnaasEdit,
  STATUS_ORDER,
  core,
  idFromObjectId,
  objectId,
  startTime,
  statusOf,
  wireJob,
  withAbort,
} from './cnaasData';
import type { Dialect, DialectEnv } from './dialect';

const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 1000;
const FILTER_RE = /^filter\[([a-zA-Z0-9_.]+)\](\[[a-z]+\])?$/;

type ColumnType = 'int' | 'enum' | 'datetime' | 'text' | 'json';
/** db/job.py's Job columns. */
const COLUMNS: Record<string, ColumnType> = {
  id: 'int',
  status: 'enum',
  scheduled_time: 'datetime',
  start_time: 'datetime',
  finish_time: 'datetime',
  function_name: 'text',
  scheduled_by: 'text',
  comment: 'text',
  ticket_ref: 'text',
  next_job_id: 'int',
  result: 'json',
  exception: 'json',
  finished_devices: 'json',
  change_score: 'int',
  start_arguments: 'json',
};

const err = (status: number, message: string): Reply => json(status, { status: 'error', message });

/** Werkzeug's NotFound page, what Flask answers for a path no route matches. */
const FLASK_404 =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';
const notFound = (): Reply => ({
  status: 404,
  text: FLASK_404,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
});

/** Python's int() of a query value, or undefined. */
function pyInt(v: string | null): number | undefined {
  if (v === null || !/^\s*[+-]?\d+\s*$/.test(v)) return undefined;
  return Number(v.trim());
}

/** SQL ILIKE '%value%' (with % and _ as wildcards in the value). */
function ilike(value: string): RegExp {
  const body = [...value]
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(body, 'is');
}

interface Filter {
  column: string;
  test: (v: SortValue) => boolean;
}

export class CnaasDialect implements Dialect {
  readonly kind = 'cnaas-nms' as const;
  private readonly space: JobSpace<CnaasCore, CnaasEdit>;

  constructor(private readonly env: DialectEnv) {
    this.space = new JobSpace(env.jobs);
  }

  reset(): void {
    this.space.reset();
  }

  private get legacy(): boolean {
    return this.env.cnaasResultShape === 'seed';
  }

  private core(id: number): CnaasCore {
    const launched = this.space.launched.get(id);
    const edit = this.space.edit(id);
    if (launched) return edit ? withAbort(launched, edit) : launched;
    return core(this.env, id, edit);
  }

  private idOf = (id: number): string | number => (this.legacy ? objectId(this.env, this.core(id)) : id);

  private wire(id: number, now: number): Record<string, unknown> {
    return wireJob(this.env, this.core(id), now, this.idOf, (n) => this.space.has(n));
  }

  handle(ctx: Ctx): Reply {
    // Flask routes first: an unrouted path is a 404 whatever the token.
    const seg = segments(ctx.path);
    const list = seg.length === 3 && seg[0] === 'api' && seg[1] === 'v1.0' && seg[2] === 'jobs';
    const one =
      seg.length === 4 &&
      seg[0] === 'api' &&
      seg[1] === 'v1.0' &&
      seg[2] === 'job' &&
      seg[3] !== undefined &&
      (this.legacy ? /^[0-9a-f]{24}$/i.test(seg[3]) : /^\d+$/.test(seg[3]));
    if (!list && !one) return notFound();
    const allowed = list || this.legacy ? ['GET'] : ['GET', 'PUT'];
    if (!allowed.includes(ctx.method)) return err(401, 'Method Not Allowed');
    const v = verdict(bearerToken(ctx.headers), this.env.tokens, isWrite(ctx.method));
    if (v === 'missing') return err(401, 'JWT token missing?');
    if (v === 'wrong') return err(401, 'Could not decode JWT token');
    if (v === 'readonly') return err(403, "You don't seem to have the rights to execute this call");
    if (list) return this.legacy ? this.legacyList(ctx) : this.list(ctx);
    const key = seg[3] as string;
    const id = this.legacy ? idFromObjectId(key) : Number(key);
    if (!this.space.has(id)) return err(400, `No job with id ${key} found`);
    if (ctx.method === 'GET') return json(200, { status: 'success', data: { jobs: [this.wire(id, ctx.now)] } });
    return this.abort(ctx, id);
  }

  /** PUT /job/<id>, as api/jobs.py JobByIdApi.put. */
  private abort(ctx: Ctx, id: number): Reply {
    const body = readJson(ctx);
    // request.get_json() on a body that is not JSON raises BadRequest, which handle_error answers with 401.
    if (!body.ok || !isObject(body.value)) return err(401, 'Bad Request');
    if (!('action' in body.value)) return err(400, 'Action must be specified');
    const action = String(body.value.action).toUpperCase();
    if (action !== 'ABORT') return err(400, `Unknown action: ${action}`);
    const status = statusOf(this.core(id), ctx.now);
    if (status !== 'SCHEDULED' && status !== 'RUNNING')
      return err(400, `Job id ${id} is in state JobStatus.${status}, must be SCHEDULED or RUNNING to abort`);
    const given = body.value.abort_reason;
    const reason = `${typeof given === 'string' ? given.slice(0, 255) : 'Aborted via API call'} (aborted by admin)`;
    this.space.patch(id, { abortAt: ctx.now, abortReason: reason });
    return json(200, { status: 'success', data: { jobs: [this.wire(id, ctx.now)] } });
  }

  private value(column: string, id: number, now: number): SortValue {
    const c = this.core(id);
    switch (column) {
      case 'id':
        return id;
      case 'status':
        return STATUS_ORDER.indexOf(statusOf(c, now));
      case 'scheduled_time':
        return c.life.createdAt;
      case 'start_time':
        return startTime(c, now);
      case 'finish_time': {
        const st = statusOf(c, now);
        return st === 'FINISHED' || st === 'EXCEPTION' || st === 'ABORTED' ? c.life.endAt : null;
      }
      case 'function_name':
        return c.fn;
      case 'scheduled_by':
        return c.scheduledBy;
      case 'comment':
        return c.comment;
      case 'ticket_ref':
        return c.ticketRef;
      case 'next_job_id': {
        const next = this.wire(id, now).next_job_id;
        return typeof next === 'number' ? next : null;
      }
      case 'change_score': {
        const score = this.wire(id, now).change_score;
        return typeof score === 'number' ? score : null;
      }
      default:
        return undefined;
    }
  }

  /** One filter[...] argument, as generic.py build_filter reads it; a string is its 400 message. */
  private filter(column: string, operator: string | undefined, raw: string): Filter | string {
    const type = COLUMNS[column];
    if (!type) return `${column} is not a valid attribute to filter on`;
    let value = raw;
    if (type === 'enum') {
      value = raw.toUpperCase();
      if (!STATUS_ORDER.includes(value)) return `${value} is not a valid value for ${column}`;
    }
    if (operator === 'contains') {
      if (type === 'enum') return "Cannot use 'contains' operator for enum types";
      if (type === 'int') return "Cannot use 'contains' operator for integer types";
      if (type === 'datetime') return "Cannot use 'contains' operator for datetime types";
      const re = ilike(value);
      return { column, test: (v) => typeof v === 'string' && re.test(v) };
    }
    if (type === 'enum') {
      const rank = STATUS_ORDER.indexOf(value);
      return { column, test: (v) => v === rank };
    }
    if (type === 'int') {
      const n = pyInt(value);
      return { column, test: (v) => n !== undefined && v === n };
    }
    if (type === 'datetime') {
      const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
      return { column, test: (v) => typeof v === 'number' && v === t };
    }
    // Any other operator word is ignored: the comparison is equality, case-sensitive.
    return { column, test: (v) => typeof v === 'string' && v === value };
  }

  private list(ctx: Ctx): Reply {
    const q = ctx.query;
    // Werkzeug's args.items(): each key once, with its first value.
    const args = new Map<string, string>();
    for (const [k, v] of q) if (!args.has(k)) args.set(k, v);
    let perPage = DEFAULT_PER_PAGE;
    if (args.has('per_page')) {
      const n = pyInt(args.get('per_page') as string);
      if (n === undefined || n < 1 || n > MAX_PER_PAGE)
        return err(400, `Unable to filter jobs: per_page argument must be integer between 1-${MAX_PER_PAGE}`);
      perPage = n;
    }
    const pageArg = pyInt(args.get('page') ?? null);
    const page = pageArg === undefined ? 1 : Math.max(1, pageArg);

    const filters: Filter[] = [];
    let sort: SortKey | undefined;
    for (const [arg, value] of args) {
      if (arg === 'sort') {
        let field = value.toLowerCase();
        const desc = field.startsWith('-');
        field = field.replace(/^-+/, '');
        if (COLUMNS[field] && COLUMNS[field] !== 'json')
          sort = { key: field === 'id' ? idKey : (id) => this.value(field, id, ctx.now), desc };
        continue;
      }
      const m = FILTER_RE.exec(arg);
      if (!m) continue;
      const f = this.filter(m[1].replace(/\./g, '_'), m[2]?.slice(1, -1), value);
      if (typeof f === 'string') return err(400, `Unable to filter jobs: ${f}`);
      filters.push(f);
    }
    const keep = filters.length
      ? (id: number) => filters.every((f) => f.test(this.value(f.column, id, ctx.now)))
      : undefined;
    const sel = select(
      this.space.liveIds(),
      keep,
      [sort ?? { key: idKey, desc: false }],
      (page - 1) * perPage,
      perPage,
    );
    const jobs = sel.ids.map((id) => this.wire(id, ctx.now));
    // The total is a window count over the returned rows: a page past the end says 0.
    const total = jobs.length ? sel.total : 0;
    const headers: Record<string, string> = { 'X-Total-Count': String(total) };
    const last = Math.ceil(total / perPage);
    if (last !== 1 && page < last) {
      const link = (p: number) => {
        const u = new URLSearchParams(Object.fromEntries(args));
        u.set('page', String(p));
        return `${ctx.origin}/api/v1.0/jobs?${u.toString()}`;
      };
      headers.Link = [`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`].join(',');
    }
    return json(200, { status: 'success', data: { jobs } }, headers);
  }

  /** The 2019 server: `limit` (default 10, 1–100), newest first, nothing else. */
  private legacyList(ctx: Ctx): Reply {
    const n = pyInt(ctx.query.get('limit'));
    const limit = n === undefined ? 10 : Math.max(1, Math.min(100, n));
    const sel = select(this.space.liveIds(), undefined, [{ key: idKey, desc: true }], 0, limit);
    return json(200, { status: 'success', data: { jobs: sel.ids.map((id) => this.wire(id, ctx.now)) } });
  }
}
