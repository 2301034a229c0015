// What went wrong, first: the job's exception and traceback (copyable; the last lines shown,
// the rest one click away) and the targets that failed, each a jump to its row.
import * as l10n from '@vscode/l10n';
import { button, h, icon } from './dom';
import { codeView } from './codeView';
import type { Ctx } from './context';
import { failedTargets } from './viewModel';
import { noun } from './words';

const MAX_LISTED = 20;

export function failure(ctx: Ctx): HTMLElement | undefined {
  const { job } = ctx;
  const failed = failedTargets(job.targets);
  // With only the first screenful of rows here, the count comes with it.
  const count = ctx.msg.pending?.failed ?? failed.length;
  if (!job.failure && !failed.length) return undefined;
  const box = h('section', { class: 'failure', attrs: { role: 'region', 'aria-labelledby': 'failure-h' } });
  const title = job.failure ? l10n.t('Failed') : l10n.t('{0} failed {1}', count, noun(job.targets[0]?.kind, count));
  box.append(h('h2', { attrs: { id: 'failure-h' } }, [icon('error'), h('span', { text: ` ${title}` })]));
  if (job.failure) {
    const f = job.failure;
    box.append(
      h('div', { class: 'failure-message' }, [
        h('span', { class: 'exception', text: f.message }),
        button(
          l10n.t('Copy'),
          'copy',
          () => ctx.copy(f.traceback ? `${f.message}\n\n${f.traceback}` : f.message, l10n.t('Copied exception.')),
          { secondary: true, title: l10n.t('Copy the exception and traceback') },
        ),
      ]),
    );
    if (f.traceback) {
      box.append(
        ctx.cached('failure:traceback', f.traceback, () =>
          codeView(f.traceback as string, {
            title: l10n.t('Traceback'),
            copy: (t) => ctx.copy(t, l10n.t('Copied traceback.')),
            tail: 12,
          }),
        ),
      );
    }
  }
  if (failed.length) {
    const list = h('ul', { class: 'failed-list' });
    for (const f of failed.slice(0, MAX_LISTED)) {
      const go = h('button', {
        class: 'link-button',
        text: f.label,
        title: l10n.t('Show {0}', f.target.name),
        attrs: { type: 'button' },
      });
      go.dataset.key = `failed:${f.path.join('/')}`;
      const name = ctx.job.targets.find((t) => t.id === f.path[0])?.name ?? f.label;
      go.addEventListener('click', () => ctx.revealTarget(name));
      list.append(
        h('li', {}, [
          icon('error', 'state-failed'),
          go,
          f.target.message ? h('span', { class: 'failed-msg', text: ` — ${firstLine(f.target.message)}` }) : undefined,
        ]),
      );
    }
    if (count > MAX_LISTED)
      list.append(
        h('li', {
          class: 'muted',
          text: l10n.t('and {0} more (filter the table by the failed chip)', count - MAX_LISTED),
        }),
      );
    box.append(list);
  }
  return box;
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
