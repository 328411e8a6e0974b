import type { Revision } from '../../contract/revision';

/** A revision row as read for the API. */
export interface RevisionRow {
  id: string;
  entry_id: string;
  version: number;
  op: string;
  changes: Record<string, unknown>;
  actor_id: string | null;
  actor_name: string | null;
  workshop_id: string | null;
  import_id: string | null;
  reverted_from: string | null;
  created_at: Date;
}

/** Fields of `changes` only moderators may read, as on the entry itself. */
const PRIVATE_FIELDS = new Set(['contact']);

export function toRevision(row: RevisionRow, withPrivate: boolean): Revision {
  const changes = withPrivate
    ? row.changes
    : Object.fromEntries(Object.entries(row.changes).filter(([field]) => !PRIVATE_FIELDS.has(field)));
  return {
    id: row.id,
    entryId: row.entry_id,
    version: row.version,
    op: row.op,
    changes,
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
    workshopId: row.workshop_id,
    importId: row.import_id,
    revertedFrom: row.reverted_from,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
