// Links to jobs: `<scheme>://<publisher>.<name>/job?connection=…&kind=…&id=…&url=…`, made by
// Copy Link to Job and opened by the extension's URI handler. A link names the server (its
// connection URL) and the job, never a token or a user: it can be pasted into any chat. It is
// also anyone's to write, so reading one is strict: only the `/job` path, only these four
// parameters, each once, bounded, no control characters, and a URL that passes the same check
// as a connection's URL in settings (requestUrl.ts: http(s), no user name or password, no `//`
// or `\` in the path). Anything else is refused with one sentence that says why. Pure: unit-tested.
import { DIALECT_KINDS } from './registry';
import { connectionUrlProblem } from './requestUrl';
import type { DialectKind } from './model';

export const JOB_LINK_PATH = '/job';

export interface JobLink {
  /** The connection's name where the link was made (a hint: the URL decides). */
  connection: string;
  /** The dialect; links made by Jobdeck always carry it. */
  kind?: DialectKind;
  jobId: string;
  /** The server root, as in the connection's settings. */
  url: string;
}

const PARAMS = ['connection', 'kind', 'id', 'url'] as const;
const MAX_QUERY = 4000;
const MAX_NAME = 200;
const MAX_ID = 200;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The link's query (path JOB_LINK_PATH) for a job. */
export function jobLinkQuery(link: JobLink): string {
  const q = new URLSearchParams();
  q.set('connection', link.connection);
  if (link.kind) q.set('kind', link.kind);
  q.set('id', link.jobId);
  q.set('url', link.url);
  return q.toString();
}

/**
 * Why a link's server URL cannot be used (a phrase after "its server URL"), or undefined: the
 * check every connection URL passes (requestUrl.ts), and a server root has no query or fragment.
 */
export function serverUrlProblem(raw: string): string | undefined {
  if (raw !== raw.trim()) return 'contains spaces or control characters';
  const problem = connectionUrlProblem(raw);
  if (problem) return problem;
  const parsed = new URL(raw);
  if (parsed.search || parsed.hash || raw.includes('?') || raw.includes('#'))
    return 'has a query or fragment (a server root has none)';
  return undefined;
}

/** The same server: scheme, host, port and path, without trailing slashes. */
export function sameServer(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const x = new URL(u);
      return `${x.protocol}//${x.host}${x.pathname.replace(/\/+$/, '')}`;
    } catch {
      return undefined;
    }
  };
  const na = norm(a);
  return na !== undefined && na === norm(b);
}

/** A link's path and query → the job it names, or why it is refused. */
export function parseJobLink(path: string, query: string): JobLink | { problem: string } {
  if (path !== JOB_LINK_PATH) return { problem: `it is not a link to a job (the path is not ${JOB_LINK_PATH})` };
  if (query.length > MAX_QUERY) return { problem: 'it is too long' };
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(query);
  } catch {
    return { problem: 'its parameters cannot be read' };
  }
  const keys = [...q.keys()];
  const unknown = keys.filter((k) => !(PARAMS as readonly string[]).includes(k));
  if (unknown.length)
    return {
      problem: `it carries parameters a job link never has (${unknown.slice(0, 3).join(', ')}): links name a job, never a token or an action`,
    };
  const twice = PARAMS.find((k) => q.getAll(k).length > 1);
  if (twice) return { problem: `it names "${twice}" more than once` };
  const connection = q.get('connection') ?? '';
  const jobId = q.get('id') ?? '';
  const url = q.get('url') ?? '';
  const kind = q.get('kind') ?? undefined;
  if (!jobId) return { problem: 'it names no job id' };
  if (!url) return { problem: 'it names no server URL' };
  if (jobId.length > MAX_ID || CONTROL_OR_BIDI.test(jobId)) return { problem: 'its job id is not one a server gives' };
  if (connection.length > MAX_NAME || CONTROL_OR_BIDI.test(connection))
    return { problem: 'its connection name is too long or has control characters' };
  if (kind !== undefined && !(DIALECT_KINDS as string[]).includes(kind))
    return { problem: `its kind is not one Jobdeck knows (${DIALECT_KINDS.join(', ')})` };
  const urlProblem = serverUrlProblem(url);
  if (urlProblem) return { problem: `its server URL ${urlProblem}` };
  return { connection, kind: kind as DialectKind | undefined, jobId, url };
}
