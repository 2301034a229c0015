// Puppet orchestrator deploy: environment, scope (nodes, a PQL query or a node group), no-op,
// concurrency and a description.
import type { LaunchSpec } from '../../client/model';
import { parseNodes, parseOptionalPositiveInt, parseRequired } from './fields';
import { describeScope, puppetDraft, PuppetDraft, puppetSpec, ScopeKind } from './drafts';
import { MultiStepInput, Step } from './multiStepInput';
import { chooseOne, pickChoice, review, typeValue, WizardContext } from './steps';

type Spec = Extract<LaunchSpec, { kind: 'puppet-orchestrator' }>;

export async function puppetWizard(ctx: WizardContext, previous: Spec | undefined): Promise<Spec | undefined> {
  const d = puppetDraft(previous);
  const environment: Step<PuppetDraft> = async (input) => {
    d.environment = await pickChoice(input, ctx, { field: 'environment', what: 'environment', current: d.environment });
    return scopeKind;
  };
  const scopeKind: Step<PuppetDraft> = async (input) => {
    d.scopeKind = await chooseOne<ScopeKind>(
      input,
      ctx,
      'Which nodes? Pick how to choose them',
      [
        { label: '$(server) Nodes', description: 'a list of certnames', value: 'nodes' },
        { label: '$(search) Query', description: 'a PQL query', value: 'query' },
        { label: '$(group-by-ref-type) Node group', description: 'a classifier node group', value: 'nodeGroup' },
      ],
      d.scopeKind,
    );
    return d.scopeKind === 'nodes' ? nodes : d.scopeKind === 'query' ? query : nodeGroup;
  };
  const nodes: Step<PuppetDraft> = async (input) => {
    d.nodes = await typeValue(input, ctx, { prompt: 'Nodes (certnames), separated by commas or spaces', placeholder: 'web1.example.net, db1.example.net', value: d.nodes.join(', '), parse: parseNodes });
    return noop;
  };
  const query: Step<PuppetDraft> = async (input) => {
    d.query = await typeValue(input, ctx, { prompt: 'PQL query that selects the nodes', placeholder: 'nodes[certname] { catalog_environment = "production" }', value: d.query, parse: (v) => parseRequired(v, 'query', 5000) });
    return noop;
  };
  const nodeGroup: Step<PuppetDraft> = async (input) => {
    d.nodeGroup = await pickChoice(input, ctx, { field: 'nodeGroup', what: 'node group', current: d.nodeGroup });
    return noop;
  };
  const noop: Step<PuppetDraft> = async (input) => {
    d.noop = await chooseOne<boolean>(
      input,
      ctx,
      'Run in no-op mode?',
      [
        { label: '$(play) Enforce changes', description: 'noop: false', value: false },
        { label: '$(eye) No-op', description: 'simulate, change nothing', value: true },
      ],
      d.noop,
    );
    return concurrency;
  };
  const concurrency: Step<PuppetDraft> = async (input) => {
    d.concurrency = await typeValue(input, ctx, { prompt: 'How many nodes at once (empty = the orchestrator default)', value: d.concurrency === undefined ? '' : String(d.concurrency), parse: (v) => parseOptionalPositiveInt(v) });
    return description;
  };
  const description: Step<PuppetDraft> = async (input) => {
    d.description = await typeValue(input, ctx, { prompt: 'Description (optional)', value: d.description, parse: (v) => ({ ok: true, value: v.trim() }) });
    return confirm;
  };
  const confirm: Step<PuppetDraft> = async (input) => {
    await review(input, ctx, [
      ['Environment', d.environment?.label ?? ''],
      ['Scope', describeScope(d)],
      ['Mode', d.noop ? 'no-op' : 'enforce'],
      ['Concurrency', d.concurrency === undefined ? 'default' : String(d.concurrency)],
      ['Description', d.description],
    ]);
    return undefined;
  };
  const done = await MultiStepInput.run(environment, d);
  return done ? puppetSpec(d) : undefined;
}
