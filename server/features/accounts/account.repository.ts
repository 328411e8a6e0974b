import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type Kysely, sql } from 'kysely';
import type { AccountTokensTable, Database } from '../../../db/database';
import { ENV_ADMIN_ID } from '../auth/actor';
import { hashToken, newToken } from '../auth/tokens';
import { ACCOUNT_COLUMNS, type AccountRow } from './account.mapper';

/** Setup links stay valid this long: enough to read the log the next morning. */
export const SETUP_TTL_MS = 24 * 3600 * 1000;

/** True when an admin can log in with a password (the env admin token does not count). */
export async function hasAdminAccount(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('contributors')
    .select('id')
    .where('role', '=', 'admin')
    .where('revoked_at', 'is', null)
    .where('password_hash', 'is not', null)
    .where('id', '<>', ENV_ADMIN_ID)
    .executeTakeFirst();
  return row !== undefined;
}

/** A new one-time setup token for the first admin; only its hash is stored. */
export async function createSetupToken(db: Kysely<Database>, ttlMs = SETUP_TTL_MS): Promise<string> {
  const token = newToken();
  await db
    .deleteFrom('account_tokens')
    .where('expires_at', '<', sql<Date>`now()`)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('account_tokens')
    .values({
      id: randomUUID(),
      token_hash: hashToken(token),
      purpose: 'setup',
      role: 'admin',
      expires_at: new Date(Date.now() + ttlMs),
    })
    .execute();
  return token;
}

export async function createInvitation(
  db: Kysely<Database>,
  input: {
    role: 'admin' | 'facilitator';
    displayName: string | null;
    email: string | null;
    ttlMs: number;
    createdBy: string;
  },
): Promise<{ token: string; row: Selectable<AccountTokensTable> }> {
  const token = newToken();
  const row = await db
    .insertInto('account_tokens')
    .values({
      id: randomUUID(),
      token_hash: hashToken(token),
      purpose: 'invitation',
      role: input.role,
      display_name: input.displayName,
      email: input.email,
      created_by: input.createdBy,
      expires_at: new Date(Date.now() + input.ttlMs),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, row };
}

export async function listPendingInvitations(db: Kysely<Database>) {
  return db
    .selectFrom('account_tokens')
    .selectAll()
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

export async function deleteInvitation(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('account_tokens')
    .where('id', '=', id)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Locks and returns a usable (unused, unexpired) one-time token of this purpose, inside a transaction. */
export async function takeAccountToken(
  trx: Kysely<Database>,
  token: string,
  purpose: 'setup' | 'invitation',
) {
  return trx
    .selectFrom('account_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .forUpdate()
    .executeTakeFirst();
}

export async function markTokenUsed(trx: Kysely<Database>, id: string, usedBy: string): Promise<void> {
  await trx
    .updateTable('account_tokens')
    .set({ used_at: sql`now()`, used_by: usedBy })
    .where('id', '=', id)
    .execute();
}

/** Every outstanding setup link stops working once the first admin exists. */
export async function closeSetupTokens(trx: Kysely<Database>, usedBy: string): Promise<void> {
  await trx
    .updateTable('account_tokens')
    .set({ used_at: sql`now()`, used_by: usedBy })
    .where('purpose', '=', 'setup')
    .where('used_at', 'is', null)
    .execute();
}

export async function insertAccount(
  trx: Kysely<Database>,
  input: {
    role: 'admin' | 'facilitator';
    displayName: string;
    login: string;
    email: string | null;
    passwordHash: string;
  },
): Promise<AccountRow> {
  return trx
    .insertInto('contributors')
    .values({
      id: randomUUID(),
      display_name: input.displayName,
      role: input.role,
      login: input.login,
      email: input.email,
      password_hash: input.passwordHash,
    })
    .returning([...ACCOUNT_COLUMNS])
    .executeTakeFirstOrThrow();
}

export async function findAccountByLogin(db: Kysely<Database>, login: string) {
  return db
    .selectFrom('contributors')
    .select([...ACCOUNT_COLUMNS, 'password_hash', 'revoked_at'])
    .where(sql`lower(login)`, '=', login.toLowerCase())
    .executeTakeFirst();
}

export async function findAccount(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('contributors')
    .select([...ACCOUNT_COLUMNS, 'password_hash', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Accounts that log in with a password, newest first. */
export async function listAccounts(db: Kysely<Database>): Promise<AccountRow[]> {
  return db
    .selectFrom('contributors')
    .select([...ACCOUNT_COLUMNS])
    .where('login', 'is not', null)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute();
}

export async function setPassword(db: Kysely<Database>, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('contributors').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** PostgreSQL's unique_violation, as node-postgres reports it. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
