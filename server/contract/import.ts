import { type Static, Type } from 'typebox';
import { EntryKind, EntryStatus } from './entry';
import { RelationType } from './relation';

/** The largest file an import takes, as an upload, a JSON `content` or a fetched URL (the client checks it too). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** The formats an import understands; `auto` (the default) detects it from the content. */
export const ImportFormat = Type.Union(
  ['auto', 'csv', 'geojson', 'umap', 'gogocarto', 'mednum-json', 'mednum-csv', 'json', 'kml', 'gpx'].map(
    (f) => Type.Literal(f),
  ),
);
export type ImportFormat =
  | 'auto'
  | 'csv'
  | 'geojson'
  | 'umap'
  | 'gogocarto'
  | 'mednum-json'
  | 'mednum-csv'
  | 'json'
  | 'kml'
  | 'gpx';

/** The entry fields a source column can feed. */
export const MAPPABLE_FIELDS = [
  'id',
  'name',
  'summary',
  'description',
  'url',
  'street',
  'postcode',
  'city',
  'country',
  'inseeCode',
  'email',
  'phone',
  'latitude',
  'longitude',
  'wkt',
  'license',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

const Column = Type.String({ minLength: 1, maxLength: 200 });

/**
 * How source columns become entry fields. Anything left out is guessed from the column names; the guess
 * is returned in the dry run's report so a client can show it and send it back corrected.
 */
export const ImportMapping = Type.Object(
  {
    /** Entry field → source column (a dotted path reaches into nested objects: `address.postalCode`). */
    fields: Type.Optional(
      Type.Record(Type.Union(MAPPABLE_FIELDS.map((f) => Type.Literal(f))), Type.Union([Column, Type.Null()])),
    ),
    kind: Type.Optional(
      Type.Object(
        {
          default: Type.Optional(EntryKind),
          column: Type.Optional(Column),
          /** Source value → kind; values are compared without case or accents. */
          values: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), EntryKind)),
        },
        { additionalProperties: false },
      ),
    ),
    themes: Type.Optional(
      Type.Object(
        {
          columns: Type.Optional(Type.Array(Column, { maxItems: 20 })),
          /** Splits a cell into several values; by default `;`, `|` and `,` all split. */
          separator: Type.Optional(Type.String({ minLength: 1, maxLength: 5 })),
          /** Source value → theme slug (or slugs); values are compared without case or accents. */
          values: Type.Optional(
            Type.Record(
              Type.String({ maxLength: 200 }),
              Type.Union([
                Type.String({ maxLength: 80 }),
                Type.Array(Type.String({ maxLength: 80 }), { maxItems: 10 }),
              ]),
            ),
          ),
          /** Yes/no columns (`True`, `oui`, `1`, `x`) that each mean a theme: `{"c_fablab": "fablab"}`. */
          flags: Type.Optional(Type.Record(Column, Type.String({ maxLength: 80 }))),
          /** Themes every imported entry gets. */
          default: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 20 })),
        },
        { additionalProperties: false },
      ),
    ),
    tags: Type.Optional(
      Type.Object(
        {
          columns: Type.Optional(Type.Array(Column, { maxItems: 20 })),
          separator: Type.Optional(Type.String({ minLength: 1, maxLength: 5 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** The status of created entries (default `published`). */
    status: Type.Optional(EntryStatus),
  },
  { additionalProperties: false },
);
/** The mapping's TypeScript shape (written out: TypeBox infers a record keyed by a literal union poorly). */
export interface ImportMapping {
  fields?: Partial<Record<MappableField, string | null>>;
  kind?: { default?: EntryKind; column?: string; values?: Record<string, EntryKind> };
  themes?: {
    columns?: string[];
    separator?: string;
    values?: Record<string, string | string[]>;
    flags?: Record<string, string>;
    default?: string[];
  };
  tags?: { columns?: string[]; separator?: string };
  status?: EntryStatus;
}

/** What to do with a row that looks like an entry already in the atlas (similar name within 100 m). */
export const DuplicatePolicy = Type.Union([Type.Literal('skip'), Type.Literal('create')]);

/** POST /api/imports as JSON: the file's text in `content`, or a `url` to fetch it from. */
export const ImportRequest = Type.Object(
  {
    format: Type.Optional(ImportFormat),
    content: Type.Optional(Type.String()),
    url: Type.Optional(Type.String({ maxLength: 2000, pattern: '^https?://' })),
    filename: Type.Optional(Type.String({ maxLength: 300 })),
    mapping: Type.Optional(ImportMapping),
    dryRun: Type.Optional(Type.Boolean()),
    /** Stored as each entry's `source`; with the source's own ids, it is what later imports update by. */
    sourceName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    onDuplicate: Type.Optional(DuplicatePolicy),
  },
  { additionalProperties: false },
);
export type ImportRequest = Omit<Static<typeof ImportRequest>, 'mapping' | 'format'> & {
  mapping?: ImportMapping;
  format?: ImportFormat;
};

/** The named reasons a row is rejected. */
export const REJECT_REASONS = [
  'missing-name',
  'invalid-coordinates',
  'invalid-kind',
  'invalid-row',
  'deleted-in-source',
  'entry-deleted',
  'write-conflict',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * A row that was not imported. `row` is the row number a spreadsheet shows for CSV (the header is row 1),
 * and the position from 1 in a JSON list or FeatureCollection.
 */
export const RejectedRow = Type.Object({ row: Type.Integer(), reason: Type.String(), detail: Type.String() });
export type RejectedRow = Static<typeof RejectedRow>;

/** A row that matches something already there: the same source id, or a similar name within 100 m. */
export const DuplicateRow = Type.Object({
  row: Type.Integer(),
  name: Type.String(),
  reason: Type.Union([Type.Literal('same-source-id'), Type.Literal('similar-nearby')]),
  /** The entry it resembles, when it is already in the atlas. */
  entryId: Type.Union([Type.String(), Type.Null()]),
  /** The earlier row of the same file it resembles. */
  otherRow: Type.Union([Type.Integer(), Type.Null()]),
  otherName: Type.Union([Type.String(), Type.Null()]),
  distance: Type.Union([Type.Number(), Type.Null()]),
  similarity: Type.Union([Type.Number(), Type.Null()]),
});
export type DuplicateRow = Static<typeof DuplicateRow>;

/**
 * A link a row names whose target is neither in the file nor in the atlas (nor an entry id at all): the row
 * is imported, the link is not written.
 */
export const MissingRelation = Type.Object({
  row: Type.Integer(),
  type: RelationType,
  /** The target as the file names it (an entry id, or whatever text stood in its place). */
  target: Type.String(),
  /** The target's name, when the file gives one beside its id (the atlas's GeoJSON export does). */
  targetName: Type.Union([Type.String(), Type.Null()]),
});
export type MissingRelation = Static<typeof MissingRelation>;

/** One row of the source file as read: `row` as in the rejected rows, `cells` in the order of `columns`. */
export const SourceRow = Type.Object({
  row: Type.Integer(),
  cells: Type.Array(Type.Union([Type.String(), Type.Null()])),
});
export type SourceRow = Static<typeof SourceRow>;

/** Counters of an import; `done`/`total` are its progress. */
export const ImportCounts = Type.Object({
  read: Type.Integer(),
  create: Type.Integer(),
  update: Type.Integer(),
  unchanged: Type.Integer(),
  duplicate: Type.Integer(),
  rejected: Type.Integer(),
  toLocate: Type.Integer(),
  archive: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  archived: Type.Integer(),
  relations: Type.Integer(),
  done: Type.Integer(),
  total: Type.Integer(),
});
export type ImportCounts = Static<typeof ImportCounts>;

/** An import and its report, as GET /api/imports/:id returns it. */
export const ImportRecord = Type.Object({
  id: Type.String(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
    Type.Literal('reverted'),
  ]),
  dryRun: Type.Boolean(),
  format: Type.String(),
  sourceName: Type.Union([Type.String(), Type.Null()]),
  filename: Type.Union([Type.String(), Type.Null()]),
  counts: ImportCounts,
  report: Type.Object({
    encoding: Type.Optional(Type.String()),
    delimiter: Type.Optional(Type.String()),
    columns: Type.Optional(Type.Array(Type.String())),
    mapping: Type.Optional(ImportMapping),
    /** The first rows as they would become entries: a preview before anything is written. */
    sample: Type.Optional(Type.Array(Type.Unknown())),
    rejected: Type.Optional(Type.Array(RejectedRow)),
    duplicates: Type.Optional(Type.Array(DuplicateRow)),
    /** Links to entries that exist nowhere: planned in a dry run, as found once a real run has written its rows. */
    missingRelations: Type.Optional(Type.Array(MissingRelation)),
    /**
     * The first rows of the file as it was read, before any mapping: one cell per column of `columns` (as
     * text, null when empty), so a client can show what each column holds. Only in a dry run's answer.
     */
    sourceRows: Type.Optional(Type.Array(SourceRow)),
    /**
     * Values of the kind column (`mapping.kind.column`), with their count and the kind each becomes under
     * this mapping (null: the row is rejected). Only in a dry run's answer.
     */
    kindValues: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object({ count: Type.Integer(), kind: Type.Union([EntryKind, Type.Null()]) }),
      ),
    ),
    /** Theme source values seen, with the slug they map to (null: no theme of that name). */
    themeValues: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object({ count: Type.Integer(), slug: Type.Union([Type.String(), Type.Null()]) }),
      ),
    ),
    warnings: Type.Optional(Type.Array(Type.String())),
    error: Type.Optional(Type.String()),
    /** Milliseconds spent reading the file, classifying its rows, and writing them. */
    timings: Type.Optional(Type.Record(Type.String(), Type.Integer())),
    /** Set once reverted: what the revert did. */
    revert: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  }),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  revertedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ImportRecord = Omit<Static<typeof ImportRecord>, 'report'> & {
  report: Omit<Static<typeof ImportRecord>['report'], 'mapping'> & { mapping?: ImportMapping };
};

/** A source that is fetched again on a schedule (and on demand) and synced into the atlas. */
export const SyncSourceInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    url: Type.String({ maxLength: 2000, pattern: '^https?://' }),
    format: Type.Optional(
      Type.Union([
        Type.Literal('auto'),
        Type.Literal('geojson'),
        Type.Literal('gogocarto'),
        Type.Literal('umap'),
      ]),
    ),
    mapping: Type.Optional(ImportMapping),
    /** Minutes between two runs; 0 means on demand only. */
    intervalMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 * 24 * 31 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SyncSourceInput = Static<typeof SyncSourceInput>;

export const SyncSource = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  format: Type.String(),
  mapping: Type.Unknown(),
  intervalMinutes: Type.Integer(),
  enabled: Type.Boolean(),
  lastRunAt: Type.Union([Type.String(), Type.Null()]),
  lastStatus: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastImportId: Type.Union([Type.String(), Type.Null()]),
  nextRunAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type SyncSource = Static<typeof SyncSource>;
