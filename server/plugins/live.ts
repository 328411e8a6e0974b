import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/database';
import {
  LIVE_CHANNEL,
  parseWorkshopSignal,
  WORKSHOP_CHANNEL,
  type WorkshopSignal,
} from '../features/live/live-channels';
import { LiveHub } from '../features/live/live-hub';
import { liveSettingsFromEnv } from '../features/live/live-settings';
import { NotifyListener } from '../features/live/notify-listener';

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: LiveHub;
    /** The dedicated LISTEN connection; null on the embedded engine, which never delivers NOTIFY. */
    liveListener: NotifyListener | null;
  }
}

/**
 * The live hub of this process (DESIGN §5). It wakes on the in-process bus (writes of this process), on
 * NOTIFY through one dedicated LISTEN connection (writes of other processes; PostgreSQL only), and on a
 * poll timer as a safety net; whatever woke it, it reads the revisions table from its cursor.
 */
export const livePlugin = fp(
  async (app: FastifyInstance) => {
    // The hub reads through connections of its own: a burst of writes that holds every connection of the
    // app's pool must not hold back the delivery of what was committed.
    const pool = new pg.Pool({
      connectionString: app.database.connectionString,
      max: 5,
      application_name: 'atlas-live',
      // A room of people connecting at once queues here on the embedded engine (one backend for all).
      connectionTimeoutMillis: 30_000,
    });
    pool.on('error', () => {});
    const liveDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const hub = new LiveHub(liveDb, app.liveBus, app.log, liveSettingsFromEnv());
    app.decorate('liveHub', hub);

    const onCommitted = () => hub.wake();
    const onWorkshop = (signal: WorkshopSignal) => hub.onWorkshopSignal(signal);
    app.liveBus.on('committed', onCommitted);
    app.liveBus.on('workshop', onWorkshop);

    let listener: NotifyListener | null = null;
    if (app.database.notifyDelivered) {
      listener = new NotifyListener(
        app.database.connectionString,
        [LIVE_CHANNEL, WORKSHOP_CHANNEL],
        {
          onNotification(channel, payload) {
            if (channel === LIVE_CHANNEL) hub.wake();
            else {
              const signal = parseWorkshopSignal(payload);
              if (signal) hub.onWorkshopSignal(signal);
            }
          },
          onConnected: () => hub.resync(),
        },
        app.log,
      );
    }
    app.decorate('liveListener', listener);

    app.addHook('onReady', async () => {
      await hub.start();
      await listener?.start();
    });
    // Open SSE streams would keep the server from closing: end them first.
    app.addHook('preClose', async () => {
      await hub.stop();
    });
    app.addHook('onClose', async () => {
      app.liveBus.off('committed', onCommitted);
      app.liveBus.off('workshop', onWorkshop);
      await listener?.stop();
      await liveDb.destroy();
    });
  },
  { name: 'live' },
);
