// The page's names for what a job is made of, in the display language: each form is its own
// message, since languages differ in more than an added "s".
import * as l10n from '@vscode/l10n';

type Kind = 'node' | 'device' | 'task' | 'step';

function kindOf(kind: string | undefined): Kind {
  return kind === 'device' || kind === 'task' || kind === 'step' ? kind : 'node';
}

/** "node"/"nodes", "device"/"devices"… for a target kind, as a count of `n` reads. */
export function noun(kind: string | undefined, n: number): string {
  const words: Record<Kind, [string, string]> = {
    node: [l10n.t('node'), l10n.t('nodes')],
    device: [l10n.t('device'), l10n.t('devices')],
    task: [l10n.t('task'), l10n.t('tasks')],
    step: [l10n.t('step'), l10n.t('steps')],
  };
  return words[kindOf(kind)][n === 1 ? 0 : 1];
}

/** The heading of a list of targets: "Nodes", "Devices"… */
export function plural(kind: string | undefined): string {
  const words: Record<Kind, string> = {
    node: l10n.t('Nodes'),
    device: l10n.t('Devices'),
    task: l10n.t('Tasks'),
    step: l10n.t('Steps'),
  };
  return words[kindOf(kind)];
}
