import { type Static, Type } from 'typebox';

/** One field-level validation failure; `path` is a JSON Pointer into the request (e.g. `/properties/name`). */
export const FieldError = Type.Object({ path: Type.String(), message: Type.String() });

/** An RFC 9457 problem document: every error the API answers has this shape. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldError)),
  },
  { additionalProperties: true, $id: 'Problem' },
);
export type Problem = Static<typeof Problem>;
export type FieldError = Static<typeof FieldError>;
