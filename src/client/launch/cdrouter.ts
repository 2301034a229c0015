// CDRouter's launch fields (POST /api/v1/jobs/): a package, with an optional device, config
// and options; or, in spec files, `packages:` for the native bulk launch (?bulk=launch), which
// takes packages and tags only. The wizard's review previews the interfaces the job will use.
import * as l10n from '@vscode/l10n';
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

export function cdrouterLaunch(): LaunchTable<'cdrouter'> {
  return {
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
        label: l10n.t('Package'),
        doc: l10n.t('The test package to run: its name or its id. Required unless `packages` is given.'),
      },
      {
        key: 'packages',
        type: 'choiceList',
        choice: 'package',
        listIs: 'complete',
        nonEmpty: true,
        sends: 'package_id (one job each)',
        snippet: '\n  - $0',
        label: l10n.t('Packages'),
        wizard: false,
        doc: l10n.t(
          "Several packages (names or ids), launched together by CDRouter's bulk launch: one job per package, with the same `tags`. Instead of `package`; takes no device, config or other options.",
        ),
      },
      {
        key: 'device',
        type: 'choice',
        choice: 'device',
        listIs: 'complete',
        to: 'deviceId',
        sends: 'device_id',
        label: l10n.t('Device'),
        emptyReview: l10n.t('none'),
        doc: l10n.t("The device under test: its name or its id. Default: the package's own device."),
      },
      {
        key: 'config',
        type: 'choice',
        choice: 'config',
        listIs: 'complete',
        to: 'configId',
        sends: 'config_id',
        label: l10n.t('Config'),
        emptyReview: l10n.t('none'),
        doc: l10n.t("The config file: its name or its id. Default: the package's own config."),
      },
      {
        key: 'tags',
        type: 'stringList',
        items: 'tag',
        to: 'options.tags',
        sends: 'options.tags',
        snippet: '[$0]',
        label: l10n.t('Tags'),
        prompt: l10n.t('Tags for the result, separated by commas (optional)'),
        placeholder: l10n.t('nightly, dns'),
        doc: l10n.t('Tags added to the result, e.g. `[nightly, dns]`.'),
      },
      {
        key: 'skipTests',
        type: 'stringList',
        to: 'options.skipTests',
        sends: 'options.skip_tests',
        snippet: '[$0]',
        label: l10n.t('Skip tests'),
        prompt: l10n.t('Tests to skip, by name or number, separated by commas (optional)'),
        placeholder: l10n.t('cdrouter_dns_1, 12'),
        doc: l10n.t('Tests to skip (test names).'),
      },
      {
        key: 'beginAt',
        type: 'string',
        to: 'options.beginAt',
        sends: 'options.begin_at',
        label: l10n.t('Begin at'),
        prompt: l10n.t('Begin at this test, by name or number (optional)'),
        doc: l10n.t('The test to start at; earlier tests are skipped.'),
      },
      {
        key: 'endAt',
        type: 'string',
        to: 'options.endAt',
        sends: 'options.end_at',
        label: l10n.t('End at'),
        prompt: l10n.t('End at this test, by name or number (optional)'),
        doc: l10n.t('The test to end at; later tests are skipped.'),
      },
      {
        key: 'extraCliArgs',
        type: 'string',
        to: 'options.extraCliArgs',
        sends: 'options.extra_cli_args',
        label: l10n.t('Extra CLI arguments'),
        prompt: l10n.t('Extra CLI arguments (optional)'),
        placeholder: l10n.t('-testvar lanIp=192.168.1.1'),
        doc: l10n.t('Extra command-line arguments for the CDRouter test run, e.g. `-testvar lanIp=192.168.1.1`.'),
      },
    ],
    groups: [{ keys: ['package', 'packages'], exactlyOne: true }],
    onlyWith: [
      {
        key: 'packages',
        allows: ['tags'],
        why: l10n.t(
          "CDRouter's bulk launch (`packages`) takes packages and tags only; use one launch per package with `package` for the other fields",
        ),
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
}
