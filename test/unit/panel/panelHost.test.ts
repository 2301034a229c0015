import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import type { Job, JobDetail } from '../../../src/client/model';
import { contentSecurityPolicy, makeNonce, webviewHtml } from '../../../src/views/webviewHost/webviewHtml';
import { checkLink } from '../../../src/platform/linkPolicy';
import { openLink } from '../../../src/platform/openLink';
import { jobActions } from '../../../src/client/actions';
import { knownUrls, panelActions, panelTitle, toPanelJob } from '../../../src/views/panel/panelData';
import { diffUriParts, parseDiffQuery } from '../../../src/shared/diffUri';
import { findTarget, PANEL_ACTIONS } from '../../../src/shared/protocol';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('panel HTML and CSP', () => {
  const csp = 'https://file+.vscode-resource.vscode-cdn.net';

  it('allows scripts only with the nonce and styles, fonts and images only from the extension', () => {
    assert.equal(
      contentSecurityPolicy(csp, 'N0nce'),
      `default-src 'none'; script-src 'nonce-N0nce'; style-src ${csp}; font-src ${csp}; img-src ${csp}`,
    );
  });

  it('loads one script with the nonce and has no inline script, style or handler', () => {
    const nonce = makeNonce();
    const html = webviewHtml({
      cspSource: csp,
      nonce,
      scriptUri: `${csp}/ext/dist/webview.js`,
      styleUris: [`${csp}/ext/dist/codicon.css`, `${csp}/ext/media/panel.css`],
    });
    assert.ok(html.includes(`<script nonce="${nonce}" src="${csp}/ext/dist/webview.js"></script>`), html);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.doesNotMatch(html, /<style|style=|\son[a-z]+=/i);
    assert.ok(html.includes(`http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(csp, nonce)}"`));
  });

  it('carries the l10n bundle as an escaped data attribute (no script), and none in English', () => {
    const bundle = { Nodes: 'Knoten', 'Show {0}': '"><script>alert(1)</script> {0} & <b>' };
    const html = webviewHtml({ cspSource: csp, nonce: 'n', scriptUri: 's', styleUris: [], l10n: bundle });
    const m = /<main id="app"[^>]* data-l10n="([^"]*)"><\/main>/.exec(html);
    assert.ok(m, html);
    const decoded = m[1]
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), bundle);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.doesNotMatch(webviewHtml({ cspSource: csp, nonce: 'n', scriptUri: 's', styleUris: [] }), /data-l10n/);
  });

  it('makes a different nonce each time, base64 of 18 random bytes', () => {
    const a = makeNonce();
    assert.notEqual(a, makeNonce());
    assert.match(a, /^[A-Za-z0-9+/]{24}$/);
  });
});

describe('panel links', () => {
  it('opens http(s) only, and knows when a link leaves the connection’s server', () => {
    assert.deepEqual(
      checkLink('https://puppet.example:8143/orchestrator/v1/jobs/81/report', 'https://puppet.example:8143'),
      { ok: true, url: 'https://puppet.example:8143/orchestrator/v1/jobs/81/report', sameOrigin: true },
    );
    assert.deepEqual(checkLink('https://evil.example/x', 'https://puppet.example:8143'), {
      ok: true,
      url: 'https://evil.example/x',
      sameOrigin: false,
    });
    assert.equal(
      (checkLink('https://puppet.example/x', 'https://puppet.example:8143') as { sameOrigin: boolean }).sameOrigin,
      false,
      'another port is another origin',
    );
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'command:workbench.action.quit',
      'vscode://x',
      'data:text/html,hi',
      '',
      'not a url',
      'https://user:pw@host/',
    ]) {
      assert.equal(checkLink(bad, 'https://puppet.example').ok, false, bad);
    }
  });
});

describe('panel data', () => {
  const cdrouter = connect(
    { name: 'lab', kind: 'cdrouter', url: 'https://cdr.example' },
    { token: async () => 't' },
  ).adapter;
  const cnaas = connect(
    { name: 'nms', kind: 'cnaas-nms', url: 'https://nms.example' },
    { token: async () => 't' },
  ).adapter;
  const job: Job = {
    id: '7',
    name: HOSTILE,
    state: 'running',
    rawState: 'running',
    raw: { secret: 'payload' },
    links: [
      { label: 'Report', url: 'https://cdr.example/r/7' },
      { label: 'Next job', jobId: '8' },
    ],
  };

  it('never sends the raw payload, and gives a list entry empty targets and timeline', () => {
    const p = toPanelJob(job);
    assert.equal('raw' in p, false);
    assert.deepEqual(p.targets, []);
    assert.deepEqual(p.timeline, []);
    assert.equal(p.name, HOSTILE);
    const detail: JobDetail = {
      ...job,
      timeline: [{ state: 'running', rawState: 'running', enteredAt: 1 }],
      targets: [
        { id: 'n', name: 'n', kind: 'node', state: 'running', rawState: 'running', reportUrl: 'https://cdr.example/n' },
      ],
    };
    const d = toPanelJob(detail);
    assert.equal('raw' in d, false);
    assert.equal(d.targets.length, 1);
    assert.deepEqual([...knownUrls(detail)].sort(), ['https://cdr.example/n', 'https://cdr.example/r/7']);
  });

  it('asks client/actions for the buttons and keeps only those the panel has', () => {
    const running = panelActions(jobActions(job, cdrouter));
    assert.ok(running.every((a) => a in PANEL_ACTIONS));
    assert.ok(running.includes('copyId'));
    assert.ok(running.includes('delete'), 'CDRouter can delete');
    assert.ok(!running.includes('open' as never));
    const cnaasJob: Job = { ...job, state: 'succeeded', rawState: 'FINISHED' };
    const ro = panelActions(jobActions(cnaasJob, cnaas));
    assert.ok(
      !ro.includes('delete') && !ro.includes('stop') && !ro.includes('relaunch'),
      `CNaaS is read-only: ${ro.join()}`,
    );
  });

  it('titles the tab "<name> · <rawState>" on one line', () => {
    assert.equal(panelTitle('sync_devices', 'FINISHED'), 'sync_devices · FINISHED');
    assert.equal(panelTitle(`${HOSTILE}\nsecond\u202eline`, 'running'), `${HOSTILE} second line · running`);
  });

  it('walks a target path of ids', () => {
    const targets = [{ id: 'a', children: [{ id: 'a/1' }, { id: 'a/2', children: [] }] }, { id: 'b' }];
    assert.equal(findTarget(targets, ['a', 'a/2'])?.id, 'a/2');
    assert.equal(findTarget(targets, ['b'])?.id, 'b');
    assert.equal(findTarget(targets, ['a', 'b']), undefined);
    assert.equal(findTarget(targets, []), undefined);
  });
});

describe('diff document addresses', () => {
  it('round-trips connection, job, path and side; the tab name has no slashes', () => {
    const ref = {
      connection: 'demo-cnaas',
      jobId: '5d0a',
      path: ['eosaccess', 'eosaccess/2'],
      side: 'before' as const,
    };
    const parts = diffUriParts(ref, 'eosaccess › Sync/device config');
    assert.equal(parts.path, '/eosaccess › Sync device config (before)');
    assert.deepEqual(parseDiffQuery(parts.query), ref);
    assert.equal(parseDiffQuery('{"c":1}'), undefined);
    assert.equal(parseDiffQuery('nonsense'), undefined);
    assert.equal(parseDiffQuery(JSON.stringify({ c: 'a', j: 'b', p: ['x'], s: 'middle' })), undefined);
  });
});

describe('opening links', () => {
  function hooks(answer: boolean) {
    const log = { opened: [] as string[], asked: [] as string[], warned: [] as string[] };
    return {
      log,
      hooks: {
        openExternal: async (u: string) => (log.opened.push(u), true),
        confirm: async (m: string) => (log.asked.push(m), answer),
        warn: (m: string) => void log.warned.push(m),
      },
    };
  }

  it('opens a link on the connection’s server without asking', async () => {
    const { log, hooks: h } = hooks(false);
    assert.equal(
      await openLink(
        'http://127.0.0.1:8700/puppet-orchestrator/orchestrator/v1/jobs/3/report',
        'http://127.0.0.1:8700/puppet-orchestrator',
        h,
      ),
      true,
    );
    assert.deepEqual(log, {
      opened: ['http://127.0.0.1:8700/puppet-orchestrator/orchestrator/v1/jobs/3/report'],
      asked: [],
      warned: [],
    });
  });

  it('asks before opening a link elsewhere, and opens nothing when the user says no', async () => {
    const no = hooks(false);
    assert.equal(
      await openLink('https://peconsole.example.com/#/cm/report/1', 'https://puppet.example:8143', no.hooks),
      false,
    );
    assert.deepEqual(no.log.opened, []);
    assert.equal(no.log.asked.length, 1);
    assert.match(no.log.asked[0], /peconsole\.example\.com/);
    const yes = hooks(true);
    assert.equal(
      await openLink('https://peconsole.example.com/#/cm/report/1', 'https://puppet.example:8143', yes.hooks),
      true,
    );
    assert.deepEqual(yes.log.opened, ['https://peconsole.example.com/#/cm/report/1']);
  });

  it('refuses other schemes with a warning, without asking', async () => {
    const { log, hooks: h } = hooks(true);
    assert.equal(await openLink('javascript:alert(1)', 'https://puppet.example', h), false);
    assert.deepEqual(log.opened, []);
    assert.deepEqual(log.asked, []);
    assert.match(log.warned[0], /javascript: links are not opened/);
  });
});
