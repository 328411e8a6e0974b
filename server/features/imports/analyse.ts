import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { DuplicateRow, RejectedRow } from '../../contract/import';
import type { NormalizedRow } from './mapping-apply';
import { nearbyPairs } from './nearby-pairs';

/** Within this distance and above this name similarity (pg_trgm), two places are taken for one. */
export const DUPLICATE_METERS = 100;
export const DUPLICATE_SIMILARITY = 0.6;
const STAGE_CHUNK = 5_000;

/** What an import would do with each row, decided against the database as it is now. */
export interface Classification {
  /** Row number → the entry it updates. */
  updates: Map<number, string>;
  duplicates: DuplicateRow[];
  rejected: RejectedRow[];
  /** Rows to create. */
  creates: Set<number>;
  /** Entries of the source that the file no longer has (counted only for a sync). */
  toArchive: number;
}

/**
 * Stages the rows in a temporary table and classifies them in a few set-based queries: same entry id or
 * same source id (an update; twice in the file: a duplicate), then a similar name within 100 m of an
 * entry already there or of an earlier row of the file (a duplicate). Two rows that carry different ids
 * of the same source are never duplicates of each other: the source says they are distinct.
 */
export async function classifyRows(
  db: Kysely<Database>,
  rows: NormalizedRow[],
  source: string,
  options: { countArchive: boolean },
): Promise<Classification> {
  return db.transaction().execute(async (trx) => {
    // These queries' row estimates are large and rough: compiling them (JIT) cost more than running them.
    await sql`SET LOCAL jit = off`.execute(trx);
    await sql`CREATE TEMP TABLE import_stage (
      row_number integer PRIMARY KEY, entry_id uuid, source_ref text, name text, norm_name text,
      geom geometry(Point, 4326), dx float8, dy float8) ON COMMIT DROP`.execute(trx);
    for (let i = 0; i < rows.length; i += STAGE_CHUNK) {
      const chunk = rows.slice(i, i + STAGE_CHUNK).map((r) => ({
        row_number: r.rowNumber,
        entry_id: r.entryId,
        source_ref: r.sourceRef,
        name: r.name,
        lng: r.lng,
        lat: r.lat,
      }));
      await sql`INSERT INTO import_stage
        SELECT r.row_number, r.entry_id, r.source_ref, r.name, lower(unaccent(r.name)),
          CASE WHEN r.lng IS NULL OR r.lat IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) END,
          ${DUPLICATE_METERS} / (111320 * greatest(cos(radians(coalesce(r.lat, 0))), 0.01)),
          ${DUPLICATE_METERS} / 110574.0
        FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          AS r(row_number integer, entry_id uuid, source_ref text, name text, lng float8, lat float8)`.execute(
        trx,
      );
    }
    await sql`ANALYZE import_stage`.execute(trx);

    const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
    const decided = new Set<number>();
    const result: Classification = {
      updates: new Map(),
      duplicates: [],
      rejected: [],
      creates: new Set(),
      toArchive: 0,
    };

    const sameInFile = await sql<{ row_number: number; first_row: number }>`
      SELECT row_number, first_row FROM (
        SELECT row_number, first_value(row_number) OVER (PARTITION BY coalesce(entry_id::text, source_ref)
          ORDER BY row_number) AS first_row
        FROM import_stage WHERE entry_id IS NOT NULL OR source_ref IS NOT NULL) x
      WHERE row_number <> first_row`.execute(trx);
    for (const d of sameInFile.rows) {
      decided.add(d.row_number);
      result.duplicates.push(duplicate(byRow, d.row_number, 'same-source-id', { otherRow: d.first_row }));
    }

    const matches = await sql<{ row_number: number; id: string; deleted: boolean }>`
      SELECT s.row_number, coalesce(e1.id, e2.id) AS id,
        (coalesce(e1.deleted_at, e2.deleted_at) IS NOT NULL) AS deleted
      FROM import_stage s
      LEFT JOIN entries e1 ON e1.id = s.entry_id
      LEFT JOIN entries e2 ON s.source_ref IS NOT NULL AND e2.source = ${source} AND e2.source_ref = s.source_ref
      WHERE e1.id IS NOT NULL OR e2.id IS NOT NULL`.execute(trx);
    for (const m of matches.rows) {
      if (decided.has(m.row_number)) continue;
      decided.add(m.row_number);
      if (m.deleted) {
        result.rejected.push({
          row: m.row_number,
          reason: 'entry-deleted',
          detail: `entry ${m.id} was deleted in the atlas; restore it to import this row again`,
        });
      } else result.updates.set(m.row_number, m.id);
    }

    const nearExisting = await sql<{
      row_number: number;
      id: string;
      name: string;
      distance: number;
      sim: number;
    }>`
      SELECT DISTINCT ON (s.row_number) s.row_number, e.id, e.name,
        ST_Distance(e.geom::geography, s.geom::geography) AS distance,
        similarity(lower(unaccent(e.name)), s.norm_name) AS sim
      FROM import_stage s
      JOIN entries e ON e.geom && ST_Expand(s.geom, s.dx, s.dy)
      WHERE s.geom IS NOT NULL AND e.deleted_at IS NULL
        AND (s.entry_id IS NULL OR e.id <> s.entry_id)
        AND NOT (e.source IS NOT DISTINCT FROM ${source} AND e.source_ref IS NOT NULL AND s.source_ref IS NOT NULL)
        AND similarity(lower(unaccent(e.name)), s.norm_name) > ${DUPLICATE_SIMILARITY}
        AND ST_DWithin(e.geom::geography, s.geom::geography, ${DUPLICATE_METERS})
      ORDER BY s.row_number, sim DESC`.execute(trx);
    for (const d of nearExisting.rows) {
      if (decided.has(d.row_number)) continue;
      decided.add(d.row_number);
      result.duplicates.push(
        duplicate(byRow, d.row_number, 'similar-nearby', {
          entryId: d.id,
          otherName: d.name,
          distance: d.distance,
          similarity: d.sim,
        }),
      );
    }

    // Only the pairs a grid in memory finds close enough are compared (see nearby-pairs.ts).
    const pairs = nearbyPairs(rows, DUPLICATE_METERS);
    const nearInFile = await sql<{
      row_number: number;
      other_row: number;
      other_name: string;
      distance: number;
      sim: number;
    }>`
      SELECT DISTINCT ON (b.row_number) b.row_number, a.row_number AS other_row, a.name AS other_name,
        ST_Distance(a.geom::geography, b.geom::geography) AS distance, similarity(a.norm_name, b.norm_name) AS sim
      FROM unnest(${pairs.map((p) => p[0])}::integer[], ${pairs.map((p) => p[1])}::integer[]) AS p(a, b)
      JOIN import_stage a ON a.row_number = p.a
      JOIN import_stage b ON b.row_number = p.b
      WHERE a.row_number < b.row_number AND a.geom && ST_Expand(b.geom, b.dx, b.dy)
        AND NOT (a.source_ref IS NOT NULL AND b.source_ref IS NOT NULL)
        AND similarity(a.norm_name, b.norm_name) > ${DUPLICATE_SIMILARITY}
        AND ST_DWithin(a.geom::geography, b.geom::geography, ${DUPLICATE_METERS})
      ORDER BY b.row_number, sim DESC`.execute(trx);
    for (const d of nearInFile.rows) {
      if (decided.has(d.row_number) || result.updates.has(d.other_row)) continue;
      decided.add(d.row_number);
      result.duplicates.push(
        duplicate(byRow, d.row_number, 'similar-nearby', {
          otherRow: d.other_row,
          otherName: d.other_name,
          distance: d.distance,
          similarity: d.sim,
        }),
      );
    }

    for (const row of rows) if (!decided.has(row.rowNumber)) result.creates.add(row.rowNumber);
    result.duplicates.sort((a, b) => a.row - b.row);

    if (options.countArchive) {
      const archive = await sql<{ n: string }>`
        SELECT count(*) AS n FROM entries e
        WHERE e.source = ${source} AND e.source_ref IS NOT NULL AND e.deleted_at IS NULL AND e.status <> 'archived'
          AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.source_ref = e.source_ref)`.execute(trx);
      result.toArchive = Number(archive.rows[0]?.n ?? 0);
    }
    return result;
  });
}

function duplicate(
  byRow: Map<number, NormalizedRow>,
  rowNumber: number,
  reason: DuplicateRow['reason'],
  extra: { entryId?: string; otherRow?: number; otherName?: string; distance?: number; similarity?: number },
): DuplicateRow {
  return {
    row: rowNumber,
    name: byRow.get(rowNumber)?.name ?? '',
    reason,
    entryId: extra.entryId ?? null,
    otherRow: extra.otherRow ?? null,
    otherName: extra.otherName ?? null,
    distance: extra.distance === undefined ? null : Math.round(Number(extra.distance) * 10) / 10,
    similarity: extra.similarity === undefined ? null : Math.round(Number(extra.similarity) * 100) / 100,
  };
}
