// The extension's answers to the spec language server's questions, from the Jobs view's stores:
// the connections it knows, and a connection's choice lists loaded through that connection's
// one HTTP client (its token, TLS options and proxy). No `vscode` here, so unit tests drive it
// with real stores against loopback servers.
import { isJobdeckError } from '../client/errors';
import type { ChoicesParams, ChoicesResult, ConnectionsResult } from '../specfile/protocol';
import type { JobStore } from '../store/jobStore';

export const UNTRUSTED = 'spec files ask no server until you trust this workspace';

export function answerConnections(jobStore: JobStore, trusted: boolean, lensKey: string): ConnectionsResult {
  return {
    trusted,
    lensKey,
    connections: jobStore.all().map((s) => ({
      name: s.name,
      kind: s.kind,
      url: s.url,
      canLaunch: s.capabilities.launch,
    })),
  };
}

/** Nothing in Restricted Mode: a spec file in a workspace not trusted makes no request. */
export async function answerChoices(
  jobStore: JobStore,
  params: ChoicesParams,
  trusted: boolean,
  signal?: AbortSignal,
): Promise<ChoicesResult> {
  if (!trusted) return { error: UNTRUSTED };
  const store = jobStore.get(params?.connection);
  if (!store) return { error: `no connection named ${String(params?.connection)}` };
  try {
    return { choices: await store.listChoices(params.field, signal) };
  } catch (e) {
    return { error: isJobdeckError(e) ? e.shortMessage : (e as Error).message };
  }
}
