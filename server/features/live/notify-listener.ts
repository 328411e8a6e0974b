import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

/** The application_name of the LISTEN connection, so an operator (or a test) can find it in pg_stat_activity. */
export const LISTEN_APPLICATION_NAME = 'atlas-live-listen';

export interface NotifyHandlers {
  onNotification(channel: string, payload: string | undefined): void;
  /** Called after every (re)connection: whatever was notified while disconnected must be re-read. */
  onConnected(): void;
}

/**
 * One dedicated LISTEN connection per process. When it drops (network, restart, pg_terminate_backend) it
 * reconnects with exponential backoff; `onConnected` then lets the hub re-read from its cursor.
 */
export class NotifyListener {
  private client: pg.Client | null = null;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** How many times the connection was (re)established; tests read it. */
  connections = 0;

  constructor(
    private readonly connectionString: string,
    private readonly channels: readonly string[],
    private readonly handlers: NotifyHandlers,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Connects once; on failure, keeps retrying in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: LISTEN_APPLICATION_NAME,
      keepAlive: true,
    });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (!this.stopped) this.log.warn({ err: error }, 'live: LISTEN connection lost, reconnecting');
      this.retry(client);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (msg) => this.handlers.onNotification(msg.channel, msg.payload));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (lost || this.stopped) return;
    this.attempt = 0;
    this.connections += 1;
    this.handlers.onConnected();
  }

  private retry(client: pg.Client): void {
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    if (this.client === client) this.client = null;
    if (this.stopped || this.timer) return;
    const delay = Math.min(5_000, 100 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
    this.timer.unref();
  }
}
