// Every command that writes asks first, from every way in: the palette (no argument, a pick),
// a tree row or its context menu (the row), a keybinding ({fromTree: true} and the tree's
// selection), the job panel's buttons, and a `command:` link (JSON arguments, `confirm: true`
// included, which must not skip the question). The modal is answered with Cancel, and the
// emulator's request log must show no write. And a job named like a command link goes
// through launch, stop, finish and delete with every notification inert (no `](`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { confirmed, control, EMULATOR, services, until, writes } from './emulatorControl';
import type { Job } from '../../src/client/model';
import type { Services } from '../../src/extension/services';
import type { ConnectionNode } from '../../src/views/jobs/nodes';

type Shown = { level: string; message: string; modal: boolean; detail?: string };
type Pick = (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined;

/** What a `command:` link delivers: plain JSON. */
const asLink = <T>(arg: T): T => JSON.parse(JSON.stringify(arg)) as T;

/** A job name as anyone on a shared server may choose it (short enough to be shown whole). */
const LINK_NAME = '[Re-authenticate](command:jobdeck.bulkDelete?%7B%22confirm%22%3Atrue%7D) $(alert)';

describe('confirmations: every write asks first; Cancel writes nothing (counted at the emulator)', function () {
  this.timeout(180_000);
  let s: Services;
  const shown: Shown[] = [];
  const restore: (() => void)[] = [];
  /** How the patched quick pick answers (the palette's flows). */
  let pick: Pick = (items) => items[0];
  /** The modal's answer: undefined is Cancel (or Escape). */
  let answer: (message: string) => string | undefined = () => undefined;

  before(async () => {
    assert.ok(EMULATOR, 'the runner starts the jobs emulator');
    s = await services();
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const [name, level] of [
      ['showWarningMessage', 'warning'],
      ['showErrorMessage', 'error'],
      ['showInformationMessage', 'info'],
    ] as const) {
      const original = w[name];
      w[name] = async (message: string, ...rest: unknown[]) => {
        const options = rest.find(
          (r): r is vscode.MessageOptions => typeof r === 'object' && r !== null && 'modal' in r,
        );
        shown.push({ level, message, modal: Boolean(options?.modal), detail: options?.detail });
        return options?.modal ? answer(message) : undefined;
      };
      restore.push(() => (w[name] = original));
    }
    const originalPick = w.showQuickPick;
    w.showQuickPick = async (
      items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
      options?: vscode.QuickPickOptions,
    ) => {
      const chosen = pick(await items);
      return options?.canPickMany ? (chosen ? [chosen] : undefined) : chosen;
    };
    restore.push(() => (w.showQuickPick = originalPick));
  });

  after(async () => {
    for (const r of restore) r();
    await control('POST', 'resume');
  });

  beforeEach(async () => {
    shown.length = 0;
    pick = (items) => items[0];
    answer = () => undefined;
    // Rows must not change state under the test (a running job finishing).
    await control('POST', 'pause');
  });

  async function jobs(connection: string): Promise<Job[]> {
    const c = s.jobStore.get(connection);
    assert.ok(c, connection);
    await c.query(c.filter);
    return c.jobs;
  }

  async function find(connection: string, what: string, pred: (j: Job) => boolean): Promise<Job> {
    const job = (await jobs(connection)).find(pred);
    assert.ok(job, `${connection} has ${what}`);
    return job;
  }

  /** The job's tree row, as a click or a context menu hands it to a command. */
  async function row(connection: string, job: Job) {
    const node = s.tree.connectionNode(connection) as ConnectionNode;
    await s.tree.getChildren(node);
    const jobNode = s.tree.jobNode(connection, job.id);
    assert.ok(jobNode, `the row of ${job.id}`);
    return jobNode;
  }

  /**
   * Runs one entry point of a command and checks: exactly one modal question, that names the
   * connection, was asked; after Cancel the command ended and the emulator saw no write.
   */
  async function asksAndWritesNothing(
    dialect: string,
    connection: string,
    how: string,
    run: () => Thenable<unknown>,
  ): Promise<void> {
    shown.length = 0;
    await control('DELETE', 'log');
    const result = await run();
    const modals = shown.filter((m) => m.modal);
    assert.equal(modals.length, 1, `${how}: one question (${JSON.stringify(shown)})`);
    assert.ok(modals[0].message.includes(connection), `${how}: the question names ${connection}: ${modals[0].message}`);
    assert.ok(
      result === undefined || (Array.isArray(result) && result.length === 0),
      `${how}: Cancel answers nothing (${JSON.stringify(result)})`,
    );
    assert.deepEqual(await writes(dialect), [], `${how}: no write reached the server`);
  }

  it('delete: palette, row, keybinding, panel button and a command: link with confirm: true all ask; Cancel deletes nothing', async () => {
    const job = await find(
      'demo-cdrouter',
      'a finished job',
      (j) => j.state === 'succeeded' || j.state === 'failed' || j.state === 'stopped',
    );
    pick = (items) =>
      items.find((i) => i.label.includes('demo-cdrouter')) ??
      items.find((i) => (i as { job?: Job }).job?.id === job.id) ??
      items[0];
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'palette', () =>
      vscode.commands.executeCommand('jobdeck.deleteJob'),
    );
    const node = await row('demo-cdrouter', job);
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'row', () =>
      vscode.commands.executeCommand('jobdeck.deleteJob', node, [node]),
    );
    // Selected as a click does. A reveal can miss while a poll's refresh of the rows is on its
    // way to VS Code (it then cannot resolve the row it was handed): asked again, with the row
    // as the tree has it now.
    await until('the row selected', async () => {
      const current = s.tree.jobNode('demo-cdrouter', job.id) ?? node;
      await Promise.resolve(s.treeView.reveal(current, { select: true, focus: false })).catch(() => undefined);
      return s.treeView.selection.some((n) => n.id === current.id);
    });
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'keybinding', () =>
      vscode.commands.executeCommand('jobdeck.deleteJob', { fromTree: true }),
    );
    await vscode.commands.executeCommand('jobdeck.openJob', { connection: 'demo-cdrouter', jobId: job.id });
    const panel = s.panels.get('demo-cdrouter', job.id);
    assert.ok(panel, 'the panel');
    await until('the panel to offer Delete', () => panel.actions.includes('delete'));
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'panel button', () =>
      panel.receive({ type: 'action', action: 'delete' }),
    );
    panel.dispose();
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'command: link', () =>
      vscode.commands.executeCommand(
        'jobdeck.deleteJob',
        asLink({ connection: 'demo-cdrouter', jobId: job.id, confirm: true }),
      ),
    );
  });

  it('Delete Now (a stack job queued for deletion, then disabled): row and command: link ask; Cancel deletes nothing', async () => {
    const c = s.jobStore.get('demo-stack');
    assert.ok(c);
    // The jobs queued for deletion, read afresh (the filter scans the server's pages).
    await c.query({ states: ['deleting'] });
    const queued = c.jobs.find((j) => !j.deletableNow);
    assert.ok(queued, 'a job queued for deletion');
    const res = await fetch(`${c.url.replace(/\/$/, '')}/jobs/${queued.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${process.env.JOBDECK_DEMO_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    assert.equal(res.status, 200);
    await c.query({ states: ['deleting'] });
    const job = c.job(queued.id);
    assert.ok(job?.deletableNow, 'not active any more');
    const node = await row('demo-stack', job);
    await asksAndWritesNothing('stack-jobs', 'demo-stack', 'row', () =>
      vscode.commands.executeCommand('jobdeck.deleteJobNow', node, [node]),
    );
    await asksAndWritesNothing('stack-jobs', 'demo-stack', 'command: link', () =>
      vscode.commands.executeCommand(
        'jobdeck.deleteJobNow',
        asLink({ connection: 'demo-stack', jobId: job.id, confirm: true }),
      ),
    );
    await c.query(undefined);
    assert.ok(c.job(job.id) ?? (await s.details.load('demo-stack', job.id)), 'still there');
  });

  it('bulk delete: palette (all jobs), rows, and command: links by ids, by filter and for all jobs ask; Cancel deletes nothing', async () => {
    const list = (await jobs('demo-cdrouter')).slice(0, 3);
    pick = (items) =>
      items.find((i) => i.label.includes('demo-cdrouter')) ?? items.find((i) => /All jobs/.test(i.label)) ?? items[0];
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'palette, all jobs', () =>
      vscode.commands.executeCommand('jobdeck.bulkDelete'),
    );
    const nodes = await Promise.all(list.map((j) => row('demo-cdrouter', j)));
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'rows', () =>
      vscode.commands.executeCommand('jobdeck.bulkDelete', nodes[0], nodes),
    );
    for (const [how, arg] of [
      ['link by ids', { connection: 'demo-cdrouter', jobIds: list.map((j) => j.id), confirm: true }],
      [
        'link by filter',
        { connection: 'demo-cdrouter', selection: { by: 'filter', filter: { states: ['succeeded'] } }, confirm: true },
      ],
      ['link for all', { connection: 'demo-cdrouter', selection: { by: 'all' }, confirm: true }],
      ['link, stack jobs, all', { connection: 'demo-stack', selection: { by: 'all' }, confirm: true }],
    ] as const) {
      const dialect = arg.connection === 'demo-stack' ? 'stack-jobs' : 'cdrouter';
      await asksAndWritesNothing(dialect, arg.connection, how, () =>
        vscode.commands.executeCommand('jobdeck.bulkDelete', asLink(arg)),
      );
    }
  });

  it('stop, relaunch, worker actions, enable and disable: rows, panel buttons and command: links ask; Cancel writes nothing', async () => {
    const running = await find('demo-puppet', 'a running job', (j) => j.state === 'running');
    const node = await row('demo-puppet', running);
    await asksAndWritesNothing('puppet-orchestrator', 'demo-puppet', 'stop, row', () =>
      vscode.commands.executeCommand('jobdeck.stopJob', node, [node]),
    );
    await asksAndWritesNothing('puppet-orchestrator', 'demo-puppet', 'stop, link', () =>
      vscode.commands.executeCommand(
        'jobdeck.stopJob',
        asLink({ connection: 'demo-puppet', jobId: running.id, confirm: true }),
      ),
    );
    await vscode.commands.executeCommand('jobdeck.openJob', { connection: 'demo-puppet', jobId: running.id });
    const panel = s.panels.get('demo-puppet', running.id);
    assert.ok(panel);
    await until('the panel to offer Stop', () => panel.actions.includes('stop'));
    await asksAndWritesNothing('puppet-orchestrator', 'demo-puppet', 'stop, panel button', () =>
      panel.receive({ type: 'action', action: 'stop' }),
    );
    panel.dispose();

    const done = await find(
      'demo-cdrouter',
      'a job to relaunch',
      (j) => j.state !== 'running' && j.state !== 'pending',
    );
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'relaunch, row', async () =>
      vscode.commands.executeCommand('jobdeck.relaunch', await row('demo-cdrouter', done)),
    );
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'relaunch, link', () =>
      vscode.commands.executeCommand(
        'jobdeck.relaunch',
        asLink({ connection: 'demo-cdrouter', jobId: done.id, confirm: true }),
      ),
    );

    const queued = await find(
      'demo-beacon',
      'a job not finished',
      (j) => j.state !== 'succeeded' && j.state !== 'failed' && j.state !== 'stopped',
    );
    await asksAndWritesNothing('beacon', 'demo-beacon', 'worker action, link', () =>
      vscode.commands.executeCommand(
        'jobdeck.workerAction',
        asLink({ connection: 'demo-beacon', jobId: queued.id, action: 'pickup', confirm: true }),
      ),
    );
    pick = (items) => items[0];
    await asksAndWritesNothing('beacon', 'demo-beacon', 'worker action, row', async () =>
      vscode.commands.executeCommand('jobdeck.workerAction', await row('demo-beacon', queued)),
    );

    for (const [command, state] of [
      ['jobdeck.enableJob', 'disabled'],
      ['jobdeck.disableJob', 'scheduled'],
    ] as const) {
      const stack = await find('demo-stack', `a ${state} stack job`, (j) => j.state === state);
      await asksAndWritesNothing('stack-jobs', 'demo-stack', `${command}, link`, () =>
        vscode.commands.executeCommand(command, asLink({ connection: 'demo-stack', jobId: stack.id, confirm: true })),
      );
      await asksAndWritesNothing('stack-jobs', 'demo-stack', `${command}, row`, async () =>
        vscode.commands.executeCommand(command, await row('demo-stack', stack)),
      );
    }
  });

  it('launches by argument (launchJob, bulkLaunch) and from a spec file without the lens key ask; Cancel launches nothing', async () => {
    await asksAndWritesNothing('puppet-orchestrator', 'demo-puppet', 'launchJob, link', () =>
      vscode.commands.executeCommand(
        'jobdeck.launchJob',
        asLink({
          connection: 'demo-puppet',
          spec: { kind: 'puppet-orchestrator', environment: 'production', scope: { nodes: ['web1'] } },
          confirm: true,
        }),
      ),
    );
    assert.match(
      shown.find((m) => m.modal)?.detail ?? '',
      /environment: production/,
      'the question says what would be sent',
    );
    await asksAndWritesNothing('cdrouter', 'demo-cdrouter', 'bulkLaunch, link', () =>
      vscode.commands.executeCommand(
        'jobdeck.bulkLaunch',
        asLink({ connection: 'demo-cdrouter', spec: { by: 'all' }, confirm: true }),
      ),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobdeck-confirm-'));
    const file = path.join(dir, 'link.jobdeck.yaml');
    fs.writeFileSync(
      file,
      [
        'launches:',
        '  - connection: demo-beacon',
        '    name: from a link',
        '    tasks: [ping]',
        '    queue: true',
        '',
      ].join('\n'),
    );
    const uri = vscode.Uri.file(file).toString();
    await asksAndWritesNothing('beacon', 'demo-beacon', 'launchSpecAll, link', () =>
      vscode.commands.executeCommand('jobdeck.launchSpecAll', asLink({ uri })),
    );
    // A forged key is no key.
    await asksAndWritesNothing('beacon', 'demo-beacon', 'launchSpec, forged key', () =>
      vscode.commands.executeCommand('jobdeck.launchSpec', asLink({ uri, index: 0, key: 'guessed' })),
    );
  });

  it("Open in Browser follows the panel's link policy: Puppet's report-url on another host opens only after a yes", async () => {
    const s2 = s.jobStore.get('demo-puppet')!;
    // The report links come with a job's nodes (its detail), as the panel shows them.
    let job: Job | undefined;
    for (const j of (await jobs('demo-puppet'))
      .filter((x) => x.state === 'succeeded' || x.state === 'failed')
      .slice(0, 10)) {
      if (s2.connection.adapter.webUrl(await s2.loadDetail(j.id))) {
        job = j;
        break;
      }
    }
    assert.ok(job, 'a Puppet job with a report link');
    const url = s2.connection.adapter.webUrl(s2.detail(job.id)!)!;
    assert.notEqual(
      new URL(url).origin,
      new URL(s2.connection.config.url).origin,
      'the emulator links to another host',
    );
    const declined = await vscode.commands.executeCommand<string[]>('jobdeck.openInBrowser', {
      connection: 'demo-puppet',
      jobId: job.id,
    });
    assert.deepEqual(declined, [], 'nothing opened without a yes');
    const question = shown.find((m) => m.modal);
    assert.match(question?.message ?? '', /^Open https:\/\/peconsole\.example\.com\//);
    assert.match(question?.detail ?? '', /not on this connection's server/);
  });

  it('the same commands do write once the user says yes (the questions are not a dead end)', async () => {
    const job = await find(
      'demo-cdrouter',
      'a finished job',
      (j) => j.state === 'succeeded' || j.state === 'failed' || j.state === 'stopped',
    );
    answer = () => 'Delete';
    await control('DELETE', 'log');
    const outcome = await vscode.commands.executeCommand(
      'jobdeck.deleteJob',
      asLink({ connection: 'demo-cdrouter', jobId: job.id, confirm: true }),
    );
    assert.ok(outcome, 'deleted after Yes');
    assert.deepEqual(
      (await writes('cdrouter')).map((e) => e.method),
      ['DELETE'],
    );
  });

  it('a job named like a command link: launched, stopped, finished and deleted, every notification and question inert', async () => {
    await control('POST', 'resume');
    answer = (m) => /^(Stop|Delete|Pick up|Start|End) /.exec(m)?.[1];
    // Stack jobs: launched, stopped (disabled), deleted.
    const stack = await vscode.commands.executeCommand<Job>(
      'jobdeck.launchJob',
      confirmed({
        connection: 'demo-stack',
        spec: { kind: 'stack-jobs', scheduleId: 2, stackId: 1, name: LINK_NAME, enabled: true },
        openPanel: false,
      }),
    );
    assert.ok(stack, 'launched');
    assert.equal(stack.name, LINK_NAME, 'the server keeps the name as given');
    await vscode.commands.executeCommand('jobdeck.stopJob', asLink({ connection: 'demo-stack', jobId: stack.id }));
    await vscode.commands.executeCommand('jobdeck.deleteJob', asLink({ connection: 'demo-stack', jobId: stack.id }));
    // Beacon: launched, then a worker picks it up, starts and ends it: it finishes.
    const beacon = await vscode.commands.executeCommand<Job>(
      'jobdeck.launchJob',
      confirmed({
        connection: 'demo-beacon',
        spec: { kind: 'beacon', name: LINK_NAME, tasks: [{ command: 'true' }], queue: true },
        openPanel: false,
      }),
    );
    assert.ok(beacon, 'launched');
    for (const action of ['pickup', 'start'] as const)
      await vscode.commands.executeCommand(
        'jobdeck.workerAction',
        asLink({ connection: 'demo-beacon', jobId: beacon.id, action }),
      );
    await vscode.commands.executeCommand(
      'jobdeck.workerAction',
      asLink({ connection: 'demo-beacon', jobId: beacon.id, action: 'end', results: [{ status: 'ok' }] }),
    );
    await s.jobStore.get('demo-beacon')!.loadDetail(beacon.id);
    await until('the finish notification', () =>
      shown.some((m) => !m.modal && m.message.startsWith('demo-beacon: ') && m.message.includes('Re-authenticate')),
    );
    const naming = shown.filter(
      (m) => m.message.includes('Re-authenticate') || (m.detail ?? '').includes('Re-authenticate'),
    );
    const kinds = {
      launched: naming.some((m) => /^Launched /.test(m.message)),
      stopQuestion: naming.some((m) => m.modal && /^Stop /.test(m.message)),
      stopped: naming.some((m) => /^Asked demo-stack to stop /.test(m.message)),
      deleteQuestion: naming.some((m) => m.modal && /^Delete /.test(m.message)),
      deleted: naming.some((m) => /^Deleted |is queued for deletion/.test(m.message)),
      finished: naming.some((m) => m.message.startsWith('demo-beacon: ')),
    };
    assert.deepEqual(
      Object.entries(kinds)
        .filter(([, v]) => !v)
        .map(([k]) => k),
      [],
      `every step said so: ${JSON.stringify(naming.map((m) => m.message))}`,
    );
    for (const m of naming) {
      for (const text of [m.message, m.detail ?? ''].filter((t) => t.includes('Re-authenticate'))) {
        assert.doesNotMatch(text, /\]\(/, `a link VS Code would render: ${text}`);
        assert.doesNotMatch(text, /\$\(/, `an icon VS Code would render: ${text}`);
        assert.ok(
          text.replace(/\u2060/g, '').includes('[Re-authenticate](command:jobdeck.bulkDelete'),
          `the name reads as it is: ${text}`,
        );
      }
    }
  });
});
