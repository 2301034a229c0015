// The launch fields of a spec file, per dialect: the field tables of the dialects
// (client/launch/<dialect>.ts, found through the registry) with the fields every launch has.
// Validation, completion, hover, the JSON Schema and the docs all read these.
import * as l10n from '@vscode/l10n';
import {
  commonFields,
  buildLaunchSpec,
  type FieldDef,
  type FieldGroup,
  type OnlyWith,
  type ReadValues,
} from '../client/launch/fields';
import type { BulkLaunchSpec, DialectKind, LaunchSpec } from '../client/model';
import { DIALECT_INFO as DIALECTS, DIALECT_KINDS } from '../client/dialectInfo';

export { commonFields };
export type { FieldDef };

// Everything below is asked for when used, never kept from module load: the field tables are
// made in the display language, which the language server learns only at `initialize`.

/** Each dialect's own launch fields ([] where Jobdeck does not launch). */
export function dialectFields(kind: DialectKind): readonly FieldDef[] {
  return DIALECTS[kind].launch?.().fields ?? [];
}

const byKind = <T>(of: (kind: DialectKind) => T): Readonly<Record<DialectKind, T>> =>
  Object.fromEntries(DIALECT_KINDS.map((k) => [k, of(k)])) as Record<DialectKind, T>;

export const DIALECT_TITLES = byKind((k) => DIALECTS[k].title);
/** Groups of fields of which exactly one (`exactlyOne`) or at most one must be given. */
export function fieldGroups(kind: DialectKind): readonly FieldGroup[] {
  return DIALECTS[kind].launch?.().groups ?? [];
}
/** A field that allows only some others beside it (CDRouter's bulk launch takes tags only). */
export function onlyWith(kind: DialectKind): readonly OnlyWith[] {
  return DIALECTS[kind].launch?.().onlyWith ?? [];
}

export function fieldsOf(kind: DialectKind): readonly FieldDef[] {
  return [...commonFields(), ...dialectFields(kind)];
}

export function fieldOf(kind: DialectKind | undefined, key: string): FieldDef | undefined {
  const common = commonFields().find((f) => f.key === key);
  if (common || !kind) return common;
  return dialectFields(kind).find((f) => f.key === key);
}

/** Every dialect that has a field with this key (hover on a launch with an unknown connection). */
export function dialectsWithField(key: string): DialectKind[] {
  return DIALECT_KINDS.filter((k) => dialectFields(k).some((f) => f.key === key));
}

/** One launch of a spec file: a single job, or CDRouter's native bulk launch (`packages:`). */
export type SpecLaunch = { spec: LaunchSpec } | { bulk: BulkLaunchSpec };

/** A checked launch → what the adapters take. The values arrive validated and resolved (names → ids). */
export function buildLaunch(kind: DialectKind, values: ReadValues): SpecLaunch {
  const table = DIALECTS[kind].launch?.();
  if (!table) throw new Error(l10n.t('{0} jobs cannot be launched from Jobdeck', DIALECT_TITLES[kind]));
  const bulk = table.bulk?.(values);
  return bulk ? { bulk } : { spec: buildLaunchSpec(table, values) };
}
