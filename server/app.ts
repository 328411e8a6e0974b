import Fastify, { type FastifyServerOptions } from 'fastify';
import type { DatabaseHandle } from '../db/connect';
import type { Config } from './config';
import { accountRoutes } from './features/accounts/index';
import { authRoutes } from './features/auth/index';
import { backupRoutes } from './features/backups/index';
import { configRoutes } from './features/config/index';
import { embedPlugin } from './features/embed/index';
import { entryRoutes } from './features/entries/index';
import { exportRoutes } from './features/exports/index';
import { healthRoutes } from './features/health/index';
import { importRoutes } from './features/imports/index';
import { liveRoutes } from './features/live/index';
import { moderationRoutes } from './features/moderation/index';
import { relationRoutes } from './features/relations/index';
import { reportRoutes } from './features/reports/index';
import { revisionRoutes } from './features/revisions/index';
import { syncRoutes } from './features/sync/index';
import { themeRoutes } from './features/themes/index';
import { workshopRoutes } from './features/workshops/index';
import { authPlugin } from './plugins/auth';
import { compressPlugin } from './plugins/compress';
import { dbPlugin } from './plugins/db';
import { errorsPlugin } from './plugins/errors';
import { livePlugin } from './plugins/live';
import { liveBusPlugin } from './plugins/live-bus';
import { openapiPlugin } from './plugins/openapi';
import { rateLimitPlugin } from './plugins/rate-limit';
import { securityPlugin } from './plugins/security';
import { staticPlugin } from './plugins/static';

export interface BuildOptions {
  config: Config;
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
  /** Where the built client lives; tests that do not need it point elsewhere. */
  clientRoot?: string;
}

/** Builds the app (plugins, then routes). It never listens: server/main.ts does, and tests use inject(). */
export async function buildApp(options: BuildOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: options.config.trustProxy,
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
    // Slow clients: the whole request must arrive in time, headers sooner; idle sockets are closed.
    requestTimeout: options.config.requestTimeoutMs,
    connectionTimeout: options.config.connectionTimeoutMs,
    keepAliveTimeout: 72_000,
    http: {
      headersTimeout: Math.min(15_000, options.config.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(5_000, options.config.requestTimeoutMs),
    },
  });
  // Accept GeoJSON's own media type like JSON.
  app.addContentTypeParser(
    'application/geo+json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );

  await app.register(errorsPlugin);
  await app.register(securityPlugin, { config: options.config });
  await app.register(compressPlugin);
  await app.register(dbPlugin, { config: options.config, database: options.database });
  await app.register(rateLimitPlugin, { limits: options.config.rateLimits });
  await app.register(liveBusPlugin);
  await app.register(livePlugin);
  await app.register(openapiPlugin);
  await app.register(authPlugin);
  await app.register(embedPlugin);

  await app.register(healthRoutes);
  await app.register(configRoutes);
  await app.register(entryRoutes);
  await app.register(revisionRoutes);
  await app.register(relationRoutes);
  await app.register(themeRoutes);
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(reportRoutes);
  await app.register(moderationRoutes);
  await app.register(backupRoutes);
  await app.register(liveRoutes);
  await app.register(workshopRoutes);
  await app.register(importRoutes);
  await app.register(exportRoutes);
  await app.register(syncRoutes);

  await app.register(staticPlugin, { root: options.clientRoot });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
