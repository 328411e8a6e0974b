import { type Kysely, sql } from 'kysely';
import type { Database, RelationType } from '../../../db/database';
import type { EntryKind, EntryProperties, EntryRef } from '../../contract/entry';

type Summary = NonNullable<EntryProperties['relations']>;

const LIST_KEY: Record<RelationType, Exclude<keyof Summary, 'incoming'>> = {
  member_of: 'memberOf',
  uses: 'uses',
  maintains: 'maintains',
  contributes_to: 'contributesTo',
  partner_of: 'partnerOf',
};

/** At most this many entries per list of the summary; counts are always complete. */
const LIST_MAX = 200;

/** The summary of an entry with no relations, such as one created by this very request. */
export function emptyRelationSummary(): Summary {
  return { memberOf: [], uses: [], maintains: [], contributesTo: [], partnerOf: [], incoming: {} };
}

/**
 * An entry's relations as its answer shows them: the published entries it points at by type (partners
 * either way), and how many published entries point at it by type (a network's members, a resource's users).
 */
export async function relationSummary(db: Kysely<Database>, entryId: string): Promise<Summary> {
  const summary = emptyRelationSummary();
  // Driven from the entry's few relation rows, each other end read by its key. `OFFSET 0` keeps the planner
  // from flattening the lookup into a join: with stale statistics (a fresh atlas filling up during a
  // workshop) it would scan every published entry instead, 4 ms a write at 3,000 entries.
  const { rows: outgoing } = await sql<{ type: RelationType } & EntryRef>`
    SELECT r.type, o.id, o.name, o.kind
    FROM (
      SELECT type, to_id AS other FROM relations WHERE from_id = ${entryId}::uuid
      UNION ALL
      SELECT type, from_id FROM relations WHERE to_id = ${entryId}::uuid AND type = 'partner_of'
    ) r
    CROSS JOIN LATERAL (
      SELECT e.id, e.name, e.kind FROM entries e
      WHERE e.id = r.other AND e.deleted_at IS NULL AND e.status = 'published' OFFSET 0
    ) o
    ORDER BY o.name, o.id
    LIMIT ${LIST_MAX * 5}`.execute(db);
  for (const row of outgoing) {
    const list = summary[LIST_KEY[row.type]];
    if (list.length < LIST_MAX) list.push({ id: row.id, name: row.name, kind: row.kind as EntryKind });
  }
  const { rows: incoming } = await sql<{ type: RelationType; n: string }>`
    SELECT r.type, count(*) AS n
    FROM relations r
    CROSS JOIN LATERAL (
      SELECT 1 FROM entries e
      WHERE e.id = r.from_id AND e.deleted_at IS NULL AND e.status = 'published' OFFSET 0
    ) o
    WHERE r.to_id = ${entryId}::uuid
    GROUP BY r.type`.execute(db);
  for (const row of incoming) summary.incoming[row.type] = Number(row.n);
  return summary;
}
