// Matching a value written in a spec file (a name or an id) against the values a server lists.
import type { Choice } from '../client/model';

type ChoiceMatch = { found: Choice } | { ambiguous: Choice[] } | { missing: true };

/** An id wins over a name; then an exact name; then a name in any case. */
export function matchChoice(value: string, choices: readonly Choice[]): ChoiceMatch {
  const byId = choices.find((c) => c.id === value);
  if (byId) return { found: byId };
  for (const same of [(c: Choice) => c.label === value, (c: Choice) => c.label.toLowerCase() === value.toLowerCase()]) {
    const hits = choices.filter(same);
    if (hits.length === 1) return { found: hits[0] };
    if (hits.length > 1) return { ambiguous: hits };
  }
  return { missing: true };
}

/** The closest names, for "did you mean" (edit distance at most a third of the length). */
export function closest(value: string, choices: readonly Choice[], max = 2): string[] {
  const v = value.toLowerCase();
  const limit = Math.max(1, Math.floor(v.length / 3));
  return choices
    .map((c) => ({ label: c.label, d: distance(v, c.label.toLowerCase(), limit) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.label.localeCompare(b.label))
    .slice(0, max)
    .map((x) => x.label);
}

function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The label completion inserts: the name where it is unique, else the id. */
export function insertValueOf(choice: Choice, all: readonly Choice[]): string {
  const sameLabel = all.filter((c) => c.label.toLowerCase() === choice.label.toLowerCase()).length;
  const labelIsOtherId = all.some((c) => c !== choice && c.id === choice.label);
  return choice.label && sameLabel === 1 && !labelIsOtherId ? choice.label : choice.id;
}

/** How messages name a choice field's values: its label, one and many ("node group(s)"). */
export function choiceNouns(field: { label: string }): { one: string; many: string } {
  const one = field.label.toLowerCase();
  return { one, many: `${one}s` };
}
