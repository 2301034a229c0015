// Which proxy a request takes, rule by rule: http.proxySupport "off", the settings before the
// environment, the variables in their order (lower case first, then ALL_PROXY), blanks as
// unset, NO_PROXY from settings and environment, schemes and their refusals, and each form
// of a NO_PROXY entry. Pure: no request is made.
import * as assert from 'node:assert/strict';
import { agentsFor, bypasses, proxyFor } from '../../../src/client/proxy';

const u = (s: string) => new URL(s);
const from = (target: string, env: Record<string, string>, settings = {}) => proxyFor(u(target), settings, env)?.from;

describe('proxy choice, rule by rule', () => {
  it('http.proxySupport "off" sends directly whatever is set', () => {
    assert.equal(
      proxyFor(u('http://a.example'), { proxy: 'http://p:1', support: 'off' }, { HTTP_PROXY: 'http://q:1' }),
      undefined,
    );
    assert.equal(from('http://a.example', {}, { proxy: 'http://p:1', support: 'on' }), 'http.proxy');
  });

  it('a blank http.proxy is unset: the environment applies', () => {
    assert.equal(from('http://a.example', { HTTP_PROXY: 'http://q:1' }, { proxy: '   ' }), 'HTTP_PROXY');
  });

  it('variables for the scheme, lower case first, then ALL_PROXY; blank ones skipped', () => {
    assert.equal(from('https://a.example', { https_proxy: 'http://l:1', HTTPS_PROXY: 'http://u:1' }), 'https_proxy');
    assert.equal(from('https://a.example', { https_proxy: ' ', HTTPS_PROXY: 'http://u:1' }), 'HTTPS_PROXY');
    assert.equal(from('http://a.example', { http_proxy: 'http://l:1', HTTP_PROXY: 'http://u:1' }), 'http_proxy');
    assert.equal(from('http://a.example', { https_proxy: 'http://l:1', all_proxy: 'http://all:1' }), 'all_proxy');
    assert.equal(from('https://a.example', { ALL_PROXY: 'http://all:1' }), 'ALL_PROXY');
    assert.equal(from('https://a.example', { all_proxy: 'http://a:1', ALL_PROXY: 'http://b:1' }), 'all_proxy');
    assert.equal(proxyFor(u('https://a.example'), {}, { HTTPS_PROXY: '' }), undefined);
  });

  it('the proxy with its credentials to use, without them to show; the value trimmed', () => {
    assert.deepEqual(proxyFor(u('http://a.example'), {}, { HTTP_PROXY: '  http://me:pw@proxy.corp:3128/  ' }), {
      href: 'http://me:pw@proxy.corp:3128/',
      url: 'http://proxy.corp:3128',
      from: 'HTTP_PROXY',
    });
    assert.equal(
      proxyFor(u('http://a.example'), {}, { HTTP_PROXY: 'HTTPS://proxy.corp:3128' })?.href,
      'https://proxy.corp:3128/',
    );
  });

  it('refuses a proxy that is no URL or not http(s), naming where it came from', () => {
    assert.throws(() => proxyFor(u('http://a.example'), {}, { http_proxy: 'http://[x' }), {
      message: 'the proxy in http_proxy is not a URL',
    });
    assert.throws(() => proxyFor(u('http://a.example'), { proxy: 'socks5://p:1080' }, {}), {
      message: 'the proxy in http.proxy must be an http:// or https:// URL (socks5: proxies are not supported)',
    });
  });

  it('NO_PROXY: the lower-case variable first, the settings’ list with it, commas and blanks between', () => {
    const target = 'http://b.example';
    const env = { HTTP_PROXY: 'http://p:1' };
    assert.equal(proxyFor(u(target), {}, { ...env, no_proxy: 'a.example b.example' }), undefined);
    assert.equal(proxyFor(u(target), {}, { ...env, no_proxy: 'a.example', NO_PROXY: 'b.example' })?.from, 'HTTP_PROXY');
    assert.equal(proxyFor(u(target), {}, { ...env, NO_PROXY: 'x,,b.example' }), undefined);
    assert.equal(proxyFor(u(target), { noProxy: ['b.example'] }, { ...env, NO_PROXY: 'a.example' }), undefined);
    assert.equal(proxyFor(u(target), { noProxy: ['a.example'] }, { ...env, NO_PROXY: 'b.example' }), undefined);
  });

  it('NO_PROXY entries: case, default ports, IPv6 with and without a port, a bare dot domain', () => {
    const cases: [string, string[], boolean][] = [
      ['http://Jobs.Example.net', ['JOBS.example.NET'], true],
      ['http://a.example', ['a.example:80'], true],
      ['http://a.example', ['a.example:443'], false],
      ['https://a.example', ['a.example:80'], false],
      ['http://a.example:8080', ['a.example:8080'], true],
      ['http://[::1]:8080', ['[::1]'], true],
      ['http://[::1]:8080', ['::1'], true],
      ['http://[::1]:8080', ['[::1]:9090'], false],
      ['http://example.net', ['*.example.net'], true],
      ['http://deep.jobs.example.net', ['.example.net'], true],
      ['http://notexample.net', ['.example.net'], false],
      ['http://a.example', ['*.'], false],
      ['http://a.example', ['b.example', ' * '], true],
      ['http://a.example', ['a.example:x'], false],
    ];
    for (const [url, entries, expected] of cases)
      assert.equal(bypasses(u(url), entries), expected, `${url} ${entries}`);
  });

  it('agents: direct without a proxy; through it with the proxy named', () => {
    const options = { keepAlive: true, maxSockets: 3, rejectUnauthorized: true };
    const direct = agentsFor(u('https://a.example'), options, {}, {});
    assert.equal(direct.proxy, undefined);
    assert.equal(direct.httpAgent.maxSockets, 3);
    const via = agentsFor(u('https://a.example'), options, { proxy: 'http://me:pw@p.corp:3128' }, {});
    assert.deepEqual(via.proxy, { url: 'http://p.corp:3128', from: 'http.proxy' });
    assert.equal(via.httpAgent.maxSockets, 3);
    assert.equal(via.httpsAgent.maxSockets, 3);
  });
});
