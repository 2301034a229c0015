// What every section of the page gets: the data of the last `show`, the page's own UI state,
// and the few things a section may ask for (post to the host, copy, draw again).
import type { JobState } from '../client/model';
import type { PanelJob, PanelTarget, ShowMessage, UiState, WebviewMessage } from '../shared/protocol';

export interface Ctx {
  msg: ShowMessage;
  job: PanelJob;
  ui: UiState;
  now: number;
  post(m: WebviewMessage): void;
  /** `copied`: what the page says once it is copied ("Copied the diff."). */
  copy(text: string, copied: string): void;
  /** Keep the UI state (setState) without drawing again. */
  save(): void;
  /** Draw the page again from the same data (after a sort, a chip, a toggle). */
  redraw(): void;
  /** Elements that are expensive to build (diffs, long documents), kept across redraws. */
  cached<T extends HTMLElement>(key: string, signature: string, build: () => T): T;
  /** Scroll to a target's row and expand it. */
  revealTarget(name: string): void;
  /**
   * The whole of a top-level target, or undefined while the host is asked for it (the page
   * draws again when it comes).
   */
  whole(t: PanelTarget): PanelTarget | undefined;
}

export function stateIcon(ctx: Ctx, state: JobState): string {
  return ctx.msg.icons[state] ?? 'question';
}

export const DEFAULT_UI: UiState = { expanded: [], chips: [], page: 0, diffMode: 'inline', scrollY: 0 };
