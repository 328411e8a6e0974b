import type { ThemeTree } from '../../../server/contract/theme';
import { h } from '../../lib/dom';
import { type Lang, t } from '../../lib/i18n';

/**
 * The legend: the colour of each top-level theme (entries are drawn in their main theme's colour). With a
 * theme filter, only the top-level themes of the chosen ones are listed.
 */
export function renderEmbedLegend(
  container: HTMLElement,
  tree: ThemeTree,
  chosen: readonly string[],
  lang: Lang,
): void {
  const wanted = new Set(chosen);
  const tops = tree.themes.filter(
    (top) =>
      wanted.size === 0 || wanted.has(top.slug) || top.children.some((child) => wanted.has(child.slug)),
  );
  if (tops.length === 0) {
    container.hidden = true;
    return;
  }
  const items = tops.map((top) => {
    const swatch = h('span', { class: 'embed-legend-swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = top.color;
    return h('li', {}, swatch, top.labels[lang] ?? top.labels.fr);
  });
  container.replaceChildren(
    h(
      'details',
      { open: '' },
      h('summary', {}, t('embed.legend')),
      h('ul', { class: 'embed-legend-list' }, ...items),
    ),
  );
  container.hidden = false;
}
