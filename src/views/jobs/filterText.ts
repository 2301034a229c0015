import type { JobFilter } from '../../client/model';

/** "running, failed · 'dns' · owner alice": the active filter, short enough for a row. */
export function describeFilter(f: JobFilter): string {
  const parts: string[] = [];
  if (f.states?.length) parts.push(f.states.join(', '));
  if (f.text) parts.push(`"${f.text}"`);
  if (f.owner) parts.push(`owner ${f.owner}`);
  for (const [field, value] of Object.entries(f.fields ?? {})) parts.push(`${field} = ${value}`);
  if (f.detailed) parts.push('detailed');
  return parts.join(' · ');
}
