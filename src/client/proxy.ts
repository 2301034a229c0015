// Which proxy a connection's requests go through, and the agents that send them there. The
// extension reads VS Code's settings (http.proxy, http.proxyStrictSSL, http.noProxy,
// http.proxyAuthorization, http.proxySupport) and hands them down as plain data; the
// environment variables people set for every tool (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, in either
// case) apply where the settings name no proxy, as in VS Code. http:// servers are reached with
// absolute-URI requests to the proxy, https:// servers through a CONNECT tunnel, so the proxy
// never sees the token of an https server. Nothing here logs: the proxy's credentials travel
// only in the Proxy-Authorization header.
import * as l10n from '@vscode/l10n';
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

/** VS Code's proxy settings, as the extension read them. */
export interface ProxySettings {
  /** http.proxy: `http://host:port` or `https://host:port` (credentials may be in it). */
  proxy?: string;
  /** http.proxyStrictSSL (default true): verify certificates on requests through the proxy. */
  strictSSL?: boolean;
  /** http.noProxy: hosts reached directly (`example.net`, `.example.net`, `*.example.net`, `host:port`, `*`). */
  noProxy?: readonly string[];
  /** http.proxyAuthorization: the Proxy-Authorization header's value. */
  authorization?: string;
  /** http.proxySupport: 'off' sends everything directly. */
  support?: 'off' | 'on' | 'fallback' | 'override';
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ProxyChoice {
  /** The proxy's URL, credentials removed (safe to show). */
  url: string;
  /** Where the proxy came from, for the log: "http.proxy" or the variable's name. */
  from: string;
}

/** The proxy for requests to `target`, or undefined for a direct connection. */
export function proxyFor(
  target: URL,
  settings: ProxySettings = {},
  env: Environment = process.env,
): (ProxyChoice & { href: string }) | undefined {
  if (settings.support === 'off') return undefined;
  const fromSettings = settings.proxy?.trim();
  const envName = target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  let href: string | undefined;
  let from = 'http.proxy';
  if (fromSettings) href = fromSettings;
  else
    for (const name of [...envName, 'all_proxy', 'ALL_PROXY']) {
      const value = env[name]?.trim();
      if (value) {
        href = value;
        from = name;
        break;
      }
    }
  if (!href) return undefined;
  const noProxy = [...(settings.noProxy ?? []), ...splitList(env.no_proxy ?? env.NO_PROXY ?? '')];
  if (bypasses(target, noProxy)) return undefined;
  // "proxy.corp:3128" without a scheme is how many people write it: http:// is meant.
  const full = /^[a-z][a-z0-9+.-]*:\/\//i.test(href) ? href : `http://${href}`;
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    throw new Error(l10n.t('the proxy in {0} is not a URL', from));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(
      l10n.t('the proxy in {0} must be an http:// or https:// URL ({1} proxies are not supported)', from, url.protocol),
    );
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  return { href: url.href, url: shown.origin, from };
}

/** Whether NO_PROXY-style entries send `target` directly. */
export function bypasses(target: URL, entries: readonly string[]): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of entries) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (m) {
      entry = m[1];
      entryPort = m[2];
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

function splitList(value: string): string[] {
  return value.split(/[,\s]+/).filter(Boolean);
}

export interface AgentOptions {
  keepAlive: boolean;
  maxSockets: number;
  /** The connection's own TLS options for its https server. */
  rejectUnauthorized: boolean;
  ca?: string[];
}

export interface Agents {
  httpAgent: http.Agent;
  httpsAgent: https.Agent | http.Agent;
  proxy?: ProxyChoice;
}

/** The agents for a connection to `target`: direct, or through the proxy the settings give. */
export function agentsFor(target: URL, options: AgentOptions, settings: ProxySettings = {}, env?: Environment): Agents {
  const base = { keepAlive: options.keepAlive, maxSockets: options.maxSockets };
  const proxy = proxyFor(target, settings, env);
  if (!proxy) {
    return {
      httpAgent: new http.Agent(base),
      httpsAgent: new https.Agent({ ...base, rejectUnauthorized: options.rejectUnauthorized, ca: options.ca }),
    };
  }
  const strict = settings.strictSSL !== false;
  const headers = settings.authorization ? { 'Proxy-Authorization': settings.authorization } : undefined;
  // proxyStrictSSL false turns verification off for the proxy and, as in VS Code, for the
  // servers behind it (a TLS-inspecting proxy signs with its own CA). A connection that turns
  // it off itself stays off.
  const proxyTls = { rejectUnauthorized: strict };
  const targetTls: tls.ConnectionOptions = {
    rejectUnauthorized: options.rejectUnauthorized && strict,
    ca: options.ca,
  };
  return {
    httpAgent: new HttpProxyAgent(proxy.href, { ...base, ...proxyTls, headers }),
    httpsAgent: new TunnelAgent(proxy.href, { ...base, ...proxyTls, headers }, targetTls),
    proxy: { url: proxy.url, from: proxy.from },
  };
}

/**
 * CONNECT through the proxy, then TLS to the server with the connection's CA and checks:
 * https-proxy-agent takes the server's TLS options from each request, and axios puts none there.
 */
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    options: ConstructorParameters<typeof HttpsProxyAgent<string>>[1],
    private readonly targetTls: tls.ConnectionOptions,
  ) {
    super(proxy, options);
  }

  override connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
    // https-proxy-agent drops `host` before the TLS upgrade, so a server named by its IP would
    // be checked as "localhost": check the certificate against the host that was asked for.
    const host = opts.host ?? '';
    const checkServerIdentity = (_: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(host, cert);
    return super.connect(req, { ...opts, ...this.targetTls, checkServerIdentity } as typeof opts);
  }
}
