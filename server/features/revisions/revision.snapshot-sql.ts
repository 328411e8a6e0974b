import { type RawBuilder, sql } from 'kysely';
import type { EntrySnapshot, TRACKED_FIELDS } from './revision.snapshot';

// A snapshot and a creation's changes built in SQL over `entries e` (or a CTE of new entry rows named `e`),
// so that a write needs not ship the row through the app and back. They equal what toSnapshot and
// diffSnapshots give for the same row (test/server/revisions.test.ts checks it).

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const THEMES_OF_ENTRY = sql`coalesce((SELECT jsonb_agg(t.slug ORDER BY t.slug) FROM entry_themes et
    JOIN themes t ON t.id = et.theme_id WHERE et.entry_id = e.id), '[]'::jsonb)`;

// Each tracked field as a jsonb expression over `entries e`, and when its value counts as empty (no
// change to record on a creation). One table for the snapshot and for a creation's changes, so they agree.
const nonEmptyText = (column: string) => sql`coalesce(${sql.ref(`e.${column}`)}, '') <> ''`;
const nonEmptyJson = (value: RawBuilder<unknown>) =>
  sql`${value} NOT IN ('null'::jsonb, '""'::jsonb, 'false'::jsonb, '[]'::jsonb)`;
const text = (column: string) => ({
  value: sql`to_jsonb(${sql.ref(`e.${column}`)})`,
  nonEmpty: nonEmptyText(column),
});

function trackedColumns(
  themes: RawBuilder<unknown>,
): Record<TrackedField, { value: RawBuilder<unknown>; nonEmpty: RawBuilder<unknown> }> {
  return {
    kind: text('kind'),
    name: text('name'),
    summary: text('summary'),
    description: text('description'),
    url: text('url'),
    links: { value: sql`e.links`, nonEmpty: sql`coalesce(${nonEmptyJson(sql`e.links`)}, false)` },
    street: text('street'),
    postcode: text('postcode'),
    city: text('city'),
    country: text('country'),
    insee_code: text('insee_code'),
    geom: { value: sql`ST_AsGeoJSON(e.geom, 7)::jsonb`, nonEmpty: sql`e.geom IS NOT NULL` },
    area: { value: sql`ST_AsGeoJSON(e.area, 7)::jsonb`, nonEmpty: sql`e.area IS NOT NULL` },
    tags: { value: sql`to_jsonb(e.tags)`, nonEmpty: sql`coalesce(cardinality(e.tags), 0) > 0` },
    license: text('license'),
    contact: { value: sql`e.contact`, nonEmpty: sql`coalesce(${nonEmptyJson(sql`e.contact`)}, false)` },
    themes: { value: themes, nonEmpty: sql`coalesce(${nonEmptyJson(themes)}, false)` },
    status: text('status'),
    to_locate: { value: sql`to_jsonb(e.to_locate)`, nonEmpty: sql`coalesce(e.to_locate, false)` },
    deleted_at: {
      value: sql`to_jsonb(to_char(e.deleted_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}))`,
      nonEmpty: sql`e.deleted_at IS NOT NULL`,
    },
  };
}

type TrackedField = (typeof TRACKED_FIELDS)[number];

/**
 * An entry's snapshot over `entries e`, built in SQL so a batch of snapshots is one query. `themes` may
 * replace the entry_themes lookup when the caller knows them (a bulk create).
 */
export function snapshotSql(themes: RawBuilder<unknown> = THEMES_OF_ENTRY) {
  const tracked = Object.entries(trackedColumns(themes)).flatMap(([key, c]) => [sql.lit(key), c.value]);
  return sql<EntrySnapshot>`jsonb_build_object(${sql.join(tracked)},
  'id', e.id, 'source', e.source, 'source_ref', e.source_ref, 'created_by', e.created_by,
  'created_by_name', (SELECT c.display_name FROM contributors c WHERE c.id = e.created_by),
  'workshop_id', e.workshop_id, 'import_id', e.import_id, 'version', e.version,
  'created_at', to_char(e.created_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}),
  'updated_at', to_char(e.updated_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}))`;
}

/**
 * A creation's `changes` over `entries e` (what diffSnapshots(null, snapshot) gives): `[null, value]` for
 * each tracked field that is not empty. Built from the columns in one object, then the empty fields'
 * keys removed: reading them back from the snapshot cost a jsonb lookup per field and per test.
 */
export function createChangesSql(themes: RawBuilder<unknown>) {
  const columns = Object.entries(trackedColumns(themes));
  const pairs = columns.flatMap(([key, c]) => [sql.lit(key), sql`jsonb_build_array(NULL, ${c.value})`]);
  const empty = columns.map(([key, c]) => sql`CASE WHEN ${c.nonEmpty} THEN NULL ELSE ${sql.lit(key)} END`);
  return sql<
    Record<string, unknown>
  >`(jsonb_build_object(${sql.join(pairs)}) - ARRAY[${sql.join(empty)}]::text[])`;
}
