import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
// What an entry row costs to write, measured on bulk imports (bench/import):
// - the per-row plpgsql search trigger cost about twice the to_tsvector work it does (a function call and
//   the whole row converted in and out): the document is now one SQL function, which a bulk insert can
//   compute in its own SELECT; the trigger fills `search` only when the insert did not;
// - the trigram index on lower(name) served no query (duplicate detection finds candidates with the
//   geometry index, then compares lower(unaccent(name)), which this index cannot answer);
// - the area index held a null for every entry without a territory: only networks have one, and `area &&
//   box` implies `area IS NOT NULL`, so a partial index serves the same queries.

export async function up(db: Kysely<unknown>): Promise<void> {
  // STABLE, not IMMUTABLE: array_to_string is only stable.
  await sql`
    CREATE FUNCTION entries_search_document(name text, tags text[], summary text, city text, description text)
    RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT setweight(to_tsvector('atlas_fr', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('atlas_fr', array_to_string(tags, ' ')), 'B') ||
        setweight(to_tsvector('atlas_fr', coalesce(summary, '')), 'B') ||
        setweight(to_tsvector('atlas_fr', coalesce(city, '')), 'C') ||
        setweight(to_tsvector('atlas_fr', coalesce(description, '')), 'D')
    $$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION entries_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search := entries_search_document(NEW.name, NEW.tags, NEW.summary, NEW.city, NEW.description);
      RETURN NEW;
    END $$`.execute(db);
  await sql`DROP TRIGGER entries_search_vector ON entries`.execute(db);
  // An insert that computed the document itself skips the trigger; an update always recomputes it.
  await sql`
    CREATE TRIGGER entries_search_vector_insert BEFORE INSERT ON entries
    FOR EACH ROW WHEN (NEW.search IS NULL) EXECUTE FUNCTION entries_search_vector()`.execute(db);
  await sql`
    CREATE TRIGGER entries_search_vector_update BEFORE UPDATE OF name, tags, summary, city, description
    ON entries FOR EACH ROW EXECUTE FUNCTION entries_search_vector()`.execute(db);

  await sql`DROP INDEX IF EXISTS entries_name_trgm_idx`.execute(db);
  await sql`DROP INDEX entries_area_idx`.execute(db);
  await sql`CREATE INDEX entries_area_idx ON entries USING gist (area) WHERE area IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX entries_area_idx`.execute(db);
  await sql`CREATE INDEX entries_area_idx ON entries USING gist (area)`.execute(db);
  await sql`CREATE INDEX entries_name_trgm_idx ON entries USING gin (lower(name) gin_trgm_ops)`.execute(db);
  await sql`DROP TRIGGER entries_search_vector_update ON entries`.execute(db);
  await sql`DROP TRIGGER entries_search_vector_insert ON entries`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION entries_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search :=
        setweight(to_tsvector('atlas_fr', coalesce(NEW.name, '')), 'A') ||
        setweight(to_tsvector('atlas_fr', array_to_string(NEW.tags, ' ')), 'B') ||
        setweight(to_tsvector('atlas_fr', coalesce(NEW.summary, '')), 'B') ||
        setweight(to_tsvector('atlas_fr', coalesce(NEW.city, '')), 'C') ||
        setweight(to_tsvector('atlas_fr', coalesce(NEW.description, '')), 'D');
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER entries_search_vector BEFORE INSERT OR UPDATE OF name, tags, summary, city, description
    ON entries FOR EACH ROW EXECUTE FUNCTION entries_search_vector()`.execute(db);
  await sql`DROP FUNCTION entries_search_document(text, text[], text, text, text)`.execute(db);
}
