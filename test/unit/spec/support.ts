// Shared bits of the spec-file unit tests: connections, canned choice lists, cursor markers.
import type { ChoiceField } from '../../../src/client/launch/fields';
import type { Choice } from '../../../src/client/model';
import type { ChoiceState, ConnectionInfo } from '../../../src/specfile/analyze';
import { LineIndex } from '../../../src/specfile/document';

export const CONNECTIONS: ConnectionInfo[] = [
  { name: 'demo-cdrouter', kind: 'cdrouter', canLaunch: true, url: 'http://127.0.0.1:1/cdrouter' },
  { name: 'demo-puppet', kind: 'puppet-orchestrator', canLaunch: true },
  { name: 'demo-stack', kind: 'stack-jobs', canLaunch: true },
  { name: 'demo-beacon', kind: 'beacon', canLaunch: true },
  { name: 'demo-cnaas', kind: 'cnaas-nms', canLaunch: false },
];

/** What the emulator lists (test/emulator …Data.ts), enough for the fixtures. */
export const CHOICES: Partial<Record<ChoiceField, Choice[]>> = {
  package: [
    { id: '1027', label: 'one' },
    { id: '1034', label: 'dns', description: 'dns test package' },
    { id: '1069', label: 'nightly performance' },
    { id: '1167', label: 'smoke' },
    { id: '1076', label: 'all' },
    { id: '1083', label: 'all (copy 1)' },
  ],
  device: [
    { id: '12', label: 'Device Foo' },
    { id: '13', label: 'Archer AX55' },
  ],
  config: [
    { id: '34', label: 'Config Foo', description: 'default lab config' },
    { id: '35', label: 'ipv6-dual-stack' },
  ],
  environment: ['production', 'staging', 'development'].map((e) => ({ id: e, label: e })),
  nodeGroup: [],
  schedule: [
    { id: '1', label: 'every 5 minutes' },
    { id: '2', label: 'daily 02:00' },
    { id: '3', label: 'every 15 minutes' },
    { id: '5', label: 'nightly 23:30' },
  ],
  stack: [
    { id: '1', label: 'web-frontend' },
    { id: '2', label: 'billing-api' },
    { id: '4', label: 'monitoring' },
  ],
  beacon: ['default', 'lab-2'].map((b) => ({ id: b, label: b })),
};

export function okChoices(_connection: string, field: ChoiceField): ChoiceState {
  return { status: 'ok', choices: CHOICES[field] ?? [] };
}

/** Text with one `|` marking the cursor → the text without it and the offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** 1-based "line:col-line:col" of a span, for readable range assertions. */
export function where(text: string, span: { start: number; end: number }): string {
  const lines = new LineIndex(text);
  const a = lines.position(span.start);
  const b = lines.position(span.end);
  return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
}

export function lines(...l: string[]): string {
  return l.join('\n') + '\n';
}
