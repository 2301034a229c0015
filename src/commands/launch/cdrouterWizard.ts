// CDRouter: package, device, config, tags, tests to skip, begin/end at, extra CLI arguments,
// then a review that previews the interfaces the job will use (`?process=interfaces`).
import * as vscode from 'vscode';
import type { LaunchSpec } from '../../client/model';
import { parseRequired, parseTags, parseTestList } from './fields';
import { cdrouterDraft, CdrouterDraft, cdrouterSpec } from './drafts';
import { MultiStepInput, PickItem, Step } from './multiStepInput';
import { pickChoice, review, typeValue, WizardContext } from './steps';

type Spec = Extract<LaunchSpec, { kind: 'cdrouter' }>;

const optionalText = (v: string) => ({ ok: true as const, value: v });

export async function cdrouterWizard(ctx: WizardContext, previous: Spec | undefined): Promise<Spec | undefined> {
  const d = cdrouterDraft(previous);
  const pkg: Step<CdrouterDraft> = async (input) => {
    d.pkg = await pickChoice(input, ctx, { field: 'package', what: 'package', current: d.pkg });
    return device;
  };
  const device: Step<CdrouterDraft> = async (input) => {
    d.device = await pickChoice(input, ctx, { field: 'device', what: 'device', current: d.device, optional: true });
    return config;
  };
  const config: Step<CdrouterDraft> = async (input) => {
    d.config = await pickChoice(input, ctx, { field: 'config', what: 'config', current: d.config, optional: true });
    return tags;
  };
  const tags: Step<CdrouterDraft> = async (input) => {
    d.tags = await typeValue(input, ctx, { prompt: 'Tags for the result, separated by commas (optional)', placeholder: 'nightly, dns', value: d.tags.join(', '), parse: parseTags });
    return skip;
  };
  const skip: Step<CdrouterDraft> = async (input) => {
    d.skipTests = await typeValue(input, ctx, { prompt: 'Tests to skip, by name or number, separated by commas (optional)', placeholder: 'cdrouter_dns_1, 12', value: d.skipTests.join(', '), parse: parseTestList });
    return begin;
  };
  const begin: Step<CdrouterDraft> = async (input) => {
    d.beginAt = await typeValue(input, ctx, { prompt: 'Begin at this test, by name or number (optional)', value: d.beginAt, parse: optionalText });
    return end;
  };
  const end: Step<CdrouterDraft> = async (input) => {
    d.endAt = await typeValue(input, ctx, { prompt: 'End at this test, by name or number (optional)', value: d.endAt, parse: optionalText });
    return extra;
  };
  const extra: Step<CdrouterDraft> = async (input) => {
    d.extraCliArgs = await typeValue(input, ctx, { prompt: 'Extra CLI arguments (optional)', placeholder: '-testvar lanIp=192.168.1.1', value: d.extraCliArgs, parse: (v) => (v.trim() ? parseRequired(v, 'argument list', 2000) : optionalText('')) });
    return confirm;
  };
  const confirm: Step<CdrouterDraft> = async (input) => {
    const spec = cdrouterSpec(d);
    const preview = ctx.source.previewInterfaces ? interfaces(ctx, spec) : undefined;
    await review(
      input,
      ctx,
      [
        ['Package', labelled(d.pkg)],
        ['Device', labelled(d.device) || 'none'],
        ['Config', labelled(d.config) || 'none'],
        ['Tags', d.tags.join(', ')],
        ['Skip tests', d.skipTests.join(', ')],
        ['Begin at', d.beginAt],
        ['End at', d.endAt],
        ['Extra CLI arguments', d.extraCliArgs],
      ],
      preview,
    );
    return undefined;
  };
  const done = await MultiStepInput.run(pkg, d);
  return done ? cdrouterSpec(d) : undefined;
}

function labelled(p: { id: string; label: string } | undefined): string {
  if (!p) return '';
  return p.label === p.id ? p.id : `${p.label} (${p.id})`;
}

/** The interface preview as review lines; a failed preview is a line too, not a dead end. */
async function interfaces(ctx: WizardContext, spec: Spec): Promise<PickItem<'launch'>[]> {
  try {
    const list = (await ctx.source.previewInterfaces?.(spec)) ?? [];
    const head: PickItem<'launch'> = { label: 'Interfaces this job will use', kind: vscode.QuickPickItemKind.Separator };
    if (!list.length) return [{ label: '$(plug) No interfaces', description: 'the server names none for this package' }];
    return [head, ...list.map((i) => ({ label: `$(plug) ${i.label}`, description: i.description }))];
  } catch (e) {
    return [{ label: '$(warning) Interface preview failed', description: (e as Error).message }];
  }
}
