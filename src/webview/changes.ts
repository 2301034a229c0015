// "What changed": every diff of the job (CNaaS step diffs), failed steps first. The first few
// are open; the rest open on a click, so a sync of many devices costs nothing up front.
import { parseHunks } from '../client/diffHunks';
import { h, icon } from './dom';
import type { Ctx } from './context';
import { diffBlock } from './targetDetail';
import { diffEntries } from './viewModel';

const OPEN_FIRST = 8;

export function changes(ctx: Ctx): HTMLElement | undefined {
  const entries = diffEntries(ctx.job.targets);
  if (!entries.length) return undefined;
  const section = h('section', { class: 'changes', attrs: { 'aria-labelledby': 'changes-h' } }, [
    h('h2', { attrs: { id: 'changes-h' } }, [h('span', { text: `Changes (${entries.length})` })]),
  ]);
  const open = (ctx.ui.diffOpen ??= {});
  entries.forEach((e, i) => {
    const key = e.path.join('/');
    const details = h('details', { class: 'change' });
    details.dataset.key = `change:${key}`;
    details.open = open[key] ?? i < OPEN_FIRST;
    const stat = parseHunks(e.diff);
    const summary = h('summary', {}, [
      icon('chevron-right', 'twisty'),
      icon(e.target.state === 'failed' ? 'error' : 'diff', `state-${e.target.state === 'failed' ? 'failed' : 'none'}`),
      h('span', { text: e.label }),
      h('span', { class: 'diff-stat add', text: `+${stat.added}` }),
      h('span', { class: 'diff-stat del', text: `−${stat.removed}` }),
    ]);
    details.append(summary);
    const fill = () => {
      if (details.open && details.childElementCount === 1) details.append(diffBlock(ctx, e.diff, e.path, e.label, 'changes'));
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
