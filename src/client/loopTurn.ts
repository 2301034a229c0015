// One response's work per turn of the event loop. Connections are polled in the same moment (the
// poll grid), so twenty answers arrive together; parsed and merged back to back they held the
// extension host's event loop for 140–170 ms (issue 20's stalls row). Each answer now waits for
// its turn: one per loop iteration, so timers, input and VS Code's own messages run in between.

const waiting: (() => void)[] = [];
let scheduled = false;

/** Resolves in a later turn of the event loop than any other caller still waiting. */
export function loopTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(release);
    }
  });
}

function release(): void {
  // The continuation of the one released runs as a microtask right after this callback; the
  // next is released by an immediate queued now, which runs in the next iteration.
  waiting.shift()?.();
  if (waiting.length) setImmediate(release);
  else scheduled = false;
}
