import { type Static, Type } from 'typebox';

/** A theme and its children (two levels), with the count of published entries (a parent counts its children's). */
export interface ThemeNode {
  slug: string;
  labels: { fr: string; en: string };
  color: string;
  icon: string | null;
  count: number;
  children: ThemeNode[];
}

const ThemeFields = {
  slug: Type.String(),
  labels: Type.Object({ fr: Type.String(), en: Type.String() }),
  color: Type.String(),
  icon: Type.Union([Type.String(), Type.Null()]),
  count: Type.Integer(),
};
export const ThemeChild = Type.Object({ ...ThemeFields, children: Type.Array(Type.Object(ThemeFields)) });
export const ThemeTree = Type.Object({ themes: Type.Array(ThemeChild) });
export type ThemeTree = Static<typeof ThemeTree>;

/** Body of a theme write (admins only). */
export const ThemeInput = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 }),
    parent: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    labels: Type.Object(
      {
        fr: Type.String({ minLength: 1, maxLength: 100 }),
        en: Type.String({ minLength: 1, maxLength: 100 }),
      },
      { additionalProperties: false },
    ),
    color: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$' })),
    icon: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ThemeInput = Static<typeof ThemeInput>;

/** PATCH /api/themes/:slug body (admins only): any subset of a theme's fields. */
export const ThemePatch = Type.Partial(ThemeInput, { additionalProperties: false });
export type ThemePatch = Static<typeof ThemePatch>;

/** `:slug` of a theme route. */
export const ThemeParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 60 }) });
export type ThemeParams = Static<typeof ThemeParams>;
