// Puppet orchestrator's deploy (POST /orchestrator/v1/command/deploy): an environment, a scope
// (nodes, a PQL query or a node group: exactly one), no-op, concurrency and a description.
import type { LaunchTable } from './fields';

export interface PuppetLaunchSpec {
  kind: 'puppet-orchestrator';
  environment: string;
  scope: { nodes: string[] } | { query: string } | { nodeGroup: string };
  noop?: boolean;
  concurrency?: number;
  description?: string;
}

export const PUPPET_LAUNCH: LaunchTable<'puppet-orchestrator'> = {
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
      label: 'Environment',
      doc: 'The Puppet environment (code branch) to deploy. Completion offers the environments of recent jobs; another name is allowed, with a warning.',
    },
    {
      key: 'nodes',
      type: 'stringList',
      items: 'certname',
      nonEmpty: true,
      to: 'scope.nodes',
      sends: 'scope.nodes',
      snippet: '\n  - $0',
      label: 'Nodes',
      noun: 'node',
      prompt: 'Nodes (certnames), separated by commas or spaces',
      placeholder: 'web1.example.net, db1.example.net',
      doc: 'Scope: the certnames of the nodes to run on. Give exactly one of `nodes`, `query`, `nodeGroup`.',
    },
    {
      key: 'query',
      type: 'string',
      maxLength: 5000,
      to: 'scope.query',
      sends: 'scope.query',
      label: 'Query',
      prompt: 'PQL query that selects the nodes',
      placeholder: 'nodes[certname] { catalog_environment = "production" }',
      doc: 'Scope: a PQL query selecting the nodes, e.g. `nodes[certname] { facts { name = "os.family" and value = "RedHat" } }`. Give exactly one of `nodes`, `query`, `nodeGroup`.',
    },
    {
      key: 'nodeGroup',
      type: 'choice',
      choice: 'nodeGroup',
      listIs: 'seen',
      to: 'scope.nodeGroup',
      sends: 'scope.node_group',
      label: 'Node group',
      doc: 'Scope: the id of a node group (classifier). Give exactly one of `nodes`, `query`, `nodeGroup`.',
    },
    {
      key: 'noop',
      type: 'boolean',
      to: 'noop',
      sends: 'noop',
      snippet: '${1|true,false|}',
      label: 'Mode',
      prompt: 'Run in no-op mode?',
      options: [
        { value: false, label: '$(play) Enforce changes', description: 'noop: false', review: 'enforce' },
        { value: true, label: '$(eye) No-op', description: 'simulate, change nothing', review: 'no-op' },
      ],
      doc: 'Simulate only: report what would change without changing anything.',
    },
    {
      key: 'concurrency',
      type: 'integer',
      min: 1,
      max: 100_000,
      to: 'concurrency',
      sends: 'concurrency',
      label: 'Concurrency',
      prompt: 'How many nodes at once (empty = the orchestrator default)',
      emptyReview: 'default',
      doc: "At most this many nodes run at once (default: the orchestrator's setting).",
    },
    {
      key: 'description',
      type: 'string',
      to: 'description',
      sends: 'description',
      label: 'Description',
      prompt: 'Description (optional)',
      doc: 'A description stored with the job, shown in the job list of the console.',
    },
  ],
  groups: [
    {
      keys: ['nodes', 'query', 'nodeGroup'],
      exactlyOne: true,
      wizard: {
        ask: 'Which nodes? Pick how to choose them',
        label: 'Scope',
        choices: [
          { key: 'nodes', label: '$(server) Nodes', description: 'a list of certnames', review: 'nodes' },
          { key: 'query', label: '$(search) Query', description: 'a PQL query', review: 'query' },
          {
            key: 'nodeGroup',
            label: '$(group-by-ref-type) Node group',
            description: 'a classifier node group',
            review: 'node group',
          },
        ],
      },
    },
  ],
};
