import type { ThemeTree } from '../../../server/contract/theme';

/**
 * For each theme slug, its own colour. An entry is drawn in its main theme's colour: the place types
 * (children of "Tiers-lieux") have hues far apart, and the children of the other themes are shades of
 * their parent's hue, so the map reads both by type of place and by field.
 */
export function mainThemeColors(tree: ThemeTree): Map<string, string> {
  const colors = new Map<string, string>();
  for (const theme of tree.themes) {
    colors.set(theme.slug, theme.color);
    for (const child of theme.children) colors.set(child.slug, child.color);
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
