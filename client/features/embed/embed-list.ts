import type { EntryFeature } from '../../../server/contract/entry';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';

/** The list shows at most this many entries, sorted by name: beyond, the full atlas is one link away. */
export const LIST_MAX = 500;

/**
 * The embed's list: the accessible equivalent of the map, one item per entry (name, kind, city), with the
 * entry id in `data-entry-id`. It is rebuilt on each change: small enough for that at LIST_MAX items.
 */
export function renderEmbedList(
  list: HTMLElement,
  note: HTMLElement,
  entries: Iterable<EntryFeature>,
  lang: string,
): void {
  const collator = new Intl.Collator(lang, { sensitivity: 'base' });
  const all = [...entries].sort((a, b) => collator.compare(a.properties.name, b.properties.name));
  const shown = all.slice(0, LIST_MAX);
  list.replaceChildren(
    ...shown.map((entry) => {
      const city = entry.properties.address?.city;
      const details = [
        t(`embed.kind.${entry.properties.kind}`),
        city,
        entry.geometry ? null : t('embed.noLocation'),
      ]
        .filter(Boolean)
        .join(' · ');
      // Each name opens the entry in the full atlas (a new tab: the host page stays).
      const link = h(
        'a',
        {
          href: `/?entry=${encodeURIComponent(entry.id)}`,
          target: '_blank',
          rel: 'noopener',
          class: 'embed-list-name',
        },
        entry.properties.name,
      );
      const item = h('li', { 'data-entry-id': entry.id }, link);
      if (details) item.append(' ', h('span', { class: 'embed-list-details' }, details));
      return item;
    }),
  );
  list.dataset.count = String(all.length);
  note.textContent =
    all.length > LIST_MAX
      ? `${t('embed.entries', { count: all.length })} ${t('embed.listTruncated', { shown: LIST_MAX, count: all.length })}`
      : t('embed.entries', { count: all.length });
}
