import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { TokenInfo } from '../../contract/account';

export interface TokenFilter {
  /** Only the tokens of workshops created by this facilitator. */
  ownerId?: string;
  workshop?: string;
  status: 'active' | 'revoked' | 'all';
  limit: number;
  offset: number;
}

/** Contributors that hold a bearer token (never the token: only its hash is stored, and not returned). */
export async function listTokens(
  db: Kysely<Database>,
  filter: TokenFilter,
): Promise<{ tokens: TokenInfo[]; total: number }> {
  let query = db
    .selectFrom('contributors as c')
    .leftJoin('workshops as w', 'w.id', 'c.workshop_id')
    .where('c.token_hash', 'is not', null);
  if (filter.ownerId) query = query.where('w.created_by', '=', filter.ownerId);
  if (filter.workshop) {
    const workshop = filter.workshop;
    query = query.where((eb) =>
      /^[0-9a-f-]{36}$/i.test(workshop)
        ? eb('w.id', '=', workshop)
        : eb(sql`upper(w.code)`, '=', workshop.toUpperCase()),
    );
  }
  if (filter.status === 'active') query = query.where('c.revoked_at', 'is', null);
  if (filter.status === 'revoked') query = query.where('c.revoked_at', 'is not', null);
  const [rows, count] = await Promise.all([
    query
      .select([
        'c.id',
        'c.display_name',
        'c.role',
        'c.created_at',
        'c.last_seen_at',
        'c.revoked_at',
        'w.id as workshop_id',
        'w.code as workshop_code',
        'w.title as workshop_title',
      ])
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    tokens: rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      role: r.role,
      workshop: r.workshop_id
        ? { id: r.workshop_id, code: r.workshop_code ?? '', title: r.workshop_title ?? '' }
        : null,
      createdAt: new Date(r.created_at).toISOString(),
      lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    })),
  };
}

export async function findContributorForRevocation(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('contributors as c')
    .leftJoin('workshops as w', 'w.id', 'c.workshop_id')
    .select(['c.id', 'c.role', 'c.revoked_at', 'w.created_by as workshop_owner'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** Revokes a contributor's token and ends the account's sessions, in one transaction. */
export async function revokeContributor(db: Kysely<Database>, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('contributors')
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('sessions').where('contributor_id', '=', id).execute();
  });
}
