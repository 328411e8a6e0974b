import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, EntryStatus, Role } from '../../db/database';
import { hashToken, newToken } from '../../server/features/auth/tokens';
import { readEntry } from '../../server/features/entries/entry.repository';
import { insertRevisions } from '../../server/features/revisions/revision.repository';
import { toSnapshot } from '../../server/features/revisions/revision.snapshot';

// Writes made straight in the database, as a writer of another process would: the row change and its
// revision (in the entries API's snapshot shape) in one transaction, which NOTIFYs at commit. Nothing
// signals this process's hub: a test that wants that calls liveBus.committed(), or writes through the API.

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
  /** Runs in the transaction once the revision id is taken, before the commit (a throw rolls back). */
  afterRevision?: (revision: string) => Promise<void>;
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
    const row = await readEntry(trx, id, false);
    if (!row) throw new Error('entry not found after insert');
    const snapshot = toSnapshot(row);
    const ids = await insertRevisions(trx, [
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
    await write.afterRevision?.(ids[0] ?? '');
    return ids;
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
    const row = await readEntry(trx, id, false);
    if (!row) throw new Error('entry not found after update');
    const snapshot = toSnapshot(row);
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

/** An app that can be called with inject(). */
interface Injectable {
  inject(options: {
    method: 'POST';
    url: string;
    headers: Record<string, string>;
    payload: unknown;
  }): Promise<{ statusCode: number; body: string; json(): unknown }>;
  db: Kysely<Database>;
}

/** Creates a place through POST /api/entries; returns its id, status and the revision that recorded it. */
export async function postEntry(
  app: Injectable,
  headers: Record<string, string>,
  properties: Record<string, unknown> = {},
  coordinates: [number, number] = [2.35, 48.85],
): Promise<{ id: string; status: string; revision: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/entries',
    headers,
    payload: {
      type: 'Feature',
      id: randomUUID(),
      geometry: { type: 'Point', coordinates },
      properties: { kind: 'place', name: `Lieu ${randomUUID().slice(0, 8)}`, ...properties },
    },
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/entries answered ${res.statusCode}: ${res.body}`);
  const feature = res.json() as { id: string; properties: { status: string } };
  const revision = await app.db
    .selectFrom('revisions')
    .select('id')
    .where('entry_id', '=', feature.id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return { id: feature.id, status: feature.properties.status, revision: revision.id };
}
