// The job's state transitions as one horizontal bar: a segment per state, its width its share
// of the time, with the state word, duration and start under it.
import { duration } from '../views/format';
import { h, icon } from './dom';
import { stateIcon, type Ctx } from './context';
import { shortTime, localTime } from './time';
import { timelineSegments } from './viewModel';

export function timeline(ctx: Ctx): HTMLElement | undefined {
  const segs = timelineSegments(ctx.job.timeline, ctx.now);
  if (!segs.length) return undefined;
  const bar = h('div', { class: 'timeline-bar', attrs: { role: 'list', 'aria-label': 'State timeline' } });
  const labels = h('div', { class: 'timeline-labels' });
  const first = segs[0].start;
  for (const s of segs) {
    const ms = s.end - s.start;
    const text = `${s.rawState}${ms > 0 || s.open ? ` · ${duration(ms) || '0 ms'}${s.open ? '…' : ''}` : ''}`;
    const tip = `${s.rawState}: ${localTime(s.start)}${s.end > s.start ? ` → ${localTime(s.end)}` : ''}${ms > 0 ? ` (${duration(ms)})` : ''}${s.open ? ', still in this state' : ''}`;
    const seg = h('div', { class: `seg state-${s.state}${s.open ? ' open' : ''}`, title: tip, attrs: { role: 'listitem', 'aria-label': tip } });
    const label = h('div', { class: 'seg-label', title: tip }, [
      h('span', { class: `seg-state state-${s.state}` }, [icon(stateIcon(ctx, s.state)), h('span', { text })]),
      h('span', { class: 'muted seg-time', text: shortTime(s.start, first) }),
    ]);
    // Every state stays visible and readable, however short it was.
    const grow = String(Math.max(s.fraction, 0.0001));
    seg.style.flexGrow = grow;
    label.style.flexGrow = grow;
    bar.append(seg);
    labels.append(label);
  }
  return h('section', { class: 'timeline', attrs: { 'aria-labelledby': 'timeline-h' } }, [h('h2', { text: 'Timeline', attrs: { id: 'timeline-h' } }), bar, labels]);
}
