import { type Static, Type } from 'typebox';

/** GET /api/health. */
export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  db: Type.Object({
    engine: Type.Union([Type.Literal('embedded'), Type.Literal('postgres')]),
    postgis: Type.String(),
  }),
  version: Type.String(),
});
export type Health = Static<typeof Health>;
