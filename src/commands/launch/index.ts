// The launch wizard of each dialect: the one place that maps a connection's dialect to its
// steps (a LaunchSpec has a different shape per dialect). Dialects without launch have none.
import type * as vscode from 'vscode';
import type { DialectKind, LaunchSpec } from '../../client/model';
import { beaconWizard } from './beaconWizard';
import { cdrouterWizard } from './cdrouterWizard';
import { loadDefaults } from './defaults';
import { puppetWizard } from './puppetWizard';
import { stackJobsWizard } from './stackJobsWizard';
import { wizardContext, type LaunchSource } from './steps';

type Wizard = (memento: vscode.Memento, source: LaunchSource) => Promise<LaunchSpec | undefined>;

const WIZARDS: Partial<Record<DialectKind, Wizard>> = {
  cdrouter: (m, c) => cdrouterWizard(wizardContext(c), loadDefaults(m, c.name, 'cdrouter')),
  'puppet-orchestrator': (m, c) => puppetWizard(wizardContext(c), loadDefaults(m, c.name, 'puppet-orchestrator')),
  'stack-jobs': (m, c) => stackJobsWizard(wizardContext(c), loadDefaults(m, c.name, 'stack-jobs')),
  beacon: (m, c) => beaconWizard(wizardContext(c), loadDefaults(m, c.name, 'beacon')),
};

/** Asks for a launch on this connection step by step; undefined when the user cancels. */
export function runLaunchWizard(memento: vscode.Memento, source: LaunchSource): Promise<LaunchSpec | undefined> {
  const wizard = WIZARDS[source.kind];
  if (!wizard) return Promise.resolve(undefined);
  return wizard(memento, source);
}

export { saveDefaults } from './defaults';
