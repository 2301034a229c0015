// The words src/client shows arrive in the display language: the host configures @vscode/l10n
// with vscode.l10n.bundle when the body starts (platform/clientL10n.ts does exactly the
// `l10n.config({ contents: l10nBundleOf(bundle) })` below), after every client module has
// loaded, as here: the modules are imported first, the bundle comes later, and the words
// still follow it because no table of words is made while a module loads.
import * as l10n from '@vscode/l10n';
import * as assert from 'node:assert/strict';
import { DIALECT_INFO } from '../../../src/client/dialectInfo';
import { JobdeckError } from '../../../src/client/errors';
import { parseJob } from '../../../src/client/dialects/cdrouter';
import { connect } from '../../../src/client/registry';
import { checkField, readCron, type FieldDef } from '../../../src/client/launch/fields';
import { l10nBundleOf } from '../../../src/shared/l10nBundle';
import { configureServerL10n } from '../../../src/server/serverL10n';
import { analyzeSpec } from '../../../src/specfile/analyze';
import { parseSpec } from '../../../src/specfile/document';
import { hoverAt } from '../../../src/specfile/hover';
import { CONNECTIONS, lines } from '../spec/support';

const GERMAN = {
  Package: 'Paket',
  Environment: 'Umgebung',
  'must be at least {0}': 'muss mindestens {0} sein',
  'Set a valid token for this connection.': 'Setze ein gültiges Token für diese Verbindung.',
  '{0} failed: {1}': '{0} fehlgeschlagen: {1}',
  'list jobs': 'Jobs auflisten',
  'not found': 'nicht gefunden',
  'Job name': 'Jobname',
  minute: 'Minute',
  '"{0}" is not a {1}: use *, {2}–{3}, a range a-b, a step */n, or a comma list':
    '„{0}“ ist keine {1}: *, {2}–{3}, ein Bereich a-b, ein Schritt */n oder eine Liste mit Kommas',
  'The test package to run: its name or its id. Required unless `packages` is given.':
    'Das Testpaket: sein Name oder seine Id. Nötig, wenn `packages` fehlt.',
};

const configure = (bundle: unknown) => l10n.config({ contents: l10nBundleOf(bundle) });
const cdrouter = () => DIALECT_INFO.cdrouter.launch?.();
const field = (key: string) => cdrouter()?.fields.find((f) => f.key === key) as FieldDef;
const concurrency = () =>
  DIALECT_INFO['puppet-orchestrator'].launch?.().fields.find((f) => f.key === 'concurrency') as FieldDef;
const minute = () =>
  DIALECT_INFO.beacon
    .launch?.()
    .fields.find((f) => f.key === 'schedule')
    ?.fields?.find((f) => f.key === 'min') as FieldDef;
/** A beacon connection's filter fields (no request is sent: only its capabilities are read). */
const beaconFilter = (field: string) =>
  connect(
    { name: 'lab', kind: 'beacon', url: 'http://127.0.0.1:1' },
    { token: async () => undefined },
  ).adapter.capabilities.fieldFilters?.find((f) => f.field === field)?.label;
const notFound = () => new JobdeckError({ code: 'notFound', connection: 'lab', operation: l10n.t('list jobs') });
const job = () => parseJob({ id: 7, package_name: 'dns', status: 'running' }, { connection: 'lab', operation: 'get' });

describe('l10n: what src/client shows follows the bundle configured after it loaded', () => {
  afterEach(() => {
    configure(undefined);
    configureServerL10n(undefined);
  });

  it('launch field labels, value rules, errors, job fields and filters are in German with a German bundle', () => {
    configure(GERMAN);
    assert.equal(field('package').label, 'Paket');
    assert.equal(checkField(concurrency(), 0), 'muss mindestens 1 sein');
    const cron = readCron(minute(), '61-x');
    assert.deepEqual(cron, {
      ok: false,
      error: '„61-x“ ist keine minute: *, 0–59, ein Bereich a-b, ein Schritt */n oder eine Liste mit Kommas',
    });
    const e = notFound();
    assert.equal(e.shortMessage, 'Jobs auflisten fehlgeschlagen: nicht gefunden');
    assert.equal(
      new JobdeckError({ code: 'auth', connection: 'lab', operation: 'x' }).hintText,
      GERMAN['Set a valid token for this connection.'],
    );
    assert.deepEqual(job().fields?.find((f) => f.value === 'dns')?.label, 'Paket');
    assert.equal(beaconFilter('name'), 'Jobname');
  });

  it('says the same in English without a bundle', () => {
    configure(undefined);
    assert.equal(field('package').label, 'Package');
    assert.equal(checkField(concurrency(), 0), 'must be at least 1');
    assert.equal(notFound().shortMessage, 'list jobs failed: not found');
    assert.equal(
      new JobdeckError({ code: 'auth', connection: 'lab', operation: 'x' }).hintText,
      'Set a valid token for this connection.',
    );
    assert.equal(job().fields?.find((f) => f.value === 'dns')?.label, 'Package');
    assert.equal(beaconFilter('name'), 'Job name');
  });

  it('the spec language server shows a launch field of the client in the bundle it was given at initialize', () => {
    configureServerL10n({ l10n: GERMAN });
    const text = lines('connection: demo-cdrouter', 'launches:', '  - package: dns');
    const file = parseSpec(text);
    const a = analyzeSpec(file, { connections: CONNECTIONS });
    const hover = hoverAt(file, a, CONNECTIONS, text.indexOf('package') + 1);
    assert.match(hover?.markdown ?? '', /Das Testpaket: sein Name oder seine Id/);
  });
});
