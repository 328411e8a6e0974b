import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, EntryStatus, Role } from '../../db/database';
import { hashToken, newToken } from '../../server/features/auth/tokens';
import { insertRevisions } from '../../server/features/revisions/revision.repository';
import { readEntrySnapshots } from '../../server/features/workshops/entry-snapshot';

// Writes made straight in the database, as a writer of any process would: the row change and its revision
// in one transaction (which NOTIFYs at commit). The caller signals its own process with liveBus.committed().

export interface TestWorkshop {
  id: string;
  code: string;
}

export async function createWorkshop(
  db: Kysely<Database>,
  options: { policy?: 'open' | 'review'; status?: 'open' | 'closed'; code?: string } = {},
): Promise<TestWorkshop> {
  const id = randomUUID();
  const code = options.code ?? `T${randomUUID().replace(/-/g, '').slice(0, 7).toUpperCase()}`;
  await db
    .insertInto('workshops')
    .values({
      id,
      code,
      title: `Atelier ${code}`,
      policy: options.policy ?? 'open',
      status: options.status ?? 'open',
    })
    .execute();
  return { id, code };
}

export interface TestContributor {
  id: string;
  token: string;
  displayName: string;
  headers: { authorization: string };
}

export async function createContributor(
  db: Kysely<Database>,
  options: { role?: Role; workshopId?: string | null; displayName?: string } = {},
): Promise<TestContributor> {
  const id = randomUUID();
  const token = newToken();
  const displayName = options.displayName ?? `Participant ${id.slice(0, 4)}`;
  await db
    .insertInto('contributors')
    .values({
      id,
      display_name: displayName,
      role: options.role ?? 'contributor',
      token_hash: hashToken(token),
      workshop_id: options.workshopId ?? null,
    })
    .execute();
  return { id, token, displayName, headers: { authorization: `Bearer ${token}` } };
}

export interface EntryWrite {
  id?: string;
  name?: string;
  status?: EntryStatus;
  workshopId?: string | null;
  createdBy?: TestContributor | null;
  lng?: number;
  lat?: number;
  contact?: Record<string, string> | null;
}

/** Creates a place and its `create` revision; returns the entry id and the revision id. */
export async function insertEntry(
  db: Kysely<Database>,
  write: EntryWrite = {},
): Promise<{ id: string; revision: string }> {
  const id = write.id ?? randomUUID();
  const revisions = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('entries')
      .values({
        id,
        kind: 'place',
        name: write.name ?? `Lieu ${id.slice(0, 8)}`,
        links: '[]',
        contact: write.contact ? JSON.stringify(write.contact) : undefined,
        geom: sql<string>`ST_SetSRID(ST_MakePoint(${write.lng ?? 2.35}, ${write.lat ?? 48.85}), 4326)`,
        status: write.status ?? 'published',
        workshop_id: write.workshopId ?? null,
        created_by: write.createdBy?.id ?? null,
      })
      .execute();
    const [snapshot] = await readEntrySnapshots(trx, [id]);
    if (!snapshot) throw new Error('entry not found after insert');
    return insertRevisions(trx, [
      {
        entryId: id,
        version: 1,
        op: 'create',
        changes: {},
        snapshot,
        actorId: write.createdBy?.id ?? null,
        actorName: write.createdBy?.displayName ?? null,
        workshopId: write.workshopId ?? null,
      },
    ]);
  });
  return { id, revision: revisions[0] ?? '' };
}

/** Renames an entry and records an `update` revision. */
export async function renameEntry(db: Kysely<Database>, id: string, name: string): Promise<string> {
  const revisions = await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('entries')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('entries')
      .set({ name, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    const [snapshot] = await readEntrySnapshots(trx, [id]);
    if (!snapshot) throw new Error('entry not found after update');
    return insertRevisions(trx, [
      {
        entryId: id,
        version: snapshot.version,
        op: 'update',
        changes: { name: [before.name, name] },
        snapshot,
        actorId: null,
        actorName: null,
        workshopId: (snapshot.workshop_id as string | null) ?? null,
      },
    ]);
  });
  return revisions[0] ?? '';
}
