import type { ThemeTree } from '../../../server/contract/theme';
import type { Lang } from '../../lib/i18n';

/** One theme as the client uses it: its labels, colour, parent and atlas-wide count. */
export interface ThemeInfo {
  slug: string;
  labels: { fr: string; en: string };
  color: string;
  count: number;
  /** The parent's slug; null for a top-level theme. */
  parent: string | null;
  /** The children's slugs (top-level themes only). */
  children: string[];
}

/** The theme tree, indexed by slug: labels, colours, and what a selection of themes includes. */
export class ThemeIndex {
  readonly byslug = new Map<string, ThemeInfo>();
  /** Top-level themes first, in the tree's order, each followed by its children. */
  readonly ordered: ThemeInfo[] = [];

  constructor(tree: ThemeTree = { themes: [] }) {
    for (const top of tree.themes) {
      const info: ThemeInfo = {
        slug: top.slug,
        labels: top.labels,
        color: top.color,
        count: top.count,
        parent: null,
        children: top.children.map((child) => child.slug),
      };
      this.byslug.set(top.slug, info);
      this.ordered.push(info);
      for (const child of top.children) {
        const childInfo: ThemeInfo = {
          slug: child.slug,
          labels: child.labels,
          color: child.color,
          count: child.count,
          parent: top.slug,
          children: [],
        };
        this.byslug.set(child.slug, childInfo);
        this.ordered.push(childInfo);
      }
    }
  }

  get(slug: string): ThemeInfo | undefined {
    return this.byslug.get(slug);
  }

  label(slug: string, lang: Lang): string {
    return this.byslug.get(slug)?.labels[lang] ?? slug;
  }

  /** The slugs a filter on `slugs` matches: a parent theme includes its children, as the API does. */
  expand(slugs: readonly string[]): Set<string> {
    const result = new Set<string>();
    for (const slug of slugs) {
      result.add(slug);
      for (const child of this.byslug.get(slug)?.children ?? []) result.add(child);
    }
    return result;
  }

  /** An entry's main theme: the first of its themes the tree knows, or null. */
  mainTheme(themes: readonly string[]): ThemeInfo | null {
    for (const slug of themes) {
      const info = this.byslug.get(slug);
      if (info) return info;
    }
    return null;
  }
}
