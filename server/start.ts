import { openDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { hasData, seedDemo } from '../db/seeds/demo';
import { type App, buildApp } from './app';
import type { Config } from './config';

export interface Started {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates it, loads the demo atlas on a first start, and listens. */
export async function startServer(config: Config): Promise<Started> {
  const t0 = performance.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: App | undefined;
  try {
    const applied = await migrateToLatest(database.db);
    let seeded: Awaited<ReturnType<typeof seedDemo>> | undefined;
    if (config.demo && !(await hasData(database.db))) seeded = await seedDemo(database.db);

    app = await buildApp({
      config,
      database,
      logger: {
        level: config.logLevel,
        redact: ['req.headers.authorization'],
        // EventSource cannot send headers, so live clients may pass their token in the URL: keep it out of logs.
        serializers: {
          req: (req: { method: string; url: string; ip?: string }) => ({
            method: req.method,
            url: req.url.replace(/([?&]token=)[^&]*/g, '$1***'),
            ip: req.ip,
          }),
        },
      },
    });
    app.log.info(
      {
        engine: database.engine,
        migrations: applied,
        demo: seeded ?? null,
        dataDir: database.engine === 'embedded' ? config.dataDir : undefined,
      },
      'database ready',
    );
    const url = await app.listen({ port: config.port, host: config.host });
    app.log.info({ url, startupMs: Math.round(performance.now() - t0) }, 'Atlas des communs is listening');
    const started = app;
    return {
      app: started,
      url,
      async stop() {
        await started.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
}
