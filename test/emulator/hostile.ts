// Hostile content for the `hostile` option: what a careless renderer would execute, colour,
// reorder or choke on. Deterministic per job, so a test can find the same job again.
import { rand, pick } from './rng';

export const HOSTILE_STRINGS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[details](javascript:alert(1))',
  'javascript:alert(document.cookie)',
  '\u001b[31mFAILED\u001b[0m \u001b[1;5mblink\u001b[0m',
  'evil\u202egpj.exe\u202c',
  '"><svg onload=alert(1)>',
  // CSS injection: a style that escapes its attribute or element, and a remote stylesheet.
  '</style><style>body{display:none}*{background:url(https://evil.example/x)}</style>',
  'x" style="position:fixed;inset:0;background:red" onmouseover="alert(1)',
  '<link rel=stylesheet href=https://evil.example/evil.css>',
  // Binary: NUL, C0/C1 controls, an unpaired surrogate, noncharacters, a byte-order mark.
  'bin\u0000\u0001\u0002\u0007\u0008\u007f\u0080\u009b[2J\ud800\ufffe\uffff\ufeff\u00ff',
] as const;

/** A very long line (no breaks): wraps, truncation and layout get tested. */
export const LONG_LINE = 'x'.repeat(12_000);

/** A 1 MB line: a job name no tree row or panel header should try to lay out in full. */
export const HUGE_LINE = 'x'.repeat(1_000_000);

/** One of the hostile strings for ~1 in 8 jobs (when enabled), else undefined. */
export function hostileFor(enabled: boolean, seed: number, i: number, salt: string): string | undefined {
  if (!enabled || rand(seed, i, salt + 'h') >= 0.125) return undefined;
  const all = [...HOSTILE_STRINGS, LONG_LINE, HUGE_LINE];
  return pick(seed, i, salt + 'hs', all);
}

/** Jobs that carry a huge diff when hostile: every 97th. */
export function hasHugeDiff(enabled: boolean, i: number): boolean {
  return enabled && i % 97 === 0;
}

/** A syntactically valid unified-diff body of about `bytes` bytes. */
export function hugeDiff(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    const count = 200;
    const start = n * 400 + 1;
    const hunk = [`@@ -${start},${count} +${start},${count} @@`];
    for (let k = 0; k < count / 2; k++) {
      hunk.push(`-interface Ethernet${start + k}\n+interface Ethernet${start + k} <script>alert(${n})</script>`);
    }
    for (let k = count / 2; k < count; k++) hunk.push(` ! line ${start + k}`);
    const text = hunk.join('\n');
    lines.push(text);
    size += text.length + 1;
    n++;
  }
  return lines.join('\n');
}
