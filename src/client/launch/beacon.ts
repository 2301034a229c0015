// beacon (POST /api/jobs?action=create): a name, a beacon, the tasks (a JSON array), then queued
// at once (q=1), on a schedule (schedule=1: start/end dates and cron-style fields), or neither.
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
    prompt: `${label} (${min}–${max}${key === 'dow' ? ', 0 and 7 are Sunday' : ''}): *, a number, a range a-b, a step */n, or a comma list`,
    doc,
  }) as const;

export const BEACON_LAUNCH: LaunchTable<'beacon'> = {
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
      label: 'Name',
      prompt: 'Name of the job',
      doc: "The job's name.",
    },
    {
      key: 'beacon',
      type: 'choice',
      choice: 'beacon',
      listIs: 'seen',
      to: 'beaconName',
      sends: 'beacon_name',
      label: 'Beacon',
      emptyReview: 'any',
      doc: 'The beacon (worker) that should take the job. Completion offers the beacons of recent jobs; another name is allowed, with a warning.',
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
      label: 'Tasks',
      noun: 'task',
      prompt: 'Tasks as a JSON array, run in order',
      placeholder: '[{"command": "ping", "args": ["10.0.0.1"]}]',
      doc: 'The tasks, in order: any JSON values (strings or objects), sent as a JSON array.',
    },
    {
      key: 'userId',
      type: 'string',
      maxLength: 200,
      to: 'userId',
      sends: 'user_id',
      label: 'User id',
      prompt: 'The user’s id',
      doc: 'Create the job for this user (`user_id`) instead of the user of the connection’s key. Instead of `userGuid`.',
    },
    {
      key: 'userGuid',
      type: 'string',
      maxLength: 200,
      to: 'userGuid',
      sends: 'user_guid',
      label: 'User GUID',
      prompt: 'The user’s GUID',
      doc: 'Create the job for the user with this GUID (`user_guid`). Instead of `userId`.',
    },
    {
      key: 'queue',
      type: 'boolean',
      to: 'queue',
      sends: 'q=1',
      snippet: '${1|true,false|}',
      label: 'Queue',
      doc: 'Queue the job at once (`q=1`). Instead of `schedule`.',
    },
    {
      key: 'qTime',
      type: 'time',
      to: 'qTime',
      sends: 'q_time',
      label: 'Eligible from',
      prompt: 'Eligible to run from (optional, queued jobs): YYYY-MM-DD or YYYY-MM-DD HH:MM, local time; empty = now',
      emptyReview: 'now',
      doc: 'A queued job is not picked up before this time (`q_time`): ISO date-time or unix seconds. Only with `queue`.',
    },
    {
      key: 'schedule',
      type: 'block',
      sends: 'schedule=1 + fields',
      snippet: '\n  min: "${1:0}"\n  hour: "${2:2}"\n  dom: "*"\n  dow: "*"\n  month: "*"',
      label: 'Schedule',
      doc: 'Run on a schedule (`schedule=1`) instead of queueing: `start`, `end`, and cron fields `min`, `hour`, `dom`, `dow`, `month`.',
      check: (v) => checkScheduleWindow(v.start as number | undefined, v.end as number | undefined),
      fields: [
        {
          key: 'start',
          type: 'time',
          to: 'schedule.startDate',
          sends: 'start_date',
          label: 'Start date',
          prompt: 'Start date (optional): YYYY-MM-DD or YYYY-MM-DD HH:MM, local time',
          doc: 'First day the schedule applies: ISO date-time (`2026-01-31T22:00:00Z`) or unix seconds.',
        },
        {
          key: 'end',
          type: 'time',
          to: 'schedule.endDate',
          sends: 'end_date',
          label: 'End date',
          prompt: 'End date (optional): YYYY-MM-DD or YYYY-MM-DD HH:MM, local time',
          doc: 'Last day the schedule applies: ISO date-time or unix seconds.',
        },
        cron('min', 'Minute', 0, 59, 'Minute, cron style (`0`, `*/15`).', 'schedule.min'),
        cron('hour', 'Hour', 0, 23, 'Hour, cron style (`2`, `*`).', 'schedule.hour'),
        cron('dom', 'Day of month', 1, 31, 'Day of the month, cron style (`1`, `*`).', 'schedule.dom'),
        cron('dow', 'Day of week', 0, 7, 'Day of the week, cron style (`1-5`, `*`).', 'schedule.dow'),
        cron('month', 'Month', 1, 12, 'Month, cron style (`*`, `1,7`).', 'schedule.month'),
      ],
    },
  ],
  groups: [
    {
      keys: ['userId', 'userGuid'],
      exactlyOne: false,
      wizard: {
        ask: 'Whose job is it?',
        label: 'Owner',
        choices: [
          {
            label: '$(account) Mine',
            description: 'the user of this connection’s key (the server’s default)',
            review: 'me',
          },
          { key: 'userId', label: '$(person) A user, by id', description: 'user_id', review: 'user id' },
          { key: 'userGuid', label: '$(key) A user, by GUID', description: 'user_guid', review: 'user GUID' },
        ],
      },
    },
    {
      keys: ['queue', 'schedule'],
      exactlyOne: false,
      wizard: {
        ask: 'When should it run?',
        label: 'When',
        choices: [
          { key: 'queue', label: '$(play) Queue now', description: 'a beacon picks it up next', review: 'queue now' },
          {
            key: 'schedule',
            label: '$(calendar) On a schedule',
            description: 'start/end dates and minute, hour, day, month',
            review: 'on a schedule',
          },
          { label: '$(add) Create only', description: 'neither queued nor scheduled', review: 'create only' },
        ],
      },
    },
  ],
  onlyWith: [
    {
      key: 'qTime',
      allows: ['name', 'beacon', 'tasks', 'userId', 'userGuid', 'queue'],
      why: '`qTime` delays a queued job; a scheduled job runs by its schedule',
    },
  ],
};
