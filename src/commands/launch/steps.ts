// Steps every dialect's wizard uses: pick a value from a server list (typing it when the list
// is empty or lacks it), type a validated value, choose between a few options, and review.
import type { ChoiceField } from '../../client/launch/fields';
import type { ConnectionStore } from '../../store/connectionStore';
import type { Choice } from '../../client/model';
import { problemOf, type Parsed } from '../../client/launch/rules';
import { MultiStepInput, PickItem } from './multiStepInput';
import { inert } from '../../shared/inertText';

export interface WizardContext {
  connection: string;
  /** Where the lists come from: the connection's store. */
  source: LaunchSource;
  title: string;
  /** The server's list for a field, fetched once per wizard run. */
  choices(field: ChoiceField): Promise<Choice[]>;
}

/** What a wizard asks of a connection. */
export type LaunchSource = Pick<ConnectionStore, 'name' | 'kind' | 'listChoices' | 'previewInterfaces'>;

export function wizardContext(source: LaunchSource): WizardContext {
  const connection = source.name;
  const cache = new Map<ChoiceField, Promise<Choice[]>>();
  return {
    connection,
    source,
    title: `Launch a job on ${connection}`,
    choices(field) {
      let p = cache.get(field);
      if (!p) {
        p = source.listChoices(field);
        cache.set(field, p);
        // A failed list is asked again when the user comes back to the step.
        p.catch(() => cache.delete(field));
      }
      return p;
    },
  };
}

/** A picked (or typed) value and how to show it. */
interface Picked {
  id: string;
  label: string;
}

/**
 * One value of `field`: a QuickPick over the server's list, where a typed value that matches
 * nothing can be used as it is; an input box when the server has no list. `optional` adds a
 * "None" entry (answered as undefined).
 */
export async function pickChoice(
  input: MultiStepInput,
  ctx: WizardContext,
  o: {
    field: ChoiceField;
    what: string;
    current?: Picked;
    optional?: boolean;
    validate?: (typed: string) => string | undefined;
  },
): Promise<Picked | undefined> {
  let list: Choice[];
  let loadError: string | undefined;
  try {
    list = await ctx.choices(o.field);
  } catch (e) {
    list = [];
    loadError = (e as Error).message;
  }
  if (!list.length) {
    const typed = await input.input({
      title: ctx.title,
      prompt: inert(
        `${loadError ? `Could not load the ${o.what} list (${loadError}). ` : `The server offers no list of ${o.what}s. `}Type the ${o.what} id${o.optional ? ' (empty for none)' : ''}.`,
      ),
      value: o.current?.id ?? '',
      validate: (v) => (!v.trim() ? (o.optional ? undefined : `enter the ${o.what}`) : o.validate?.(v.trim())),
    });
    const id = typed.trim();
    return id ? { id, label: id } : undefined;
  }
  const NONE = '\u0000none';
  const items: PickItem<string>[] = list.map((c) => ({
    label: inert(c.label),
    description: inert(
      (c.label === c.id ? c.description : [c.description, `id ${c.id}`].filter(Boolean).join(' · ')) ?? '',
    ),
    value: c.id,
  }));
  if (o.optional)
    items.unshift({ label: '$(circle-slash) None', description: inert(`launch without a ${o.what}`), value: NONE });
  const value = await input.pick<string>({
    title: ctx.title,
    placeholder: `Pick the ${o.what} (type to search, or type a value that is not listed)`,
    items,
    active: o.current ? o.current.id : o.optional ? NONE : undefined,
    custom: (typed) => (o.validate?.(typed) ? undefined : typed),
    customDescription: `use as the ${o.what} id`,
  });
  if (value === NONE) return undefined;
  const known = list.find((c) => c.id === value);
  return { id: value, label: known?.label ?? value };
}

/** A typed value checked by a parser from fields.ts; answers the parsed value. */
export async function typeValue<T>(
  input: MultiStepInput,
  ctx: WizardContext,
  o: { prompt: string; value: string; placeholder?: string; parse: (text: string) => Parsed<T> },
): Promise<T> {
  const text = await input.input({
    title: ctx.title,
    prompt: o.prompt,
    value: o.value,
    placeholder: o.placeholder,
    validate: problemOf(o.parse),
  });
  const r = o.parse(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** One of a few fixed options. */
export function chooseOne<V>(
  input: MultiStepInput,
  ctx: WizardContext,
  placeholder: string,
  options: PickItem<V>[],
  active?: V,
): Promise<V> {
  return input.pick<V>({ title: ctx.title, placeholder, items: options, active });
}

/**
 * The last step: what will be sent, and a Launch item. `extra` (e.g. CDRouter's interface
 * preview) is loaded while the step is shown.
 */
export async function review(
  input: MultiStepInput,
  ctx: WizardContext,
  lines: [string, string][],
  extra?: Promise<PickItem<'launch'>[]>,
): Promise<void> {
  const summary: PickItem<'launch'>[] = lines
    .filter(([, v]) => v)
    .map(([k, v]) => ({ label: `$(note) ${inert(k)}`, description: inert(v) }));
  const launch: PickItem<'launch'> = {
    label: '$(rocket) Launch',
    description: inert(`on ${ctx.connection}`),
    value: 'launch',
    alwaysShow: true,
  };
  const items = extra ? extra.then((more) => [launch, ...summary, ...more]) : [launch, ...summary];
  await input.pick<'launch'>({
    title: ctx.title,
    placeholder: 'Review, then pick Launch (or go Back to change a value)',
    items,
    active: 'launch',
  });
}
