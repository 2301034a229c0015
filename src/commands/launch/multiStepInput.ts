// A small multi-step QuickPick/InputBox flow with a Back button (after the pattern of the
// quickinput sample in vscode-extension-samples). A step shows one input, writes the answer
// into the wizard's state and returns the next step; Back re-runs the previous step, which
// shows what was answered before. Escape cancels the whole flow. Titles, placeholders, prompts
// and validation messages are shown through `inert` (they name connections and carry server
// errors); items come with their texts inert from the steps that make them (some carry our icons).
import * as vscode from 'vscode';
import { inert } from '../../shared/inertText';

class Back extends Error {}
class Cancel extends Error {}

export type Step<S> = (input: MultiStepInput, state: S) => Promise<Step<S> | undefined>;

export interface PickItem<V> extends vscode.QuickPickItem {
  value?: V;
}

interface QuickPickParams<V> {
  title: string;
  placeholder: string;
  /** Items, or a promise of them (the pick shows busy until it resolves). */
  items: PickItem<V>[] | Promise<PickItem<V>[]>;
  /** Value of the item to highlight first. */
  active?: V;
  /** A typed value that matches no item is offered as an item of its own, with this value. */
  custom?: (typed: string) => V | undefined;
  /** Text shown next to the offered typed value. */
  customDescription?: string;
  matchOnDescription?: boolean;
  /** Items without a value (separators, notes) cannot be accepted. */
}

interface InputBoxParams {
  title: string;
  prompt: string;
  value: string;
  placeholder?: string;
  /** A sentence saying what is wrong, or undefined when the value is fine. */
  validate: (value: string) => string | undefined;
  password?: boolean;
}

export class MultiStepInput {
  private current?: vscode.QuickInput;
  private readonly history: { step: Step<unknown> }[] = [];

  /** Runs the flow; true when every step was answered, false when the user cancelled. */
  static async run<S>(start: Step<S>, state: S): Promise<boolean> {
    const input = new MultiStepInput();
    return input.stepThrough(start as Step<unknown>, state);
  }

  /** 1-based number of the step being shown. */
  get stepNumber(): number {
    return this.history.length;
  }

  private async stepThrough(start: Step<unknown>, state: unknown): Promise<boolean> {
    let step: Step<unknown> | undefined = start;
    try {
      while (step) {
        this.history.push({ step });
        try {
          step = await step(this, state);
        } catch (e) {
          if (!(e instanceof Back)) throw e;
          this.history.pop();
          const previous = this.history.pop();
          step = previous?.step ?? start;
        }
      }
      return true;
    } catch (e) {
      if (e instanceof Cancel) return false;
      throw e;
    } finally {
      this.current?.dispose();
      this.current = undefined;
    }
  }

  pick<V>(p: QuickPickParams<V>): Promise<V> {
    const qp = vscode.window.createQuickPick<PickItem<V>>();
    qp.placeholder = inert(p.placeholder);
    qp.matchOnDescription = p.matchOnDescription ?? true;
    let base: PickItem<V>[] = [];
    const render = () => {
      const typed = qp.value.trim();
      const value = typed && p.custom ? p.custom(typed) : undefined;
      const plain = (label: string) =>
        label
          .replace(/\$\([\w~-]+\)\s*/g, '')
          .replace(/\u2060/g, '')
          .trim()
          .toLowerCase();
      const exact = base.some(
        (i) => plain(i.label) === typed.toLowerCase() || (i.value !== undefined && String(i.value) === typed),
      );
      // The typed value comes last: an item that matches what was typed stays the one Enter takes.
      const extra: PickItem<V>[] =
        value !== undefined && !exact
          ? [
              {
                label: inert(typed),
                description: inert(p.customDescription ?? 'use what you typed'),
                value,
                alwaysShow: true,
              },
            ]
          : [];
      const active = qp.activeItems[0];
      qp.items = [...base, ...extra];
      if (active && qp.items.includes(active)) qp.activeItems = [active];
    };
    const load = (items: PickItem<V>[]) => {
      base = items;
      render();
      const active =
        p.active === undefined
          ? undefined
          : base.find((i) => i.value !== undefined && sameValue(i.value, p.active as V));
      if (active) qp.activeItems = [active];
    };
    if (Array.isArray(p.items)) load(p.items);
    else {
      qp.busy = true;
      qp.enabled = false;
      p.items.then(
        (items) => {
          qp.busy = false;
          qp.enabled = true;
          load(items);
        },
        (e: unknown) => {
          qp.busy = false;
          qp.enabled = true;
          qp.placeholder = inert(`${p.placeholder} — could not load the list (${(e as Error).message}); type a value`);
          load([]);
        },
      );
    }
    return this.present<V>(qp, p.title, (resolve) => [
      qp.onDidChangeValue(() => render()),
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0] ?? qp.activeItems[0];
        if (item && item.value !== undefined) resolve(item.value);
      }),
    ]);
  }

  input(p: InputBoxParams): Promise<string> {
    const box = vscode.window.createInputBox();
    box.prompt = inert(p.prompt);
    box.value = p.value;
    box.placeholder = p.placeholder === undefined ? undefined : inert(p.placeholder);
    box.password = p.password ?? false;
    return this.present<string>(box, p.title, (resolve) => [
      box.onDidChangeValue((v) => {
        const problem = p.validate(v);
        box.validationMessage = problem === undefined ? undefined : inert(problem);
      }),
      box.onDidAccept(() => {
        const problem = p.validate(box.value);
        box.validationMessage = problem === undefined ? undefined : inert(problem);
        if (!problem) resolve(box.value);
      }),
    ]);
  }

  /**
   * Shows a step's input in place of the last one, with Back from the second step on; Escape
   * (hiding it) cancels the flow. The input stays on screen until the next step replaces it
   * (no flicker between steps); its listeners end with the step.
   */
  private present<T>(
    q: vscode.QuickPick<PickItem<unknown>> | vscode.InputBox,
    title: string,
    listen: (resolve: (value: T) => void) => vscode.Disposable[],
  ): Promise<T> {
    q.title = inert(title);
    q.step = this.stepNumber;
    q.ignoreFocusOut = true;
    q.buttons = this.history.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    const disposables: vscode.Disposable[] = [];
    return new Promise<T>((resolve, reject) => {
      disposables.push(
        q.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) reject(new Back());
        }),
        q.onDidHide(() => reject(new Cancel())),
        ...listen(resolve),
      );
      this.current?.dispose();
      this.current = q;
      q.show();
    }).finally(() => disposables.forEach((d) => d.dispose()));
  }
}

function sameValue<V>(a: V, b: V): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
