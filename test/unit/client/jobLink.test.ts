import * as assert from 'node:assert/strict';
import {
  JOB_LINK_PATH,
  jobLinkQuery,
  parseJobLink,
  sameServer,
  serverUrlProblem,
  type JobLink,
} from '../../../src/client/jobLink';
import { DIALECT_KINDS } from '../../../src/client/registry';

/** The sentence a link is refused with, or fails the test when it is accepted. */
function refusal(query: string, path = JOB_LINK_PATH): string {
  const got = parseJobLink(path, query);
  assert.ok('problem' in got, `accepted: ${JSON.stringify(got)}`);
  return got.problem;
}

function accepted(query: string): JobLink {
  const got = parseJobLink(JOB_LINK_PATH, query);
  assert.ok(!('problem' in got), `refused: ${'problem' in got ? got.problem : ''}`);
  return got;
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const base = { connection: 'lab', kind: 'cdrouter', id: '42', url: 'https://cdr.example.net' };

describe('Job links (made by Copy Link to Job, read by the URI handler)', () => {
  it('reads back the job a link was made for, with and without a kind', () => {
    const link: JobLink = {
      connection: 'lab & co',
      kind: 'beacon',
      jobId: 'a/b?c=1',
      url: 'https://h.example:8443/root',
    };
    const query = jobLinkQuery(link);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(query)), {
      connection: 'lab & co',
      kind: 'beacon',
      id: 'a/b?c=1',
      url: 'https://h.example:8443/root',
    });
    assert.deepEqual(parseJobLink(JOB_LINK_PATH, query), link);

    const noKind = jobLinkQuery({ connection: 'lab', jobId: '7', url: 'http://h' });
    assert.deepEqual([...new URLSearchParams(noKind).keys()], ['connection', 'id', 'url']);
    assert.deepEqual(parseJobLink(JOB_LINK_PATH, noKind), {
      connection: 'lab',
      kind: undefined,
      jobId: '7',
      url: 'http://h',
    });
  });

  it('accepts every dialect kind Jobdeck knows, and a link without a connection name', () => {
    for (const kind of DIALECT_KINDS) assert.equal(accepted(q({ ...base, kind })).kind, kind);
    const { connection: _, ...rest } = base;
    assert.equal(accepted(q(rest)).connection, '');
  });

  it('refuses any other path, naming the one a job link has', () => {
    assert.equal(refusal(q(base), '/jobs'), 'it is not a link to a job (the path is not /job)');
    assert.match(refusal(q(base), ''), /not a link to a job/);
  });

  it('refuses a query over 4,000 characters, and takes one of exactly 4,000', () => {
    const { connection: _, ...rest } = base;
    const head = q(rest) + '&connection=';
    const exact = head + 'x'.repeat(4000 - head.length);
    assert.equal(exact.length, 4000);
    // At 4,000 the length check passes: what refuses it is the connection name's own bound.
    assert.match(refusal(exact), /connection name is too long/);
    assert.equal(refusal(exact + 'x'), 'it is too long');
  });

  it('refuses parameters a job link never has, naming at most three of them', () => {
    assert.equal(
      refusal(q({ ...base, token: 's' })),
      'it carries parameters a job link never has (token): links name a job, never a token or an action',
    );
    const p = refusal(`${q(base)}&a=1&b=2&c=3&d=4`);
    assert.match(p, /\(a, b, c\)/);
    assert.doesNotMatch(p, /\bd\b/);
  });

  it('refuses a parameter given twice, naming it', () => {
    for (const name of ['connection', 'kind', 'id', 'url'])
      assert.equal(
        refusal(`${q(base)}&${name}=${encodeURIComponent(base[name as keyof typeof base])}`),
        `it names "${name}" more than once`,
      );
  });

  it('refuses a link without a job id or a server URL', () => {
    assert.equal(refusal(q({ ...base, id: '' })), 'it names no job id');
    const { id: _i, ...noId } = base;
    assert.equal(refusal(q(noId)), 'it names no job id');
    assert.equal(refusal(q({ ...base, url: '' })), 'it names no server URL');
    const { url: _u, ...noUrl } = base;
    assert.equal(refusal(q(noUrl)), 'it names no server URL');
  });

  it('bounds the job id and the connection name at 200 characters', () => {
    assert.equal(accepted(q({ ...base, id: 'i'.repeat(200) })).jobId.length, 200);
    assert.equal(refusal(q({ ...base, id: 'i'.repeat(201) })), 'its job id is not one a server gives');
    assert.equal(accepted(q({ ...base, connection: 'c'.repeat(200) })).connection.length, 200);
    assert.equal(
      refusal(q({ ...base, connection: 'c'.repeat(201) })),
      'its connection name is too long or has control characters',
    );
  });

  it('refuses control and bidirectional characters in the job id and the connection name', () => {
    const bad = [
      '\u0000',
      '\n',
      '\u001f',
      '\u007f',
      '\u0085',
      '\u009f',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202e',
      '\u2066',
      '\u2069',
    ];
    for (const c of bad) {
      const label = `U+${c.codePointAt(0)!.toString(16)}`;
      assert.equal(refusal(q({ ...base, id: `4${c}2` })), 'its job id is not one a server gives', label);
      assert.match(refusal(q({ ...base, connection: `la${c}b` })), /connection name .*control characters/, label);
    }
    // Their neighbours are ordinary text.
    for (const ok of [' ', '~', '\u00a0', '\u200d', '\u2010', '\u2029', '\u202f', '\u2065', '\u206a', 'é'])
      assert.equal(accepted(q({ ...base, id: `4${ok}2`, connection: `la${ok}b` })).jobId, `4${ok}2`);
  });

  it('refuses a kind Jobdeck does not know (an empty one too), listing the known ones', () => {
    const known = `its kind is not one Jobdeck knows (${DIALECT_KINDS.join(', ')})`;
    assert.equal(refusal(q({ ...base, kind: 'jenkins' })), known);
    assert.equal(refusal(q({ ...base, kind: '' })), known);
    assert.match(known, /cdrouter, /);
  });

  it('refuses a server URL that a connection could not have, saying why', () => {
    assert.equal(refusal(q({ ...base, url: 'ftp://h' })), 'its server URL must start with http:// or https://');
    assert.equal(
      refusal(q({ ...base, url: 'https://me:pw@h' })),
      'its server URL carries a user name or password (put credentials in the token)',
    );
    assert.equal(
      refusal(q({ ...base, url: 'https://h/a?x=1' })),
      'its server URL has a query or fragment (a server root has none)',
    );
    assert.equal(refusal(q({ ...base, url: ' https://h' })), 'its server URL contains spaces or control characters');
  });

  it('serverUrlProblem: a server root has no query or fragment, not even an empty one', () => {
    assert.equal(serverUrlProblem('https://h.example/root'), undefined);
    assert.equal(serverUrlProblem('http://h.example:8080/'), undefined);
    for (const u of ['https://h/?a=1', 'https://h/#top', 'https://h/?', 'https://h/#', 'https://h?'])
      assert.equal(serverUrlProblem(u), 'has a query or fragment (a server root has none)', u);
    for (const u of ['https://h ', '\thttps://h', 'https://h\n'])
      assert.equal(serverUrlProblem(u), 'contains spaces or control characters', JSON.stringify(u));
    assert.equal(serverUrlProblem('https://h//x'), 'has "//" in its path');
  });

  it('sameServer: same scheme, host, port and path, trailing slashes aside', () => {
    assert.equal(sameServer('https://h.example/root', 'https://h.example/root/'), true);
    assert.equal(sameServer('https://h.example', 'https://h.example/'), true);
    assert.equal(sameServer('https://h.example/root//', 'https://h.example/root'), true);
    assert.equal(sameServer('https://H.example:443/a', 'https://h.example/a'), true);
    assert.equal(sameServer('https://h.example/root', 'http://h.example/root'), false);
    assert.equal(sameServer('https://h.example/root', 'https://h.example:8443/root'), false);
    assert.equal(sameServer('https://h.example/root', 'https://g.example/root'), false);
    assert.equal(sameServer('https://h.example/root', 'https://h.example/other'), false);
    assert.equal(sameServer('https://h.example/root', 'https://h.example/'), false);
    assert.equal(sameServer('not a url', 'not a url'), false);
    assert.equal(sameServer('not a url', 'https://h.example'), false);
    assert.equal(sameServer('https://h.example', 'not a url'), false);
  });
});
