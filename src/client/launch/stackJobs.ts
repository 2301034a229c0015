// stack jobs (POST /jobs): a schedule and a stack (numeric ids on the wire), an optional name
// and whether the job runs on its schedule.
import * as l10n from '@vscode/l10n';
import type { LaunchTable } from './fields';

export interface StackJobsLaunchSpec {
  kind: 'stack-jobs';
  scheduleId: number;
  stackId: number;
  name?: string;
  enabled?: boolean;
}

export function stackJobsLaunch(): LaunchTable<'stack-jobs'> {
  return {
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
        label: l10n.t('Schedule'),
        doc: l10n.t("When the job runs: a schedule's name or its id."),
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
        label: l10n.t('Stack'),
        doc: l10n.t("What the job runs: a stack's name or its id."),
      },
      // A name is per job: the next launch does not start from it.
      {
        key: 'name',
        type: 'string',
        to: 'name',
        sends: 'name',
        label: l10n.t('Name'),
        prompt: l10n.t('Name of the job (optional; the server allows none)'),
        remember: false,
        emptyReview: l10n.t('(none)'),
        doc: l10n.t("The job's name (the server picks one when absent)."),
      },
      {
        key: 'enabled',
        type: 'boolean',
        to: 'enabled',
        sends: 'enabled',
        snippet: '${1|true,false|}',
        label: l10n.t('Enabled'),
        prompt: l10n.t('Run it on its schedule?'),
        options: [
          {
            value: true,
            label: l10n.t('$(calendar) Enabled'),
            description: l10n.t('runs at the schedule’s next time'),
            review: l10n.t('yes'),
          },
          {
            value: false,
            label: l10n.t('$(debug-pause) Disabled'),
            description: l10n.t('created, but does not run until enabled'),
            review: l10n.t('no'),
          },
        ],
        doc: l10n.t("Whether the job runs on its schedule (default: the server's, usually enabled)."),
      },
    ],
  };
}
