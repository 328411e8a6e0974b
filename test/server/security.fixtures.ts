import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, EntryStatus, Role } from '../../db/database';
import { hashToken, newToken } from '../../server/features/auth/tokens';

// Small factories for the security, accounts and moderation suites: rows written straight to the database,
// so these suites do not depend on other features' routes to set the scene.

export interface TestActor {
  id: string;
  token: string;
  headers: { authorization: string };
}

export async function makeContributor(
  db: Kysely<Database>,
  options: { role?: Role; workshopId?: string | null; revoked?: boolean; name?: string } = {},
): Promise<TestActor> {
  const id = randomUUID();
  const token = newToken();
  await db
    .insertInto('contributors')
    .values({
      id,
      display_name: options.name ?? `tester-${id.slice(0, 6)}`,
      role: options.role ?? 'contributor',
      token_hash: hashToken(token),
      workshop_id: options.workshopId ?? null,
      revoked_at: options.revoked ? new Date() : null,
    })
    .execute();
  return { id, token, headers: { authorization: `Bearer ${token}` } };
}

export async function makeWorkshop(
  db: Kysely<Database>,
  createdBy: string | null,
): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const code = `T${id.slice(0, 5).toUpperCase()}`;
  await db
    .insertInto('workshops')
    .values({ id, code, title: `Atelier ${code}`, created_by: createdBy })
    .execute();
  return { id, code };
}

export async function makeEntry(
  db: Kysely<Database>,
  options: {
    createdBy?: string | null;
    status?: EntryStatus;
    workshopId?: string | null;
    name?: string;
  } = {},
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('entries')
    .values({
      id,
      kind: 'place',
      name: options.name ?? `Fablab ${id.slice(0, 6)}`,
      links: '[]',
      geom: sql<string>`ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326)`,
      status: options.status ?? 'published',
      created_by: options.createdBy ?? null,
      workshop_id: options.workshopId ?? null,
    })
    .execute();
  return id;
}

/** The value of a Set-Cookie of an inject() response. */
export function cookieOf(
  response: { cookies: { name: string; value: string }[] },
  name: string,
): string | undefined {
  return response.cookies.find((c) => c.name === name)?.value;
}
