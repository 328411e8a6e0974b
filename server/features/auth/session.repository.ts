import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { Actor } from './actor';
import { hashToken } from './tokens';

/** The cookie that carries a session secret (HttpOnly, SameSite=Lax, Secure over HTTPS). */
export const SESSION_COOKIE = 'atlas_session';
/** Sessions last this long after their last use. */
export const SESSION_IDLE_MS = 14 * 24 * 3600 * 1000;
// Sliding the expiry costs a write, so it happens at most this often per session.
const SLIDE_EVERY_MS = 3600 * 1000;

export interface NewSession {
  /** The secret for the cookie; only its hash is stored. */
  secret: string;
  key: string;
  expiresAt: Date;
}

export async function createSession(
  db: Kysely<Database>,
  contributorId: string,
  userAgent: string | undefined,
): Promise<NewSession> {
  const secret = randomBytes(32).toString('base64url');
  const key = hashToken(secret);
  const expiresAt = new Date(Date.now() + SESSION_IDLE_MS);
  await db
    .insertInto('sessions')
    .values({
      id_hash: key,
      contributor_id: contributorId,
      expires_at: expiresAt,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { secret, key, expiresAt };
}

/** The actor behind a session secret, or null when it is unknown, expired or its account revoked. */
export async function resolveSession(
  db: Kysely<Database>,
  secret: string,
): Promise<{ actor: Actor; key: string } | null> {
  const key = hashToken(secret);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('contributors as c', 'c.id', 's.contributor_id')
    .select(['c.id', 'c.display_name', 'c.role', 'c.workshop_id', 's.last_seen_at'])
    .where('s.id_hash', '=', key)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('c.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > SLIDE_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now()`, expires_at: new Date(Date.now() + SESSION_IDLE_MS) })
      .where('id_hash', '=', key)
      .execute();
  }
  return {
    key,
    actor: { id: row.id, displayName: row.display_name, role: row.role, workshopId: row.workshop_id },
  };
}

export async function deleteSession(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', key).execute();
}

/** Ends every session of an account (revocation, password change). */
export async function deleteSessionsOf(db: Kysely<Database>, contributorId: string): Promise<void> {
  await db.deleteFrom('sessions').where('contributor_id', '=', contributorId).execute();
}
