import { type Static, Type } from 'typebox';

export const ReportReason = Type.Union([
  Type.Literal('closed'),
  Type.Literal('wrong'),
  Type.Literal('duplicate'),
  Type.Literal('off-charter'),
]);
export type ReportReason = Static<typeof ReportReason>;

/** POST /api/entries/:id/reports: anyone may report a problem with an entry. */
export const ReportInput = Type.Object(
  {
    reason: ReportReason,
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    /** With `duplicate`: the entry this one duplicates. */
    duplicateOf: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ReportInput = Static<typeof ReportInput>;

const Person = Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]);

/** A report; who sent it and who resolved it are shown to moderators only. */
export const Report = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  reason: ReportReason,
  comment: Type.String(),
  duplicateOf: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('dismissed')]),
  createdAt: Type.String(),
  reporter: Type.Optional(Person),
  resolvedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  resolvedBy: Type.Optional(Person),
  resolutionNote: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type Report = Static<typeof Report>;

/** A short view of an entry in the moderation queue; the full Feature is at /api/entries/:id. */
export const QueueEntry = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  summary: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  workshopId: Type.Union([Type.String(), Type.Null()]),
  createdBy: Person,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type QueueEntry = Static<typeof QueueEntry>;

/** GET /api/moderation/queue. */
export const ModerationQueue = Type.Object({
  pending: Type.Array(QueueEntry),
  reports: Type.Array(Type.Object({ ...Report.properties, entry: QueueEntry })),
  counts: Type.Object({ pending: Type.Integer(), openReports: Type.Integer() }),
});
export type ModerationQueue = Static<typeof ModerationQueue>;

export const BulkAction = Type.Union([
  Type.Literal('approve'),
  Type.Literal('reject'),
  Type.Literal('archive'),
]);

/** POST /api/moderation/bulk. */
export const BulkInput = Type.Object(
  {
    ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 500, uniqueItems: true }),
    action: BulkAction,
    /** Also close the open reports of these entries. */
    resolveReports: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type BulkInput = Static<typeof BulkInput>;

/** The outcome of a bulk action, entry by entry. */
export const BulkResult = Type.Object({
  action: BulkAction,
  changed: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      version: Type.Integer(),
      revisionId: Type.String(),
    }),
  ),
  unchanged: Type.Array(Type.String()),
  notFound: Type.Array(Type.String()),
  resolvedReports: Type.Integer(),
});
export type BulkResult = Static<typeof BulkResult>;

/** POST /api/moderation/reports/:id/resolve. */
export const ResolveInput = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('resolved'), Type.Literal('dismissed')])),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ResolveInput = Static<typeof ResolveInput>;
