// CDRouter's catalogs (packages, devices, configs) and its jobs built from (seed, i).
import { hostileFor } from '../hostile';
import { hash, rand } from '../rng';
import { generatedLife, launchedLife, phaseAt, stoppedLife, type Life } from '../timeline';
import { cdrouterResultId, cdrouterTime } from '../timefmt';
import type { DialectEnv } from './dialect';

export interface Iface {
  value: string;
  is_wireless: boolean;
  is_ics: boolean;
}

export interface Device {
  id: string;
  name: string;
  manufacturer: string;
  model: string;
  interfaces: Iface[];
}

export interface Config {
  id: string;
  name: string;
  description: string;
}

export interface Package {
  id: string;
  name: string;
  description: string;
  tags: string[];
  testlist: string[];
  device_id: string;
  config_id: string;
}

const eth = (v: string): Iface => ({ value: v, is_wireless: false, is_ics: false });
const wifi = (v: string): Iface => ({ value: v, is_wireless: true, is_ics: false });

export const DEVICES: Device[] = [
  { id: '0', name: '', manufacturer: '', model: '', interfaces: [eth('eth1')] },
  {
    id: '12',
    name: 'Device Foo',
    manufacturer: 'Foo Networks',
    model: 'F-100',
    interfaces: [eth('eth1'), wifi('wifi0')],
  },
  {
    id: '13',
    name: 'Archer AX55',
    manufacturer: 'TP-Link',
    model: 'AX55',
    interfaces: [eth('eth1'), wifi('wifi0'), wifi('wifi1')],
  },
  {
    id: '14',
    name: 'Fritz!Box 7590',
    manufacturer: 'AVM',
    model: '7590',
    interfaces: [eth('eth1'), eth('eth2'), wifi('wifi0')],
  },
  { id: '15', name: 'lab-cpe-07', manufacturer: 'Sagemcom', model: 'F@st 5670', interfaces: [eth('eth1')] },
  {
    id: '16',
    name: 'Nokia G-240W',
    manufacturer: 'Nokia',
    model: 'G-240W-F',
    interfaces: [eth('eth1'), { value: 'eth3', is_wireless: false, is_ics: true }],
  },
];

export const CONFIGS: Config[] = [
  { id: '0', name: '', description: '' },
  { id: '34', name: 'Config Foo', description: 'default lab config' },
  { id: '35', name: 'ipv6-dual-stack', description: 'DHCPv6-PD, SLAAC' },
  { id: '36', name: 'pppoe-wan', description: 'PPPoE on WAN, VLAN 7' },
  { id: '37', name: 'wifi6-lab', description: '802.11ax both bands' },
];

const PACKAGE_NAMES = [
  'one',
  'dns',
  'DNS regression',
  'DHCP basics',
  'dhcp-server',
  'ipv6 conformance',
  'nightly performance',
  'all',
  'all (copy 1)',
  'wifi roaming',
  'NAT traversal',
  'firewall',
  'TR-069',
  'upnp',
  'parental controls',
  'speedtest',
  'mesh',
  'IGMP proxy',
  'PPPoE',
  'DHCP lease renewal',
  'smoke',
  'security scan',
  'VoIP ALG',
  'captive portal',
];
const TAG_POOL = ['working', 'nightly', 'release', 'regression', 'wifi', 'ipv6', 'smoke', 'red', 'blue'];
const TESTS = [
  'cdrouter_basic_1',
  'cdrouter_basic_10',
  'cdrouter_nat_1',
  'cdrouter_nat_2',
  'cdrouter_dhcp_1',
  'cdrouter_dns_3',
  'ipv6_dhcp_12',
  'wifi_roam_2',
];

const packageCache = new Map<number, Package[]>();

export function packages(seed: number): Package[] {
  let list = packageCache.get(seed);
  if (!list) {
    list = makePackages(seed);
    packageCache.set(seed, list);
  }
  return list;
}

function makePackages(seed: number): Package[] {
  return PACKAGE_NAMES.map((name, k) => ({
    id: String(1027 + k * 7),
    name,
    description: `${name} test package`,
    tags: TAG_POOL.filter((_, t) => hash(seed, k, 'ptag' + t) % 4 === 0),
    testlist: TESTS.filter((_, t) => hash(seed, k, 'ptest' + t) % 2 === 0),
    device_id: DEVICES[k % DEVICES.length].id,
    config_id: CONFIGS[k % CONFIGS.length].id,
  }));
}

export interface CdrCore {
  id: number;
  life: Life;
  packageId: string;
  deviceId: string;
  configId: string;
  userId: string;
  options: {
    tags: string[] | null;
    skip_tests: string[] | null;
    begin_at: string;
    end_at: string;
    extra_cli_args: string;
  };
  automatic: boolean;
  /** Running jobs shown as paused for a while (a user paused them). */
  pausedFrom?: number;
  /** Hostile text shown in place of the package name. */
  nameOverride?: string;
  nanos: number;
}

export interface CdrEdit {
  stoppedAt?: number;
}

export function generatedCore(env: DialectEnv, i: number): CdrCore {
  return new GeneratedCdr(env, i);
}

/** Fields filled on demand: a filter over 100,000 jobs reads one or two of them. */
class GeneratedCdr implements CdrCore {
  private cache: { life?: Life; pkg?: Package; options?: CdrCore['options']; paused?: number | null } = {};
  constructor(
    private readonly env: DialectEnv,
    readonly id: number,
  ) {}

  get life(): Life {
    return (this.cache.life ??= generatedLife(this.env.seed, 'cdrouter', this.id, this.env.jobs, this.env.base));
  }

  private get pkg(): Package {
    const pk = packages(this.env.seed);
    return (this.cache.pkg ??= pk[hash(this.env.seed, this.id, 'dpkg') % pk.length]);
  }

  get packageId(): string {
    return this.pkg.id;
  }

  get deviceId(): string {
    return this.pkg.device_id;
  }

  get configId(): string {
    return this.pkg.config_id;
  }

  get userId(): string {
    return String(1 + (hash(this.env.seed, this.id, 'duser') % 4));
  }

  get options(): CdrCore['options'] {
    const { seed } = this.env;
    const i = this.id;
    return (this.cache.options ??= {
      tags: rand(seed, i, 'dtags') < 0.4 ? TAG_POOL.filter((_, t) => hash(seed, i, 'dtag' + t) % 5 === 0) : [],
      skip_tests: null,
      begin_at: '',
      end_at: '',
      extra_cli_args: '',
    });
  }

  get automatic(): boolean {
    return rand(this.env.seed, this.id, 'dauto') < 0.2;
  }

  get pausedFrom(): number | undefined {
    if (this.cache.paused === undefined) {
      const life = this.life;
      this.cache.paused =
        rand(this.env.seed, this.id, 'dpause') < 0.15
          ? life.startAt + Math.floor((life.endAt - life.startAt) * 0.5)
          : null;
    }
    return this.cache.paused ?? undefined;
  }

  get nameOverride(): string | undefined {
    return hostileFor(this.env.hostile, this.env.seed, this.id, 'dname');
  }

  get nanos(): number {
    return hash(this.env.seed, this.id, 'dns') % 1_000_000;
  }
}

export function launchedCore(
  env: DialectEnv,
  id: number,
  now: number,
  p: Package,
  deviceId: string | undefined,
  configId: string | undefined,
  options: Partial<CdrCore['options']>,
): CdrCore {
  return {
    id,
    life: launchedLife(env.seed, id, now, 'cdrouter'),
    packageId: p.id,
    deviceId: deviceId ?? p.device_id,
    configId: configId ?? p.config_id,
    userId: '1',
    options: {
      tags: options.tags ?? null,
      skip_tests: options.skip_tests ?? null,
      begin_at: options.begin_at ?? '',
      end_at: options.end_at ?? '',
      extra_cli_args: options.extra_cli_args ?? '',
    },
    automatic: false,
    nanos: hash(env.seed, id, 'dns') % 1_000_000,
  };
}

export function withEdit(c: CdrCore, e: CdrEdit | undefined): CdrCore {
  if (e?.stoppedAt === undefined) return c;
  const { id, packageId, deviceId, configId, userId, options, automatic, nameOverride, nanos } = c;
  return {
    id,
    packageId,
    deviceId,
    configId,
    userId,
    options,
    automatic,
    nameOverride,
    nanos,
    life: stoppedLife(c.life, e.stoppedAt),
  };
}

export type CdrStatus = 'pending' | 'running' | 'paused' | 'completed' | 'stopped' | 'error';

export function statusOf(c: CdrCore, now: number): CdrStatus {
  const phase = phaseAt(c.life, now);
  if (phase === 'pending') return 'pending';
  if (phase === 'running') return c.pausedFrom !== undefined && now >= c.pausedFrom ? 'paused' : 'running';
  return c.life.outcome === 'ok' ? 'completed' : c.life.outcome === 'fail' ? 'error' : 'stopped';
}

export function hasStarted(c: CdrCore, now: number): boolean {
  return now >= c.life.startAt && c.life.startAt < c.life.endAt;
}

export function resultIdOf(c: CdrCore, now: number): string | undefined {
  return hasStarted(c, now) ? cdrouterResultId(c.life.startAt) : undefined;
}

export function updatedAt(c: CdrCore, now: number): number {
  if (now >= c.life.endAt) return c.life.endAt;
  if (c.pausedFrom !== undefined && now >= c.pausedFrom) return c.pausedFrom;
  if (now >= c.life.startAt) return c.life.startAt;
  return c.life.createdAt;
}

export function packageName(env: DialectEnv, c: CdrCore): string {
  return c.nameOverride ?? packages(env.seed).find((p) => p.id === c.packageId)?.name ?? '';
}

export function wireJob(env: DialectEnv, c: CdrCore, now: number): Record<string, unknown> {
  const status = statusOf(c, now);
  const device = DEVICES.find((d) => d.id === c.deviceId) ?? DEVICES[0];
  const config = CONFIGS.find((d) => d.id === c.configId) ?? CONFIGS[0];
  const t = (ms: number) => cdrouterTime(ms, c.nanos);
  const resultId = resultIdOf(c, now);
  const job: Record<string, unknown> = {
    id: String(c.id),
    active: status === 'running' || status === 'paused',
    status,
    options: c.options,
    package_id: c.packageId,
    package_name: packageName(env, c),
    device_id: device.id,
    device_name: device.name,
    config_id: config.id,
    config_name: config.name,
  };
  if (resultId) job.result_id = resultId;
  Object.assign(job, {
    user_id: c.userId,
    created: t(c.life.createdAt),
    updated: t(updatedAt(c, now)),
    automatic: c.automatic,
    run_at: t(hasStarted(c, now) ? c.life.startAt : c.life.createdAt),
    interfaces: device.interfaces,
    interface_names: device.interfaces.map((x) => x.value),
    uses_wireless: device.interfaces.some((x) => x.is_wireless),
    uses_ics: device.interfaces.some((x) => x.is_ics),
  });
  return job;
}
