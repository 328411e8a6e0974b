import { type Static, Type } from 'typebox';
import { type EntryKind, EntryRef } from './entry';

/** The types of link between two entries. */
export const RelationType = Type.Union([
  Type.Literal('member_of'),
  Type.Literal('uses'),
  Type.Literal('maintains'),
  Type.Literal('contributes_to'),
  Type.Literal('partner_of'),
]);
export type RelationType = Static<typeof RelationType>;

/** Which kinds each relation type links (from → to); `partner_of` is symmetric. */
export const RELATION_KINDS: Record<RelationType, { from: readonly EntryKind[]; to: readonly EntryKind[] }> =
  {
    member_of: { from: ['place', 'network'], to: ['network'] },
    uses: { from: ['place', 'network'], to: ['resource'] },
    maintains: { from: ['place', 'network'], to: ['resource'] },
    contributes_to: { from: ['place', 'network'], to: ['resource'] },
    partner_of: { from: ['place', 'network'], to: ['place', 'network'] },
  };

/** POST /api/relations body; `id` may be chosen by the client so that a retry makes no second link. */
export const RelationInput = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uuid' })),
    type: RelationType,
    from: Type.String({ format: 'uuid' }),
    to: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);
export type RelationInput = Static<typeof RelationInput>;

/** A typed link between two entries. */
export const Relation = Type.Object({
  id: Type.String(),
  type: RelationType,
  from: EntryRef,
  to: EntryRef,
  createdBy: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  workshopId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type Relation = Static<typeof Relation>;

/** GET /api/relations query string. */
export const RelationQuery = Type.Object(
  {
    /** Links from or to this entry. */
    entry: Type.Optional(Type.String({ format: 'uuid' })),
    from: Type.Optional(Type.String({ format: 'uuid' })),
    to: Type.Optional(Type.String({ format: 'uuid' })),
    type: Type.Optional(RelationType),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000, default: 100 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type RelationQuery = Static<typeof RelationQuery>;

/** A page of relations. */
export const RelationList = Type.Object({
  relations: Type.Array(Relation),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type RelationList = Static<typeof RelationList>;
