import { type Static, Type } from 'typebox';

export const RevisionOp = Type.Union(
  ['create', 'update', 'delete', 'restore', 'status', 'revert', 'relate', 'unrelate'].map((op) =>
    Type.Literal(op),
  ),
);

/** One recorded change of an entry; `id` is global and increasing, and is the live feed's cursor. */
export const Revision = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  version: Type.Integer(),
  op: Type.String(),
  /** Changed fields: `{field: [before, after]}`. */
  changes: Type.Record(Type.String(), Type.Unknown()),
  actor: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  workshopId: Type.Union([Type.String(), Type.Null()]),
  importId: Type.Union([Type.String(), Type.Null()]),
  revertedFrom: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type Revision = Static<typeof Revision>;

/** A page of an entry's history, newest first; `next` continues further back. */
export const RevisionList = Type.Object({
  revisions: Type.Array(Revision),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type RevisionList = Static<typeof RevisionList>;

/** GET /api/entries/:id/revisions query string. */
export const RevisionQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    /** Only revisions older than this revision id (the `next` of the previous page). */
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
  },
  { additionalProperties: false },
);
export type RevisionQuery = Static<typeof RevisionQuery>;

/** POST /api/entries/:id/revert body: bring the entry back to how it was right after `revision`. */
export const RevertInput = Type.Object(
  { revision: Type.String({ pattern: '^[0-9]{1,18}$' }) },
  { additionalProperties: false },
);
export type RevertInput = Static<typeof RevertInput>;
