// The last launch of each connection, kept in globalState: the wizard starts from it, so a
// second launch of the same package/environment is a row of Enters.
import type * as vscode from 'vscode';
import type { DialectKind, LaunchSpec } from '../../client/model';

const key = (connection: string) => `jobdeck.launchDefaults.${connection}`;

export function loadDefaults<K extends DialectKind>(memento: vscode.Memento, connection: string, kind: K): Extract<LaunchSpec, { kind: K }> | undefined {
  const spec = memento.get<LaunchSpec>(key(connection));
  // A connection renamed onto another dialect must not hand the wizard a foreign spec.
  return spec && spec.kind === kind ? (spec as Extract<LaunchSpec, { kind: K }>) : undefined;
}

export function saveDefaults(memento: vscode.Memento, connection: string, spec: LaunchSpec): Thenable<void> {
  return memento.update(key(connection), spec);
}
