import type { ThemeNode } from '../../contract/theme';
import type { ThemeRow } from './theme.repository';

/** Rows (parents and children, in display order) as the two-level tree of the API. */
export function toThemeTree(rows: ThemeRow[]): ThemeNode[] {
  const node = (row: ThemeRow): ThemeNode => ({
    slug: row.slug,
    labels: { fr: row.label_fr, en: row.label_en },
    color: row.color,
    icon: row.icon,
    count: row.count,
    children: [],
  });
  const parents = new Map<number, ThemeNode>();
  for (const row of rows) if (row.parent_id === null) parents.set(row.id, node(row));
  for (const row of rows) {
    if (row.parent_id !== null) parents.get(row.parent_id)?.children.push(node(row));
  }
  return [...parents.values()];
}
