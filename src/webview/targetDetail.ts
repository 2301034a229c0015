// What an expanded row shows: the full message, the report link, the result (a text document
// with line numbers, or pretty JSON), the diff, and for a device its steps, each the same way.
// A target the host sent in part is asked for in whole first.
import * as l10n from '@vscode/l10n';
import type { JobTarget } from '../client/model';
import { duration } from './time';
import { codeView, prettyJson } from './codeView';
import { stateIcon, type Ctx } from './context';
import { diffView } from './diffView';
import { h, icon } from './dom';
import type { PanelTarget } from '../shared/protocol';
import { targetDuration } from '../shared/rows';

export function loading(text: string): HTMLElement {
  return h('p', { class: 'muted loading' }, [icon('loading', 'codicon-modifier-spin'), ` ${text}`]);
}

export function targetDetail(ctx: Ctx, row: PanelTarget, path: string[]): HTMLElement {
  const box = h('div', { class: 'target-detail' });
  const t = ctx.whole(row);
  if (!t) {
    box.append(loading(l10n.t('Loading…')));
    return box;
  }
  box.append(...targetBody(ctx, t, path, t.name));
  if (t.children?.length) {
    const steps = h('ol', { class: 'steps' });
    t.children.forEach((c) => {
      const d = targetDuration(c, ctx.now);
      steps.append(
        h('li', { class: `step state-border-${c.state}` }, [
          h('div', { class: 'step-head' }, [
            icon(stateIcon(ctx, c.state), `state-${c.state}`),
            h('span', { class: 'step-name', text: c.name }),
            h('span', {
              class: 'muted',
              text: [c.rawState, d !== undefined ? duration(d) : ''].filter(Boolean).join(' · '),
            }),
          ]),
          ...targetBody(ctx, c, [...path, c.id], `${t.name} › ${c.name}`),
        ]),
      );
    });
    box.append(steps);
  }
  return box;
}

function targetBody(ctx: Ctx, t: JobTarget, path: string[], label: string): Node[] {
  const out: Node[] = [];
  if (t.message && !t.resultText?.includes(t.message))
    out.push(h('pre', { class: `message${t.state === 'failed' ? ' error' : ''}`, text: t.message }));
  if (t.reportUrl) {
    const url = t.reportUrl;
    const a = h('button', { class: 'link-button link', title: url, attrs: { type: 'button' } }, [
      icon('link-external'),
      h('span', { text: l10n.t('Report') }),
    ]);
    a.addEventListener('click', () => ctx.post({ type: 'openUrl', url }));
    out.push(h('div', { class: 'links' }, [a]));
  }
  const key = path.join('\u0000');
  if (t.resultText) {
    const text = t.resultText;
    out.push(
      ctx.cached(`text:${key}`, text, () =>
        codeView(text, {
          title: t.state === 'failed' ? l10n.t('Output') : l10n.t('Result'),
          copy: (s) => ctx.copy(s, l10n.t('Copied result.')),
          tail: t.state === 'failed' ? 12 : undefined,
        }),
      ),
    );
  }
  if (t.result !== undefined && t.result !== null) {
    const json = prettyJson(t.result);
    out.push(
      ctx.cached(`json:${key}`, json, () =>
        codeView(json, { title: l10n.t('Result (JSON)'), copy: (s) => ctx.copy(s, l10n.t('Copied result.')) }),
      ),
    );
  }
  if (t.diff && t.diff.trim()) out.push(diffBlock(ctx, t.diff, path, label, 'row'));
  if (!out.length && !t.children?.length) out.push(h('p', { class: 'muted', text: l10n.t('No result.') }));
  return out;
}

/** A diff view, kept across updates while its text and layout stay the same. */
export function diffBlock(
  ctx: Ctx,
  diff: string,
  path: string[],
  label: string,
  where: string,
  stat?: { added: number; removed: number },
): HTMLElement {
  const mode = ctx.ui.diffMode;
  return ctx.cached(`diff:${where}:${path.join('\u0000')}`, `${mode}\u0000${diff}`, () =>
    diffView(diff, {
      label,
      hideLabel: where === 'changes',
      mode,
      setMode: (m) => {
        ctx.ui.diffMode = m;
        ctx.save();
        ctx.redraw();
      },
      openInEditor: () => ctx.post({ type: 'openDiff', path }),
      copy: (s) => ctx.copy(s, l10n.t('Copied diff.')),
      stat,
    }),
  );
}
