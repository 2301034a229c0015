// Workspace trust and user-only fields in settings.readConnections, with VS Code's settings
// API stood in for (the integration run's workspace is always trusted): in an untrusted
// workspace, workspace connections are not used at all; in a trusted one they never bring
// tokenEnv, headers or caFile, and inherit the user's only for the user's own origin.
import * as assert from 'node:assert/strict';
import Module from 'node:module';
import type * as Settings from '../../../src/platform/settings';

interface Inspected {
  globalValue?: unknown[];
  workspaceValue?: unknown[];
  workspaceFolderValue?: unknown[];
}

const fake = { trusted: true, inspected: {} as Inspected };
const vscodeStub = {
  workspace: {
    get isTrusted() {
      return fake.trusted;
    },
    getConfiguration: () => ({
      inspect: () => fake.inspected,
      get: <T>(_key: string, fallback: T) => fallback,
    }),
  },
};

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

function loadSettings(): typeof Settings {
  const m = Module as unknown as { _load: Load };
  const original = m._load;
  m._load = (request, parent, isMain) => (request === 'vscode' ? vscodeStub : original(request, parent, isMain));
  try {
    const id = require.resolve('../../../src/platform/settings');
    delete require.cache[id];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load with the stub in place
    return require(id) as typeof Settings;
  } finally {
    m._load = original;
  }
}

const USER = {
  name: 'lab',
  kind: 'cdrouter',
  url: 'https://cdrouter.lab.example',
  tokenEnv: 'LAB_TOKEN',
  headers: { 'X-Site': 'lab' },
  caFile: '/etc/lab-ca.pem',
};

describe('security: settings and workspace trust', () => {
  const settings = loadSettings();

  afterEach(() => {
    fake.trusted = true;
    fake.inspected = {};
  });

  it('untrusted workspace: workspace and folder connections are not used; user connections are, with their tokenEnv', () => {
    fake.trusted = false;
    fake.inspected = {
      globalValue: [USER],
      workspaceValue: [
        { name: 'repo', kind: 'beacon', url: 'https://evil.example' },
        { name: 'lab', kind: 'cdrouter', url: 'https://evil.example' },
      ],
      workspaceFolderValue: [{ name: 'folder', kind: 'cdrouter', url: 'https://evil.example' }],
    };
    const r = settings.readConnections();
    assert.deepEqual(r.connections, [USER]);
    assert.deepEqual(r.problems, ['Connections in workspace settings are not used until you trust this workspace.']);
  });

  it('untrusted workspace without workspace connections: no problem to report', () => {
    fake.trusted = false;
    fake.inspected = { globalValue: [USER] };
    assert.deepEqual(settings.readConnections(), { connections: [USER], problems: [] });
  });

  it('trusted workspace: its own connections never bring tokenEnv, headers or caFile', () => {
    fake.inspected = {
      workspaceValue: [
        {
          name: 'repo',
          kind: 'beacon',
          url: 'https://evil.example',
          tokenEnv: 'AWS_SECRET_ACCESS_KEY',
          headers: { Authorization: 'x' },
          caFile: '/etc/shadow',
        },
      ],
    };
    const r = settings.readConnections();
    assert.deepEqual(r.connections, [{ name: 'repo', kind: 'beacon', url: 'https://evil.example' }]);
    assert.deepEqual(r.problems, [
      'Workspace connection "repo": tokenEnv, headers, caFile ignored (set them in user settings).',
    ]);
  });

  it("trusted workspace reusing a user connection's name: the user's tokenEnv, headers and caFile stay with the user's origin", () => {
    fake.inspected = {
      globalValue: [USER],
      workspaceValue: [{ name: 'lab', kind: 'cdrouter', url: 'https://evil.example' }],
    };
    assert.deepEqual(
      settings.readConnections().connections,
      [
        {
          name: 'lab',
          kind: 'cdrouter',
          url: 'https://evil.example',
          tokenEnv: undefined,
          headers: undefined,
          caFile: undefined,
        },
      ].map(strip),
    );
    // Another port or scheme of the same host is another origin, too.
    for (const url of ['https://cdrouter.lab.example:8443', 'http://cdrouter.lab.example']) {
      fake.inspected = { globalValue: [USER], workspaceValue: [{ name: 'lab', kind: 'cdrouter', url }] };
      const [c] = settings.readConnections().connections;
      assert.equal(c.tokenEnv, undefined, url);
      assert.equal(c.headers, undefined, url);
    }
    // The same origin (another path, e.g. a proxy prefix): the user's own fields carry over.
    fake.inspected = {
      globalValue: [USER],
      workspaceValue: [
        { name: 'lab', kind: 'cdrouter', url: 'https://cdrouter.lab.example/prefix', tokenEnv: 'OTHER' },
      ],
    };
    const [same] = settings.readConnections().connections;
    assert.equal(same.url, 'https://cdrouter.lab.example/prefix');
    assert.equal(same.tokenEnv, 'LAB_TOKEN');
    assert.deepEqual(same.headers, { 'X-Site': 'lab' });
    assert.equal(same.caFile, '/etc/lab-ca.pem');
  });

  it('TLS verification stays on unless a connection says rejectUnauthorized: false (a boolean)', () => {
    fake.inspected = {
      globalValue: [
        { name: 'a', kind: 'cdrouter', url: 'https://a.example' },
        { name: 'b', kind: 'cdrouter', url: 'https://b.example', rejectUnauthorized: 'false' },
        { name: 'c', kind: 'cdrouter', url: 'https://c.example', rejectUnauthorized: false },
      ],
    };
    const [a, b, c] = settings.readConnections().connections;
    assert.equal(a.rejectUnauthorized, undefined);
    assert.equal(b.rejectUnauthorized, undefined, 'a string is not a boolean');
    assert.equal(c.rejectUnauthorized, false);
  });

  it('only user settings may turn TLS checks off: a workspace rejectUnauthorized: false is ignored and said so; true is kept', () => {
    // Its own connection, and one that reuses a user connection's name and origin.
    fake.inspected = {
      globalValue: [USER],
      workspaceValue: [
        { name: 'repo', kind: 'cdrouter', url: 'https://self-signed.example', rejectUnauthorized: false },
        { name: 'lab', kind: 'cdrouter', url: 'https://cdrouter.lab.example', rejectUnauthorized: false },
      ],
    };
    const r = settings.readConnections();
    for (const c of r.connections) assert.notEqual(c.rejectUnauthorized, false, c.name);
    assert.ok(
      r.problems.includes(
        'Workspace connection "repo": rejectUnauthorized: false ignored (only user settings may turn TLS checks off).',
      ),
      r.problems.join(' | '),
    );
    assert.ok(
      r.problems.some((p) => p.startsWith('Workspace connection "lab": rejectUnauthorized: false')),
      r.problems.join(' | '),
    );
    // Stricter is fine: a workspace may turn the checks back on for a user connection.
    const insecureUser = { ...USER, rejectUnauthorized: false };
    fake.inspected = {
      globalValue: [insecureUser],
      workspaceValue: [{ name: 'lab', kind: 'cdrouter', url: USER.url, rejectUnauthorized: true }],
    };
    assert.equal(settings.readConnections().connections[0].rejectUnauthorized, true);
    // Silent on the field, same origin: the user's own choice for that server stands.
    fake.inspected = {
      globalValue: [insecureUser],
      workspaceValue: [{ name: 'lab', kind: 'cdrouter', url: `${USER.url}/prefix` }],
    };
    assert.equal(settings.readConnections().connections[0].rejectUnauthorized, false);
    // Another origin never inherits it.
    fake.inspected = {
      globalValue: [insecureUser],
      workspaceValue: [{ name: 'lab', kind: 'cdrouter', url: 'https://evil.example' }],
    };
    assert.equal(settings.readConnections().connections[0].rejectUnauthorized, undefined);
  });

  it('a connection URL whose path names another host, with userinfo, a backslash or another scheme is refused, naming the connection and the setting', () => {
    fake.inspected = {
      globalValue: [USER, { name: 'mine', kind: 'cdrouter', url: 'https://cdrouter.lab.example\\\\evil.example' }],
      workspaceValue: [
        { name: 'lab', kind: 'cdrouter', url: 'https://cdrouter.lab.example//evil.example' },
        { name: 'dots', kind: 'cdrouter', url: 'https://cdrouter.lab.example/.//evil.example' },
        { name: 'creds', kind: 'beacon', url: 'https://me:pw@cdrouter.lab.example' },
        { name: 'ftp', kind: 'beacon', url: 'ftp://cdrouter.lab.example' },
      ],
    };
    const r = settings.readConnections();
    // The user's own "lab" stays in use: the workspace entry that re-points it is dropped.
    assert.deepEqual(r.connections, [USER]);
    assert.deepEqual(r.problems, [
      'Connection "mine" (jobdeck.connections in user settings): its url contains a backslash ("\\"); it is not used.',
      'Connection "lab" (jobdeck.connections in workspace settings): its url has "//" in its path; it is not used.',
      'Connection "dots" (jobdeck.connections in workspace settings): its url has "//" in its path; it is not used.',
      'Connection "creds" (jobdeck.connections in workspace settings): its url carries a user name or password (put credentials in the token); it is not used.',
      'Connection "ftp" (jobdeck.connections in workspace settings): its url must start with http:// or https://; it is not used.',
    ]);
  });
});

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
