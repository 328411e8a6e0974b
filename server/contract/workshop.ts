import { type Static, Type } from 'typebox';
import { MultiPolygon, Polygon } from './geojson';

export const WorkshopPolicy = Type.Union([Type.Literal('open'), Type.Literal('review')]);
export type WorkshopPolicy = Static<typeof WorkshopPolicy>;
export const WorkshopStatus = Type.Union([Type.Literal('open'), Type.Literal('closed')]);
export type WorkshopStatus = Static<typeof WorkshopStatus>;

/** A join code: short, upper case, from an alphabet without look-alike characters (no 0/O, 1/I/L). */
export const JoinCode = Type.String({ minLength: 4, maxLength: 12, pattern: '^[0-9A-Za-z-]+$' });

/** POST /api/workshops body. */
export const WorkshopInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    description: Type.Optional(Type.String({ maxLength: 5_000 })),
    startsAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    endsAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    policy: Type.Optional(WorkshopPolicy),
    /** The area of interest the map opens on. */
    area: Type.Optional(Type.Union([Polygon, MultiPolygon, Type.Null()])),
    /** Theme slugs proposed by default to the participants' new entries. */
    defaultThemes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type WorkshopInput = Static<typeof WorkshopInput>;

/** Counts shown to everyone; `online` is the number of participants connected to the live feed now. */
export const WorkshopCounts = Type.Object({
  published: Type.Integer(),
  participants: Type.Integer(),
  online: Type.Integer(),
});

/** What a facilitator sees in addition. */
export const WorkshopManagement = Type.Object({
  id: Type.String(),
  joinUrl: Type.String(),
  qrUrl: Type.String(),
  createdBy: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
  counts: Type.Object({
    pending: Type.Integer(),
    published: Type.Integer(),
    rejected: Type.Integer(),
    contributions: Type.Integer(),
  }),
  participants: Type.Array(
    Type.Object({ id: Type.String(), displayName: Type.String(), joinedAt: Type.String() }),
  ),
});

/** A workshop as the API returns it; `manage` is present only for its facilitators and admins. */
export const Workshop = Type.Object({
  code: Type.String(),
  title: Type.String(),
  description: Type.String(),
  startsAt: Type.Union([Type.String(), Type.Null()]),
  endsAt: Type.Union([Type.String(), Type.Null()]),
  policy: WorkshopPolicy,
  status: WorkshopStatus,
  area: Type.Union([MultiPolygon, Type.Null()]),
  defaultThemes: Type.Array(Type.String()),
  counts: WorkshopCounts,
  manage: Type.Optional(WorkshopManagement),
});
export type Workshop = Static<typeof Workshop>;

/** POST /api/workshops/:code/join body. */
export const JoinInput = Type.Object(
  { displayName: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }) },
  { additionalProperties: false },
);
export type JoinInput = Static<typeof JoinInput>;

/** The answer to a join: the token is shown once and never stored (only its hash is). */
export const JoinResult = Type.Object({
  token: Type.String(),
  contributor: Type.Object({ id: Type.String(), displayName: Type.String(), role: Type.String() }),
  workshop: Workshop,
});
export type JoinResult = Static<typeof JoinResult>;

/** POST /api/workshops/:code/moderate body: one id or many. */
export const ModerateInput = Type.Object(
  {
    ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 500 }),
    action: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
  },
  { additionalProperties: false },
);
export type ModerateInput = Static<typeof ModerateInput>;

/** Why an id of a moderation request was left as it was. */
export const ModerateSkipReason = Type.Union([
  Type.Literal('not-found'),
  Type.Literal('not-pending'),
  Type.Literal('other-workshop'),
]);

/** The answer to a moderation: what changed (with the new version and revision) and what was skipped. */
export const ModerateResult = Type.Object({
  updated: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      version: Type.Integer(),
      revision: Type.String(),
    }),
  ),
  skipped: Type.Array(Type.Object({ id: Type.String(), reason: ModerateSkipReason })),
});
export type ModerateResult = Static<typeof ModerateResult>;
