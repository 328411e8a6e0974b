import type { EntryFeature } from '../../../server/contract/entry';
import { h } from '../../lib/dom';
import { formatNumber, getLang, t } from '../../lib/i18n';
import type { Store } from '../../lib/store';
import { debounce } from '../../lib/store';
import type { AtlasMap, MapViewport } from '../../map/atlas-map';
import type { EntryView, FilterLookups } from '../entries/entry-view';
import type { ThemeIndex } from '../themes/theme-index';
import type { AppState, SortOrder } from '../url-state/app-state';
import { entryDistance, inBounds, sortEntries } from './entry-sort';
import { VirtualList } from './virtual-list';

/** Row height in CSS pixels; the stylesheet gives `.vlist-row` the same height. */
export const ROW_HEIGHT = 60;

export interface EntryListElements {
  /** The list's heading (names the listbox). */
  heading: HTMLElement;
  /** A polite live region: how many entries the list holds. */
  count: HTMLElement;
  sort: HTMLSelectElement;
  /** Checked: only the entries in the map's view. */
  inView: HTMLInputElement;
  body: HTMLElement;
  empty: HTMLElement;
}

export interface EntryListOptions {
  elements: EntryListElements;
  view: EntryView;
  lookups: FilterLookups;
  state: Store<AppState>;
  map: AtlasMap | null;
  themes: () => ThemeIndex;
  onOpen(id: string): void;
}

/**
 * The list of the entries the map shows (or of all those that match the filters), sortable, virtualized:
 * the accessible equivalent of the map. It follows the map's moves and the filters, and keeps the focus
 * on the same entry when its content changes.
 */
export function startEntryList(options: EntryListOptions): {
  list: VirtualList<EntryFeature>;
  focus(): void;
} {
  const { elements, view, state, map } = options;
  let viewport: MapViewport | null = map?.getViewport() ?? null;
  let sorted: readonly EntryFeature[] = [];
  let lastCenter: readonly [number, number] = [2.5, 46.6];

  const list = new VirtualList<EntryFeature>({
    rowHeight: ROW_HEIGHT,
    labelledBy: elements.heading.id,
    key: (entry) => entry.id,
    isSelected: (entry) => entry.id === state.get().selected,
    onActivate: (entry) => options.onOpen(entry.id),
    renderRow: (entry, row) => renderRow(entry, row, options.themes(), state.get().sort, lastCenter),
  });
  elements.body.append(list.element);

  const announce = debounce((text: string) => {
    elements.count.textContent = text;
  }, 400);

  const update = () => {
    const current = state.get();
    const entries = view.entries();
    const center: readonly [number, number] = viewport ? [viewport.lng, viewport.lat] : lastCenter;
    lastCenter = center;
    // Entries without a location have no place on the map: "in view" cannot leave them out, or a resource
    // or a network without a seat could never be found in the list.
    const bounds = viewport?.bounds;
    const shown =
      current.inView && bounds
        ? entries.filter((entry) => (!entry.geometry && !entry.properties.area) || inBounds(entry, bounds))
        : entries;
    const order: SortOrder = current.sort === 'relevance' && !current.q.trim() ? 'name' : current.sort;
    // The view's entries come sorted by name already.
    sorted =
      order === 'name' ? shown : sortEntries(shown, order, { center, ranks: options.lookups.matches() });
    list.setItems(sorted);
    elements.empty.hidden = sorted.length > 0;
    list.element.hidden = sorted.length === 0;
    const key = current.inView && viewport ? 'list.countInView' : 'list.countAll';
    announce(t(key, { count: sorted.length }));
  };

  view.subscribe(update);
  map?.onViewChange((next) => {
    viewport = next;
    const current = state.get();
    if (current.inView || current.sort === 'distance') update();
  });
  state.subscribe((current, previous) => {
    elements.sort.value = current.sort;
    elements.inView.checked = current.inView;
    updateRelevanceOption(elements.sort, current.q.trim() !== '');
    if (current.sort !== previous.sort || current.inView !== previous.inView || current.q !== previous.q)
      update();
    else if (current.selected !== previous.selected) {
      list.refresh();
      if (current.selected) list.revealKey(current.selected);
    }
  });

  elements.sort.value = state.get().sort;
  elements.inView.checked = state.get().inView;
  updateRelevanceOption(elements.sort, state.get().q.trim() !== '');
  elements.sort.addEventListener('change', () => state.set({ sort: elements.sort.value as SortOrder }));
  elements.inView.addEventListener('change', () => state.set({ inView: elements.inView.checked }));
  update();
  return { list, focus: () => list.focus() };
}

function updateRelevanceOption(select: HTMLSelectElement, searching: boolean): void {
  const option = select.querySelector<HTMLOptionElement>('option[value="relevance"]');
  if (option) option.hidden = option.disabled = !searching;
}

function renderRow(
  entry: EntryFeature,
  row: HTMLElement,
  themes: ThemeIndex,
  sort: SortOrder,
  center: readonly [number, number],
): void {
  const p = entry.properties;
  const theme = themes.mainTheme(p.themes);
  const meta = [t(`kind.${p.kind}`)];
  if (theme) meta.push(theme.labels[getLang()]);
  if (p.address.city) meta.push(p.address.city);
  if (sort === 'distance') {
    const meters = entryDistance(entry, center);
    if (meters !== null) meta.push(formatDistance(meters));
  }
  if (sort === 'updated') meta.push(t('list.updated', { date: formatShortDate(p.updatedAt) }));
  if (p.status !== 'published') meta.push(t(`entryStatus.${p.status}`));
  const swatch = h('span', { class: `swatch swatch-${p.kind}`, 'aria-hidden': 'true' });
  if (theme) swatch.style.backgroundColor = theme.color;
  row.append(
    h('span', { class: 'row-name' }, p.name),
    h('span', { class: 'row-meta' }, swatch, meta.join(' · ')),
  );
}

export function formatDistance(meters: number): string {
  return meters < 1000
    ? formatNumber(Math.round(meters), { style: 'unit', unit: 'meter' })
    : formatNumber(meters / 1000, {
        style: 'unit',
        unit: 'kilometer',
        maximumFractionDigits: meters < 10_000 ? 1 : 0,
      });
}

function formatShortDate(iso: string): string {
  return new Intl.DateTimeFormat(getLang(), { dateStyle: 'short' }).format(new Date(iso));
}
