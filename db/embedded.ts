import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { keepExtendedExchangesWhole } from './pglite-socket-queue';

/** The embedded engine: PGlite with PostGIS, reached over a loopback socket by the same node-postgres code. */
export interface EmbeddedEngine {
  pglite: PGlite;
  connectionString: string;
  close(): Promise<void>;
}

export async function createPGlite(options: {
  dataDir?: string | undefined;
  loadDataDir?: Blob | undefined;
}) {
  return PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis, pg_trgm, unaccent },
  });
}

export async function openEmbedded(options: {
  dataDir?: string | undefined;
  loadDataDir?: Blob | undefined;
}): Promise<EmbeddedEngine> {
  const pglite = await createPGlite(options);
  // Connections are multiplexed onto PGlite's single backend; more than one lets a pool work.
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 64 });
  keepExtendedExchangesWhole(server);
  await server.start();
  return {
    pglite,
    connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
    async close() {
      await server.stop().catch(() => {});
      await pglite.close().catch(() => {});
    },
  };
}
