// stack jobs (POST /jobs): a schedule and a stack (numeric ids on the wire), an optional name
// and whether the job runs on its schedule.
import type { LaunchTable } from './fields';

export interface StackJobsLaunchSpec {
  kind: 'stack-jobs';
  scheduleId: number;
  stackId: number;
  name?: string;
  enabled?: boolean;
}

export const STACK_JOBS_LAUNCH: LaunchTable<'stack-jobs'> = {
  kind: 'stack-jobs',
  snippet: ['schedule', 'stack'],
  fields: [
    {
      key: 'schedule',
      type: 'choice',
      choice: 'schedule',
      listIs: 'complete',
      numericId: true,
      required: true,
      to: 'scheduleId',
      sends: 'schedule_id',
      label: 'Schedule',
      doc: "When the job runs: a schedule's name or its id.",
    },
    {
      key: 'stack',
      type: 'choice',
      choice: 'stack',
      listIs: 'complete',
      numericId: true,
      required: true,
      to: 'stackId',
      sends: 'stack_id',
      label: 'Stack',
      doc: "What the job runs: a stack's name or its id.",
    },
    // A name is per job: the next launch does not start from it.
    {
      key: 'name',
      type: 'string',
      to: 'name',
      sends: 'name',
      label: 'Name',
      prompt: 'Name of the job (optional; the server allows none)',
      remember: false,
      emptyReview: '(none)',
      doc: "The job's name (the server picks one when absent).",
    },
    {
      key: 'enabled',
      type: 'boolean',
      to: 'enabled',
      sends: 'enabled',
      snippet: '${1|true,false|}',
      label: 'Enabled',
      prompt: 'Run it on its schedule?',
      options: [
        { value: true, label: '$(calendar) Enabled', description: 'runs at the schedule’s next time', review: 'yes' },
        {
          value: false,
          label: '$(debug-pause) Disabled',
          description: 'created, but does not run until enabled',
          review: 'no',
        },
      ],
      doc: "Whether the job runs on its schedule (default: the server's, usually enabled).",
    },
  ],
};
