// All connections' stores, rebuilt when settings change (a store whose connection did not
// change is kept, with its pages and details). Re-emits each store's events with the store.
import { EventEmitter } from 'node:events';
import type { ConnectionConfig } from '../client/config';
import type { Job, JobDetail } from '../client/model';
import { listen, type IDisposable, type Listeners } from '../shared/lifecycle';
import { ConnectionStore } from './connectionStore';

interface JobStoreEvents {
  /** Connections were added, removed or reconfigured. */
  connections: [];
  structure: [ConnectionStore];
  jobs: [ConnectionStore, Job[]];
  detail: [ConnectionStore, JobDetail];
  launched: [ConnectionStore, Job[]];
}

export class JobStore extends EventEmitter<JobStoreEvents> {
  private stores = new Map<string, { key: string; store: ConnectionStore }>();

  all(): ConnectionStore[] {
    return [...this.stores.values()].map((s) => s.store);
  }

  get(name: string): ConnectionStore | undefined {
    return this.stores.get(name)?.store;
  }

  /** Listens to every connection; dispose to stop. */
  subscribe(listeners: Listeners<JobStoreEvents>): IDisposable {
    return listen(this, listeners);
  }

  setConnections(
    configs: readonly ConnectionConfig[],
    create: (config: ConnectionConfig) => ConnectionStore,
    keyOf: (c: ConnectionConfig) => string = (c) => JSON.stringify(c),
  ): void {
    const next = new Map<string, { key: string; store: ConnectionStore }>();
    for (const config of configs) {
      const key = keyOf(config);
      const existing = this.stores.get(config.name);
      if (existing && existing.key === key) {
        next.set(config.name, existing);
        continue;
      }
      const store = create(config);
      store.on('structure', () => this.emit('structure', store));
      store.on('jobs', (jobs) => this.emit('jobs', store, jobs));
      store.on('detail', (d) => this.emit('detail', store, d));
      store.on('launched', (jobs) => this.emit('launched', store, jobs));
      next.set(config.name, { key, store });
    }
    for (const [name, entry] of this.stores) if (next.get(name) !== entry) entry.store.dispose();
    this.stores = next;
    this.emit('connections');
  }

  dispose(): void {
    for (const { store } of this.stores.values()) store.dispose();
    this.stores.clear();
    this.removeAllListeners();
  }
}
