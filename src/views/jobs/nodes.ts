// The kinds of row in the Jobs tree. Each holds just what it renders; the provider keeps one
// object per connection and per job so change events can name the row that changed. Each
// row hands commands its `ref` (store/refs.ts): commands never need these classes.
import type { Job, JobTarget } from '../../client/model';
import type { ConnectionStore } from '../../store/connectionStore';
import type { RowRef } from '../../store/refs';
import type { JobdeckError } from '../../client/errors';

/** A connection row's id: the same before the body loads (connectionPreview.ts) and after. */
export const connectionRowId = (name: string): string => `c/${name}`;

export class ConnectionNode {
  readonly type = 'connection';
  constructor(public store: ConnectionStore) {}
  get id(): string {
    return connectionRowId(this.store.name);
  }
  get ref(): RowRef {
    return { connection: this.store.name };
  }
}

export class JobNode {
  readonly type = 'job';
  constructor(
    readonly connection: ConnectionNode,
    public job: Job,
  ) {}
  get id(): string {
    return `j/${this.connection.store.name}/${this.job.id}`;
  }
  get ref(): RowRef {
    return { connection: this.connection.store.name, jobId: this.job.id, job: this.job };
  }
}

export class TargetNode {
  readonly type = 'target';
  constructor(
    readonly jobNode: JobNode,
    readonly target: JobTarget,
    readonly path: string,
    /** One of few targets (shared/rows.ts FEW_TARGETS): its steps show without a click. */
    readonly openAtFirst = false,
  ) {}
  get id(): string {
    return `t/${this.jobNode.connection.store.name}/${this.jobNode.job.id}/${this.path}`;
  }
  get ref(): RowRef {
    return { connection: this.jobNode.connection.store.name, jobId: this.jobNode.job.id, target: this.target };
  }
}

type MessageKind = 'error' | 'loading' | 'empty' | 'loadMore' | 'loadingMore' | 'problem';

export class MessageNode {
  readonly type = 'message';
  constructor(
    readonly parent: ConnectionNode | JobNode | undefined,
    readonly kind: MessageKind,
    readonly text: string,
    readonly error?: JobdeckError,
  ) {}
  /** A message stands for its connection (an error row's Retry, Set Token…). */
  get ref(): RowRef | undefined {
    if (!this.parent) return undefined;
    const connection = this.parent.ref.connection;
    if (this.kind === 'loadMore') return { connection, action: 'loadMore' };
    if ((this.kind === 'error' || this.kind === 'problem') && this.parent instanceof ConnectionNode)
      return { connection, action: 'showError' };
    return { connection };
  }
  get id(): string {
    const owner = this.parent ? this.parent.id : 'root';
    return `m/${owner}/${this.kind}/${this.kind === 'problem' ? this.text : ''}`;
  }
}

export type TreeNode = ConnectionNode | JobNode | TargetNode | MessageNode;
