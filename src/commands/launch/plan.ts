// What the launch wizard asks, decided from a dialect's field table without VS Code: the
// questions in order (a group's choice before its fields), where they start from (the last
// launch), which apply, the values to build from and the review lines.
import {
  launchValues,
  type FieldDef,
  type FieldGroup,
  type LaunchTable,
  type ReadValues,
} from '../../client/launch/fields';
import { formatDateTime } from '../../client/launch/rules';
import type { LaunchSpec } from '../../client/model';

/** One question of the wizard, in table order. */
export type Ask =
  | { kind: 'group'; group: FieldGroup; at: number }
  | {
      kind: 'field';
      def: FieldDef;
      required: boolean;
      group?: number;
      member?: string;
      block?: FieldDef;
      /** The only fields it goes with (the table's onlyWith): beacon's `qTime` not with a schedule. */
      allows?: readonly string[];
    };

export interface State {
  values: ReadValues;
  /** The field chosen in each group (by the group's index; undefined: none of them). */
  chosen: (string | undefined)[];
  /** How picked values read in the review ("Foo box (12)"). */
  labels: Record<string, string>;
}

/** Where the answers start: the last launch's values (a job's own name left out), each group on the field it used. */
export function initialState(table: LaunchTable, previous: LaunchSpec | undefined): State {
  const values = previous ? launchValues(table, previous) : {};
  for (const def of table.fields) if (def.remember === false) delete values[def.key];
  const chosen = (table.groups ?? []).map((g) => {
    const given = g.keys.find((k) => values[k] !== undefined);
    const choices = g.wizard?.choices ?? [];
    return given ?? (previous && choices.some((c) => !c.key) ? undefined : choices[0]?.key);
  });
  return { values, chosen, labels: {} };
}

/** The questions: each field the wizard asks for, a group's choice before its fields. */
export function plan(table: LaunchTable): Ask[] {
  const groups = table.groups ?? [];
  const out: Ask[] = [];
  const asked = new Set<number>();
  for (const def of table.fields) {
    if (def.wizard === false) continue;
    const g = groups.findIndex((x) => x.wizard && x.keys.includes(def.key));
    if (g >= 0 && !asked.has(g)) {
      asked.add(g);
      out.push({ kind: 'group', group: groups[g], at: g });
    }
    const member = g >= 0 ? def.key : undefined;
    // Required, or the one field of an exactly-one group that the wizard asks for (CDRouter's package).
    const required =
      def.required === true ||
      member !== undefined ||
      groups.some(
        (x) =>
          x.exactlyOne &&
          x.keys.includes(def.key) &&
          x.keys.every((k) => k === def.key || table.fields.find((f) => f.key === k)?.wizard === false),
      );
    // A yes/no member is answered by the group's choice itself (beacon: "Queue now").
    if (member && def.type === 'boolean') continue;
    if (def.type === 'block')
      for (const sub of def.fields ?? [])
        out.push({
          kind: 'field',
          def: sub,
          required: sub.required === true,
          group: g >= 0 ? g : undefined,
          member,
          block: def,
        });
    else {
      const allows = table.onlyWith?.find((o) => o.key === def.key)?.allows;
      out.push({ kind: 'field', def, required, group: g >= 0 ? g : undefined, member, allows });
    }
  }
  return out;
}

export function applies(a: Ask, s: State): boolean {
  if (a.kind === 'group') return true;
  if (a.allows && !goesWith(a.allows, s)) return false;
  return a.group === undefined || s.chosen[a.group] === a.member;
}

/** No group's chosen field is one it does not go with. */
function goesWith(allows: readonly string[], s: State): boolean {
  return s.chosen.every((k) => k === undefined || allows.includes(k));
}

/** The values to build from: a group's other fields are left out, its yes/no member is true. */
export function answers(table: LaunchTable, s: State): ReadValues {
  const out: ReadValues = { ...s.values };
  (table.groups ?? []).forEach((g, i) => {
    if (!g.wizard) return;
    for (const k of g.keys) if (k !== s.chosen[i]) delete out[k];
    const chosen = table.fields.find((f) => f.key === s.chosen[i]);
    if (chosen?.type === 'boolean') out[chosen.key] = true;
  });
  // An answer given before Back changed the choice (a queued job's qTime, then a schedule).
  for (const o of table.onlyWith ?? []) if (!goesWith(o.allows, s)) delete out[o.key];
  return out;
}

/** What will be sent, a line per question: `[label, value]` (empty values are left out). */
export function reviewLines(asks: readonly Ask[], s: State): [string, string][] {
  const lines: [string, string][] = [];
  for (const a of asks) {
    if (!applies(a, s)) continue;
    if (a.kind === 'group') {
      const w = a.group.wizard!;
      const choice = w.choices.find((c) => c.key === s.chosen[a.at]);
      const member = asks.find(
        (x): x is Extract<Ask, { kind: 'field' }> => x.kind === 'field' && x.member === s.chosen[a.at] && !x.block,
      );
      const value = member ? s.values[member.def.key] : undefined;
      if (member && Array.isArray(value) && member.def.noun) lines.push([w.label, shown(member.def, value, s)]);
      else if (member) lines.push([w.label, `${choice?.review ?? ''} ${shown(member.def, value, s)}`.trim()]);
      else lines.push([w.label, choice?.review ?? '']);
      continue;
    }
    if (a.member !== undefined && !a.block) continue;
    const into = a.block ? ((s.values[a.block.key] ?? {}) as ReadValues) : s.values;
    lines.push([a.def.label, shown(a.def, into[a.def.key], s)]);
  }
  return lines;
}

function shown(def: FieldDef, v: unknown, s: State): string {
  if (v === undefined || v === '') return def.emptyReview ?? '';
  if (def.type === 'choice') return s.labels[def.key] ?? String(v);
  if (def.type === 'boolean') return def.options?.find((o) => o.value === v)?.review ?? String(v);
  if (def.type === 'time') return formatDateTime(v as number);
  if (def.type === 'array') {
    const json = JSON.stringify(v);
    return `${(v as unknown[]).length} ${def.noun ?? 'item'}(s): ${json.length > 120 ? `${json.slice(0, 119)}…` : json}`;
  }
  if (Array.isArray(v)) {
    const items = `${v.slice(0, 5).join(', ')}${v.length > 5 ? ', …' : ''}`;
    return def.noun ? `${v.length} ${def.noun}${v.length === 1 ? '' : 's'}: ${items}` : v.join(', ');
  }
  return String(v);
}
