// "What changed": every diff of the job (CNaaS step diffs), failed steps first. The first few
// are open; the rest open on a click, so a sync of many devices costs nothing up front. A
// diff the host left out (a partial target) is asked for when its entry is open.
import * as l10n from '@vscode/l10n';
import { diffStat } from '../shared/diffHunks';
import { h, icon } from './dom';
import type { Ctx } from './context';
import { findTarget } from '../shared/protocol';
import { diffBlock, loading } from './targetDetail';
import { diffEntries, type DiffEntry } from './viewModel';

const OPEN_FIRST = 8;

export function changes(ctx: Ctx): HTMLElement | undefined {
  // Only the first screenful of rows is here: the list of changes waits for all of them.
  if (ctx.msg.pending) return undefined;
  const entries = diffEntries(ctx.job.targets);
  if (!entries.length) return undefined;
  const section = h('section', { class: 'changes', attrs: { 'aria-labelledby': 'changes-h' } }, [
    h('h2', { attrs: { id: 'changes-h' } }, [h('span', { text: l10n.t('Changes ({0})', entries.length) })]),
  ]);
  const open = (ctx.ui.diffOpen ??= {});
  entries.forEach((e, i) => {
    const key = e.path.join('/');
    const details = h('details', { class: 'change' });
    details.dataset.key = `change:${key}`;
    details.open = open[key] ?? i < OPEN_FIRST;
    const stat = e.diff !== undefined ? diffStat(e.diff) : (e.target.diffStat ?? { added: 0, removed: 0 });
    const summary = h('summary', {}, [
      icon('chevron-right', 'twisty'),
      icon(e.target.state === 'failed' ? 'error' : 'diff', `state-${e.target.state === 'failed' ? 'failed' : 'none'}`),
      h('span', { text: e.label }),
      h('span', { class: 'diff-stat add', text: `+${stat.added}` }),
      h('span', { class: 'diff-stat del', text: `−${stat.removed}` }),
    ]);
    details.append(summary);
    const fill = () => {
      if (!details.open || details.childElementCount !== 1) return;
      const diff = diffText(ctx, e);
      details.append(
        diff !== undefined
          ? diffBlock(ctx, diff, e.path, e.label, 'changes', diff === e.diff ? stat : undefined)
          : loading(l10n.t('Loading the diff…')),
      );
    };
    fill();
    details.addEventListener('toggle', () => {
      open[key] = details.open;
      ctx.save();
      fill();
    });
    section.append(details);
  });
  return section;
}

/** The entry's diff, from the whole target when the host sent it in part (undefined: asked). */
function diffText(ctx: Ctx, e: DiffEntry): string | undefined {
  if (e.diff !== undefined) return e.diff;
  const top = ctx.job.targets.find((t) => t.id === e.path[0]);
  const whole = top && ctx.whole(top);
  if (!whole) return undefined;
  return findTarget([whole], e.path)?.diff ?? '';
}
