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

/**
 * An entry's relations as its answer shows them: the published entries it points at by type (partners
 * either way), and how many published entries point at it by type (a network's members, a resource's users).
 */
export async function relationSummary(db: Kysely<Database>, entryId: string): Promise<Summary> {
  const summary: Summary = {
    memberOf: [],
    uses: [],
    maintains: [],
    contributesTo: [],
    partnerOf: [],
    incoming: {},
  };
  const { rows: outgoing } = await sql<{ type: RelationType } & EntryRef>`
    SELECT r.type, o.id, o.name, o.kind
    FROM relations r JOIN entries o ON o.id = r.to_id
    WHERE r.from_id = ${entryId}::uuid AND o.deleted_at IS NULL AND o.status = 'published'
    UNION ALL
    SELECT r.type, o.id, o.name, o.kind
    FROM relations r JOIN entries o ON o.id = r.from_id
    WHERE r.to_id = ${entryId}::uuid AND r.type = 'partner_of' AND o.deleted_at IS NULL AND o.status = 'published'
    ORDER BY name, id
    LIMIT ${LIST_MAX * 5}`.execute(db);
  for (const row of outgoing) {
    const list = summary[LIST_KEY[row.type]];
    if (list.length < LIST_MAX) list.push({ id: row.id, name: row.name, kind: row.kind as EntryKind });
  }
  const { rows: incoming } = await sql<{ type: RelationType; n: string }>`
    SELECT r.type, count(*) AS n
    FROM relations r JOIN entries o ON o.id = r.from_id
    WHERE r.to_id = ${entryId}::uuid AND o.deleted_at IS NULL AND o.status = 'published'
    GROUP BY r.type`.execute(db);
  for (const row of incoming) summary.incoming[row.type] = Number(row.n);
  return summary;
}
