// A launch field, defined once: its type, its rule, its place in the LaunchSpec, its meaning
// (hover, completion, the JSON Schema, the docs) and how the wizard asks for it. Each dialect
// that launches has one table of these (client/launch/<dialect>.ts); the spec-file checks
// (specfile/analyze.ts), the launch wizard (commands/launch/wizard.ts) and `buildLaunchSpec`
// all read the same table, so a value the wizard refuses is refused in a spec file too.
import * as l10n from '@vscode/l10n';
import type { BulkLaunchSpec, DialectKind, LaunchSpec } from '../model';
import { checkCron, checkItems, checkText, problemOf, type ItemRule, type Parsed } from './rules';

/** Which choice list a launch wizard or a spec file asks for. */
export type ChoiceField =
  'package' | 'device' | 'config' | 'environment' | 'nodeGroup' | 'schedule' | 'stack' | 'beacon';

export type FieldType =
  | 'string'
  /** A value the server lists (package, environment…): its name or its id. */
  | 'choice'
  | 'choiceList'
  | 'stringList'
  | 'boolean'
  | 'integer'
  /** Any JSON array (beacon tasks are passed through as they are). */
  | 'array'
  /** A block of sub-fields (beacon `schedule:`). */
  | 'block'
  /** A point in time: ISO 8601 or unix seconds in a file, a local date in the wizard. */
  | 'time'
  /** A cron field: `*`, a number, a range `a-b`, a step `*\/n`, or a comma list. */
  | 'cron';

/** One answer of a yes/no field, as the wizard offers it. */
export interface FieldOption {
  value: boolean;
  /** @ownText */ label: string;
  /** @ownText */ description?: string;
  /** How the review step shows it. */
  review: string;
}

export interface FieldDef {
  key: string;
  type: FieldType;
  /** Markdown for hover and completion documentation. */
  doc: string;
  required?: boolean;
  /** Where the value goes in the LaunchSpec (a dotted path); none: not part of a single launch. */
  to?: string;
  /** Where live values come from (listChoices). */
  choice?: ChoiceField;
  /**
   * How sure the server's list is. 'complete': a value not in it is an error (CDRouter packages,
   * stack-jobs schedules). 'seen': the list is gathered from recent jobs, so a value not in it is
   * only a warning (Puppet environments, beacon names).
   */
  listIs?: 'complete' | 'seen';
  /** The ids of this choice are whole numbers on the wire. */
  numericId?: boolean;
  /** Smallest and largest allowed number (integers; a cron field's range). */
  min?: number;
  max?: number;
  /** Longest allowed text. */
  maxLength?: number;
  /** What each item of a list must be. */
  items?: ItemRule;
  /** A list that, when given, has at least one item. */
  nonEmpty?: boolean;
  /** Sub-fields of a block. */
  fields?: FieldDef[];
  /** A rule over a block's values (a schedule's end after its start). */
  check?(values: Record<string, unknown>): string | undefined;
  /** A snippet body after `key: ` for completion (YAML). */
  snippet?: string;
  /** The API field it becomes, for hover. */
  sends?: string;

  // How the launch wizard asks for it.
  /** Its name in the review step. @ownText */
  label: string;
  /** The input box's prompt (choices: "Pick the <noun>"). @ownText */
  prompt?: string;
  /** @ownText */
  placeholder?: string;
  /** A yes/no field's two answers. */
  options?: readonly FieldOption[];
  /** The wizard does not ask for it (CDRouter's `packages` is the bulk launch command's). */
  wizard?: false;
  /** Not carried into the next launch's answers (a job's own name). */
  remember?: false;
  /** The list's item in the review ("2 nodes: a, b"). */
  noun?: string;
  /** What an empty answer means in the review. */
  emptyReview?: string;
}

/** Fields of which exactly one (`exactlyOne`) or at most one may be given. */
export interface FieldGroup {
  keys: readonly string[];
  exactlyOne: boolean;
  /** How the wizard asks which one (a group with one field the wizard asks for needs none). */
  wizard?: {
    /** @ownText */
    ask: string;
    /** @ownText */
    label: string;
    /** One per field, and one without a field for "none of them". */
    choices: readonly {
      key?: string;
      /** @ownText */
      label: string;
      /** @ownText */
      description: string;
      review: string;
    }[];
  };
}

/** A field that allows only some others beside it (CDRouter's bulk launch takes tags only). */
export interface OnlyWith {
  key: string;
  allows: readonly string[];
  why: string;
}

export interface LaunchTable<K extends DialectKind = DialectKind> {
  kind: K;
  fields: readonly FieldDef[];
  groups?: readonly FieldGroup[];
  onlyWith?: readonly OnlyWith[];
  /** The fields a new launch's snippet starts with (JSON Schema defaultSnippets). */
  snippet: readonly string[];
  /** A native bulk launch from the values, where a field asks for one (CDRouter `packages:`). */
  bulk?(values: ReadValues): BulkLaunchSpec | undefined;
}

/** Field key → value as read (text, number, boolean, list; choice fields hold resolved ids). */
export type ReadValues = Record<string, unknown>;

/** The fields every launch has, in the display language (made when asked for). */
export function commonFields(): readonly FieldDef[] {
  return [
    {
      key: 'connection',
      type: 'string',
      label: l10n.t('Connection'),
      doc: l10n.t(
        'The Jobdeck connection (a `name` in the `jobdeck.connections` setting) to launch on. Its `kind` decides which fields apply. May be set once at the top of the file for every launch.',
      ),
    },
    {
      key: 'label',
      type: 'string',
      label: l10n.t('Label'),
      doc: l10n.t('A name for this launch in the outline and above it in the editor. Not sent to the server.'),
    },
  ];
}

/** The problem with a value of this field, or undefined. The one rule per field. */
export function checkField(def: FieldDef, value: unknown): string | undefined {
  switch (def.type) {
    case 'string':
    case 'choice':
      return typeof value === 'string' ? checkText(value, def.maxLength) : undefined;
    case 'stringList':
    case 'choiceList':
    case 'array':
      return Array.isArray(value) ? checkItems(value, def.items, def.nonEmpty) : undefined;
    case 'integer':
      if (typeof value !== 'number') return undefined;
      if (def.min !== undefined && value < def.min) return l10n.t('must be at least {0}', def.min);
      if (def.max !== undefined && value > def.max) return l10n.t('must be at most {0}', def.max);
      return undefined;
    case 'cron':
      return problemOf((t) => readCron(def, t))(String(value));
    case 'block':
      return typeof value === 'object' && value !== null ? def.check?.(value as Record<string, unknown>) : undefined;
    default:
      return undefined;
  }
}

/** A cron field's text, checked and tidied (blanks dropped). */
export function readCron(def: FieldDef, text: string): Parsed<string> {
  return checkCron(text, def.min ?? 0, def.max ?? 59, def.label.toLowerCase());
}

/**
 * The LaunchSpec of a launch: each value goes where its field says (`to`). The values are
 * checked already (the wizard's steps, the spec-file analysis); what no check can promise (a
 * missing required value, a numeric id that is not one) throws.
 */
export function buildLaunchSpec(table: LaunchTable, values: ReadValues): LaunchSpec {
  const spec: Record<string, unknown> = { kind: table.kind };
  const put = (defs: readonly FieldDef[], from: ReadValues) => {
    for (const def of defs) {
      const v = from[def.key];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0 && !def.required)) {
        if (def.required) throw new Error(l10n.t('the {0} is required', def.label.toLowerCase()));
        continue;
      }
      if (def.type === 'block') put(def.fields ?? [], v as ReadValues);
      else if (def.to) setPath(spec, def.to, def.numericId ? wholeId(v, def.label) : v);
    }
  };
  put(table.fields, values);
  for (const g of table.groups ?? []) {
    if (g.exactlyOne && !g.keys.some((k) => values[k] !== undefined))
      throw new Error(l10n.t('one of {0} is required', g.keys.join(', ')));
  }
  return spec as unknown as LaunchSpec;
}

/** The way back: a launch's values from its LaunchSpec (the wizard starts from the last one). */
export function launchValues(table: LaunchTable, spec: LaunchSpec): ReadValues {
  const read = (defs: readonly FieldDef[]): ReadValues => {
    const out: ReadValues = {};
    for (const def of defs) {
      if (def.type === 'block') {
        const inner = read(def.fields ?? []);
        if (Object.values(inner).some((v) => v !== undefined)) out[def.key] = inner;
        continue;
      }
      const v = def.to ? getPath(spec, def.to) : undefined;
      if (v !== undefined) out[def.key] = def.numericId ? String(v) : v;
    }
    return out;
  };
  return read(table.fields);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]] = value;
}

function getPath(source: unknown, path: string): unknown {
  let at = source;
  for (const p of path.split('.'))
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[p] : undefined;
  return at;
}

/** Ids that are numbers on the wire (stack-jobs). */
function wholeId(id: unknown, what: string): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(l10n.t('the {0} id “{1}” is not a number', what.toLowerCase(), String(id)));
  return n;
}
