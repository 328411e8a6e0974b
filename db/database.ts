import type { ColumnType, Generated } from 'kysely';

// Kysely table types: the one place where the database's shape is written down for the app.
// Geometry columns are read through db/postgis.ts helpers (ST_AsGeoJSON) and written as EWKT/GeoJSON SQL.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Geometry = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type EntryKind = 'place' | 'network' | 'resource';
export type EntryStatus = 'published' | 'pending' | 'rejected' | 'archived';
export type RelationType = 'member_of' | 'uses' | 'maintains' | 'contributes_to' | 'partner_of';
export type RevisionOp =
  | 'create'
  | 'update'
  | 'delete'
  | 'restore'
  | 'status'
  | 'revert'
  | 'relate'
  | 'unrelate';
export type Role = 'admin' | 'facilitator' | 'contributor';

export interface ContributorsTable {
  id: string;
  display_name: string;
  role: Role;
  token_hash: string | null;
  workshop_id: string | null;
  created_at: Timestamp;
  last_seen_at: Date | null;
  revoked_at: Date | null;
  /** Accounts that log in with a password (admins, facilitators); null for token-only participants. */
  login: string | null;
  email: string | null;
  password_hash: string | null;
}

export interface WorkshopsTable {
  id: string;
  code: string;
  title: string;
  description: Generated<string>;
  starts_at: Date | null;
  ends_at: Date | null;
  policy: Generated<'open' | 'review'>;
  area: Geometry;
  default_themes: Generated<string[]>;
  status: Generated<'open' | 'closed'>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImportsTable {
  id: string;
  format: string;
  status: Generated<'pending' | 'running' | 'done' | 'failed' | 'reverted'>;
  dry_run: Generated<boolean>;
  source_name: string | null;
  filename: string | null;
  options: Json<Record<string, unknown>>;
  counts: Json<Record<string, number>>;
  report: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
  reverted_at: Date | null;
}

export interface ThemesTable {
  id: Generated<number>;
  slug: string;
  parent_id: number | null;
  label_fr: string;
  label_en: string;
  color: Generated<string>;
  icon: string | null;
  position: Generated<number>;
}

export interface EntryLink {
  url: string;
  label?: string;
}

export interface EntriesTable {
  id: string;
  kind: EntryKind;
  name: string;
  summary: Generated<string>;
  description: Generated<string>;
  url: string | null;
  links: Json<EntryLink[]>;
  street: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  insee_code: string | null;
  geom: Geometry;
  area: Geometry;
  tags: Generated<string[]>;
  license: string | null;
  contact: Json<Record<string, string> | null>;
  status: Generated<EntryStatus>;
  source: string | null;
  source_ref: string | null;
  to_locate: Generated<boolean>;
  created_by: string | null;
  workshop_id: string | null;
  import_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Date | null;
  search: ColumnType<string | null, never, never>;
  /** SHA-256 of the canonical POST body that created the entry (idempotent create). */
  create_hash: string | null;
}

export interface EntryThemesTable {
  entry_id: string;
  theme_id: number;
}

export interface RelationsTable {
  id: string;
  type: RelationType;
  from_id: string;
  to_id: string;
  created_by: string | null;
  workshop_id: string | null;
  import_id: string | null;
  created_at: Timestamp;
}

export interface RevisionsTable {
  id: ColumnType<string, never, never>; // bigint: node-postgres returns it as a string
  entry_id: string;
  version: number;
  op: RevisionOp;
  changes: Json<Record<string, unknown>>;
  snapshot: Json<Record<string, unknown>>;
  actor_id: string | null;
  actor_name: string | null;
  workshop_id: string | null;
  import_id: string | null;
  reverted_from: string | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  contributor_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  user_agent: string | null;
}

export interface AccountTokensTable {
  id: string;
  token_hash: string;
  purpose: 'setup' | 'invitation';
  role: 'admin' | 'facilitator';
  display_name: string | null;
  email: string | null;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
}

export type ReportReason = 'closed' | 'wrong' | 'duplicate' | 'off-charter';
export type ReportStatus = 'open' | 'resolved' | 'dismissed';

export interface ReportsTable {
  id: string;
  entry_id: string;
  reason: ReportReason;
  comment: Generated<string>;
  duplicate_of: string | null;
  status: Generated<ReportStatus>;
  reporter_id: string | null;
  /** The reporter's contributor id, or a hash of their address: one open report per reporter and reason. */
  reporter_key: string;
  created_at: Timestamp;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: Timestamp;
}

/** A network's territory computed from its members (kept current by triggers, see migration 0006). */
export interface NetworkTerritoriesTable {
  network_id: string;
  area: Geometry;
  members: number;
  computed_at: Timestamp;
}

export interface Database {
  contributors: ContributorsTable;
  workshops: WorkshopsTable;
  imports: ImportsTable;
  themes: ThemesTable;
  entries: EntriesTable;
  entry_themes: EntryThemesTable;
  relations: RelationsTable;
  revisions: RevisionsTable;
  network_territories: NetworkTerritoriesTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  reports: ReportsTable;
  app_secrets: AppSecretsTable;
}
