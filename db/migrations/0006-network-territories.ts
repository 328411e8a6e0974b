import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
// The territory of a network without a drawn one: the hull of its published members' points, buffered by
// 10 km on the sphere. Computing it on every read cost more than the rest of a list page, so it is stored
// and kept current by statement-level triggers (on links, and on the members' point, status and deletion),
// whichever code writes: the API, imports, or SQL by hand.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE network_territories (
      network_id uuid PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
      area geometry(MultiPolygon, 4326),
      members integer NOT NULL,
      computed_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Writers touching the same network take its lock in id order, so the last one computes from everything
  // committed before it (each statement of a READ COMMITTED function sees the commits made before it).
  await sql`
    CREATE FUNCTION refresh_network_territories(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE network uuid;
    BEGIN
      FOR network IN SELECT DISTINCT x FROM unnest(ids) AS x WHERE x IS NOT NULL ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(7264002, hashtext(network::text));
      END LOOP;
      INSERT INTO network_territories (network_id, area, members)
      SELECT n.id, t.area, t.members
      FROM entries n
      CROSS JOIN LATERAL (
        SELECT CASE WHEN count(m.geom) > 0 THEN
            ST_Multi(ST_Buffer(ST_ConvexHull(ST_Collect(m.geom))::geography, 10000, 'quad_segs=4')::geometry)
          END AS area,
          count(m.geom)::integer AS members
        FROM relations r JOIN entries m ON m.id = r.from_id
        WHERE r.to_id = n.id AND r.type = 'member_of'
          AND m.geom IS NOT NULL AND m.deleted_at IS NULL AND m.status = 'published'
      ) AS t
      WHERE n.id = ANY(ids) AND n.kind = 'network'
      ON CONFLICT (network_id) DO UPDATE
        SET area = EXCLUDED.area, members = EXCLUDED.members, computed_at = now();
    END $$`.execute(db);

  await sql`
    CREATE FUNCTION relations_refresh_territories() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM refresh_network_territories(ARRAY(SELECT to_id FROM new_rows WHERE type = 'member_of'));
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_network_territories(ARRAY(SELECT to_id FROM old_rows WHERE type = 'member_of'));
      ELSE
        PERFORM refresh_network_territories(ARRAY(
          SELECT to_id FROM new_rows WHERE type = 'member_of'
          UNION SELECT to_id FROM old_rows WHERE type = 'member_of'));
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER relations_territories_insert AFTER INSERT ON relations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relations_refresh_territories()`.execute(
    db,
  );
  await sql`CREATE TRIGGER relations_territories_delete AFTER DELETE ON relations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relations_refresh_territories()`.execute(
    db,
  );
  await sql`CREATE TRIGGER relations_territories_update AFTER UPDATE ON relations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION relations_refresh_territories()`.execute(db);

  await sql`
    CREATE FUNCTION entries_refresh_territories() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM refresh_network_territories(ARRAY(
        SELECT r.to_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN relations r ON r.from_id = n.id AND r.type = 'member_of'
        WHERE n.geom IS DISTINCT FROM o.geom OR n.status IS DISTINCT FROM o.status
          OR n.deleted_at IS DISTINCT FROM o.deleted_at));
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER entries_territories AFTER UPDATE ON entries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entries_refresh_territories()`.execute(db);

  await sql`SELECT refresh_network_territories(ARRAY(SELECT id FROM entries WHERE kind = 'network'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS entries_territories ON entries`.execute(db);
  for (const op of ['insert', 'delete', 'update']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(`relations_territories_${op}`)} ON relations`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS entries_refresh_territories()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS relations_refresh_territories()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS refresh_network_territories(uuid[])`.execute(db);
  await sql`DROP TABLE IF EXISTS network_territories`.execute(db);
}
