// The kinds of row in the Jobs tree. Each holds just what it renders; the provider keeps one
// object per connection and per job so change events can name the row that changed.
import type { Job, JobTarget } from '../../client/model';
import type { ConnectionStore } from '../../store/connectionStore';
import type { JobdeckError } from '../../client/errors';

export class ConnectionNode {
  readonly type = 'connection';
  constructor(public store: ConnectionStore) {}
  get id(): string {
    return `c/${this.store.name}`;
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
}

export class TargetNode {
  readonly type = 'target';
  constructor(
    readonly jobNode: JobNode,
    readonly target: JobTarget,
    readonly path: string,
  ) {}
  get id(): string {
    return `t/${this.jobNode.connection.store.name}/${this.jobNode.job.id}/${this.path}`;
  }
}

export type MessageKind = 'error' | 'loading' | 'empty' | 'loadMore' | 'loadingMore' | 'problem';

export class MessageNode {
  readonly type = 'message';
  constructor(
    readonly parent: ConnectionNode | JobNode | undefined,
    readonly kind: MessageKind,
    readonly text: string,
    readonly error?: JobdeckError,
  ) {}
  get id(): string {
    const owner = this.parent ? this.parent.id : 'root';
    return `m/${owner}/${this.kind}/${this.kind === 'problem' ? this.text : ''}`;
  }
}

export type TreeNode = ConnectionNode | JobNode | TargetNode | MessageNode;
