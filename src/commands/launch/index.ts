// The launch wizard of each dialect: the one place that maps a connection's dialect to its
// steps (a LaunchSpec has a different shape per dialect). Dialects without launch have none.
import type * as vscode from 'vscode';
import type { JobsAdapter } from '../../client/adapter';
import type { DialectKind, LaunchSpec } from '../../client/model';
import { beaconWizard } from './beaconWizard';
import { cdrouterWizard } from './cdrouterWizard';
import { loadDefaults } from './defaults';
import { puppetWizard } from './puppetWizard';
import { stackJobsWizard } from './stackJobsWizard';
import { wizardContext } from './steps';

type Wizard = (memento: vscode.Memento, connection: string, adapter: JobsAdapter) => Promise<LaunchSpec | undefined>;

const WIZARDS: Partial<Record<DialectKind, Wizard>> = {
  cdrouter: (m, c, a) => cdrouterWizard(wizardContext(c, a), loadDefaults(m, c, 'cdrouter')),
  'puppet-orchestrator': (m, c, a) => puppetWizard(wizardContext(c, a), loadDefaults(m, c, 'puppet-orchestrator')),
  'stack-jobs': (m, c, a) => stackJobsWizard(wizardContext(c, a), loadDefaults(m, c, 'stack-jobs')),
  beacon: (m, c, a) => beaconWizard(wizardContext(c, a), loadDefaults(m, c, 'beacon')),
};

/** Asks for a launch on this connection step by step; undefined when the user cancels. */
export function runLaunchWizard(memento: vscode.Memento, connection: string, adapter: JobsAdapter): Promise<LaunchSpec | undefined> {
  const wizard = WIZARDS[adapter.kind];
  if (!wizard) return Promise.resolve(undefined);
  return wizard(memento, connection, adapter);
}

export { saveDefaults } from './defaults';
