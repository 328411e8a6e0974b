import type { ThemeTree } from '../../../server/contract/theme';

/**
 * For each theme slug, the colour of its top-level theme: an entry is drawn in its main theme's colour, and
 * a handful of top-level colours reads better on a map than one colour per sub-theme.
 */
export function mainThemeColors(tree: ThemeTree): Map<string, string> {
  const colors = new Map<string, string>();
  for (const theme of tree.themes) {
    colors.set(theme.slug, theme.color);
    for (const child of theme.children) colors.set(child.slug, theme.color);
  }
  return colors;
}

/** The colour of the first of `themes` that has one, or null. */
export function entryColor(themes: readonly string[], colors: ReadonlyMap<string, string>): string | null {
  for (const slug of themes) {
    const color = colors.get(slug);
    if (color) return color;
  }
  return null;
}
