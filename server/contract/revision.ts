import { type Static, Type } from 'typebox';

export const RevisionOp = Type.Union(
  ['create', 'update', 'delete', 'restore', 'status', 'revert', 'relate', 'unrelate'].map((op) => Type.Literal(op)),
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
