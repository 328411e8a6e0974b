import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
// Revision writers no longer wait for each other, so ids may commit out of order. The live feed waits at a
// missing id until it commits or its writer is gone; it finds writers in flight through a shared advisory
// lock (key 7264001) that each holds from before it takes an id until it ends. The id's default takes
// that lock, and a statement trigger queues the NOTIFY that wakes the live hubs: so every writer does both,
// whichever code writes (the API, imports, seeds or SQL by hand), and in the same round trip as its insert.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION next_revision_id() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(7264001::bigint);
      RETURN nextval('revisions_id_seq');
    END $$`.execute(db);
  // An identity column takes no other default: the same numbering goes on in a sequence of our own.
  await sql`ALTER TABLE revisions ALTER COLUMN id DROP IDENTITY`.execute(db);
  await sql`CREATE SEQUENCE revisions_id_seq OWNED BY revisions.id`.execute(db);
  await sql`SELECT setval('revisions_id_seq', coalesce(max(id), 0) + 1, false) FROM revisions`.execute(db);
  await sql`ALTER TABLE revisions ALTER COLUMN id SET DEFAULT next_revision_id()`.execute(db);
  await sql`
    CREATE FUNCTION notify_revisions_committed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- The payload is the statement's last revision id (ids, not rows: NOTIFY carries 8000 bytes at most).
      PERFORM pg_notify('atlas_live', (SELECT max(id)::text FROM inserted));
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER revisions_notify AFTER INSERT ON revisions REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION notify_revisions_committed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER revisions_notify ON revisions`.execute(db);
  await sql`DROP FUNCTION notify_revisions_committed()`.execute(db);
  await sql`ALTER TABLE revisions ALTER COLUMN id DROP DEFAULT`.execute(db);
  await sql`DROP FUNCTION next_revision_id()`.execute(db);
  await sql`DROP SEQUENCE revisions_id_seq`.execute(db);
  await sql`ALTER TABLE revisions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('revisions', 'id'), coalesce(max(id), 0) + 1, false) FROM revisions`.execute(
    db,
  );
}
