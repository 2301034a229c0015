// The launch wizard, for every dialect: it walks the dialect's field table (client/launch/) and
// asks for each field the way its type says (a pick from the server's list, a typed value
// checked by the field's rule, a choice between a few answers), a group's choice first ("Which
// nodes?"), then reviews and builds the LaunchSpec with the same `buildLaunchSpec` spec files
// use. The answers start from the connection's last launch. What to ask is plan.ts.
import * as vscode from 'vscode';
import type { Choice, LaunchSpec } from '../../client/model';
import { buildLaunchSpec, readCron, type LaunchTable, type ReadValues } from '../../client/launch/fields';
import {
  formatDateTime,
  parseDateTime,
  parseItems,
  parseJsonItems,
  parseNumericId,
  parseText,
  parseWholeNumber,
  problemOf,
  type Parsed,
} from '../../client/launch/rules';
import { MultiStepInput, type PickItem, type Step } from './multiStepInput';
import { answers, applies, initialState, plan, reviewLines, type Ask, type State } from './plan';
import { chooseOne, pickChoice, review, typeValue, type WizardContext } from './steps';
import { inert } from '../../shared/inertText';

export async function launchWizard(
  ctx: WizardContext,
  table: LaunchTable,
  previous: LaunchSpec | undefined,
): Promise<LaunchSpec | undefined> {
  const asks = plan(table);
  const state = initialState(table, previous);
  const stepAt = (i: number): Step<State> | undefined => {
    for (let j = i; j < asks.length; j++)
      if (applies(asks[j], state)) return (input) => ask(input, ctx, asks[j], state).then(() => stepAt(j + 1) ?? last);
    return last;
  };
  const last: Step<State> = async (input) => {
    const spec = buildLaunchSpec(table, answers(table, state));
    await review(
      input,
      ctx,
      reviewLines(asks, state),
      ctx.source.previewInterfaces ? interfaces(ctx, spec) : undefined,
    );
    return undefined;
  };
  const done = await MultiStepInput.run(stepAt(0) ?? last, state);
  return done ? buildLaunchSpec(table, answers(table, state)) : undefined;
}

async function ask(input: MultiStepInput, ctx: WizardContext, a: Ask, s: State): Promise<void> {
  if (a.kind === 'group') {
    const w = a.group.wizard!;
    const none = '\u0000none';
    const picked = await chooseOne<string>(
      input,
      ctx,
      w.ask,
      w.choices.map((c) => ({ label: c.label, description: c.description, value: c.key ?? none })),
      s.chosen[a.at] ?? none,
    );
    s.chosen[a.at] = picked === none ? undefined : picked;
    return;
  }
  const { def } = a;
  const into = a.block ? ((s.values[a.block.key] ??= {}) as ReadValues) : s.values;
  const required = a.required;
  const read = <T>(text: string, parse: (t: string) => Parsed<T>): Parsed<T> => {
    const r = parse(text);
    const problem = r.ok && a.block?.check ? a.block.check({ ...into, [def.key]: r.value }) : undefined;
    return problem ? { ok: false, error: problem } : r;
  };
  const typed = <T>(value: string, parse: (t: string) => Parsed<T>): Promise<T> =>
    typeValue<T>(input, ctx, {
      prompt: def.prompt ?? def.label,
      placeholder: def.placeholder,
      value,
      parse: (t) => read(t, parse),
    });
  const current = into[def.key];
  switch (def.type) {
    case 'choice': {
      const id = current === undefined ? undefined : String(current);
      const picked = await pickChoice(input, ctx, {
        field: def.choice!,
        what: def.label.toLowerCase(),
        current: id === undefined ? undefined : { id, label: s.labels[def.key] ?? id },
        optional: !required,
        validate: def.numericId ? problemOf((t) => parseNumericId(t, def.label.toLowerCase())) : undefined,
      });
      into[def.key] = picked?.id;
      if (picked) s.labels[def.key] = picked.label === picked.id ? picked.id : `${picked.label} (${picked.id})`;
      return;
    }
    case 'string':
      into[def.key] =
        (await typed(String(current ?? ''), (t) =>
          parseText(t, def.label.toLowerCase(), { required, maxLength: def.maxLength }),
        )) || undefined;
      return;
    case 'stringList':
    case 'choiceList': {
      const list = await typed(((current as string[] | undefined) ?? []).join(', '), (t) =>
        parseItems(t, def.items ?? 'text', { spaces: def.items === 'certname', atLeastOne: def.nonEmpty }),
      );
      into[def.key] = list.length ? list : undefined;
      return;
    }
    case 'boolean': {
      const options = def.options ?? [
        { value: true, label: 'Yes', review: 'yes' },
        { value: false, label: 'No', review: 'no' },
      ];
      into[def.key] = await chooseOne<boolean>(
        input,
        ctx,
        def.prompt ?? def.label,
        options.map((o) => ({ label: o.label, description: o.description, value: o.value })),
        (current as boolean | undefined) ?? options[0].value,
      );
      return;
    }
    case 'integer':
      into[def.key] = await typed(current === undefined ? '' : String(current), (t) =>
        parseWholeNumber(t, def.min, def.max, !required),
      );
      return;
    case 'array':
      into[def.key] = await typed(current === undefined ? '' : JSON.stringify(current), (t) =>
        parseJsonItems(t, def.items ?? 'task'),
      );
      return;
    case 'time':
      into[def.key] = await typed(formatDateTime(current as number | undefined), parseDateTime);
      return;
    case 'cron':
      into[def.key] = await typed(String(current ?? (def.key === 'min' ? '0' : '*')), (t) => readCron(def, t));
      return;
    case 'block':
      return;
  }
}

/** The interfaces a launch will use (CDRouter's preview), as review lines; a failure is a line too. */
async function interfaces(ctx: WizardContext, spec: LaunchSpec): Promise<PickItem<'launch'>[]> {
  try {
    const list: Choice[] = (await ctx.source.previewInterfaces?.(spec)) ?? [];
    const head: PickItem<'launch'> = {
      label: 'Interfaces this job will use',
      kind: vscode.QuickPickItemKind.Separator,
    };
    if (!list.length)
      return [{ label: '$(plug) No interfaces', description: 'the server names none for this package' }];
    return [
      head,
      ...list.map((i) => ({
        label: `$(plug) ${inert(i.label)}`,
        description: i.description === undefined ? undefined : inert(i.description),
      })),
    ];
  } catch (e) {
    return [{ label: '$(warning) Interface preview failed', description: inert((e as Error).message) }];
  }
}
