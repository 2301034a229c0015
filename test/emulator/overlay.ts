// The writes layered over generated data: deleted ids, launched jobs, edits. Generated jobs
// are ids 1..n and are never stored; only what a client changed is kept, so 100,000 jobs
// cost a byte each at most (the deletion flags, allocated on the first delete).

export class JobSpace<L, E = Record<string, unknown>> {
  private deleted: Uint8Array | undefined;
  private deletedCount = 0;
  readonly launched = new Map<number, L>();
  readonly edits = new Map<number, E>();
  private nextId: number;

  constructor(readonly generated: number) {
    this.nextId = generated + 1;
  }

  isGenerated(id: number): boolean {
    return Number.isInteger(id) && id >= 1 && id <= this.generated;
  }

  has(id: number): boolean {
    if (this.isGenerated(id)) return !this.deleted || this.deleted[id] === 0;
    return this.launched.has(id);
  }

  add(make: (id: number) => L): { id: number; job: L } {
    const id = this.nextId++;
    const job = make(id);
    this.launched.set(id, job);
    return { id, job };
  }

  remove(id: number): boolean {
    if (!this.has(id)) return false;
    if (this.isGenerated(id)) {
      this.deleted ??= new Uint8Array(this.generated + 1);
      this.deleted[id] = 1;
      this.deletedCount++;
    } else {
      this.launched.delete(id);
    }
    this.edits.delete(id);
    return true;
  }

  edit(id: number): E | undefined {
    return this.edits.get(id);
  }

  patch(id: number, patch: Partial<E>): E {
    const next = { ...(this.edits.get(id) ?? ({} as E)), ...patch } as E;
    this.edits.set(id, next);
    return next;
  }

  /** Live ids ascending, in a transient typed array. */
  liveIds(): Int32Array {
    const out = new Int32Array(this.generated - this.deletedCount + this.launched.size);
    let k = 0;
    for (let id = 1; id <= this.generated; id++) if (!this.deleted || this.deleted[id] === 0) out[k++] = id;
    for (const id of this.launched.keys()) out[k++] = id; // Map keeps insertion order: ascending
    return out;
  }

  reset(): void {
    this.deleted = undefined;
    this.deletedCount = 0;
    this.launched.clear();
    this.edits.clear();
    this.nextId = this.generated + 1;
  }
}
