// Every JSON example of the seed documents (docs/seeds/), cut out of the seed text itself,
// and the repairs that make the invalid ones JSON. The repairs are the only changes: each is
// an exact text that must occur once in the example, and says why. The seed-exact emulator
// serves these payloads, and the contract tests feed them to the adapters, so both read the
// seeds' own bytes rather than a copy that could drift.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Kind } from './types';

export interface Repair {
  from: string;
  to: string;
  why: string;
}

export interface SeedExample {
  /** `<kind>/<name>`. */
  id: string;
  kind: Kind;
  /** File in docs/seeds. */
  seed: string;
  /** What the example is, in the seed's words (endpoint and direction). */
  what: string;
  /** Texts found in this order before the example; the example is the next `{…}` (or fenced block). */
  after: string[];
  /** The example is the fenced block (``` … ```) after the anchors, not a bare `{…}`. */
  fenced?: boolean;
  repairs?: Repair[];
}

const UUID: Repair = {
  from: '"transaction_uuid" : :uuid,',
  to: '"transaction_uuid" : ":uuid",',
  why: '`:uuid` is a placeholder, not a JSON value: quoted',
};
const MORE_ITEMS: Repair = {
  from: '  },{\n  ...\n  } ]',
  to: '  } ]',
  why: 'the `{ ... }` item stands for "more items": removed',
};
const WRAP = (example: string): Repair => ({
  from: example,
  to: `{${example}}`,
  why: 'a `"result" : {…}` fragment, not a document: wrapped in { } to make one object',
});

export const SEED_EXAMPLES: SeedExample[] = [
  // 000 CNaaS-NMS
  {
    id: 'cnaas-nms/list-jobs',
    kind: 'cnaas-nms',
    seed: '000-cnaas-nms-jobs.txt',
    what: 'GET /api/v1.0/jobs?limit=1 → 200',
    after: ['The result will look like this:'],
  },

  // 001 CDRouter
  {
    id: 'cdrouter/list-jobs',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'GET /api/v1/jobs/ → 200',
    after: ['Get a list of jobs.', 'Response 200 OK'],
  },
  {
    id: 'cdrouter/get-job',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'GET /api/v1/jobs/{id}/ → 200',
    after: ['Get a job.\n', 'Response 200 OK'],
  },
  {
    id: 'cdrouter/get-job.404',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'GET /api/v1/jobs/{id}/ → 404',
    after: ['Response 404 Not Found'],
  },
  {
    id: 'cdrouter/launch.request',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'POST /api/v1/jobs/ (body)',
    after: ['Launch a new job running package 123'],
  },
  {
    id: 'cdrouter/launch',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'POST /api/v1/jobs/ → 200',
    after: ['Launch a new job running package 123', 'Response 200 OK'],
  },
  {
    id: 'cdrouter/interfaces.request',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'POST /api/v1/jobs/?process=interfaces (body)',
    after: ['Example\n\nPOST /api/v1/jobs/?process=interfaces'],
  },
  {
    id: 'cdrouter/interfaces',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'POST /api/v1/jobs/?process=interfaces → 200',
    after: ['Process a job with cdrouter-cli', 'Response 200 OK'],
  },
  {
    id: 'cdrouter/bulk-launch-packages.request',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'POST /api/v1/jobs/?bulk=launch (body: packages)',
    after: ['Bulk launch two jobs from packages 123 and 456.\n'],
  },
  {
    id: 'cdrouter/bulk-launch-packages-tags.request',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'POST /api/v1/jobs/?bulk=launch (body: packages with tags)',
    after: ['tagging one with ["red"]'],
  },
  {
    id: 'cdrouter/bulk-launch-filter.request',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: "POST /api/v1/jobs/?bulk=edit&filter=… (body; the URL's bulk=edit is a slip for launch)",
    after: ['bulk=edit&filter=', 'tags@>{working}\n'],
  },
  {
    id: 'cdrouter/bulk-launch-all.request',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'POST /api/v1/jobs/?bulk=launch&all=true (body)',
    after: ['Bulk launch jobs from all packages'],
  },
  {
    id: 'cdrouter/bulk-launch',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'POST /api/v1/jobs/?bulk=launch → 200',
    after: ['Bulk launch jobs from all packages', 'Response 200 OK'],
  },
  {
    id: 'cdrouter/bulk-delete-ids.request',
    kind: 'cdrouter',
    seed: '001-cdrouter-jobs.txt',
    what: 'POST /api/v1/jobs/?bulk=delete (body)',
    after: ['Bulk delete jobs 1, 2 and 3.'],
    repairs: [{ from: '{ "id": "3" },\n', to: '{ "id": "3" }\n', why: 'trailing comma after the last item' }],
  },

  // 002 Puppet orchestrator
  {
    id: 'puppet-orchestrator/list-jobs',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'GET /orchestrator/v1/jobs → 200',
    after: ['## GET /jobs\n', '### Response format', 'For example:'],
    fenced: true,
    repairs: [
      {
        from: '"description" : "deploy the web app",\n      },',
        to: '"description" : "deploy the web app"\n      },',
        why: 'trailing comma after options.description',
      },
      { from: '    },\n    ...\n  ],', to: '    }\n  ],', why: 'the `...` item stands for "more jobs": removed' },
      { from: '}\n...', to: '}', why: 'the `...` line after the object: removed' },
    ],
  },
  {
    id: 'puppet-orchestrator/get-job',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'GET /orchestrator/v1/jobs/:job-id → 200',
    after: ['## GET /jobs/:job-id\n', 'For example:'],
    fenced: true,
  },
  {
    id: 'puppet-orchestrator/nodes',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'GET /orchestrator/v1/jobs/:job-id/nodes → 200',
    after: ['## GET /jobs/:job-id/nodes', 'For example:'],
    fenced: true,
    repairs: [UUID, { from: '[1, 1, 2, 3,]', to: '[1, 1, 2, 3]', why: 'trailing comma in an array' }, MORE_ITEMS],
  },
  {
    id: 'puppet-orchestrator/result.task-error',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'a node result: an error when running a task',
    after: ['An error when running a task:'],
    fenced: true,
    repairs: [],
  },
  {
    id: 'puppet-orchestrator/result.task-stdout',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'a node result: raw stdout from a task',
    after: ['Raw stdout from a task:'],
    fenced: true,
    repairs: [],
  },
  {
    id: 'puppet-orchestrator/result.task-structured',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'a node result: structured output from a task',
    after: ['Structured output from a task'],
    fenced: true,
    repairs: [],
  },
  {
    id: 'puppet-orchestrator/result.task-error-output',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'a node result: error output from a task',
    after: ['Error output from a task'],
    fenced: true,
    repairs: [],
  },
  {
    id: 'puppet-orchestrator/result.puppet-run',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'a node result: Puppet run results',
    after: ['Puppet run results:'],
    fenced: true,
    repairs: [],
  },
  {
    id: 'puppet-orchestrator/nodes-finished',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'GET …/nodes → 200, a finished node (details with report-url)',
    after: ['If the node state is `finished` or `failed`'],
    fenced: true,
    repairs: [
      UUID,
      { from: '    }\n    "result" : {', to: '    },\n    "result" : {', why: 'missing comma after details' },
      {
        from: '        "failed_to_restart" : 0\n      },\n  },{\n  ...\n  } ]',
        to: '        "failed_to_restart" : 0\n      }\n    }\n  } ]',
        why: 'the result object was never closed (a trailing comma instead), and the `{ ... }` item stands for more: closed, removed',
      },
    ],
  },
  {
    id: 'puppet-orchestrator/nodes-failed',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'GET …/nodes → 200, a failed node',
    after: ['If the node state is `skipped` or `errored`'],
    fenced: true,
    repairs: [UUID, MORE_ITEMS],
  },
  {
    id: 'puppet-orchestrator/nodes-running',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'GET …/nodes → 200, a running node',
    after: ['If the node state is `running`'],
    fenced: true,
    repairs: [UUID, MORE_ITEMS],
  },
  {
    id: 'puppet-orchestrator/report',
    kind: 'puppet-orchestrator',
    seed: '002-puppet-orchestrator-jobs.txt',
    what: 'GET /orchestrator/v1/jobs/:job-id/report → 200',
    after: ['## GET /jobs/:job-id/report', 'For example:'],
    fenced: true,
    repairs: [{ from: '  }, {\n  ...\n  } ]', to: '  } ]', why: 'the `{ ... }` item stands for more nodes: removed' }],
  },
];

/** The result fragments are wrapped whole; their repair is known only once the text is cut. */
const WRAPPED = new Set(
  [
    'result.task-error',
    'result.task-stdout',
    'result.task-structured',
    'result.task-error-output',
    'result.puppet-run',
  ].map((n) => `puppet-orchestrator/${n}`),
);

export const SEEDS_DIR = path.resolve(__dirname, '../../../docs/seeds');

const texts = new Map<string, string>();
export function seedText(file: string): string {
  let t = texts.get(file);
  if (t === undefined) {
    t = readFileSync(path.join(SEEDS_DIR, file), 'utf8');
    texts.set(file, t);
  }
  return t;
}

/** The `{…}` starting at `start`, braces counted outside strings. */
function balanced(text: string, start: number): string {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`unbalanced example at ${start}`);
}

export interface ExtractedExample {
  example: SeedExample;
  /** The example's text exactly as the seed prints it. */
  verbatim: string;
  /** After the repairs (the same text when there are none). */
  repaired: string;
  repairs: Repair[];
  value: unknown;
}

export function extract(example: SeedExample): ExtractedExample {
  const text = seedText(example.seed);
  let pos = 0;
  for (const anchor of example.after) {
    const at = text.indexOf(anchor, pos);
    if (at < 0) throw new Error(`${example.id}: "${anchor}" not found in ${example.seed}`);
    pos = at + anchor.length;
  }
  let verbatim: string;
  if (example.fenced) {
    const open = text.indexOf('```', pos);
    const start = text.indexOf('\n', open) + 1;
    const end = text.indexOf('\n```', start);
    verbatim = text.slice(start, end).replace(/\s+$/, '');
  } else {
    verbatim = balanced(text, text.indexOf('{', pos));
  }
  const repairs = WRAPPED.has(example.id) ? [WRAP(verbatim)] : (example.repairs ?? []);
  let repaired = verbatim;
  for (const r of repairs) {
    const n = repaired.split(r.from).length - 1;
    if (n !== 1) throw new Error(`${example.id}: the repair "${r.from}" matches ${n} times, not once`);
    repaired = repaired.replace(r.from, r.to);
  }
  let value: unknown;
  try {
    value = JSON.parse(repaired);
  } catch (e) {
    throw new Error(`${example.id}: not JSON after its repairs: ${(e as Error).message}`, { cause: e });
  }
  return { example, verbatim, repaired, repairs, value };
}

const extracted = new Map<string, ExtractedExample>();
/** An example's parsed value (a fresh copy each call: servers and tests may change it). */
export function seedValue(id: string): any {
  let e = extracted.get(id);
  if (!e) {
    const example = SEED_EXAMPLES.find((x) => x.id === id);
    if (!example) throw new Error(`no seed example ${id}`);
    e = extract(example);
    extracted.set(id, e);
  }
  return structuredClone(e.value);
}
