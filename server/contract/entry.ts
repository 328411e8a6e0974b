import { type Static, Type } from 'typebox';
import { MultiPolygon, Point, Polygon } from './geojson';

/** Limits documented in the API and enforced both here and in the database. */
export const LIMITS = {
  nameMax: 200,
  summaryMax: 280,
  descriptionMax: 20_000,
  tagsMax: 30,
  tagMax: 60,
  linksMax: 20,
  urlMax: 2_000,
} as const;

export const EntryKind = Type.Union([
  Type.Literal('place'),
  Type.Literal('network'),
  Type.Literal('resource'),
]);
export type EntryKind = Static<typeof EntryKind>;
export const EntryStatus = Type.Union([
  Type.Literal('published'),
  Type.Literal('pending'),
  Type.Literal('rejected'),
  Type.Literal('archived'),
]);
export type EntryStatus = Static<typeof EntryStatus>;

/** An http(s) address. */
export const HttpUrl = Type.String({ maxLength: LIMITS.urlMax, pattern: '^https?://[^\\s]+$' });

export const Address = Type.Object(
  {
    street: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    postcode: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    city: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    country: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    inseeCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9AB]{5}$' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type Address = Static<typeof Address>;

export const Link = Type.Object(
  { url: HttpUrl, label: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

/** The writable properties of an entry, as a client sends them. */
export const EntryInputProperties = Type.Object(
  {
    kind: EntryKind,
    name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax, pattern: '\\S' }),
    summary: Type.Optional(Type.String({ maxLength: LIMITS.summaryMax })),
    description: Type.Optional(Type.String({ maxLength: LIMITS.descriptionMax })),
    url: Type.Optional(Type.Union([HttpUrl, Type.Null()])),
    links: Type.Optional(Type.Array(Link, { maxItems: LIMITS.linksMax })),
    address: Type.Optional(Address),
    themes: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 20 })),
    tags: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.tagMax }), { maxItems: LIMITS.tagsMax }),
    ),
    license: Type.Optional(
      Type.Union([Type.String({ maxLength: 100, pattern: '^[A-Za-z0-9.+-]+$' }), Type.Null()]),
    ),
    contact: Type.Optional(
      Type.Union([Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 300 })), Type.Null()]),
    ),
    area: Type.Optional(Type.Union([MultiPolygon, Polygon, Type.Null()])),
    status: Type.Optional(EntryStatus),
    workshop: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type EntryInputProperties = Static<typeof EntryInputProperties>;

/** POST /api/entries body: a GeoJSON Feature; `id` may be chosen by the client so retries are idempotent. */
export const EntryInput = Type.Object(
  {
    type: Type.Literal('Feature'),
    id: Type.Optional(Type.String({ format: 'uuid' })),
    geometry: Type.Union([Point, Type.Null()]),
    properties: EntryInputProperties,
  },
  { additionalProperties: false },
);
export type EntryInput = Static<typeof EntryInput>;

/** PATCH /api/entries/:id body: any subset of the properties, and optionally a new geometry. */
export const EntryPatch = Type.Object(
  {
    type: Type.Optional(Type.Literal('Feature')),
    geometry: Type.Optional(Type.Union([Point, Type.Null()])),
    properties: Type.Optional(Type.Partial(EntryInputProperties)),
  },
  { additionalProperties: false },
);
export type EntryPatch = Static<typeof EntryPatch>;

/** A short reference to another entry. */
export const EntryRef = Type.Object({ id: Type.String(), name: Type.String(), kind: EntryKind });
export type EntryRef = Static<typeof EntryRef>;

/** The properties of an entry as the API returns them. */
export const EntryProperties = Type.Object({
  kind: EntryKind,
  name: Type.String(),
  summary: Type.String(),
  description: Type.String(),
  /** `description` rendered from Markdown and sanitized. */
  descriptionHtml: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  links: Type.Array(Type.Object({ url: Type.String(), label: Type.Optional(Type.String()) })),
  address: Address,
  themes: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  license: Type.Union([Type.String(), Type.Null()]),
  /** Only for moderators. */
  contact: Type.Optional(Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()])),
  area: Type.Union([MultiPolygon, Type.Null()]),
  /** True when `area` was computed from the members of a network rather than drawn. */
  areaComputed: Type.Optional(Type.Boolean()),
  status: EntryStatus,
  source: Type.Union([Type.String(), Type.Null()]),
  toLocate: Type.Boolean(),
  workshopId: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  deletedAt: Type.Union([Type.String(), Type.Null()]),
  relations: Type.Optional(
    Type.Object({
      memberOf: Type.Array(EntryRef),
      uses: Type.Array(EntryRef),
      maintains: Type.Array(EntryRef),
      contributesTo: Type.Array(EntryRef),
      partnerOf: Type.Array(EntryRef),
      /** Entries pointing at this one, by relation type. */
      incoming: Type.Record(Type.String(), Type.Integer()),
    }),
  ),
  /** Distance in meters, only with `near`. */
  distance: Type.Optional(Type.Number()),
});
export type EntryProperties = Static<typeof EntryProperties>;

/** An entry as a GeoJSON Feature; `geometry` is null for an entry without a location. */
export const EntryFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Type.Union([Point, Type.Null()]),
  properties: EntryProperties,
});
export type EntryFeature = Static<typeof EntryFeature>;

/** A page of entries; `next` is the cursor of the following page, null on the last one. */
export const EntryCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(EntryFeature),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type EntryCollection = Static<typeof EntryCollection>;

/** The most entries one page may hold, and the default page size. */
export const PAGE = { default: 100, max: 1_000 } as const;
/** The largest `near` radius, in meters. */
export const NEAR_MAX_METERS = 1_000_000;

/** GET /api/entries query string; `kind`, `theme` and `status` may be repeated (any of them matches). */
export const EntryListQuery = Type.Object(
  {
    kind: Type.Optional(Type.Array(EntryKind, { maxItems: 3 })),
    /** Theme slugs; a parent theme includes its children. */
    theme: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 50 })),
    /** A network's id: its members. */
    network: Type.Optional(Type.String({ format: 'uuid' })),
    /** Anyone may ask for `published`; the other statuses are for moderators (and an author's own entries). */
    status: Type.Optional(Type.Array(EntryStatus, { maxItems: 4 })),
    /** `west,south,east,north` in degrees (WGS84); west > east crosses the antimeridian. */
    bbox: Type.Optional(Type.String({ maxLength: 200, examples: ['2.22,48.81,2.47,48.91'] })),
    /** `lng,lat,meters`: entries within that distance, nearest first (at most 1,000 km). */
    near: Type.Optional(Type.String({ maxLength: 200, examples: ['2.35,48.85,10000'] })),
    /** French full-text search over name, summary, description, tags and city; best matches first. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** A workshop's code or id. */
    workshop: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** Entries changed at or after this instant (ISO 8601). */
    updatedSince: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE.max, default: PAGE.default })),
    /** The `next` of the previous page. */
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600 })),
  },
  { additionalProperties: false },
);
export type EntryListQuery = Static<typeof EntryListQuery>;

/** `:id` of an entry route. */
export const EntryIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type EntryIdParams = Static<typeof EntryIdParams>;

/** Headers of a conditional write: `If-Match: "<version>"` (the ETag of the entry) is required. */
export const ConditionalHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 200, examples: ['"3"'] })),
});
