// Puppet orchestrator's deploy (POST /orchestrator/v1/command/deploy): an environment, a scope
// (nodes, a PQL query or a node group: exactly one), no-op, concurrency and a description.
import * as l10n from '@vscode/l10n';
import type { LaunchTable } from './fields';

export interface PuppetLaunchSpec {
  kind: 'puppet-orchestrator';
  environment: string;
  scope: { nodes: string[] } | { query: string } | { nodeGroup: string };
  noop?: boolean;
  concurrency?: number;
  description?: string;
}

export function puppetLaunch(): LaunchTable<'puppet-orchestrator'> {
  return {
    kind: 'puppet-orchestrator',
    snippet: ['environment', 'nodes'],
    fields: [
      {
        key: 'environment',
        type: 'choice',
        choice: 'environment',
        listIs: 'seen',
        required: true,
        to: 'environment',
        sends: 'environment',
        label: l10n.t('Environment'),
        doc: l10n.t(
          'The Puppet environment (code branch) to deploy. Completion offers the environments of recent jobs; another name is allowed, with a warning.',
        ),
      },
      {
        key: 'nodes',
        type: 'stringList',
        items: 'certname',
        nonEmpty: true,
        to: 'scope.nodes',
        sends: 'scope.nodes',
        snippet: '\n  - $0',
        label: l10n.t('Nodes'),
        noun: l10n.t('node'),
        prompt: l10n.t('Nodes (certnames), separated by commas or spaces'),
        placeholder: l10n.t('web1.example.net, db1.example.net'),
        doc: l10n.t('Scope: the certnames of the nodes to run on. Give exactly one of `nodes`, `query`, `nodeGroup`.'),
      },
      {
        key: 'query',
        type: 'string',
        maxLength: 5000,
        to: 'scope.query',
        sends: 'scope.query',
        label: l10n.t('Query'),
        prompt: l10n.t('PQL query that selects the nodes'),
        placeholder: l10n.t('nodes[certname] { catalog_environment = "production" }'),
        doc: l10n.t(
          'Scope: a PQL query selecting the nodes, e.g. `nodes[certname] { facts { name = "os.family" and value = "RedHat" } }`. Give exactly one of `nodes`, `query`, `nodeGroup`.',
        ),
      },
      {
        key: 'nodeGroup',
        type: 'choice',
        choice: 'nodeGroup',
        listIs: 'seen',
        to: 'scope.nodeGroup',
        sends: 'scope.node_group',
        label: l10n.t('Node group'),
        doc: l10n.t('Scope: the id of a node group (classifier). Give exactly one of `nodes`, `query`, `nodeGroup`.'),
      },
      {
        key: 'noop',
        type: 'boolean',
        to: 'noop',
        sends: 'noop',
        snippet: '${1|true,false|}',
        label: l10n.t('Mode'),
        prompt: l10n.t('Run in no-op mode?'),
        options: [
          {
            value: false,
            label: l10n.t('$(play) Enforce changes'),
            description: l10n.t('noop: false'),
            review: l10n.t('enforce'),
          },
          {
            value: true,
            label: l10n.t('$(eye) No-op'),
            description: l10n.t('simulate, change nothing'),
            review: l10n.t('no-op'),
          },
        ],
        doc: l10n.t('Simulate only: report what would change without changing anything.'),
      },
      {
        key: 'concurrency',
        type: 'integer',
        min: 1,
        max: 100_000,
        to: 'concurrency',
        sends: 'concurrency',
        label: l10n.t('Concurrency'),
        prompt: l10n.t('How many nodes at once (empty = the orchestrator default)'),
        emptyReview: l10n.t('default'),
        doc: l10n.t("At most this many nodes run at once (default: the orchestrator's setting)."),
      },
      {
        key: 'description',
        type: 'string',
        to: 'description',
        sends: 'description',
        label: l10n.t('Description'),
        prompt: l10n.t('Description (optional)'),
        doc: l10n.t('A description stored with the job, shown in the job list of the console.'),
      },
    ],
    groups: [
      {
        keys: ['nodes', 'query', 'nodeGroup'],
        exactlyOne: true,
        wizard: {
          ask: l10n.t('Which nodes? Pick how to choose them'),
          label: l10n.t('Scope'),
          choices: [
            {
              key: 'nodes',
              label: l10n.t('$(server) Nodes'),
              description: l10n.t('a list of certnames'),
              review: l10n.t('nodes'),
            },
            {
              key: 'query',
              label: l10n.t('$(search) Query'),
              description: l10n.t('a PQL query'),
              review: l10n.t('query'),
            },
            {
              key: 'nodeGroup',
              label: l10n.t('$(group-by-ref-type) Node group'),
              description: l10n.t('a classifier node group'),
              review: l10n.t('node group'),
            },
          ],
        },
      },
    ],
  };
}
