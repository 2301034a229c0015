// stack jobs: schedule, stack, name, enabled.
import type { LaunchSpec } from '../../client/model';
import { parseNumericId } from './fields';
import { stackDraft, StackDraft, stackSpec } from './drafts';
import { MultiStepInput, Step } from './multiStepInput';
import { chooseOne, pickChoice, review, typeValue, WizardContext } from './steps';

type Spec = Extract<LaunchSpec, { kind: 'stack-jobs' }>;

const numeric = (what: string) => (typed: string) => {
  const r = parseNumericId(typed, what);
  return r.ok ? undefined : r.error;
};

export async function stackJobsWizard(ctx: WizardContext, previous: Spec | undefined): Promise<Spec | undefined> {
  const d = stackDraft(previous);
  const schedule: Step<StackDraft> = async (input) => {
    d.schedule = await pickChoice(input, ctx, { field: 'schedule', what: 'schedule', current: d.schedule, validate: numeric('schedule') });
    return stack;
  };
  const stack: Step<StackDraft> = async (input) => {
    d.stack = await pickChoice(input, ctx, { field: 'stack', what: 'stack', current: d.stack, validate: numeric('stack') });
    return name;
  };
  const name: Step<StackDraft> = async (input) => {
    d.name = await typeValue(input, ctx, { prompt: 'Name of the job (optional; the server allows none)', value: d.name, parse: (v) => ({ ok: true, value: v.trim() }) });
    return enabled;
  };
  const enabled: Step<StackDraft> = async (input) => {
    d.enabled = await chooseOne<boolean>(
      input,
      ctx,
      'Run it on its schedule?',
      [
        { label: '$(calendar) Enabled', description: 'runs at the schedule’s next time', value: true },
        { label: '$(debug-pause) Disabled', description: 'created, but does not run until enabled', value: false },
      ],
      d.enabled,
    );
    return confirm;
  };
  const confirm: Step<StackDraft> = async (input) => {
    await review(input, ctx, [
      ['Schedule', d.schedule?.label ?? ''],
      ['Stack', d.stack?.label ?? ''],
      ['Name', d.name || '(none)'],
      ['Enabled', d.enabled ? 'yes' : 'no'],
    ]);
    return undefined;
  };
  const done = await MultiStepInput.run(schedule, d);
  return done ? stackSpec(d) : undefined;
}
