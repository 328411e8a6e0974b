import type { Kysely } from 'kysely';
import type { Database, RevisionOp } from '../../../db/database';
import type { Actor } from '../auth/actor';
import { insertRevisions } from '../revisions/revision.repository';
import { diffSnapshots, type EntrySnapshot, toSnapshot } from '../revisions/revision.snapshot';
import { type EntryRow, readEntry } from './entry.repository';

/** The outcome of a write: the entry as it now stands, and the revision that records it (if any). */
export interface WriteResult {
  row: EntryRow;
  revisionId: string | null;
}

/**
 * Reads the entry after a change and appends its revision: the last step of every entry write
 * transaction.
 */
export async function recordChange(
  trx: Kysely<Database>,
  change: {
    id: string;
    before: EntrySnapshot | null;
    op: RevisionOp;
    actor: Actor;
    workshopId: string | null;
    revertedFrom?: string;
  },
): Promise<WriteResult> {
  const row = (await readEntry(trx, change.id)) as EntryRow;
  const snapshot = toSnapshot(row);
  const [revisionId] = await insertRevisions(trx, [
    {
      entryId: change.id,
      version: row.version,
      op: change.op,
      changes: diffSnapshots(change.before, snapshot),
      snapshot,
      actorId: change.actor.id,
      actorName: change.actor.displayName,
      workshopId: change.workshopId,
      revertedFrom: change.revertedFrom ?? null,
    },
  ]);
  return { row, revisionId: revisionId ?? null };
}
