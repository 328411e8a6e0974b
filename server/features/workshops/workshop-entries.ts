import type { Kysely } from 'kysely';
import type { Database, EntryStatus } from '../../../db/database';
import { type EntryRow, selectEntries } from '../entries/entry.repository';

/** The live (not deleted) entries a workshop produced, oldest first. */
export async function readWorkshopEntries(
  db: Kysely<Database>,
  workshopId: string,
  statuses: readonly EntryStatus[],
): Promise<EntryRow[]> {
  return (await selectEntries(db)
    .where('e.workshop_id', '=', workshopId)
    .where('e.deleted_at', 'is', null)
    .where('e.status', 'in', statuses)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute()) as EntryRow[];
}

/** Entries by id, as revision snapshots read them. */
export async function readEntries(db: Kysely<Database>, ids: readonly string[]): Promise<EntryRow[]> {
  if (ids.length === 0) return [];
  return (await selectEntries(db).where('e.id', 'in', ids).execute()) as EntryRow[];
}
