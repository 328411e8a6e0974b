import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createSetupToken, hasAdminAccount, SETUP_TTL_MS } from './account.repository';

/**
 * At a first start with no admin (and no ATLAS_ADMIN_TOKEN), prints a one-time link to create one. The link
 * is printed once the server listens, so it carries the real address; only the token's hash is stored.
 */
export async function announceSetup(app: FastifyInstance): Promise<void> {
  if (app.config.adminToken || (await hasAdminAccount(app.db))) return;
  const token = await createSetupToken(app.db);
  app.addHook('onListen', async () => {
    const base = app.config.publicUrl ?? localUrl(app);
    app.log.warn(
      {
        setupUrl: `${base}/setup#token=${token}`,
        api: 'POST /api/accounts/setup {token, displayName, login, password}',
        validHours: SETUP_TTL_MS / 3600_000,
      },
      'No admin account yet: open this one-time link to create the first admin',
    );
  });
}

function localUrl(app: FastifyInstance): string {
  const address = app.server.address() as AddressInfo | null;
  const host = app.config.host === '0.0.0.0' || app.config.host === '::' ? '127.0.0.1' : app.config.host;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${address?.port ?? app.config.port}`;
}
