// CDRouter's launch fields (POST /api/v1/jobs/): a package, with an optional device, config
// and options; or, in spec files, `packages:` for the native bulk launch (?bulk=launch), which
// takes packages and tags only. The wizard's review previews the interfaces the job will use.
import type { LaunchTable } from './fields';

export interface CdrouterLaunchSpec {
  kind: 'cdrouter';
  packageId: string;
  deviceId?: string;
  configId?: string;
  options?: {
    tags?: string[];
    skipTests?: string[];
    beginAt?: string;
    endAt?: string;
    extraCliArgs?: string;
  };
}

export const CDROUTER_LAUNCH: LaunchTable<'cdrouter'> = {
  kind: 'cdrouter',
  snippet: ['package'],
  fields: [
    {
      key: 'package',
      type: 'choice',
      choice: 'package',
      listIs: 'complete',
      to: 'packageId',
      sends: 'package_id',
      label: 'Package',
      doc: 'The test package to run: its name or its id. Required unless `packages` is given.',
    },
    {
      key: 'packages',
      type: 'choiceList',
      choice: 'package',
      listIs: 'complete',
      nonEmpty: true,
      sends: 'package_id (one job each)',
      snippet: '\n  - $0',
      label: 'Packages',
      wizard: false,
      doc: "Several packages (names or ids), launched together by CDRouter's bulk launch: one job per package, with the same `tags`. Instead of `package`; takes no device, config or other options.",
    },
    {
      key: 'device',
      type: 'choice',
      choice: 'device',
      listIs: 'complete',
      to: 'deviceId',
      sends: 'device_id',
      label: 'Device',
      emptyReview: 'none',
      doc: "The device under test: its name or its id. Default: the package's own device.",
    },
    {
      key: 'config',
      type: 'choice',
      choice: 'config',
      listIs: 'complete',
      to: 'configId',
      sends: 'config_id',
      label: 'Config',
      emptyReview: 'none',
      doc: "The config file: its name or its id. Default: the package's own config.",
    },
    {
      key: 'tags',
      type: 'stringList',
      items: 'tag',
      to: 'options.tags',
      sends: 'options.tags',
      snippet: '[$0]',
      label: 'Tags',
      prompt: 'Tags for the result, separated by commas (optional)',
      placeholder: 'nightly, dns',
      doc: 'Tags added to the result, e.g. `[nightly, dns]`.',
    },
    {
      key: 'skipTests',
      type: 'stringList',
      to: 'options.skipTests',
      sends: 'options.skip_tests',
      snippet: '[$0]',
      label: 'Skip tests',
      prompt: 'Tests to skip, by name or number, separated by commas (optional)',
      placeholder: 'cdrouter_dns_1, 12',
      doc: 'Tests to skip (test names).',
    },
    {
      key: 'beginAt',
      type: 'string',
      to: 'options.beginAt',
      sends: 'options.begin_at',
      label: 'Begin at',
      prompt: 'Begin at this test, by name or number (optional)',
      doc: 'The test to start at; earlier tests are skipped.',
    },
    {
      key: 'endAt',
      type: 'string',
      to: 'options.endAt',
      sends: 'options.end_at',
      label: 'End at',
      prompt: 'End at this test, by name or number (optional)',
      doc: 'The test to end at; later tests are skipped.',
    },
    {
      key: 'extraCliArgs',
      type: 'string',
      to: 'options.extraCliArgs',
      sends: 'options.extra_cli_args',
      label: 'Extra CLI arguments',
      prompt: 'Extra CLI arguments (optional)',
      placeholder: '-testvar lanIp=192.168.1.1',
      doc: 'Extra command-line arguments for the CDRouter test run, e.g. `-testvar lanIp=192.168.1.1`.',
    },
  ],
  groups: [{ keys: ['package', 'packages'], exactlyOne: true }],
  onlyWith: [
    {
      key: 'packages',
      allows: ['tags'],
      why: "CDRouter's bulk launch (`packages`) takes packages and tags only; use one launch per package with `package` for the other fields",
    },
  ],
  // `?bulk=launch` takes package ids and tags only; the analysis refuses other fields with it.
  bulk: (v) => {
    if (v.packages === undefined) return undefined;
    const tags = v.tags as string[] | undefined;
    return {
      by: 'packages',
      jobs: (v.packages as string[]).map((packageId) => (tags ? { packageId, tags } : { packageId })),
    };
  },
};
