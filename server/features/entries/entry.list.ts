import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database';
import { makeEnvelope, makePoint } from '../../../db/postgis';
import { type Cursor, encodeCursor } from './entry.cursor';
import type { ListSpec } from './entry.filters';
import { type EntryRow, selectEntries, themesOf } from './entry.repository';

/** Who is asking: the list shows published entries, plus an author's own, plus everything to moderators. */
export interface Viewer {
  id: string | null;
  moderator: boolean;
}

export interface ListedRow extends EntryRow {
  sort_key: string | number;
  distance: number | null;
}

const METERS_PER_DEGREE = 111_320;

/** One page of entries matching `spec`, in keyset order, and the cursor of the next page. */
export async function listEntries(
  db: Kysely<Database>,
  spec: ListSpec & { workshopId: string | null },
  viewer: Viewer,
): Promise<{ rows: ListedRow[]; next: string | null }> {
  const point = spec.near ? makePoint(spec.near.lng, spec.near.lat) : null;
  const distance = point ? sql<number>`ST_Distance(e.geom::geography, ${point}::geography)` : null;
  const query = spec.q ? textQuery(spec.q) : null;
  const rank = query ? sql<number>`ts_rank(e.search, ${query})` : null;

  let qb = selectEntries(db, true, false)
    .select([
      sql<number | null>`${distance ?? sql`NULL::float8`}`.as('distance'),
      sql<string | number>`${sortKey(spec.order, distance, rank)}`.as('sort_key'),
    ])
    .where('e.deleted_at', 'is', null);

  if (!viewer.moderator) {
    qb = viewer.id
      ? qb.where(sql<boolean>`(e.status = 'published' OR e.created_by = ${viewer.id}::uuid)`)
      : qb.where('e.status', '=', 'published');
  }
  if (spec.statuses) qb = qb.where('e.status', 'in', spec.statuses);
  if (spec.kinds) qb = qb.where('e.kind', 'in', spec.kinds);
  if (spec.workshopId) qb = qb.where('e.workshop_id', '=', spec.workshopId);
  if (spec.updatedSince) qb = qb.where(sql<boolean>`e.updated_at >= ${spec.updatedSince}::timestamptz`);
  if (spec.themes) {
    // A parent theme includes its children.
    qb = qb.where(sql<boolean>`e.id IN (SELECT et.entry_id FROM entry_themes et WHERE et.theme_id IN (
      SELECT t.id FROM themes t LEFT JOIN themes p ON p.id = t.parent_id
      WHERE t.slug = ANY(${spec.themes}::text[]) OR p.slug = ANY(${spec.themes}::text[])))`);
  }
  if (spec.network) {
    qb = qb.where(sql<boolean>`e.id IN (SELECT r.from_id FROM relations r
      WHERE r.type = 'member_of' AND r.to_id = ${spec.network}::uuid)`);
  }
  if (spec.bboxes) {
    const boxes = spec.bboxes.map(([w, s, e, n]) => makeEnvelope(w, s, e, n));
    // Networks count by their territory too; each side of the OR keeps its own GiST index.
    qb = qb.where(
      sql<boolean>`(${sql.join(
        boxes.map((box) => sql`e.geom && ${box} OR e.area && ${box}`),
        sql` OR `,
      )})`,
    );
  }
  if (spec.near && point && distance) {
    const dy = (spec.near.meters / METERS_PER_DEGREE) * 1.01;
    const cos = Math.cos((spec.near.lat * Math.PI) / 180);
    const dx = cos > 0.01 ? Math.min(180, dy / cos) : 180;
    qb = qb
      .where(sql<boolean>`e.geom && ST_Expand(${point}, ${dx}::float8, ${dy}::float8)`)
      .where(sql<boolean>`ST_DWithin(e.geom::geography, ${point}::geography, ${spec.near.meters}::float8)`);
  }
  if (query) qb = qb.where(sql<boolean>`e.search @@ ${query}`);
  if (spec.after) qb = qb.where(afterCursor(spec.after, distance, rank));

  qb =
    spec.order === 'distance' && distance
      ? qb.orderBy(distance).orderBy('e.id')
      : spec.order === 'rank' && rank
        ? qb.orderBy(rank, 'desc').orderBy('e.id')
        : qb.orderBy('e.created_at').orderBy('e.id');

  const rows = (await qb.limit(spec.limit + 1).execute()) as ListedRow[];
  const more = rows.length > spec.limit;
  const page = more ? rows.slice(0, spec.limit) : rows;
  const themes = await themesOf(
    db,
    page.map((row) => row.id),
  );
  for (const row of page) row.themes = themes.get(row.id) ?? [];
  const last = page[page.length - 1];
  const next = more && last ? encodeCursor({ order: spec.order, value: last.sort_key, id: last.id }) : null;
  return { rows: page, next };
}

/**
 * French full text, accent- and case-insensitive (the `atlas_fr` configuration): the query as a web
 * search (quotes, OR, -word), or its words with the last one as a prefix, so that a query being typed matches.
 */
export function textQuery(q: string): RawBuilder<string> {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  const web = sql<string>`websearch_to_tsquery('atlas_fr', ${q})`;
  if (words.length === 0) return web;
  const prefix = `${words.join(' & ')}:*`;
  return sql<string>`(${web} || to_tsquery('atlas_fr', ${prefix}))`;
}

function sortKey(
  order: ListSpec['order'],
  distance: RawBuilder<number> | null,
  rank: RawBuilder<number> | null,
): RawBuilder<string | number> {
  if (order === 'distance' && distance) return distance;
  if (order === 'rank' && rank) return rank;
  return sql<string>`to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

function afterCursor(cursor: Cursor, distance: RawBuilder<number> | null, rank: RawBuilder<number> | null) {
  if (cursor.order === 'distance' && distance) {
    return sql<boolean>`(${distance}, e.id) > (${cursor.value}::float8, ${cursor.id}::uuid)`;
  }
  if (cursor.order === 'rank' && rank) {
    return sql<boolean>`(${rank} < ${cursor.value}::real OR (${rank} = ${cursor.value}::real AND e.id > ${cursor.id}::uuid))`;
  }
  return sql<boolean>`(e.created_at, e.id) > (${cursor.value}::timestamptz, ${cursor.id}::uuid)`;
}
