// cdrouter. Sources: seed 001 (docs/seeds/001-cdrouter-jobs.txt) for the jobs endpoints and
// payloads; QA Cafe's official client qacafe/cdrouter.py (cdrouter/cdrouter.py, jobs.py,
// results.py) for what the seed leaves out: every path ends in a slash (`get_id` is
// base + id + '/'), list parameters filter/type/sort/limit/page/detailed, bulk delete's body
// `{jobs: [{id}]}`, stop `POST /api/v1/results/<id>/stop/?when=end-of-test|end-of-loop`,
// errors `{error}` (raise_for_status reads `error`); CDRouter's web API overview for the 401.
// - Routes: /api/v1/jobs/ list/launch (bulk=launch|delete, process=interfaces),
//   /api/v1/jobs/<id>/ get/delete, /api/v1/results/<id>/stop/, choice lists
//   /api/v1/packages|devices|configs/. A path without its trailing slash is not routed (404):
//   the client always sends the slash.
// - Request bodies are parsed strictly (the doc's bulk delete example with a trailing comma
//   is a doc slip; Go's JSON decoder refuses it). `bulk=edit` is not a bulk launch (the doc's
//   one example that says so is a slip): 400.
// - `detailed` must be a boolean word (Go's strconv.ParseBool); the summary representation is
//   the seed's list item (the only one it shows), so both answer the same fields here.
// - `when` on a stop: end-of-test stops after the current test (10 s here), end-of-loop
//   after the current loop (60 s here); anything else is a 400.
import { bearerToken, isWrite, verdict } from '../auth';
import { type Ctx, type Reply, intParam, isObject, json, noContent, readJson, slashedSegments } from '../exchange';
import { JobSpace } from '../overlay';
import { idKey, select, type SortKey } from '../select';
import { cdrouterTime } from '../timefmt';
import { type Filter, matches, parseFilters } from './cdrouterFilter';
import {
  CONFIGS,
  DEVICES,
  type CdrCore,
  type CdrEdit,
  type Package,
  generatedCore,
  launchedCore,
  packageName,
  packages,
  resultIdOf,
  statusOf,
  updatedAt,
  wireJob,
  withEdit,
} from './cdrouterData';
import type { Dialect, DialectEnv } from './dialect';

/** CDRouter's default page size (the seed's links.limit). */
const DEFAULT_LIMIT = 25;

const err = (status: number, error: string): Reply => json(status, { error });

/** What Go's strconv.ParseBool accepts. */
const BOOL_WORDS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];

/** How long a stop with `when` lets the result go on (a test, a loop). */
const STOP_AFTER: Record<string, number> = { 'end-of-test': 10_000, 'end-of-loop': 60_000 };

export class CdrouterDialect implements Dialect {
  readonly kind = 'cdrouter' as const;
  private readonly space: JobSpace<CdrCore, CdrEdit>;

  constructor(private readonly env: DialectEnv) {
    this.space = new JobSpace(env.jobs);
  }

  reset(): void {
    this.space.reset();
  }

  private core(id: number): CdrCore {
    const base = this.space.launched.get(id) ?? generatedCore(this.env, id);
    return withEdit(base, this.space.edit(id));
  }

  private stamp(now: number): string {
    return cdrouterTime(now, (now * 7919) % 1_000_000);
  }

  handle(ctx: Ctx): Reply {
    const v = verdict(bearerToken(ctx.headers), this.env.tokens, isWrite(ctx.method));
    // The web API overview's 401 carries the timestamp too.
    if (v === 'missing') return json(401, { timestamp: this.stamp(ctx.now), error: 'authentication required' });
    if (v === 'wrong') return json(401, { timestamp: this.stamp(ctx.now), error: 'insufficient privileges' });
    if (v === 'readonly') return err(403, 'permission denied: read-only user');
    const seg = slashedSegments(ctx.path);
    if (!seg || seg[0] !== 'api' || seg[1] !== 'v1' || seg.length > 5) return err(404, 'not found');
    const [, , res, id, action] = seg;
    if (res === 'jobs') {
      if (id === undefined) {
        if (ctx.method === 'GET') return this.list(ctx);
        if (ctx.method === 'POST') return this.post(ctx);
        return err(405, 'method not allowed');
      }
      if (action !== undefined) return err(404, 'not found');
      const n = /^\d+$/.test(id) ? Number(id) : NaN;
      if (!this.space.has(n)) return err(404, 'no such job');
      if (ctx.method === 'GET')
        return json(200, { timestamp: this.stamp(ctx.now), data: wireJob(this.env, this.core(n), ctx.now) });
      if (ctx.method === 'DELETE') {
        this.space.remove(n);
        return noContent();
      }
      return err(405, 'method not allowed');
    }
    if (res === 'results' && id !== undefined && action === 'stop' && seg.length === 5)
      return ctx.method === 'POST' ? this.stop(ctx, id) : err(405, 'method not allowed');
    if ((res === 'packages' || res === 'devices' || res === 'configs') && action === undefined)
      return this.choices(ctx, res, id);
    return err(404, 'not found');
  }

  private fieldValue(id: number, field: string, now: number): unknown {
    const c = this.core(id);
    switch (field) {
      case 'id':
        return id;
      case 'status':
        return statusOf(c, now);
      case 'active':
        return ['running', 'paused'].includes(statusOf(c, now));
      case 'package_id':
        return c.packageId;
      case 'package_name':
        return packageName(this.env, c);
      case 'device_id':
        return c.deviceId;
      case 'device_name':
        return DEVICES.find((d) => d.id === c.deviceId)?.name ?? '';
      case 'config_id':
        return c.configId;
      case 'config_name':
        return CONFIGS.find((d) => d.id === c.configId)?.name ?? '';
      case 'user_id':
        return c.userId;
      case 'result_id':
        return resultIdOf(c, now) ?? '';
      case 'automatic':
        return c.automatic;
      case 'tags':
        return c.options.tags ?? [];
      case 'created':
        return cdrouterTime(c.life.createdAt);
      case 'updated':
        return cdrouterTime(updatedAt(c, now));
      default:
        return undefined;
    }
  }

  private jobFilter(raw: string[], now: number): ((id: number) => boolean) | undefined | { error: string } {
    const parsed = parseFilters(raw);
    if ('error' in parsed) return parsed;
    if (!parsed.length) return undefined;
    for (const f of parsed)
      if (this.fieldValue(1, f.field, now) === undefined && this.space.generated > 0)
        return { error: `invalid filter field: ${f.field}` };
    return (id: number) => parsed.every((f) => matches(this.fieldValue(id, f.field, now), f));
  }

  private list(ctx: Ctx): Reply {
    const q = ctx.query;
    const page = intParam(q, 'page', 1);
    const limit = intParam(q, 'limit', DEFAULT_LIMIT);
    if (Number.isNaN(page) || Number.isNaN(limit) || page < 1 || limit < 1)
      return err(400, 'invalid paging parameters');
    const detailed = q.get('detailed');
    if (detailed !== null && !BOOL_WORDS.includes(detailed)) return err(400, `invalid detailed parameter: ${detailed}`);
    const keep = this.jobFilter(q.getAll('filter'), ctx.now);
    if (keep && typeof keep !== 'function') return err(400, keep.error);
    const sorts: SortKey[] = [];
    for (const part of q
      .getAll('sort')
      .flatMap((s) => s.split(','))
      .filter(Boolean)) {
      const desc = part.startsWith('-');
      const field = desc ? part.slice(1) : part;
      const known = [
        'id',
        'created',
        'updated',
        'package_name',
        'status',
        'device_name',
        'config_name',
        'user_id',
        'result_id',
        'package_id',
      ];
      if (!known.includes(field)) return err(400, `invalid sort field: ${field}`);
      // Creation order is id order, for generated and launched jobs alike.
      const key =
        field === 'id' || field === 'created' ? idKey : (id: number) => this.fieldValue(id, field, ctx.now) as string;
      sorts.push({ key, desc });
    }
    // No sort: id ascending, the order the job queue runs in.
    const sel = select(this.space.liveIds(), keep, sorts, (page - 1) * limit, limit);
    const last = Math.max(1, Math.ceil(sel.total / limit));
    return json(200, {
      timestamp: this.stamp(ctx.now),
      data: sel.ids.map((id) => wireJob(this.env, this.core(id), ctx.now)),
      links: { current: page, first: 1, last, limit, next: page < last ? page + 1 : 0, total: sel.total },
    });
  }

  private post(ctx: Ctx): Reply {
    const q = ctx.query;
    const body = readJson(ctx);
    if (!body.ok) return err(400, body.error);
    const bulk = q.get('bulk');
    if (q.get('process') === 'interfaces') return this.interfaces(ctx, body.value);
    if (bulk === 'launch') return this.bulkLaunch(ctx, body.value);
    if (bulk === 'delete') return this.bulkDelete(ctx, body.value);
    if (bulk) return err(400, `invalid bulk operation: ${bulk}`);
    const one = this.launchOne(ctx, body.value);
    if ('error' in one) return err(one.status, one.error);
    return json(200, { timestamp: this.stamp(ctx.now), data: one.job });
  }

  private launchOne(
    ctx: Ctx,
    spec: unknown,
    extra?: Record<string, unknown>,
  ): { job: Record<string, unknown> } | { status: number; error: string } {
    if (!isObject(spec)) return { status: 400, error: 'request body must be a JSON object' };
    const pkgId = spec.package_id === undefined ? undefined : String(spec.package_id);
    if (!pkgId) return { status: 400, error: 'package_id is required' };
    const p = packages(this.env.seed).find((x) => x.id === pkgId);
    if (!p) return { status: 404, error: 'no such package' };
    return { job: this.launchPackage(ctx, p, spec, extra) };
  }

  private launchPackage(
    ctx: Ctx,
    p: Package,
    spec: Record<string, unknown>,
    extra?: Record<string, unknown>,
  ): Record<string, unknown> {
    const opts = {
      ...(isObject(spec.options) ? spec.options : {}),
      ...(isObject(extra?.options) ? extra.options : {}),
    } as Partial<CdrCore['options']>;
    const dev =
      spec.device_id !== undefined && DEVICES.some((d) => d.id === String(spec.device_id))
        ? String(spec.device_id)
        : undefined;
    const cfg =
      spec.config_id !== undefined && CONFIGS.some((d) => d.id === String(spec.config_id))
        ? String(spec.config_id)
        : undefined;
    const { job } = this.space.add((id) => launchedCore(this.env, id, ctx.now, p, dev, cfg, opts));
    return wireJob(this.env, job, ctx.now);
  }

  private interfaces(ctx: Ctx, spec: unknown): Reply {
    if (!isObject(spec) || spec.package_id === undefined) return err(400, 'package_id is required');
    const p = packages(this.env.seed).find((x) => x.id === String(spec.package_id));
    if (!p) return err(404, 'no such package');
    const dev = DEVICES.find((d) => d.id === p.device_id) ?? DEVICES[0];
    let list = dev.interfaces.map((x) => ({ ...x }));
    const args = isObject(spec.options) ? String(spec.options.extra_cli_args ?? '') : '';
    const lan = /lanInterface=(\S+)/.exec(args);
    if (lan) list = [{ value: lan[1], is_wireless: false, is_ics: false }, ...list.filter((x) => x.is_wireless)];
    return json(200, { timestamp: this.stamp(ctx.now), data: list });
  }

  private bulkLaunch(ctx: Ctx, body: unknown): Reply {
    const q = ctx.query;
    const jobs = isObject(body) && Array.isArray(body.jobs) ? body.jobs : undefined;
    const out: Record<string, unknown>[] = [];
    if (jobs && !q.has('filter') && q.get('all') !== 'true') {
      // Validate everything first: a bulk launch is all or nothing.
      for (const spec of jobs) {
        if (!isObject(spec) || !packages(this.env.seed).some((p) => p.id === String(spec.package_id)))
          return err(400, `no such package: ${isObject(spec) ? String(spec.package_id) : '?'}`);
      }
      for (const spec of jobs) {
        const r = this.launchOne(ctx, spec);
        if ('job' in r) out.push(r.job);
      }
      return json(200, { timestamp: this.stamp(ctx.now), data: out });
    }
    const fields = isObject(body) && isObject(body.fields) ? body.fields : {};
    let list = packages(this.env.seed);
    if (q.get('all') !== 'true') {
      const parsed = parseFilters(q.getAll('filter'));
      if ('error' in parsed) return err(400, parsed.error);
      if (!parsed.length) return err(400, 'bulk launch needs jobs, a filter or all=true');
      list = list.filter((p) =>
        parsed.every((f: Filter) => matches((p as unknown as Record<string, unknown>)[f.field], f)),
      );
    }
    for (const p of list) out.push(this.launchPackage(ctx, p, {}, fields));
    return json(200, { timestamp: this.stamp(ctx.now), data: out });
  }

  private bulkDelete(ctx: Ctx, body: unknown): Reply {
    const q = ctx.query;
    if (q.get('all') === 'true') {
      const now = ctx.now;
      for (const id of this.space.liveIds())
        if (!['running', 'paused'].includes(statusOf(this.core(id), now))) this.space.remove(id);
      return noContent();
    }
    if (q.has('filter')) {
      const keep = this.jobFilter(q.getAll('filter'), ctx.now);
      if (keep && typeof keep !== 'function') return err(400, keep.error);
      const doomed = select(this.space.liveIds(), keep as ((id: number) => boolean) | undefined, [], 0).ids;
      for (const id of doomed) this.space.remove(id);
      return noContent();
    }
    // The body is {jobs: [{id}]} (the seed's example, cdrouter.py's bulk_delete).
    const jobs = isObject(body) && Array.isArray(body.jobs) ? body.jobs : undefined;
    if (!jobs || !jobs.every((j) => isObject(j) && /^\d+$/.test(String(j.id))))
      return err(400, 'bulk delete needs {"jobs": [{"id": …}]}, a filter or all=true');
    for (const j of jobs) this.space.remove(Number((j as Record<string, unknown>).id));
    return noContent();
  }

  private stop(ctx: Ctx, resultId: string): Reply {
    const when = ctx.query.get('when');
    if (when !== null && when !== '' && STOP_AFTER[when] === undefined)
      return err(400, `invalid when: ${when}; use end-of-test or end-of-loop`);
    const at = ctx.now + (when ? STOP_AFTER[when] : 0);
    // Result ids are start times to the second, so jobs the emulator started in the same second
    // (a bulk launch) share one, where a real CDRouter runs one at a time: the stop is the
    // result's, so every running job with that id stops.
    let seen = false;
    let stopped = false;
    for (const id of this.space.liveIds()) {
      const c = this.core(id);
      if (resultIdOf(c, ctx.now) !== resultId) continue;
      seen = true;
      const status = statusOf(c, ctx.now);
      if (status !== 'running' && status !== 'paused') continue;
      this.space.patch(id, { stoppedAt: at });
      stopped = true;
    }
    if (stopped) return noContent();
    return seen ? err(400, 'result is not running') : err(404, 'no such result');
  }

  private choices(ctx: Ctx, res: 'packages' | 'devices' | 'configs', id: string | undefined): Reply {
    if (ctx.method !== 'GET') return err(405, 'method not allowed');
    const created = cdrouterTime(this.env.base - 90 * 86_400_000);
    const items: Record<string, unknown>[] =
      res === 'packages'
        ? packages(this.env.seed).map((p) => ({
            ...p,
            device_name: DEVICES.find((d) => d.id === p.device_id)?.name ?? '',
            config_name: CONFIGS.find((c) => c.id === p.config_id)?.name ?? '',
            test_count: String(p.testlist.length),
            created,
            updated: created,
            user_id: '1',
          }))
        : res === 'devices'
          ? DEVICES.filter((d) => d.id !== '0').map((d) => ({
              id: d.id,
              name: d.name,
              manufacturer: d.manufacturer,
              model: d.model,
              created,
              updated: created,
              user_id: '1',
            }))
          : CONFIGS.filter((c) => c.id !== '0').map((c) => ({ ...c, created, updated: created, user_id: '1' }));
    if (id !== undefined) {
      const one = items.find((x) => x.id === id);
      return one ? json(200, { timestamp: this.stamp(ctx.now), data: one }) : err(404, `no such ${res.slice(0, -1)}`);
    }
    const q = ctx.query;
    const page = intParam(q, 'page', 1);
    const limit = intParam(q, 'limit', DEFAULT_LIMIT);
    if (Number.isNaN(page) || Number.isNaN(limit) || page < 1 || limit < 1)
      return err(400, 'invalid paging parameters');
    const parsed = parseFilters(q.getAll('filter'));
    if ('error' in parsed) return err(400, parsed.error);
    const kept = items.filter((x) => parsed.every((f) => matches(x[f.field], f)));
    const last = Math.max(1, Math.ceil(kept.length / limit));
    return json(200, {
      timestamp: this.stamp(ctx.now),
      data: kept.slice((page - 1) * limit, page * limit),
      links: { current: page, first: 1, last, limit, next: page < last ? page + 1 : 0, total: kept.length },
    });
  }
}
