// The job's state transitions as one horizontal bar: a segment per state, its width its share
// of the time, with the state word, duration and start under it.
import * as l10n from '@vscode/l10n';
import { h, icon } from './dom';
import { stateIcon, type Ctx } from './context';
import { duration, shortTime, localTime } from './time';
import { timelineSegments } from './viewModel';

export function timeline(ctx: Ctx): HTMLElement | undefined {
  const segs = timelineSegments(ctx.job.timeline, ctx.now);
  if (!segs.length) return undefined;
  const bar = h('div', { class: 'timeline-bar', attrs: { 'aria-hidden': 'true' } });
  const steps = h('ol', { class: 'timeline-steps', attrs: { 'aria-label': l10n.t('State timeline') } });
  const first = segs[0].start;
  for (const s of segs) {
    const ms = s.end - s.start;
    const tip = `${s.rawState}: ${localTime(s.start)}${s.end > s.start ? ` → ${localTime(s.end)}` : ''}${ms > 0 ? ` (${duration(ms)})` : ''}${s.open ? l10n.t(', still in this state') : ''}`;
    // The bar is to scale (a state of a few ms still shows as a sliver); the list below reads.
    const seg = h('div', { class: `seg state-${s.state}${s.open ? ' open' : ''}`, title: tip });
    seg.style.flexGrow = String(Math.max(s.fraction, 0.0001));
    bar.append(seg);
    steps.append(
      h('li', { class: 'timeline-step', title: tip }, [
        icon(stateIcon(ctx, s.state), `state-${s.state}`),
        h('span', { class: 'step-state', text: s.rawState }),
        h('span', { class: 'muted', text: shortTime(s.start, first) }),
        ms > 0 || s.open
          ? h('span', {
              class: 'step-dur',
              text: s.open ? l10n.t('{0} so far', duration(ms) || l10n.t('0 ms')) : duration(ms) || l10n.t('0 ms'),
            })
          : undefined,
      ]),
    );
  }
  return h('section', { class: 'timeline', attrs: { 'aria-labelledby': 'timeline-h' } }, [
    h('h2', { text: l10n.t('Timeline'), attrs: { id: 'timeline-h' } }),
    bar,
    steps,
  ]);
}
