import type { EntryFeature } from '../../../server/contract/entry';
import { h } from '../../lib/dom';
import { formatNumber, getLang, t } from '../../lib/i18n';
import { DEFAULT_ENTRY_COLOR } from '../../map/layers';
import type { ThemeIndex } from './theme-index';

/** Themes listed by name in the legend; the others are counted together. */
const LEGEND_MAX = 10;

/**
 * The legend of the map: each colour with its theme's name and how many drawn entries have it as their main
 * theme, so that the colour is never the only way to tell (the list and the panel say the themes in words).
 */
export function renderLegend(
  container: HTMLElement,
  entries: readonly EntryFeature[],
  themes: ThemeIndex,
): void {
  const counts = new Map<string | null, number>();
  for (const entry of entries) {
    if (!entry.geometry) continue;
    const slug = themes.mainTheme(entry.properties.themes)?.slug ?? null;
    counts.set(slug, (counts.get(slug) ?? 0) + 1);
  }
  const ranked = [...counts].filter(([slug]) => slug !== null).sort((a, b) => b[1] - a[1]);
  const shown = ranked.slice(0, LEGEND_MAX);
  const others =
    ranked.slice(LEGEND_MAX).reduce((sum, [, count]) => sum + count, 0) + (counts.get(null) ?? 0);
  const item = (color: string, label: string, count: number) => {
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = color;
    return h('li', {}, swatch, h('span', {}, label), h('span', { class: 'count' }, formatNumber(count)));
  };
  const items = shown.map(([slug, count]) => {
    const theme = themes.get(slug as string);
    return item(theme?.color ?? DEFAULT_ENTRY_COLOR, theme?.labels[getLang()] ?? (slug as string), count);
  });
  if (others > 0) items.push(item(DEFAULT_ENTRY_COLOR, t('legend.others'), others));
  const cluster = h('span', { class: 'swatch swatch-cluster', 'aria-hidden': 'true' });
  container.replaceChildren(
    h('p', { class: 'legend-note' }, t('legend.colour')),
    items.length > 0 ? h('ul', { class: 'legend-items' }, ...items) : h('p', {}, t('legend.empty')),
    h('p', { class: 'legend-note' }, cluster, t('legend.cluster')),
  );
}
