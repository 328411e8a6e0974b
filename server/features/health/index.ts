import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Health } from '../../contract/health';
import { APP_VERSION } from '../../version';

export async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness and database facts',
        tags: ['meta'],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      try {
        const { rows } = await sql<{ postgis: string }>`SELECT postgis_lib_version() AS postgis`.execute(
          app.db,
        );
        return {
          status: 'ok',
          db: { engine: app.database.engine, postgis: rows[0]?.postgis ?? '' },
          version: APP_VERSION,
        };
      } catch (error) {
        app.log.warn({ err: error }, 'health check: database unavailable');
        return reply.code(503).send({
          status: 'degraded',
          db: { engine: app.database.engine, postgis: '' },
          version: APP_VERSION,
        });
      }
    },
  );
}
