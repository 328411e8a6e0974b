import type { FastifyInstance } from 'fastify';
import { type Actor, ENV_ADMIN_ID } from '../auth/actor';
import { hashToken, sameSecret } from '../auth/tokens';

/**
 * The actor of a token passed in the query string (EventSource cannot send an Authorization header).
 * Null when the token is unknown or revoked.
 */
export async function actorFromToken(app: FastifyInstance, token: string): Promise<Actor | null> {
  const adminToken = app.config.adminToken;
  if (adminToken && sameSecret(token, adminToken)) {
    return { id: ENV_ADMIN_ID, displayName: 'admin', role: 'admin', workshopId: null };
  }
  const row = await app.db
    .selectFrom('contributors')
    .select(['id', 'display_name', 'role', 'workshop_id', 'revoked_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  return { id: row.id, displayName: row.display_name, role: row.role, workshopId: row.workshop_id };
}
