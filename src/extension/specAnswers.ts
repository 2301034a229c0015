// The extension's answers to the spec language server's questions, from the Jobs view's stores:
// the connections it knows, and a connection's choice lists loaded through that connection's
// one HTTP client (its token, TLS options and proxy). No `vscode` here, so unit tests drive it
// with real stores against loopback servers.
import { isJobdeckError } from '../client/errors';
import type { ChoicesParams, ChoicesResult, ConnectionsResult } from '../specfile/protocol';
import type { JobStore } from '../store/jobStore';

export function answerConnections(jobStore: JobStore): ConnectionsResult {
  return {
    connections: jobStore.all().map((s) => ({
      name: s.name,
      kind: s.kind,
      url: s.url,
      canLaunch: s.capabilities.launch,
    })),
  };
}

export async function answerChoices(
  jobStore: JobStore,
  params: ChoicesParams,
  signal?: AbortSignal,
): Promise<ChoicesResult> {
  const store = jobStore.get(params?.connection);
  if (!store) return { error: `no connection named ${String(params?.connection)}` };
  try {
    return { choices: await store.listChoices(params.field, signal) };
  } catch (e) {
    return { error: isJobdeckError(e) ? e.shortMessage : (e as Error).message };
  }
}
