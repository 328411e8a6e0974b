import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import type { PresenceEvent, StatusEvent } from '../../contract/live-event';
import type { LiveBus } from '../../plugins/live-bus';
import {
  lastRevisionId,
  type RevisionRow,
  readRevisionIdsAfter,
  readRevisionsAfter,
  revisionWritersInFlight,
} from './live.repository';
import { LiveChange } from './live-change';
import { emitWorkshopSignal, notifyWorkshop, type WorkshopSignal } from './live-channels';
import type { LiveClient } from './live-client';
import type { LiveSettings } from './live-settings';
import {
  addPresence,
  readPresence,
  removePresence,
  removeProcessPresence,
  sweepStalePresence,
  touchPresence,
} from './presence.repository';
import { RevisionFrontier } from './revision-frontier';

/** At most this many names travel in a presence event (a room of 500 would make every event 40 KB). */
export const PRESENCE_NAMES = 100;

/**
 * The live hub of one process. It keeps the last revision id it has read; on any wake-up (a commit in this
 * process, a NOTIFY from another, the LISTEN connection coming back, the poll timer) it reads the revisions
 * after it, in id order, until none is left, and hands them to its clients. Clients filter by visibility
 * and dedupe by their own cursor, so a change reaches each client once, whatever woke the hub.
 */
export class LiveHub {
  readonly processId = randomUUID();
  /** Null until start(): the last revision id this process has handed to its clients (see RevisionFrontier). */
  private frontier: RevisionFrontier | null = null;
  private lastDrainAt = 0;
  /** Callers waiting for a read of the table that starts after they asked (see caughtUp). */
  private waiters: Array<() => void> = [];
  private readonly clients = new Set<LiveClient>();
  private draining = false;
  private again = false;
  private scheduled: NodeJS.Timeout | null = null;
  private timers: NodeJS.Timeout[] = [];
  private readonly statusSent = new Map<string, string>();
  private readonly presenceSent = new Map<string, string>();
  private readonly presenceScheduled = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  /** How many drains read the table; tests and the bench read it. */
  drains = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: LiveBus,
    private readonly log: FastifyBaseLogger,
    public settings: LiveSettings,
  ) {}

  async start(): Promise<void> {
    this.frontier = new RevisionFrontier(await lastRevisionId(this.db));
    this.startTimers();
  }

  /** Changes timings (tests shorten them); the timers restart with the new values. */
  configure(settings: Partial<LiveSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.stopTimers();
    if (!this.stopped) this.startTimers();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * Something may have been committed: read the table soon. Wake-ups close together share one read (and
   * one socket write per client): reads are at least `coalesceMs` apart, more with many clients, since
   * each read that finds something costs a write to every client. After a quiet spell the read is at once.
   */
  wake(): void {
    if (this.stopped || !this.frontier) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.scheduled) return;
    const delay = Math.max(0, this.lastDrainAt + this.spacing() - performance.now());
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      void this.drain();
    }, delay);
  }

  /** The least time between two reads: 0.1 ms a client (50 ms for 500), at most 100 ms. */
  private spacing(): number {
    return Math.max(this.settings.coalesceMs, Math.min(100, this.clients.size / 10));
  }

  private async drain(): Promise<void> {
    const frontier = this.frontier;
    if (!frontier) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    this.again = false;
    this.lastDrainAt = performance.now();
    this.drains += 1;
    const served = this.waiters.splice(0);
    let failed = false;
    try {
      for (;;) {
        // At a gap, the writers in flight before the read tell whether it may still fill (see the frontier).
        const writersBefore = frontier.waiting ? await revisionWritersInFlight(this.db) : null;
        // Nobody to send to (an import on a quiet server): the ids are enough to move the frontier. A client
        // that comes meanwhile replays from the table up to it, so it misses nothing.
        const listening = this.clients.size > 0;
        const rows: Array<{ id: string }> = listening
          ? await readRevisionsAfter(this.db, frontier.last, this.settings.batchSize)
          : await readRevisionIdsAfter(this.db, frontier.last, this.settings.batchSize);
        const ready = frontier.advance(
          rows.map((row) => BigInt(row.id)),
          writersBefore,
        );
        if (frontier.needsWriters) frontier.record(await revisionWritersInFlight(this.db));
        if (ready > 0 && listening)
          await this.offer((rows as RevisionRow[]).slice(0, ready).map((row) => new LiveChange(row)));
        if (ready < rows.length || rows.length < this.settings.batchSize) break;
      }
    } catch (error) {
      failed = true;
      if (!this.stopped) {
        this.log.warn({ err: error }, 'live: reading revisions failed; retrying');
        setTimeout(() => this.wake(), 1_000).unref();
      }
    } finally {
      this.draining = false;
      // After a failed read, they go on with the frontier as it is.
      for (const resolve of served) resolve();
    }
    // More was signalled meanwhile, or the frontier waits at a gap (the revision behind it commits soon and
    // its NOTIFY wakes us, or it was rolled back and nothing will): read again.
    if (!failed && (this.again || frontier.waiting)) this.wake();
  }

  /** Resolves once a read of the revisions table that began after this call is over. */
  private caughtUp(): Promise<void> {
    if (!this.frontier || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (this.draining) this.again = true;
      else void this.drain();
    });
  }

  /**
   * Hands a batch to every client, a slice of them at a time: the socket writes to 500 clients take tens of
   * milliseconds, and writes waiting for their answer go in between. The next read waits for the whole
   * batch, so every client still gets the batches in order.
   */
  private async offer(changes: LiveChange[]): Promise<void> {
    const shared = new Map<string, Buffer>();
    let sent = 0;
    for (const client of [...this.clients]) {
      try {
        client.offer(changes, shared);
      } catch (error) {
        this.log.warn({ err: error }, 'live: a client failed; it is cut off and will replay');
        client.close();
      }
      sent += 1;
      if (sent % this.settings.fanOutSlice === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Registers a client, replays what it missed since `since` (none when null: it starts from now), then
   * sends it live. Changes committed during the replay wait in the client and are merged without duplicates.
   */
  async add(client: LiveClient, since: bigint | null): Promise<void> {
    // Never past the frontier: a revision beyond it may still be preceded by one that commits late. What
    // lies past it reaches the client through offer() (kept while replaying), as for every client. The
    // frontier is brought up to date first, so the replay holds everything committed before the request.
    this.clients.add(client);
    await this.caughtUp();
    if (client.closed) return;
    client.cursor = since ?? this.frontier?.last ?? 0n;
    let replayed = 0;
    for (;;) {
      const upTo = this.frontier?.last ?? 0n;
      const rows = await readRevisionsAfter(this.db, client.cursor, this.settings.batchSize, upTo);
      if (client.closed) return;
      const changes = rows.map((row) => new LiveChange(row));
      replayed += changes.filter((c) => client.canSee(c)).length;
      if (!client.deliver(changes)) await client.drained();
      if (rows.length < this.settings.batchSize) break;
    }
    client.goLive();
    const workshopId = client.presenceWorkshopId;
    if (workshopId) {
      const status = await this.readStatus(workshopId);
      if (status) client.send('status', status);
      if (client.actor) {
        await addPresence(this.db, {
          connectionId: client.connectionId,
          processId: this.processId,
          workshopId,
          contributorId: client.actor.id,
        });
        // Gone while the row was being written: its removal may have run first.
        if (client.closed) await removePresence(this.db, client.connectionId);
        await this.signal({ kind: 'presence', workshopId });
      }
      if (!client.closed) client.send('presence', await this.presenceOf(workshopId));
    }
    // Last: what the client sees before `ready` is its whole starting state.
    client.send('ready', { cursor: client.cursor.toString(), replayed });
  }

  async remove(client: LiveClient): Promise<void> {
    if (!this.clients.delete(client)) return;
    client.close();
    const workshopId = client.presenceWorkshopId;
    if (workshopId && client.actor && !this.stopped) {
      await removePresence(this.db, client.connectionId);
      await this.signal({ kind: 'presence', workshopId });
    }
  }

  /** Tells every process (NOTIFY at commit) and this one (at once) that a workshop changed. */
  async signal(signal: WorkshopSignal): Promise<void> {
    await notifyWorkshop(this.db, signal);
    emitWorkshopSignal(this.bus, signal);
  }

  /** A workshop signal from this process or another one. */
  onWorkshopSignal(signal: WorkshopSignal): void {
    if (this.stopped || !this.hasSubscribers(signal.workshopId)) return;
    if (signal.kind === 'presence') this.schedulePresence(signal.workshopId);
    else void this.pushStatus(signal.workshopId);
  }

  /** After the LISTEN connection came back: anything may have been missed. */
  resync(): void {
    this.wake();
    for (const workshopId of this.subscribedWorkshops()) {
      this.schedulePresence(workshopId);
      void this.pushStatus(workshopId);
    }
  }

  /** Ends every stream and forgets this process's presence rows. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopTimers();
    if (this.scheduled) clearTimeout(this.scheduled);
    for (const timer of this.presenceScheduled.values()) clearTimeout(timer);
    for (const client of this.clients) client.close();
    this.clients.clear();
    try {
      const workshops = await removeProcessPresence(this.db, this.processId);
      for (const workshopId of workshops) await notifyWorkshop(this.db, { kind: 'presence', workshopId });
    } catch (error) {
      this.log.warn({ err: error }, 'live: could not remove presence rows at shutdown');
    }
  }

  private startTimers(): void {
    const s = this.settings;
    const every = (ms: number, fn: () => void) => {
      const timer = setInterval(fn, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(s.pollMs, () => this.wake());
    every(s.heartbeatMs, () => {
      for (const client of this.clients) client.write(': heartbeat\n\n');
    });
    every(s.presenceHeartbeatMs, () => void this.presenceTick());
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private async presenceTick(): Promise<void> {
    try {
      await touchPresence(this.db, this.processId);
      await sweepStalePresence(this.db, this.settings.presenceTtlMs);
      // Rows of a process that died expire without a signal: recompute what our clients see.
      for (const workshopId of this.subscribedWorkshops()) this.schedulePresence(workshopId);
    } catch (error) {
      this.log.warn({ err: error }, 'live: presence refresh failed');
    }
  }

  private schedulePresence(workshopId: string): void {
    if (this.presenceScheduled.has(workshopId)) return;
    const timer = setTimeout(() => {
      this.presenceScheduled.delete(workshopId);
      void this.pushPresence(workshopId);
    }, this.settings.presenceThrottleMs);
    timer.unref();
    this.presenceScheduled.set(workshopId, timer);
  }

  private async pushPresence(workshopId: string): Promise<void> {
    try {
      const event = await this.presenceOf(workshopId);
      const text = JSON.stringify(event);
      if (this.presenceSent.get(workshopId) === text) return;
      this.presenceSent.set(workshopId, text);
      for (const client of this.clients) {
        if (client.presenceWorkshopId === workshopId && !client.replaying)
          client.write(`event: presence\ndata: ${text}\n\n`);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'live: presence read failed');
    }
  }

  private async pushStatus(workshopId: string): Promise<void> {
    try {
      const event = await this.readStatus(workshopId);
      if (!event) return;
      const text = JSON.stringify(event);
      if (this.statusSent.get(workshopId) === text) return;
      this.statusSent.set(workshopId, text);
      for (const client of this.clients) {
        if (client.presenceWorkshopId === workshopId && !client.replaying)
          client.write(`event: status\ndata: ${text}\n\n`);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'live: workshop status read failed');
    }
  }

  private async presenceOf(workshopId: string): Promise<PresenceEvent> {
    const participants = await readPresence(this.db, workshopId, this.settings.presenceTtlMs);
    const code = this.codeOf(workshopId) ?? '';
    // The count is exact; the names are the most recent arrivals, enough for a projector screen.
    return {
      workshop: code,
      count: participants.length,
      participants: participants.slice(0, PRESENCE_NAMES),
    };
  }

  private async readStatus(workshopId: string): Promise<StatusEvent | null> {
    const row = await this.db
      .selectFrom('workshops')
      .select(['code', 'status', 'title'])
      .where('id', '=', workshopId)
      .executeTakeFirst();
    if (!row) return null;
    const event = { workshop: row.code, status: row.status, title: row.title };
    if (!this.statusSent.has(workshopId)) this.statusSent.set(workshopId, JSON.stringify(event));
    return event;
  }

  private codeOf(workshopId: string): string | null {
    for (const client of this.clients) {
      if (client.presenceWorkshopId === workshopId && client.presenceWorkshopCode)
        return client.presenceWorkshopCode;
    }
    return null;
  }

  private hasSubscribers(workshopId: string): boolean {
    for (const client of this.clients) if (client.presenceWorkshopId === workshopId) return true;
    return false;
  }

  private subscribedWorkshops(): Set<string> {
    const ids = new Set<string>();
    for (const client of this.clients) if (client.presenceWorkshopId) ids.add(client.presenceWorkshopId);
    return ids;
  }
}
