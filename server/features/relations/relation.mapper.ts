import type { EntryKind } from '../../contract/entry';
import type { Relation } from '../../contract/relation';
import type { RelationRow } from './relation.repository';

export function toRelation(row: RelationRow): Relation {
  return {
    id: row.id,
    type: row.type,
    from: { id: row.from_id, name: row.from_name, kind: row.from_kind as EntryKind },
    to: { id: row.to_id, name: row.to_name, kind: row.to_kind as EntryKind },
    createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
    workshopId: row.workshop_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
