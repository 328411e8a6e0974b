import type { EntryFeature, EntryInput, EntryPatch } from '../../../server/contract/entry';
import { backoffDelay } from './backoff';
import type { CreateItem, OutboxItem, UpdateItem } from './outbox-item';
import type { OutboxStore } from './outbox-store';
import { type SendOutcome, sendItem } from './send-item';

/** Sent items stay listed this long, so that the person sees them go through. */
const KEEP_SENT_MS = 10 * 60 * 1000;
/** Web Locks name: one tab at a time sends, so an edit is never sent twice (a false 412). */
const LOCK = 'atlas-outbox';

export interface OutboxEvents {
  /** The list changed (an item added, its state moved, one removed). */
  changed(items: readonly OutboxItem[]): void;
  /** The server answered with the entry: the live view should show this version. */
  entry?(entry: EntryFeature): void;
}

/**
 * The participant's outbox (DESIGN §5): creations and edits are kept in IndexedDB first, then sent in order,
 * retried with backoff on network and server errors, resumed on page load and on `online`. A 412 stops the
 * item as a `conflict` until the person chooses; nothing is ever overwritten silently.
 */
export class Outbox {
  private items = new Map<string, OutboxItem>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private readonly waiters = new Set<() => void>();
  private again = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly events: OutboxEvents,
    private readonly send: (item: OutboxItem) => Promise<SendOutcome> = (item) => sendItem(item),
  ) {}

  get persistent(): boolean {
    return this.store.persistent;
  }

  /** Loads what an earlier page left and starts sending; call once. */
  async start(): Promise<void> {
    const now = Date.now();
    for (const item of await this.store.all()) {
      if (item.state === 'sent' && now - item.updatedAt > KEEP_SENT_MS) {
        await this.store.delete(item.key);
        continue;
      }
      // A tab closed in the middle of a send: whether it arrived or not, sending again is safe for a creation
      // (same id, same body) and answers a 412 for an edit that did arrive (shown, never overwritten).
      if (item.state === 'sending') item.state = 'waiting';
      if (item.state === 'waiting') item.nextAttemptAt = now;
      this.items.set(item.key, item);
    }
    globalThis.addEventListener?.('online', () => this.retryNow());
    this.emit();
    this.kick();
  }

  list(): OutboxItem[] {
    return [...this.items.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Queues a new entry; its id is the client's, so sending it twice never makes two entries. */
  async create(input: EntryInput, token: string | null): Promise<CreateItem> {
    const id = input.id ?? crypto.randomUUID();
    const now = Date.now();
    const item: CreateItem = {
      op: 'create',
      key: id,
      entryId: id,
      label: input.properties.name,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: now,
      token,
      createdAt: now,
      updatedAt: now,
      body: { ...input, id },
    };
    await this.save(item);
    return item;
  }

  /** Queues an edit of `entry` as the person saw it (its version goes in `If-Match`). */
  async update(entry: EntryFeature, patch: EntryPatch, token: string | null): Promise<UpdateItem> {
    const now = Date.now();
    const item: UpdateItem = {
      op: 'update',
      key: crypto.randomUUID(),
      entryId: entry.id,
      label: patch.properties?.name ?? entry.properties.name,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: now,
      token,
      createdAt: now,
      updatedAt: now,
      body: patch,
      baseVersion: entry.properties.version,
    };
    await this.save(item);
    return item;
  }

  /**
   * Resolves with the item once its first attempt is over (sent, failed, a conflict, or waiting for a
   * retry), or after `timeoutMs`: the editor can then show a refusal beside the fields, or carry on.
   */
  settled(key: string, timeoutMs: number): Promise<OutboxItem | undefined> {
    return new Promise((resolve) => {
      const done = () => {
        const item = this.items.get(key);
        const over = !item || (item.attempts > 0 && item.state !== 'sending') || item.reason === 'network';
        if (!over && Date.now() < deadline) return false;
        this.waiters.delete(check);
        resolve(item);
        return true;
      };
      const deadline = Date.now() + timeoutMs;
      const check = () => void done();
      if (done()) return;
      this.waiters.add(check);
      setTimeout(check, timeoutMs);
    });
  }

  /** Sends the waiting and failed items now (the network came back, or the person asked). */
  retryNow(key?: string): void {
    const now = Date.now();
    for (const item of this.items.values()) {
      if (key !== undefined && item.key !== key) continue;
      if (item.state === 'waiting' || (key !== undefined && item.state === 'failed')) {
        item.state = 'waiting';
        item.nextAttemptAt = now;
        void this.store.put(item);
      }
    }
    this.emit();
    this.kick();
  }

  async discard(key: string): Promise<OutboxItem | undefined> {
    const item = this.items.get(key);
    this.items.delete(key);
    await this.store.delete(key);
    this.emit();
    return item;
  }

  /** A conflict resolved by keeping this change: sent again on top of the version shown (`theirs`). */
  async keepMine(key: string): Promise<void> {
    const item = this.items.get(key);
    if (item?.op !== 'update' || !item.theirs) return;
    item.baseVersion = item.theirs.properties.version;
    delete item.theirs;
    item.state = 'waiting';
    item.attempts = 0;
    item.nextAttemptAt = Date.now();
    await this.save(item);
  }

  /** A conflict resolved by keeping the other version: the change is dropped, their entry shown. */
  async keepTheirs(key: string): Promise<void> {
    const item = this.items.get(key);
    if (item?.op !== 'update') return;
    if (item.theirs) this.events.entry?.(item.theirs);
    await this.discard(key);
  }

  private async save(item: OutboxItem): Promise<void> {
    item.updatedAt = Date.now();
    this.items.set(item.key, item);
    await this.store.put(item);
    this.emit();
    this.kick();
  }

  private emit(): void {
    this.events.changed(this.list());
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Runs the sending loop unless it runs already; it sleeps until the next item is due. */
  private kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = true;
    const locks = globalThis.navigator?.locks;
    const loop = () => this.drain();
    const done = locks ? locks.request(LOCK, loop) : loop();
    void done
      .catch((error: unknown) => console.error('outbox: the sending loop failed', error))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.schedule();
      });
  }

  private schedule(): void {
    const due = this.list().filter((item) => item.state === 'waiting');
    if (due.length === 0) return;
    const next = Math.min(...due.map((item) => item.nextAttemptAt));
    this.timer = setTimeout(() => this.kick(), Math.max(0, next - Date.now()));
  }

  private async drain(): Promise<void> {
    // Another tab may have sent items while this one waited for the lock.
    const stored = new Map((await this.store.all()).map((item) => [item.key, item]));
    for (const key of [...this.items.keys()]) {
      const fresh = stored.get(key);
      if (!fresh) this.items.delete(key);
      else if (fresh.state !== 'waiting' && fresh.state !== 'sending') this.items.set(key, fresh);
    }
    for (;;) {
      const now = Date.now();
      const item = this.list().find(
        (candidate) => candidate.state === 'waiting' && candidate.nextAttemptAt <= now,
      );
      if (!item) return;
      // Items are sent in order: an edit must not overtake the creation of its entry.
      const blocker = this.list().find(
        (other) =>
          other !== item &&
          other.entryId === item.entryId &&
          other.createdAt < item.createdAt &&
          other.state !== 'sent',
      );
      if (blocker) {
        // Behind a stuck item (failed, or a conflict) there is nothing to do until the person decides.
        const stuck = blocker.state === 'failed' || blocker.state === 'conflict';
        item.nextAttemptAt = stuck ? now + 60_000 : Math.max(now + 1000, blocker.nextAttemptAt);
        continue;
      }
      if (globalThis.navigator?.onLine === false) {
        // Offline: wait for the `online` event rather than burn attempts.
        item.reason = 'network';
        item.nextAttemptAt = now + backoffDelay(item.attempts + 1);
        await this.store.put(item);
        this.emit();
        return;
      }
      item.state = 'sending';
      item.attempts += 1;
      await this.store.put(item);
      this.emit();
      const outcome = await this.send(item);
      await this.settle(item, outcome);
    }
  }

  private async settle(item: OutboxItem, outcome: SendOutcome): Promise<void> {
    const now = Date.now();
    delete item.reason;
    delete item.detail;
    delete item.status;
    delete item.errors;
    switch (outcome.type) {
      case 'sent':
        item.state = 'sent';
        item.result = outcome.entry;
        this.events.entry?.(outcome.entry);
        break;
      case 'retry':
        item.state = 'waiting';
        item.reason = outcome.reason;
        if (outcome.status !== undefined) item.status = outcome.status;
        if (outcome.detail !== undefined) item.detail = outcome.detail;
        item.nextAttemptAt = now + Math.max(outcome.afterMs ?? 0, backoffDelay(item.attempts));
        break;
      case 'failed':
        item.state = 'failed';
        item.reason = outcome.reason;
        item.status = outcome.status;
        if (outcome.detail !== undefined) item.detail = outcome.detail;
        if (outcome.errors) item.errors = outcome.errors;
        break;
      case 'conflict':
        if (item.op === 'update') {
          item.state = 'conflict';
          item.theirs = outcome.theirs;
        } else {
          item.state = 'failed';
          item.reason = 'id-conflict';
        }
        break;
    }
    item.updatedAt = now;
    await this.store.put(item);
    this.emit();
  }
}
