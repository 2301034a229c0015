// What a launch sends, as "key: value" lines for a confirmation (relaunch, a launch by argument).
import type { LaunchSpec } from '../client/model';
import { oneLine } from '../shared/format';

/** The spec as "key: value" lines for the confirmation. */
export function describeSpec(spec: LaunchSpec): string {
  const lines: string[] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v === undefined || v === null || prefix === 'kind') return;
    if (Array.isArray(v))
      lines.push(
        `${prefix}: ${oneLine(v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', '), 200)}`,
      );
    else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
    else lines.push(`${prefix}: ${oneLine(String(v), 200)}`);
  };
  walk('', spec);
  return lines.slice(0, 20).join('\n');
}
