import { type Kysely, type RawBuilder, sql } from 'kysely';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { Database, EntryKind, EntryLink, EntryStatus, RelationType } from '../../../db/database';

/** One entry as the export formats read it (never its private contact). */
export interface ExportRow {
  id: string;
  kind: EntryKind;
  name: string;
  summary: string;
  description: string;
  url: string | null;
  links: EntryLink[];
  street: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  insee_code: string | null;
  lng: number | null;
  lat: number | null;
  /** The area as GeoJSON text, for networks that have one. */
  area: string | null;
  tags: string[];
  license: string | null;
  status: EntryStatus;
  source: string | null;
  source_ref: string | null;
  to_locate: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  themes: string[];
  relations: Array<{ type: RelationType; id: string; name: string; kind: EntryKind }> | null;
}

export const PAGE_SIZE = 1_000;

function selectSql(where: RawBuilder<boolean>, after: string | null, limit: number | null) {
  return sql<ExportRow>`
    SELECT e.id, e.kind, e.name, e.summary, e.description, e.url, e.links, e.street, e.postcode, e.city,
      e.country, e.insee_code, ST_X(e.geom) AS lng, ST_Y(e.geom) AS lat, ST_AsGeoJSON(e.area, 7) AS area,
      e.tags, e.license, e.status, e.source, e.source_ref, e.to_locate, e.version, e.created_at, e.updated_at,
      ARRAY(SELECT t.slug FROM entry_themes et JOIN themes t ON t.id = et.theme_id
        WHERE et.entry_id = e.id ORDER BY t.slug) AS themes,
      (SELECT json_agg(json_build_object('type', r.type, 'id', x.id, 'name', x.name, 'kind', x.kind)
          ORDER BY r.type, x.name, x.id)
        FROM relations r JOIN entries x ON x.id = r.to_id AND x.deleted_at IS NULL
        WHERE r.from_id = e.id) AS relations
    FROM entries e
    WHERE ${where} ${after ? sql`AND e.id > ${after}::uuid` : sql``}
    ORDER BY e.id ${limit ? sql`LIMIT ${limit}` : sql``}`;
}

/**
 * The selected entries, a page at a time, in bounded memory. On PostgreSQL a server-side cursor
 * (pg-cursor) reads one snapshot; on the embedded engine, where one open cursor would hold the single
 * backend for the whole download, keyset pages (`id > last`) are read one short query at a time.
 */
export async function* exportRows(
  db: Kysely<Database>,
  pool: pg.Pool,
  engine: 'embedded' | 'postgres',
  where: RawBuilder<boolean>,
): AsyncGenerator<ExportRow[]> {
  if (engine === 'postgres') {
    const compiled = selectSql(where, null, null).compile(db);
    const client = await pool.connect();
    const cursor = client.query(new Cursor<ExportRow>(compiled.sql, compiled.parameters as unknown[]));
    try {
      for (;;) {
        const rows = await cursor.read(PAGE_SIZE);
        if (rows.length === 0) return;
        yield rows;
      }
    } finally {
      await cursor.close().catch(() => {});
      client.release();
    }
  }
  let after: string | null = null;
  for (;;) {
    const { rows } = await selectSql(where, after, PAGE_SIZE).execute(db);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]!.id;
  }
}
