// Validation of a parsed spec file, and the values it resolves to. One pass serves diagnostics
// (problems with their spans), hover (what a name resolved to) and launching (LaunchSpecs):
// what the editor marks red is exactly what refuses to launch.
import * as l10n from '@vscode/l10n';
import type { ChoiceField } from '../client/launch/fields';
import type { Choice, DialectKind } from '../client/model';
import { choiceNouns, closest, matchChoice } from './choices';
import { LaunchNode, SpecEntry, SpecFile, SpecNode, Span, TOP_LEVEL_KEYS } from './document';
import { DIALECT_TITLES, FieldDef, dialectsWithField, fieldGroups, fieldOf, fieldsOf, onlyWith } from './fields';
import { buildLaunch, type SpecLaunch } from './fields';
import { checkField, readCron, type ReadValues } from '../client/launch/fields';

export type ProblemCode =
  | 'syntax'
  | 'notAMap'
  | 'missingLaunches'
  | 'missingConnection'
  | 'unknownConnection'
  | 'cannotLaunch'
  | 'missingField'
  | 'exclusiveFields'
  | 'unknownField'
  | 'wrongType'
  | 'invalidValue'
  | 'notOnServer'
  | 'ambiguous'
  | 'listUnavailable';

export type Severity = 'error' | 'warning' | 'info';

export interface SpecProblem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  span: Span;
  /** The field (key) the problem is about, where there is one. */
  field?: string;
}

export interface ConnectionInfo {
  name: string;
  kind: DialectKind;
  /** The dialect can launch jobs (capabilities.launch). */
  canLaunch: boolean;
  url?: string;
}

/** What the server knows of a choice list right now. */
export type ChoiceState =
  { status: 'ok'; choices: Choice[] } | { status: 'error'; message: string } | { status: 'pending' };

export interface AnalyzeEnv {
  connections: readonly ConnectionInfo[];
  /** Live values; undefined means not fetched yet (the caller fetches what `needs` lists). */
  choices?: (connection: string, field: ChoiceField) => ChoiceState | undefined;
}

/** A value written in the file and what the server said it is. */
export interface ResolvedValue {
  span: Span;
  field: FieldDef;
  written: string;
  choice?: Choice;
}

export interface LaunchAnalysis {
  index: number;
  span: Span;
  /** The first key of the launch: where its "▶ Launch" lens and outline entry sit. */
  anchor: Span;
  connection?: ConnectionInfo;
  title: string;
  problems: SpecProblem[];
  /** Why it cannot launch although no error shows (a name that could not be resolved yet). */
  blockers: string[];
  /** Set when the launch is ready to go. */
  launch?: SpecLaunch;
  needs: { connection: string; field: ChoiceField }[];
  values: ResolvedValue[];
}

export interface FileAnalysis {
  problems: SpecProblem[];
  launches: LaunchAnalysis[];
  /** Every choice list the file refers to, deduplicated. */
  needs: { connection: string; field: ChoiceField }[];
}

export function analyzeSpec(file: SpecFile, env: AnalyzeEnv): FileAnalysis {
  const problems: SpecProblem[] = file.syntax.map((s) => ({
    code: 'syntax',
    severity: 'error',
    message: s.message,
    span: s.span,
  }));
  const byName = new Map(env.connections.map((c) => [c.name, c]));
  const root = file.root;
  const launches: LaunchAnalysis[] = [];
  if (!root) return { problems, launches, needs: [] };
  if (root.type !== 'map') {
    problems.push(
      err(
        'notAMap',
        l10n.t('A spec file is a map with a `launches:` list, e.g. `launches:\\n  - connection: lab`.'),
        root.span,
      ),
    );
    return { problems, launches, needs: [] };
  }

  for (const e of file.otherTopLevel) {
    problems.push({
      code: 'unknownField',
      severity: 'warning',
      message: l10n.t(
        'Unknown top-level key “{0}”; expected {1}.',
        e.key,
        TOP_LEVEL_KEYS.filter((k) => k !== '$schema').join(', '),
      ),
      span: e.keySpan,
      field: e.key,
    });
  }

  let defaultConnection: ConnectionInfo | undefined;
  let defaultName: string | undefined;
  if (file.connection) {
    const c = readConnection(file.connection, byName, env.connections, problems);
    defaultConnection = c.info;
    defaultName = c.name;
  }

  if (!file.launchesEntry) {
    problems.push(
      err(
        'missingLaunches',
        l10n.t('Missing `launches:`, the list of launches in this file.'),
        root.entries[0]?.keySpan ?? root.span,
      ),
    );
  } else if (file.launchesEntry.value?.type !== 'seq') {
    const v = file.launchesEntry.value;
    if (v?.type === 'scalar' && v.value === null)
      problems.push(
        err(
          'missingField',
          l10n.t('`launches:` is empty: add launches as list items (`- connection: …`).'),
          file.launchesEntry.keySpan,
        ),
      );
    else
      problems.push({
        ...err(
          'wrongType',
          l10n.t('`launches` must be a list of launches (`- connection: …`).'),
          v?.span ?? file.launchesEntry.keySpan,
        ),
        field: 'launches',
      });
  }

  for (const launch of file.launches) {
    const a = analyzeLaunch(launch, {
      byName,
      all: env.connections,
      defaultConnection,
      defaultName,
      choices: env.choices,
    });
    launches.push(a);
    problems.push(...a.problems);
  }
  problems.push(...listProblems(launches, env));
  const seen = new Set<string>();
  const needs = launches
    .flatMap((l) => l.needs)
    .filter((n) => {
      const key = `${n.connection}\u0000${n.field}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { problems, launches, needs };
}

interface LaunchEnv {
  byName: Map<string, ConnectionInfo>;
  all: readonly ConnectionInfo[];
  defaultConnection?: ConnectionInfo;
  defaultName?: string;
  choices?: AnalyzeEnv['choices'];
}

function analyzeLaunch(launch: LaunchNode, env: LaunchEnv): LaunchAnalysis {
  const node = launch.node;
  const problems: SpecProblem[] = [];
  const blockers: string[] = [];
  const needs: { connection: string; field: ChoiceField }[] = [];
  const values: ResolvedValue[] = [];
  // The launch's first line: its lens, outline entry and "missing field" problems sit there.
  const anchor = node.type === 'map' ? (node.entries[0]?.keySpan ?? node.span) : node.span;
  const out: LaunchAnalysis = {
    index: launch.index,
    span: node.span,
    anchor,
    title: l10n.t('Launch {0}', launch.index + 1),
    problems,
    blockers,
    needs,
    values,
  };
  if (node.type !== 'map') {
    problems.push(
      err(
        'notAMap',
        l10n.t('A launch is a map of fields, e.g. `- connection: lab` with the fields of its kind below.'),
        node.span,
      ),
    );
    return out;
  }

  // The connection decides the dialect, hence which fields exist.
  const own = launch.fields.get('connection');
  let connection: ConnectionInfo | undefined;
  let connectionName: string | undefined;
  if (own) {
    const c = readConnection(own, env.byName, env.all, problems);
    connection = c.info;
    connectionName = c.name;
  } else if (env.defaultName !== undefined) {
    connection = env.defaultConnection;
    connectionName = env.defaultName;
  } else {
    problems.push(
      err(
        'missingConnection',
        l10n.t(
          'Missing “connection”: the configured connection to launch on (or set `connection:` at the top of the file).',
        ),
        anchor,
      ),
    );
  }
  out.connection = connection;
  const labelEntry = launch.fields.get('label');
  const label =
    labelEntry?.value?.type === 'scalar' && typeof labelEntry.value.value === 'string'
      ? labelEntry.value.value
      : undefined;
  if (labelEntry) readField(fieldOf(undefined, 'label') as FieldDef, labelEntry, problems);

  if (!connection) {
    out.title = label ?? (connectionName ? l10n.t('{0} launch', connectionName) : out.title);
    // Without a kind, only field names no dialect knows can be reported.
    for (const [key, entry] of launch.fields) {
      if (key !== 'connection' && key !== 'label' && dialectsWithField(key).length === 0) {
        problems.push({ ...err('unknownField', l10n.t('Unknown field “{0}”.', key), entry.keySpan), field: key });
      }
    }
    return out;
  }
  const kind = connection.kind;
  const title = DIALECT_TITLES[kind];
  if (!connection.canLaunch) {
    const span = own?.value?.span ?? own?.keySpan ?? anchor;
    problems.push(
      err(
        'cannotLaunch',
        kind === 'cnaas-nms'
          ? l10n.t(
              '{0} is a {1} connection: {1} jobs cannot be launched from Jobdeck (CNaaS-NMS starts its jobs from its own APIs, such as device sync).',
              connection.name,
              title,
            )
          : l10n.t('{0} is a {1} connection: {1} jobs cannot be launched from Jobdeck.', connection.name, title),
        span,
      ),
    );
    out.title = label ?? `${connection.name}`;
    return out;
  }

  const read: ReadValues = {};
  let unresolved = false;
  const defs = fieldsOf(kind);
  for (const [key, entry] of launch.fields) {
    if (key === 'connection' || key === 'label') continue;
    const def = defs.find((f) => f.key === key);
    if (!def) {
      const elsewhere = dialectsWithField(key).filter((k) => k !== kind);
      const hint = elsewhere.length
        ? l10n.t(
            '“{0}” is a {1} field; {2} is a {3} connection.',
            key,
            elsewhere.map((k) => DIALECT_TITLES[k]).join(' / '),
            connection.name,
            title,
          )
        : l10n.t(
            '{0} launches take: {1}.',
            title,
            defs
              .filter((f) => f.key !== 'connection')
              .map((f) => f.key)
              .join(', '),
          );
      problems.push({
        ...err('unknownField', `${l10n.t('Unknown field “{0}”.', key)} ${hint}`, entry.keySpan),
        field: key,
      });
      continue;
    }
    const value = readField(def, entry, problems);
    if (value === undefined) continue;
    if (def.choice) {
      const items = Array.isArray(value)
        ? (value as { text: string; span: Span }[])
        : [value as { text: string; span: Span }];
      const ids: string[] = [];
      for (const item of items) {
        const id = resolveValue(def, item, connection, env.choices, problems, blockers, needs, values);
        if (id !== undefined) ids.push(id);
      }
      if (ids.length === items.length) read[key] = Array.isArray(value) ? ids : ids[0];
      else unresolved = true;
    } else {
      read[key] = value;
    }
  }

  for (const def of defs) {
    if (def.required && !launch.fields.has(def.key)) {
      problems.push(
        err(
          'missingField',
          l10n.t('Missing “{0}” (required for a {1} launch): {2}', def.key, title, firstSentence(def.doc)),
          anchor,
        ),
      );
    }
  }
  for (const group of fieldGroups(kind)) {
    const given = group.keys.filter((k) => launch.fields.has(k));
    if (group.exactlyOne && given.length === 0) {
      problems.push(
        err(
          'missingField',
          l10n.t(
            'Missing one of {0} (a {1} launch needs exactly one).',
            group.keys.map((k) => `“${k}”`).join(', '),
            title,
          ),
          anchor,
        ),
      );
    }
    if (given.length > 1) {
      for (const k of given.slice(1)) {
        problems.push(
          err(
            'exclusiveFields',
            l10n.t('Give only one of {0}; “{1}” is already set.', group.keys.map((x) => `“${x}”`).join(', '), given[0]),
            (launch.fields.get(k) as SpecEntry).keySpan,
          ),
        );
      }
    }
  }

  for (const rule of onlyWith(kind)) {
    if (!launch.fields.has(rule.key)) continue;
    for (const [key, entry] of launch.fields) {
      if (
        key === rule.key ||
        key === 'connection' ||
        key === 'label' ||
        rule.allows.includes(key) ||
        !defs.some((f) => f.key === key)
      )
        continue;
      if (fieldGroups(kind).some((g) => g.keys.includes(key) && g.keys.includes(rule.key))) continue;
      problems.push({
        ...err(
          'exclusiveFields',
          l10n.t('“{0}” cannot be used with “{1}”: {2}.', key, rule.key, rule.why),
          entry.keySpan,
        ),
        field: key,
      });
    }
  }

  out.title = label ?? defaultTitle(connection.name, launch);
  const hasError = problems.some((p) => p.severity === 'error');
  if (!hasError && !unresolved) {
    try {
      out.launch = buildLaunch(kind, read);
    } catch (e) {
      blockers.push((e as Error).message);
    }
  }
  return out;
}

function readConnection(
  entry: SpecEntry,
  byName: Map<string, ConnectionInfo>,
  all: readonly ConnectionInfo[],
  problems: SpecProblem[],
): { name?: string; info?: ConnectionInfo } {
  const v = entry.value;
  if (!v || (v.type === 'scalar' && (v.value === null || v.value === ''))) {
    problems.push(
      err('missingField', l10n.t('“connection” has no value: name a configured connection.'), entry.keySpan),
    );
    return {};
  }
  if (v.type !== 'scalar' || typeof v.value === 'boolean') {
    problems.push({
      ...err('wrongType', l10n.t('“connection” must be the name of a configured connection.'), v.span),
      field: 'connection',
    });
    return {};
  }
  const name = String(v.value);
  const info = byName.get(name);
  if (!info) {
    const names = all.map((c) => c.name);
    const near = closest(
      name,
      all.map((c) => ({ id: c.name, label: c.name })),
      1,
    );
    const hint = near.length ? ` ${l10n.t('Did you mean “{0}”?', near[0])}` : '';
    const list = names.length
      ? ` ${l10n.t('Configured: {0}.', `${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`)}`
      : ` ${l10n.t('No connections are configured (setting `jobdeck.connections`).')}`;
    problems.push(err('unknownConnection', `${l10n.t('Unknown connection “{0}”.', name)}${hint}${list}`, v.span));
  }
  return { name, info };
}

/**
 * Checks the shape of one field and returns its value for the LaunchSpec: strings, numbers,
 * booleans, arrays; choice values come back as `{text, span}` to be resolved. Undefined when
 * the value is unusable (the problem is recorded).
 */
function readField(def: FieldDef, entry: SpecEntry, problems: SpecProblem[]): unknown {
  const v = entry.value;
  const at = v?.span ?? entry.keySpan;
  if (!v || (v.type === 'scalar' && v.value === null)) {
    problems.push(
      err('missingField', l10n.t('“{0}” has no value: {1}', def.key, firstSentence(def.doc)), entry.keySpan),
    );
    return undefined;
  }
  return readValue(def, v, at, problems);
}

function readValue(def: FieldDef, v: SpecNode, at: Span, problems: SpecProblem[]): unknown {
  const wrong = (expected: string) => {
    problems.push({
      ...err('wrongType', l10n.t('“{0}” must be {1}, not {2}.', def.key, expected, describe(v)), at),
      field: def.key,
    });
    return undefined;
  };
  // The field's own rule (client/launch): the same one the launch wizard applies.
  const ruled = <T>(value: T, checked: unknown = value): T | undefined => {
    const problem = checkField(def, checked);
    if (!problem) return value;
    const joined = /^(is|must|needs|cannot) /.test(problem) ? ` ${problem}` : `: ${problem}`;
    problems.push(err('invalidValue', `“${def.key}”${joined}${/[.)]$/.test(problem) ? '' : '.'}`, at));
    return undefined;
  };
  switch (def.type) {
    case 'string':
    case 'choice': {
      const text = textOf(v);
      if (text === undefined) return wrong(def.type === 'choice' ? l10n.t('a name or an id') : l10n.t('text'));
      if (ruled(text) === undefined) return undefined;
      return def.type === 'choice' ? { text, span: v.span } : text;
    }
    case 'stringList':
    case 'choiceList': {
      if (v.type !== 'seq') return wrong(l10n.t('a list (`[a, b]` or `- a` lines)'));
      const texts: string[] = [];
      const out: unknown[] = [];
      let ok = true;
      for (const item of v.items) {
        const text = textOf(item);
        if (text === undefined || !text.trim()) {
          problems.push(
            err(
              'wrongType',
              def.type === 'choiceList'
                ? l10n.t('Items of “{0}” must be names or ids, not {1}.', def.key, describe(item))
                : l10n.t('Items of “{0}” must be text, not {1}.', def.key, describe(item)),
              item.span,
            ),
          );
          ok = false;
          continue;
        }
        texts.push(text);
        out.push(def.type === 'choiceList' ? { text, span: item.span } : text);
      }
      if (ruled(out, texts) === undefined) return undefined;
      return ok ? out : undefined;
    }
    case 'boolean':
      if (v.type !== 'scalar' || typeof v.value !== 'boolean') return wrong(l10n.t('true or false'));
      return v.value;
    case 'integer':
      if (v.type !== 'scalar' || typeof v.value !== 'number' || !Number.isInteger(v.value))
        return wrong(l10n.t('a whole number'));
      return ruled(v.value);
    case 'array':
      if (v.type !== 'seq') return wrong(l10n.t('a list'));
      return ruled(toPlain(v));
    case 'block': {
      if (v.type !== 'map') return wrong(l10n.t('a block of {0}', (def.fields ?? []).map((f) => f.key).join(', ')));
      const out: Record<string, unknown> = {};
      let ok = true;
      for (const e of v.entries) {
        const sub = def.fields?.find((f) => f.key === e.key);
        if (!sub) {
          problems.push(
            err(
              'unknownField',
              l10n.t(
                'Unknown field “{0}” in “{1}”; expected {2}.',
                e.key,
                def.key,
                (def.fields ?? []).map((f) => f.key).join(', '),
              ),
              e.keySpan,
            ),
          );
          ok = false;
          continue;
        }
        const value = readField(sub, e, problems);
        if (value === undefined) ok = false;
        else out[e.key] = value;
      }
      return ok ? ruled(out) : undefined;
    }
    case 'time': {
      if (v.type === 'scalar' && typeof v.value === 'number' && Number.isFinite(v.value) && v.value >= 0)
        return Math.round(v.value * 1000);
      if (v.type === 'scalar' && typeof v.value === 'string') {
        const ms = Date.parse(v.value);
        if (!Number.isNaN(ms) && /^\d{4}-\d{2}-\d{2}/.test(v.value)) return ms;
        problems.push(
          err(
            'invalidValue',
            l10n.t('“{0}” must be an ISO date-time such as 2026-01-31T22:00:00Z, or unix seconds.', def.key),
            at,
          ),
        );
        return undefined;
      }
      return wrong(l10n.t('an ISO date-time or unix seconds'));
    }
    case 'cron': {
      const text = textOf(v);
      if (text === undefined) return wrong(l10n.t('a cron field such as `0`, `*/15` or `1-5`'));
      const r = readCron(def, text);
      if (r.ok) return r.value;
      problems.push(err('invalidValue', `“${def.key}”: ${r.error}.`, at));
      return undefined;
    }
  }
}

function resolveValue(
  def: FieldDef,
  item: { text: string; span: Span },
  connection: ConnectionInfo,
  choices: AnalyzeEnv['choices'],
  problems: SpecProblem[],
  blockers: string[],
  needs: { connection: string; field: ChoiceField }[],
  values: ResolvedValue[],
): string | undefined {
  const field = def.choice as ChoiceField;
  const noun = choiceNouns(def);
  if (!needs.some((n) => n.field === field)) needs.push({ connection: connection.name, field });
  const state = choices?.(connection.name, field) ?? { status: 'pending' as const };
  const resolved: ResolvedValue = { span: item.span, field: def, written: item.text };
  values.push(resolved);
  if (state.status === 'ok' && state.choices.length > 0) {
    const m = matchChoice(item.text, state.choices);
    if ('found' in m) {
      resolved.choice = m.found;
      return m.found.id;
    }
    if ('ambiguous' in m) {
      problems.push(
        err(
          'ambiguous',
          l10n.t(
            '“{0}” matches {1} {2} on {3} (ids {4}): write the id.',
            item.text,
            m.ambiguous.length,
            noun.many,
            connection.name,
            m.ambiguous.map((c) => c.id).join(', '),
          ),
          item.span,
        ),
      );
      return undefined;
    }
    const near = closest(item.text, state.choices);
    const hint = near.length ? ` ${l10n.t('Did you mean {0}?', near.map((n) => `“${n}”`).join(l10n.t(' or ')))}` : '';
    if (def.listIs === 'seen') {
      problems.push({
        code: 'notOnServer',
        severity: 'warning',
        message: `${l10n.t('No recent job on {0} used the {1} “{2}”.', connection.name, noun.one, item.text)}${hint}`,
        span: item.span,
      });
      return item.text;
    }
    problems.push(
      err(
        'notOnServer',
        `${l10n.t('No {0} “{1}” on {2} ({3} {4} listed).', noun.one, item.text, connection.name, state.choices.length, noun.many)}${hint}`,
        item.span,
      ),
    );
    return undefined;
  }
  // No list to check against: values that read as ids go through; names cannot be resolved.
  if (def.listIs === 'seen' || /^\d+$/.test(item.text)) return item.text;
  if (state.status === 'ok') {
    problems.push(
      err(
        'notOnServer',
        l10n.t(
          "{0} lists no {1}, so “{2}” cannot be looked up: write the {3}'s id.",
          connection.name,
          noun.many,
          item.text,
          noun.one,
        ),
        item.span,
      ),
    );
    return undefined;
  }
  blockers.push(
    state.status === 'error'
      ? l10n.t('cannot resolve the {0} “{1}” on {2}: {3}', noun.one, item.text, connection.name, state.message)
      : l10n.t('the {0} of {1} have not been read yet', noun.many, connection.name),
  );
  return undefined;
}

/** One warning per connection and list that could not be read, on its first use. */
function listProblems(launches: readonly LaunchAnalysis[], env: AnalyzeEnv): SpecProblem[] {
  const out: SpecProblem[] = [];
  const done = new Set<string>();
  for (const l of launches) {
    const name = l.connection?.name;
    if (!name) continue;
    for (const v of l.values) {
      const field = v.field.choice as ChoiceField;
      const state = env.choices?.(name, field);
      const key = `${name}\u0000${field}`;
      if (state?.status !== 'error' || done.has(key)) continue;
      done.add(key);
      out.push({
        code: 'listUnavailable',
        severity: 'warning',
        message: l10n.t('Could not check {0} on {1}: {2}', choiceNouns(v.field).many, name, state.message),
        span: v.span,
      });
    }
  }
  return out;
}

/**
 * In `*.jobdeck.json` files VS Code's JSON language service already checks the JSON Schema
 * (jsonValidation): syntax, a field's type where every dialect gives it the same type, and
 * keys no dialect knows. Those problems would show twice; the server leaves them to it.
 */
export function coveredBySchema(p: SpecProblem): boolean {
  if (p.code === 'syntax') return true;
  if (!p.field) return false;
  if (p.code === 'unknownField')
    return p.field !== 'connection' && p.field !== 'label' && dialectsWithField(p.field).length === 0;
  if (p.code === 'wrongType') {
    if (p.field === 'launches' || p.field === 'connection' || p.field === 'label') return true;
    const types = new Set(dialectsWithField(p.field).map((k) => fieldOf(k, p.field as string)?.type));
    return types.size === 1;
  }
  return false;
}

function defaultTitle(connection: string, launch: LaunchNode): string {
  for (const key of ['package', 'packages', 'environment', 'name', 'stack']) {
    const v = launch.fields.get(key)?.value;
    const text = textOf(v);
    if (text) return `${connection}: ${text}`;
    if (v?.type === 'seq') return `${connection}: ${v.items.map((i) => textOf(i) ?? '?').join(', ')}`;
  }
  return connection;
}

function textOf(v: SpecNode | undefined): string | undefined {
  if (v?.type !== 'scalar' || v.value === null || typeof v.value === 'boolean') return undefined;
  return String(v.value);
}

function toPlain(v: SpecNode): unknown {
  if (v.type === 'scalar') return v.value;
  if (v.type === 'seq') return v.items.map(toPlain);
  return Object.fromEntries(v.entries.map((e) => [e.key, e.value ? toPlain(e.value) : null]));
}

function describe(v: SpecNode): string {
  if (v.type === 'map') return l10n.t('a block of fields');
  if (v.type === 'seq') return l10n.t('a list');
  if (v.value === null) return l10n.t('empty');
  if (typeof v.value === 'boolean') return String(v.value);
  if (typeof v.value === 'number') return l10n.t('the number {0}', v.value);
  return `“${v.value.length > 40 ? `${v.value.slice(0, 39)}…` : v.value}”`;
}

function firstSentence(doc: string): string {
  const m = /^(.*?[.:])(\s|$)/.exec(doc);
  return (m ? m[1] : doc).replace(/:$/, '.');
}

function err(code: ProblemCode, message: string, span: Span): SpecProblem {
  return { code, severity: 'error', message, span };
}
