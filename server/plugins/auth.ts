import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, ENV_ADMIN_ID } from '../features/auth/actor';
import { hashToken, sameSecret } from '../features/auth/tokens';
import { HttpProblem } from '../lib/http-problem';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves `Authorization: Bearer <token>` to an actor: the env admin token, or a contributor's token. */
export const authPlugin = fp(async (app: FastifyInstance) => {
  const adminToken = app.config.adminToken;
  if (adminToken) {
    await app.db
      .insertInto('contributors')
      .values({ id: ENV_ADMIN_ID, display_name: 'admin', role: 'admin' })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new HttpProblem(401, 'Malformed Authorization header: expected "Bearer <token>".');
    const token = match[1];
    if (adminToken && sameSecret(token, adminToken)) {
      request.actor = { id: ENV_ADMIN_ID, displayName: 'admin', role: 'admin', workshopId: null };
      return;
    }
    const row = await app.db
      .selectFrom('contributors')
      .select(['id', 'display_name', 'role', 'workshop_id', 'revoked_at'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.revoked_at) {
      throw new HttpProblem(401, 'This token is unknown or was revoked.', {
        headers: { 'www-authenticate': 'Bearer realm="atlas", error="invalid_token"' },
      });
    }
    request.actor = { id: row.id, displayName: row.display_name, role: row.role, workshopId: row.workshop_id };
  });
});
