import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { HttpProblem } from '../../lib/http-problem';
import { requireRole } from '../auth/actor';
import { sameSecret } from '../auth/tokens';
import { removeControlFile, writeControlFile } from './control-file';

export const BACKUP_KEY_HEADER = 'x-atlas-backup-key';

/**
 * `GET /api/admin/backup`: a consistent copy of the embedded database while the server runs (admins, or
 * `npm run backup` with the key from the data directory's control file). PostgreSQL has pg_dump for that.
 */
export async function backupRoutes(app: FastifyInstance) {
  let backupKey: string | null = null;
  const dataDir = app.database.dataDir;
  if (app.database.engine === 'embedded' && dataDir) {
    app.addHook('onListen', async () => {
      const address = app.server.address() as AddressInfo | null;
      if (!address) return;
      const host =
        address.family === 'IPv6'
          ? `[${loopbackFor(address.address, '::1')}]`
          : loopbackFor(address.address, '127.0.0.1');
      backupKey = writeControlFile(dataDir, `http://${host}:${address.port}`).backupKey;
    });
    app.addHook('onClose', async () => removeControlFile(dataDir));
  }

  app.get(
    '/api/admin/backup',
    {
      schema: {
        summary:
          'Download a consistent copy of the embedded database (admins); restore it with npm run restore',
        tags: ['admin'],
        produces: ['application/gzip'],
      },
    },
    async (request, reply) => {
      const key = request.headers[BACKUP_KEY_HEADER];
      const byKey = typeof key === 'string' && backupKey !== null && sameSecret(key, backupKey);
      if (!byKey) requireRole(request, ['admin']);
      const snapshot = app.database.snapshot;
      if (!snapshot) {
        throw new HttpProblem(
          409,
          'This server runs on PostgreSQL: back it up with pg_dump (see the README).',
          {
            type: '/problems/use-pg-dump',
          },
        );
      }
      const entries = await sql<{ n: string }>`SELECT count(*) AS n FROM entries`.execute(app.db);
      // A checkpoint first, so the copy needs no WAL replay when it is loaded again.
      await sql`CHECKPOINT`.execute(app.db);
      const blob = await snapshot();
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
      request.log.info({ bytes: blob.size, byKey }, 'backup taken');
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="atlas-backup-${stamp}.tar.gz"`)
        .header('cache-control', 'no-store')
        .header('x-atlas-entries', entries.rows[0]?.n ?? '0')
        .send(Buffer.from(await blob.arrayBuffer()));
    },
  );
}

function loopbackFor(address: string, loopback: string): string {
  return address === '0.0.0.0' || address === '::' ? loopback : address;
}
