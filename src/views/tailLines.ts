// The tails' text, apart from VS Code so unit tests read it: the channel a connection's tails
// share, and a line with exactly one time (see tailOutput.ts for why the event's own).
import { isoTime, oneLine } from '../shared/format';

export type TailLevel = 'info' | 'warning' | 'error';

/** The output channel of a connection's tails. */
export function tailChannelName(connection: string): string {
  return `Jobdeck Tail: ${oneLine(connection, 80)}`;
}

/** "2019-06-19 13:50:08Z [info] job 42 [node-1] message": one time, the level, the job, the node, the text. */
export function tailLine(time: number, level: TailLevel, jobId: string, text: string, node?: string): string {
  return [
    isoTime(time),
    `[${level}]`,
    `job ${oneLine(jobId, 40)}`,
    node ? `[${oneLine(node, 80)}]` : '',
    oneLine(text, 2000),
  ]
    .filter(Boolean)
    .join(' ');
}
