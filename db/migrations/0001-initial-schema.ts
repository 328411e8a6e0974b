import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);

  // French full-text search that ignores accents and case: unaccent before the French stemmer.
  await sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'atlas_fr') THEN
        CREATE TEXT SEARCH CONFIGURATION atlas_fr (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION atlas_fr
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
      END IF;
    END $$`.execute(db);

  await sql`
    CREATE TABLE contributors (
      id uuid PRIMARY KEY,
      display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 80),
      role text NOT NULL CHECK (role IN ('admin', 'facilitator', 'contributor')),
      token_hash text UNIQUE,
      workshop_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE workshops (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '',
      starts_at timestamptz,
      ends_at timestamptz,
      policy text NOT NULL DEFAULT 'open' CHECK (policy IN ('open', 'review')),
      area geometry(MultiPolygon, 4326),
      default_themes text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      created_by uuid REFERENCES contributors(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`ALTER TABLE contributors ADD FOREIGN KEY (workshop_id) REFERENCES workshops(id)`.execute(db);

  await sql`
    CREATE TABLE imports (
      id uuid PRIMARY KEY,
      format text NOT NULL,
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'done', 'failed', 'reverted')),
      dry_run boolean NOT NULL DEFAULT false,
      source_name text,
      filename text,
      options jsonb NOT NULL DEFAULT '{}',
      counts jsonb NOT NULL DEFAULT '{}',
      report jsonb NOT NULL DEFAULT '{}',
      created_by uuid REFERENCES contributors(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      reverted_at timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE themes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      parent_id integer REFERENCES themes(id) ON DELETE CASCADE,
      label_fr text NOT NULL,
      label_en text NOT NULL,
      color text NOT NULL DEFAULT '#666666' CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
      icon text,
      position integer NOT NULL DEFAULT 0
    )`.execute(db);

  await sql`
    CREATE TABLE entries (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('place', 'network', 'resource')),
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
      summary text NOT NULL DEFAULT '' CHECK (char_length(summary) <= 280),
      description text NOT NULL DEFAULT '',
      url text,
      links jsonb NOT NULL DEFAULT '[]',
      street text,
      postcode text,
      city text,
      country text,
      insee_code text,
      geom geometry(Point, 4326),
      area geometry(MultiPolygon, 4326),
      tags text[] NOT NULL DEFAULT '{}',
      license text,
      contact jsonb,
      status text NOT NULL DEFAULT 'published'
        CHECK (status IN ('published', 'pending', 'rejected', 'archived')),
      source text,
      source_ref text,
      to_locate boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES contributors(id),
      workshop_id uuid REFERENCES workshops(id),
      import_id uuid REFERENCES imports(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      search tsvector,
      CHECK (kind <> 'place' OR geom IS NOT NULL OR to_locate)
    )`.execute(db);

  // A trigger rather than a generated column: array_to_string is not immutable.
  await sql`
    CREATE FUNCTION entries_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
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

  await sql`CREATE INDEX entries_geom_idx ON entries USING gist (geom)`.execute(db);
  await sql`CREATE INDEX entries_area_idx ON entries USING gist (area)`.execute(db);
  await sql`CREATE INDEX entries_search_idx ON entries USING gin (search)`.execute(db);
  await sql`CREATE INDEX entries_name_trgm_idx ON entries USING gin (lower(name) gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX entries_kind_status_idx ON entries (kind, status) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX entries_updated_idx ON entries (updated_at, id)`.execute(db);
  await sql`CREATE INDEX entries_workshop_idx ON entries (workshop_id) WHERE workshop_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX entries_import_idx ON entries (import_id) WHERE import_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX entries_source_ref_idx ON entries (source, source_ref)
    WHERE source IS NOT NULL AND source_ref IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE entry_themes (
      entry_id uuid NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      theme_id integer NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
      PRIMARY KEY (entry_id, theme_id)
    )`.execute(db);
  await sql`CREATE INDEX entry_themes_theme_idx ON entry_themes (theme_id, entry_id)`.execute(db);

  await sql`
    CREATE TABLE relations (
      id uuid PRIMARY KEY,
      type text NOT NULL CHECK (type IN ('member_of', 'uses', 'maintains', 'contributes_to', 'partner_of')),
      from_id uuid NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      to_id uuid NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      created_by uuid REFERENCES contributors(id),
      workshop_id uuid REFERENCES workshops(id),
      import_id uuid REFERENCES imports(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (type, from_id, to_id),
      CHECK (from_id <> to_id)
    )`.execute(db);
  await sql`CREATE INDEX relations_to_idx ON relations (to_id, type)`.execute(db);

  // Append-only: the id is the live feed's cursor (see server/features/revisions).
  await sql`
    CREATE TABLE revisions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      entry_id uuid NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      version integer NOT NULL,
      op text NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore', 'status', 'revert', 'relate', 'unrelate')),
      changes jsonb NOT NULL DEFAULT '{}',
      snapshot jsonb NOT NULL,
      actor_id uuid REFERENCES contributors(id),
      actor_name text,
      workshop_id uuid REFERENCES workshops(id),
      import_id uuid REFERENCES imports(id),
      reverted_from bigint REFERENCES revisions(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX revisions_entry_idx ON revisions (entry_id, id)`.execute(db);
  await sql`CREATE INDEX revisions_workshop_idx ON revisions (workshop_id, id) WHERE workshop_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX revisions_import_idx ON revisions (import_id, id) WHERE import_id IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'revisions',
    'relations',
    'entry_themes',
    'entries',
    'themes',
    'imports',
    'contributors',
    'workshops',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS entries_search_vector()`.execute(db);
  await sql`DROP TEXT SEARCH CONFIGURATION IF EXISTS atlas_fr`.execute(db);
}
