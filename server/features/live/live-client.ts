import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { LiveEventName } from '../../contract/live-event';
import { type Actor, isModerator } from '../auth/actor';
import type { LiveChange } from './live-change';

export interface LiveClientOptions {
  actor: Actor | null;
  /** Only this workshop's changes (the `?workshop=` filter). */
  workshopId: string | null;
  /** The workshop whose presence and status events this client gets: the filter's, or the actor's own. */
  presenceWorkshop: { id: string; code: string } | null;
  maxBufferedBytes: number;
}

/**
 * One SSE connection. It has its own cursor (the last revision id it considered), so replay and live
 * delivery never send a revision twice nor skip one: anything at or below the cursor is dropped.
 */
export class LiveClient {
  readonly connectionId = randomUUID();
  readonly actor: Actor | null;
  readonly workshopId: string | null;
  readonly presenceWorkshopId: string | null;
  readonly presenceWorkshopCode: string | null;
  /** True until the replay from the revisions table is over; live changes wait in `pending` meanwhile. */
  replaying = true;
  cursor = 0n;
  closed = false;
  private pending: LiveChange[] = [];
  private readonly privateView: boolean;
  private readonly maxBufferedBytes: number;

  constructor(
    private readonly res: ServerResponse,
    options: LiveClientOptions,
  ) {
    this.actor = options.actor;
    this.workshopId = options.workshopId;
    this.presenceWorkshopId = options.presenceWorkshop?.id ?? null;
    this.presenceWorkshopCode = options.presenceWorkshop?.code ?? null;
    this.privateView = isModerator(options.actor);
    this.maxBufferedBytes = options.maxBufferedBytes;
  }

  /**
   * Live changes from the hub, in id order. `shared` holds the bytes already built for this batch by
   * clients that see the same subset of it: most clients of a workshop see the same, so a batch is
   * encoded a few times rather than once per client.
   */
  offer(changes: readonly LiveChange[], shared?: Map<string, Buffer>): void {
    if (this.closed) return;
    if (this.replaying) {
      for (const change of changes) if (change.id > this.cursor) this.pending.push(change);
      return;
    }
    this.deliver(changes, shared);
  }

  /** Sends what this client may see among `changes` and moves its cursor; false when the socket is full. */
  deliver(changes: readonly LiveChange[], shared?: Map<string, Buffer>): boolean {
    let first = 0;
    while (first < changes.length && (changes[first]?.id ?? 0n) <= this.cursor) first += 1;
    const last = changes[changes.length - 1];
    if (first === changes.length || !last) return true;
    this.cursor = last.id;
    // What this client sees depends only on these, for a given batch.
    const key = `${first}|${this.privateView ? 'p' : ''}|${this.workshopId ?? ''}|${this.authorIn(changes, first)}`;
    let bytes = shared?.get(key);
    if (!bytes) {
      let out = '';
      for (let i = first; i < changes.length; i += 1) {
        const change = changes[i];
        if (change && this.canSee(change)) out += change.frame(this.privateView);
      }
      bytes = Buffer.from(out);
      shared?.set(key, bytes);
    }
    return bytes.length === 0 ? true : this.write(bytes);
  }

  /** This client's id when it authored a change of the batch that only its author may see, else ''. */
  private authorIn(changes: readonly LiveChange[], first: number): string {
    if (!this.actor || this.privateView) return '';
    for (let i = first; i < changes.length; i += 1) {
      const change = changes[i];
      if (change && !change.isPublic && change.authorId === this.actor.id) return this.actor.id;
    }
    return '';
  }

  /** Ends the replay: the changes that arrived meanwhile are sent after it, without duplicates. */
  goLive(): void {
    const pending = this.pending;
    this.pending = [];
    this.replaying = false;
    this.deliver(pending);
  }

  canSee(change: LiveChange): boolean {
    if (this.workshopId && !change.workshopIds.has(this.workshopId)) return false;
    if (change.isPublic || this.privateView) return true;
    return this.actor !== null && change.authorId === this.actor.id;
  }

  send(event: LiveEventName, data: unknown): boolean {
    return this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  write(text: string | Buffer): boolean {
    if (this.closed) return false;
    const ok = this.res.write(text);
    // A client that reads too slowly is cut off rather than buffered without limit: it reconnects with
    // Last-Event-ID and the replay gives it what it missed.
    if (!ok && this.res.writableLength > this.maxBufferedBytes) this.close();
    return ok;
  }

  /** Resolves when the socket can take more output (or the client is gone). */
  drained(): Promise<void> {
    if (this.closed || !this.res.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.res.end();
  }
}
