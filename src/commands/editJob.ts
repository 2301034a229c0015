import * as vscode from 'vscode';
import type { Choice, EditableField, Job, JobUpdate } from '../client/model';
import type { ConnectionStore } from '../store/connectionStore';
import type { CommandContext } from './context';
import { oneLine } from '../shared/format';
import { preConfirmed } from './args';
import { jobsFor } from './pick';
import { confirm, inform, reportError } from './feedback';
import { inert } from '../shared/inertText';

const FIELDS: { field: EditableField; label: string; description: string }[] = [
  { field: 'name', label: '$(edit) Name', description: 'what the job is called' },
  { field: 'schedule', label: '$(calendar) Schedule', description: 'when it runs' },
  { field: 'stack', label: '$(layers) Stack', description: 'what it runs on' },
];

/** Pre-answers: `{connection, jobId, name?, scheduleId?, stackId?, confirm?}`. */
interface EditRef {
  name?: unknown;
  scheduleId?: unknown;
  stackId?: unknown;
}

function raw(job: Job, key: string): string | undefined {
  const v = job.raw && typeof job.raw === 'object' ? (job.raw as Record<string, unknown>)[key] : undefined;
  return v === undefined || v === null ? undefined : String(v);
}

/**
 * jobdeck.editJob ("Edit Job…"): stack-jobs' Update Job for the name, schedule or stack (the
 * server leaves the fields not sent as they are). Enabling is Enable/Disable Job.
 */
export function registerEditJob(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.editJob',
    async (arg?: unknown, selection?: unknown): Promise<Job | undefined> => {
      const found = await jobsFor(s, 'edit', arg, selection, {
        canPickMany: false,
        placeHolder: 'Edit which job?',
        verb: 'edited',
      });
      const job = found?.jobs[0];
      if (!found || !job) return undefined;
      const ref = (typeof arg === 'object' && arg !== null ? arg : {}) as EditRef;
      let update: JobUpdate | undefined = fromRef(ref);
      if (!update) update = await ask(found.store, job);
      if (!update || !Object.keys(update).length) return undefined;
      const said = describe(update);
      if (
        !(await confirm(`Change ${oneLine(job.name, 80)} (id ${job.id}) on ${found.store.name}: ${said}?`, 'Change', {
          preAnswered: preConfirmed(arg),
        }))
      )
        return undefined;
      const change = update;
      const run = async (): Promise<Job | undefined> => {
        try {
          const updated = await found.store.update(job.id, change);
          found.store.upsert(updated);
          void found.store.loadDetail(job.id).catch(() => undefined);
          inform(`${oneLine(updated.name, 80)} on ${found.store.name}: ${said}.`);
          return updated;
        } catch (e) {
          reportError(e, run);
          return undefined;
        }
      };
      return run();
    },
  );
}

function fromRef(ref: EditRef): JobUpdate | undefined {
  const out: JobUpdate = {};
  if (typeof ref.name === 'string') out.name = ref.name;
  if (typeof ref.scheduleId === 'number') out.scheduleId = ref.scheduleId;
  if (typeof ref.stackId === 'number') out.stackId = ref.stackId;
  return Object.keys(out).length ? out : undefined;
}

function describe(u: JobUpdate): string {
  return [
    u.name !== undefined ? `name "${oneLine(u.name, 60)}"` : '',
    u.scheduleId !== undefined ? `schedule ${u.scheduleId}` : '',
    u.stackId !== undefined ? `stack ${u.stackId}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

async function ask(store: ConnectionStore, job: Job): Promise<JobUpdate | undefined> {
  const editable = store.capabilities.editable ?? [];
  const picked = await vscode.window.showQuickPick(
    FIELDS.filter((f) => editable.includes(f.field)).map((f) => ({
      ...f,
      detail: inert(`now: ${oneLine(f.field === 'name' ? job.name : (raw(job, f.field) ?? '—'), 80)}`),
    })),
    {
      title: inert(`Edit ${oneLine(job.name, 60)} on ${store.name}`),
      placeHolder: 'What to change? (the rest stays as it is)',
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  if (!picked?.length) return undefined;
  const out: JobUpdate = {};
  for (const p of picked) {
    if (p.field === 'name') {
      const name = await vscode.window.showInputBox({
        title: inert(`Edit ${oneLine(job.name, 60)}: name`),
        value: job.name,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'A name, please'),
      });
      if (name === undefined) return undefined;
      out.name = name.trim();
    } else {
      const id = await pickId(store, p.field, raw(job, p.field));
      if (id === undefined) return undefined;
      if (p.field === 'schedule') out.scheduleId = id;
      else out.stackId = id;
    }
  }
  return out;
}

/** A schedule or stack: from the server's list where it has one, else typed as a number. */
async function pickId(
  store: ConnectionStore,
  field: 'schedule' | 'stack',
  current: string | undefined,
): Promise<number | undefined> {
  let choices: Choice[] = [];
  try {
    choices = await store.listChoices(field);
  } catch (e) {
    reportError(e);
  }
  const numeric = choices.filter((c) => /^\d+$/.test(c.id));
  if (numeric.length) {
    const picked = await vscode.window.showQuickPick(
      numeric.map((c) => ({
        label: inert(oneLine(c.label, 80)),
        description: inert(`id ${c.id}${c.id === current ? ' · current' : ''}`),
        id: Number(c.id),
      })),
      {
        title: `Pick the ${field}`,
        placeHolder: `The ${field} the job should use`,
        ignoreFocusOut: true,
        matchOnDescription: true,
      },
    );
    return picked?.id;
  }
  const typed = await vscode.window.showInputBox({
    title: `The ${field} id`,
    value: current ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number'),
  });
  return typed === undefined ? undefined : Number(typed.trim());
}
