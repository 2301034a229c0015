// The launch wizard of a connection: its dialect's field table, started from the connection's
// last launch (kept in globalState, so a second launch of the same package is a row of Enters).
// Dialects without a table (CNaaS-NMS) have no wizard.
import type * as vscode from 'vscode';
import type { LaunchSpec } from '../../client/model';
import { DIALECTS } from '../../client/registry';
import { wizardContext, type LaunchSource } from './steps';
import { launchWizard } from './wizard';

const key = (connection: string) => `jobdeck.launchDefaults.${connection}`;

/** Asks for a launch on this connection step by step; undefined when the user cancels. */
export async function runLaunchWizard(memento: vscode.Memento, source: LaunchSource): Promise<LaunchSpec | undefined> {
  const table = DIALECTS[source.kind].launch?.();
  if (!table) return undefined;
  const last = memento.get<LaunchSpec>(key(source.name));
  // A connection renamed onto another dialect must not hand the wizard a foreign spec.
  return launchWizard(wizardContext(source), table, last?.kind === source.kind ? last : undefined);
}

/** Remembers a launch as the connection's next starting point. */
export function saveDefaults(memento: vscode.Memento, connection: string, spec: LaunchSpec): Thenable<void> {
  return memento.update(key(connection), spec);
}
