// beacon: name, beacon, tasks (a JSON array), then queue now, schedule (start/end dates and
// min/hour/dom/dow/month), or create only.
import type { LaunchSpec } from '../../client/model';
import { checkScheduleWindow, formatDateTime, parseDateTime, parseRequired, parseScheduleField, parseTasksJson, ScheduleField } from './fields';
import { beaconDraft, BeaconDraft, beaconSpec, When } from './drafts';
import { MultiStepInput, Step } from './multiStepInput';
import { chooseOne, pickChoice, review, typeValue, WizardContext } from './steps';

type Spec = Extract<LaunchSpec, { kind: 'beacon' }>;

const FIELDS: [ScheduleField, string][] = [
  ['min', 'Minute (0–59)'],
  ['hour', 'Hour (0–23)'],
  ['dom', 'Day of month (1–31)'],
  ['dow', 'Day of week (0–7, 0 and 7 are Sunday)'],
  ['month', 'Month (1–12)'],
];

export async function beaconWizard(ctx: WizardContext, previous: Spec | undefined): Promise<Spec | undefined> {
  const d = beaconDraft(previous);
  const name: Step<BeaconDraft> = async (input) => {
    d.name = await typeValue(input, ctx, { prompt: 'Name of the job', value: d.name, parse: (v) => parseRequired(v, 'name') });
    return beacon;
  };
  const beacon: Step<BeaconDraft> = async (input) => {
    d.beacon = await pickChoice(input, ctx, { field: 'beacon', what: 'beacon', current: d.beacon, optional: true });
    return tasks;
  };
  const tasks: Step<BeaconDraft> = async (input) => {
    const list = await typeValue(input, ctx, { prompt: 'Tasks as a JSON array, run in order', placeholder: '[{"command": "ping", "args": ["10.0.0.1"]}]', value: d.tasks, parse: parseTasksJson });
    d.tasks = JSON.stringify(list);
    return when;
  };
  const when: Step<BeaconDraft> = async (input) => {
    d.when = await chooseOne<When>(
      input,
      ctx,
      'When should it run?',
      [
        { label: '$(play) Queue now', description: 'a beacon picks it up next', value: 'queue' },
        { label: '$(calendar) On a schedule', description: 'start/end dates and minute, hour, day, month', value: 'schedule' },
        { label: '$(add) Create only', description: 'neither queued nor scheduled', value: 'create' },
      ],
      d.when,
    );
    return d.when === 'schedule' ? start : confirm;
  };
  const start: Step<BeaconDraft> = async (input) => {
    d.startDate = await typeValue(input, ctx, { prompt: 'Start date (optional): YYYY-MM-DD or YYYY-MM-DD HH:MM, local time', value: formatDateTime(d.startDate), parse: parseDateTime });
    return end;
  };
  const end: Step<BeaconDraft> = async (input) => {
    d.endDate = await typeValue(input, ctx, {
      prompt: 'End date (optional): YYYY-MM-DD or YYYY-MM-DD HH:MM, local time',
      value: formatDateTime(d.endDate),
      parse: (v) => {
        const r = parseDateTime(v);
        const problem = r.ok ? checkScheduleWindow(d.startDate, r.value) : undefined;
        return problem ? { ok: false, error: problem } : r;
      },
    });
    return field(0);
  };
  const field =
    (i: number): Step<BeaconDraft> =>
    async (input) => {
      const [key, label] = FIELDS[i];
      d[key] = await typeValue(input, ctx, { prompt: `${label}: *, a number, a range a-b, a step */n, or a comma list`, value: d[key], parse: (v) => parseScheduleField(key, v) });
      return i + 1 < FIELDS.length ? field(i + 1) : confirm;
    };
  const confirm: Step<BeaconDraft> = async (input) => {
    const schedule = d.when === 'schedule' ? `${d.min} ${d.hour} ${d.dom} ${d.month} ${d.dow} (min hour dom month dow)` : '';
    const window = d.when === 'schedule' ? [formatDateTime(d.startDate) || 'now', formatDateTime(d.endDate) || 'open end'].join(' → ') : '';
    await review(input, ctx, [
      ['Name', d.name],
      ['Beacon', d.beacon?.label ?? 'any'],
      ['Tasks', `${(JSON.parse(d.tasks) as unknown[]).length} task(s): ${d.tasks.length > 120 ? `${d.tasks.slice(0, 119)}…` : d.tasks}`],
      ['When', d.when === 'queue' ? 'queue now' : d.when === 'create' ? 'create only' : 'on a schedule'],
      ['Schedule', schedule],
      ['Window', window],
    ]);
    return undefined;
  };
  const done = await MultiStepInput.run(name, d);
  return done ? beaconSpec(d) : undefined;
}
