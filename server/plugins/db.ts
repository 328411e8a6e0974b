import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../../db/connect';
import type { Database } from '../../db/database';
import type { Config } from '../config';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: DatabaseHandle;
    db: Kysely<Database>;
  }
}

/** Makes the already opened database and the config available to every route. The caller owns closing it. */
export const dbPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config; database: DatabaseHandle }) => {
    app.decorate('config', opts.config);
    app.decorate('database', opts.database);
    app.decorate('db', opts.database.db);
  },
);
