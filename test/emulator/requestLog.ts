// Every request, in a bounded ring buffer (oldest dropped first); optionally printed.
import type { LogEntry } from './types';

export class RequestLog {
  private readonly buf: (LogEntry | undefined)[];
  private head = 0;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly print?: (line: string) => void,
  ) {
    this.buf = new Array(Math.max(1, capacity));
  }

  add(e: LogEntry): void {
    this.buf[(this.head + this.size) % this.buf.length] = e;
    if (this.size < this.buf.length) this.size++;
    else this.head = (this.head + 1) % this.buf.length;
    this.print?.(
      `${e.time} ${e.dialect ?? '-'} ${e.method} ${e.path}${e.query ? '?' + e.query : ''} ${e.status || 'DROP'} ${e.ms}ms${e.fault ? ' [' + e.fault + ']' : ''}`,
    );
  }

  entries(): LogEntry[] {
    const out: LogEntry[] = [];
    for (let k = 0; k < this.size; k++) out.push(this.buf[(this.head + k) % this.buf.length] as LogEntry);
    return out;
  }

  clear(): void {
    this.buf.fill(undefined);
    this.head = 0;
    this.size = 0;
  }
}
