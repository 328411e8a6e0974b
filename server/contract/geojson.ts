import { type Static, Type } from 'typebox';

// Finite numbers only: JSON cannot carry NaN or Infinity, and ranges are checked here, not in SQL.
const Longitude = Type.Number({ minimum: -180, maximum: 180 });
const Latitude = Type.Number({ minimum: -90, maximum: 90 });
/** A WGS84 position `[lng, lat]` (an optional altitude is accepted and dropped). */
export const Position = Type.Union([
  Type.Tuple([Longitude, Latitude]),
  Type.Tuple([Longitude, Latitude, Type.Number()]),
]);

/** A GeoJSON Point in WGS84. */
export const Point = Type.Object(
  { type: Type.Literal('Point'), coordinates: Position },
  { additionalProperties: false },
);
export type Point = Static<typeof Point>;

const LinearRing = Type.Array(Position, { minItems: 4 });
/** A GeoJSON Polygon in WGS84. */
export const Polygon = Type.Object(
  { type: Type.Literal('Polygon'), coordinates: Type.Array(LinearRing, { minItems: 1 }) },
  { additionalProperties: false },
);
/** A GeoJSON MultiPolygon in WGS84. */
export const MultiPolygon = Type.Object(
  {
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(LinearRing, { minItems: 1 }), { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type Polygon = Static<typeof Polygon>;
export type MultiPolygon = Static<typeof MultiPolygon>;
