import { h } from '../../lib/dom';
import { formatNumber, getLang } from '../../lib/i18n';
import type { ThemeIndex, ThemeInfo } from '../themes/theme-index';

export interface ThemeCheckboxesOptions {
  /** Prefix of the checkboxes' ids (the filters and the editor each have their own). */
  idPrefix: string;
  /** Show each theme's atlas-wide count. */
  counts: boolean;
  /** A checked parent stands for its children (the filter's meaning); otherwise each box is on its own. */
  parentIncludesChildren: boolean;
  onChange(selected: string[]): void;
}

/**
 * The theme tree as nested lists of checkboxes: a label, the colour swatch (decorative: the label says it),
 * and optionally the count. Several themes may be checked at once.
 */
export class ThemeCheckboxes {
  readonly element: HTMLUListElement;
  private selected = new Set<string>();
  private readonly boxes = new Map<string, HTMLInputElement>();
  private themes: ThemeIndex | null = null;

  constructor(private readonly options: ThemeCheckboxesOptions) {
    this.element = h('ul', { class: 'theme-tree' });
    this.element.addEventListener('change', (event) => {
      const box = event.target;
      if (!(box instanceof HTMLInputElement) || !box.dataset.slug) return;
      this.toggle(box.dataset.slug, box.checked);
    });
  }

  setThemes(themes: ThemeIndex): void {
    this.themes = themes;
    this.boxes.clear();
    const tops = themes.ordered.filter((theme) => theme.parent === null);
    this.element.replaceChildren(
      ...tops.map((top) => {
        const children = top.children.map((slug) => themes.get(slug)).filter((c): c is ThemeInfo => !!c);
        return h(
          'li',
          {},
          this.item(top),
          children.length > 0 ? h('ul', {}, ...children.map((child) => h('li', {}, this.item(child)))) : null,
        );
      }),
    );
    this.sync();
  }

  setSelected(slugs: readonly string[]): void {
    this.selected = new Set(slugs);
    this.sync();
  }

  private item(theme: ThemeInfo): HTMLLabelElement {
    const id = `${this.options.idPrefix}-${theme.slug}`;
    const box = h('input', { type: 'checkbox', id, 'data-slug': theme.slug });
    this.boxes.set(theme.slug, box);
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = theme.color;
    return h(
      'label',
      { for: id, class: theme.parent ? 'theme-child' : 'theme-top' },
      box,
      swatch,
      h('span', { class: 'theme-label' }, theme.labels[getLang()]),
      this.options.counts ? h('span', { class: 'count' }, formatNumber(theme.count)) : null,
    );
  }

  private toggle(slug: string, checked: boolean): void {
    if (checked) {
      this.selected.add(slug);
      // A parent stands for its children in a filter: they need not be listed too.
      if (this.options.parentIncludesChildren)
        for (const child of this.themes?.get(slug)?.children ?? []) this.selected.delete(child);
    } else this.selected.delete(slug);
    this.sync();
    this.options.onChange([...this.selected]);
  }

  private sync(): void {
    for (const [slug, box] of this.boxes) {
      const parent = this.themes?.get(slug)?.parent ?? null;
      const implied = this.options.parentIncludesChildren && parent !== null && this.selected.has(parent);
      box.checked = this.selected.has(slug) || implied;
      box.disabled = implied;
    }
  }
}
