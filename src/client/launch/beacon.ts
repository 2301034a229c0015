// beacon (POST /api/jobs?action=create): a name, a beacon, the tasks (a JSON array), then queued
// at once (q=1), on a schedule (schedule=1: start/end dates and cron-style fields), or neither.
import * as l10n from '@vscode/l10n';
import { checkScheduleWindow } from './rules';
import type { LaunchTable } from './fields';

export interface BeaconLaunchSpec {
  kind: 'beacon';
  name: string;
  beaconName?: string;
  tasks: unknown[];
  queue?: boolean;
  /** The user the job belongs to, by id (wins over userGuid) or GUID; default: the caller. */
  userId?: string;
  userGuid?: string;
  /** When a queued job becomes eligible to run (epoch ms; sent as unix seconds). */
  qTime?: number;
  schedule?: {
    startDate?: number;
    endDate?: number;
    min?: string;
    hour?: string;
    dom?: string;
    dow?: string;
    month?: string;
  };
}

const cron = (key: string, label: string, min: number, max: number, doc: string, to: string) =>
  ({
    key,
    type: 'cron',
    min,
    max,
    to,
    sends: key,
    label,
    prompt: l10n.t(
      '{0} ({1}–{2}{3}): *, a number, a range a-b, a step */n, or a comma list',
      label,
      min,
      max,
      key === 'dow' ? l10n.t(', 0 and 7 are Sunday') : '',
    ),
    doc,
  }) as const;

export function beaconLaunch(): LaunchTable<'beacon'> {
  return {
    kind: 'beacon',
    snippet: ['name', 'tasks'],
    fields: [
      {
        key: 'name',
        type: 'string',
        required: true,
        maxLength: 200,
        to: 'name',
        sends: 'name',
        label: l10n.t('Name'),
        prompt: l10n.t('Name of the job'),
        doc: l10n.t("The job's name."),
      },
      {
        key: 'beacon',
        type: 'choice',
        choice: 'beacon',
        listIs: 'seen',
        to: 'beaconName',
        sends: 'beacon_name',
        label: l10n.t('Beacon'),
        emptyReview: l10n.t('any'),
        doc: l10n.t(
          'The beacon (worker) that should take the job. Completion offers the beacons of recent jobs; another name is allowed, with a warning.',
        ),
      },
      {
        key: 'tasks',
        type: 'array',
        items: 'task',
        nonEmpty: true,
        required: true,
        to: 'tasks',
        sends: 'tasks (JSON)',
        snippet: '\n  - $0',
        label: l10n.t('Tasks'),
        noun: l10n.t('task'),
        prompt: l10n.t('Tasks as a JSON array, run in order'),
        placeholder: l10n.t('[{"command": "ping", "args": ["10.0.0.1"]}]'),
        doc: l10n.t('The tasks, in order: any JSON values (strings or objects), sent as a JSON array.'),
      },
      {
        key: 'userId',
        type: 'string',
        maxLength: 200,
        to: 'userId',
        sends: 'user_id',
        label: l10n.t('User id'),
        prompt: l10n.t('The user’s id'),
        doc: l10n.t(
          'Create the job for this user (`user_id`) instead of the user of the connection’s key. Instead of `userGuid`.',
        ),
      },
      {
        key: 'userGuid',
        type: 'string',
        maxLength: 200,
        to: 'userGuid',
        sends: 'user_guid',
        label: l10n.t('User GUID'),
        prompt: l10n.t('The user’s GUID'),
        doc: l10n.t('Create the job for the user with this GUID (`user_guid`). Instead of `userId`.'),
      },
      {
        key: 'queue',
        type: 'boolean',
        to: 'queue',
        sends: 'q=1',
        snippet: '${1|true,false|}',
        label: l10n.t('Queue'),
        doc: l10n.t('Queue the job at once (`q=1`). Instead of `schedule`.'),
      },
      {
        key: 'qTime',
        type: 'time',
        to: 'qTime',
        sends: 'q_time',
        label: l10n.t('Eligible from'),
        prompt: l10n.t(
          'Eligible to run from (optional, queued jobs): YYYY-MM-DD or YYYY-MM-DD HH:MM, local time; empty = now',
        ),
        emptyReview: l10n.t('now'),
        doc: l10n.t(
          'A queued job is not picked up before this time (`q_time`): ISO date-time or unix seconds. Only with `queue`.',
        ),
      },
      {
        key: 'schedule',
        type: 'block',
        sends: 'schedule=1 + fields',
        snippet: '\n  min: "${1:0}"\n  hour: "${2:2}"\n  dom: "*"\n  dow: "*"\n  month: "*"',
        label: l10n.t('Schedule'),
        doc: l10n.t(
          'Run on a schedule (`schedule=1`) instead of queueing: `start`, `end`, and cron fields `min`, `hour`, `dom`, `dow`, `month`.',
        ),
        check: (v) => checkScheduleWindow(v.start as number | undefined, v.end as number | undefined),
        fields: [
          {
            key: 'start',
            type: 'time',
            to: 'schedule.startDate',
            sends: 'start_date',
            label: l10n.t('Start date'),
            prompt: l10n.t('Start date (optional): YYYY-MM-DD or YYYY-MM-DD HH:MM, local time'),
            doc: l10n.t('First day the schedule applies: ISO date-time (`2026-01-31T22:00:00Z`) or unix seconds.'),
          },
          {
            key: 'end',
            type: 'time',
            to: 'schedule.endDate',
            sends: 'end_date',
            label: l10n.t('End date'),
            prompt: l10n.t('End date (optional): YYYY-MM-DD or YYYY-MM-DD HH:MM, local time'),
            doc: l10n.t('Last day the schedule applies: ISO date-time or unix seconds.'),
          },
          cron('min', l10n.t('Minute'), 0, 59, l10n.t('Minute, cron style (`0`, `*/15`).'), 'schedule.min'),
          cron('hour', l10n.t('Hour'), 0, 23, l10n.t('Hour, cron style (`2`, `*`).'), 'schedule.hour'),
          cron(
            'dom',
            l10n.t('Day of month'),
            1,
            31,
            l10n.t('Day of the month, cron style (`1`, `*`).'),
            'schedule.dom',
          ),
          cron('dow', l10n.t('Day of week'), 0, 7, l10n.t('Day of the week, cron style (`1-5`, `*`).'), 'schedule.dow'),
          cron('month', l10n.t('Month'), 1, 12, l10n.t('Month, cron style (`*`, `1,7`).'), 'schedule.month'),
        ],
      },
    ],
    groups: [
      {
        keys: ['userId', 'userGuid'],
        exactlyOne: false,
        wizard: {
          ask: l10n.t('Whose job is it?'),
          label: l10n.t('Owner'),
          choices: [
            {
              label: l10n.t('$(account) Mine'),
              description: l10n.t('the user of this connection’s key (the server’s default)'),
              review: l10n.t('me'),
            },
            {
              key: 'userId',
              label: l10n.t('$(person) A user, by id'),
              description: l10n.t('user_id'),
              review: l10n.t('user id'),
            },
            {
              key: 'userGuid',
              label: l10n.t('$(key) A user, by GUID'),
              description: l10n.t('user_guid'),
              review: l10n.t('user GUID'),
            },
          ],
        },
      },
      {
        keys: ['queue', 'schedule'],
        exactlyOne: false,
        wizard: {
          ask: l10n.t('When should it run?'),
          label: l10n.t('When'),
          choices: [
            {
              key: 'queue',
              label: l10n.t('$(play) Queue now'),
              description: l10n.t('a beacon picks it up next'),
              review: l10n.t('queue now'),
            },
            {
              key: 'schedule',
              label: l10n.t('$(calendar) On a schedule'),
              description: l10n.t('start/end dates and minute, hour, day, month'),
              review: l10n.t('on a schedule'),
            },
            {
              label: l10n.t('$(add) Create only'),
              description: l10n.t('neither queued nor scheduled'),
              review: l10n.t('create only'),
            },
          ],
        },
      },
    ],
    onlyWith: [
      {
        key: 'qTime',
        allows: ['name', 'beacon', 'tasks', 'userId', 'userGuid', 'queue'],
        why: l10n.t('`qTime` delays a queued job; a scheduled job runs by its schedule'),
      },
    ],
  };
}
