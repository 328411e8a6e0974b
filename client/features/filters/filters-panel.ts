import type { EntryKind, EntryStatus } from '../../../server/contract/entry';
import { h } from '../../lib/dom';
import { formatNumber, t } from '../../lib/i18n';
import type { Actor } from '../../lib/session';
import { isModerator } from '../../lib/session';
import type { Store } from '../../lib/store';
import { debounce } from '../../lib/store';
import type { EntryStore } from '../entries/entry-store';
import { nameKey } from '../list/entry-sort';
import type { ThemeIndex } from '../themes/theme-index';
import { type AppState, KINDS, STATUSES } from '../url-state/app-state';
import { ThemeCheckboxes } from './theme-checkboxes';

export interface FiltersElements {
  /** The <details> holding the filters; its summary shows how many are on. */
  details: HTMLDetailsElement;
  activeCount: HTMLElement;
  body: HTMLElement;
}

/**
 * The filters: kinds (with the loaded counts), the theme tree (with the atlas counts, several at once, a
 * parent including its children), a network, the statuses (moderators only) and a button to clear them.
 * Every change goes to the state, hence to the URL.
 */
export class FiltersPanel {
  private readonly kindBoxes = new Map<EntryKind, { box: HTMLInputElement; count: HTMLElement }>();
  private readonly statusBoxes = new Map<EntryStatus, HTMLInputElement>();
  private readonly themeBoxes: ThemeCheckboxes;
  private readonly network: HTMLSelectElement;
  private readonly statusGroup: HTMLFieldSetElement;

  constructor(
    private readonly elements: FiltersElements,
    private readonly state: Store<AppState>,
    private readonly store: EntryStore,
  ) {
    const kinds = h('fieldset', { class: 'filter-group' }, h('legend', {}, t('filters.kind')));
    for (const kind of KINDS) {
      const box = h('input', { type: 'checkbox', id: `filter-kind-${kind}`, value: kind });
      const count = h('span', { class: 'count' });
      kinds.append(
        h('label', { for: box.id, class: 'check' }, box, h('span', {}, t(`kinds.${kind}`)), count),
      );
      box.addEventListener('change', () => this.toggleList('kinds', kind, box.checked));
      this.kindBoxes.set(kind, { box, count });
    }

    this.themeBoxes = new ThemeCheckboxes({
      idPrefix: 'filter-theme',
      counts: true,
      parentIncludesChildren: true,
      onChange: (themes) => state.set({ themes }),
    });
    const themes = h(
      'fieldset',
      { class: 'filter-group' },
      h('legend', {}, t('filters.themes')),
      this.themeBoxes.element,
    );

    this.network = h('select', { id: 'filter-network' });
    this.network.addEventListener('change', () => state.set({ network: this.network.value || null }));
    const network = h(
      'div',
      { class: 'filter-group' },
      h('label', { for: this.network.id }, t('filters.network')),
      this.network,
    );

    this.statusGroup = h('fieldset', { class: 'filter-group' }, h('legend', {}, t('filters.status')));
    this.statusGroup.hidden = true;
    for (const status of STATUSES) {
      const box = h('input', { type: 'checkbox', id: `filter-status-${status}`, value: status });
      box.addEventListener('change', () => this.toggleList('statuses', status, box.checked));
      this.statusBoxes.set(status, box);
      this.statusGroup.append(
        h('label', { for: box.id, class: 'check' }, box, h('span', {}, t(`entryStatus.${status}`))),
      );
    }

    const clear = h(
      'button',
      { type: 'button', class: 'button-secondary', id: 'filters-clear' },
      t('filters.clear'),
    );
    clear.addEventListener('click', () =>
      state.set({ kinds: [], themes: [], network: null, statuses: [], q: '' }),
    );

    elements.body.replaceChildren(kinds, network, this.statusGroup, themes, clear);
    state.subscribe(() => this.sync());
    const counts = debounce(() => this.updateCounts(), 150);
    store.subscribe(() => counts());
    this.updateCounts();
    this.sync();
  }

  setThemes(themes: ThemeIndex): void {
    this.themeBoxes.setThemes(themes);
    this.themeBoxes.setSelected(this.state.get().themes);
  }

  /** The status filter is for moderators: they alone see entries that are not published. */
  setActor(actor: Actor | null): void {
    const moderator = isModerator(actor);
    this.statusGroup.hidden = !moderator;
    if (!moderator && this.state.get().statuses.length > 0) this.state.set({ statuses: [] });
  }

  private toggleList<K extends 'kinds' | 'statuses'>(key: K, value: AppState[K][number], on: boolean): void {
    const current = this.state.get()[key] as AppState[K][number][];
    const next = on ? [...new Set([...current, value])] : current.filter((v) => v !== value);
    this.state.set({ [key]: next } as Partial<AppState>);
  }

  private sync(): void {
    const state = this.state.get();
    for (const [kind, { box }] of this.kindBoxes) box.checked = state.kinds.includes(kind);
    for (const [status, box] of this.statusBoxes) box.checked = state.statuses.includes(status);
    this.themeBoxes.setSelected(state.themes);
    if (this.network.value !== (state.network ?? '')) this.fillNetworks();
    const active = state.kinds.length + state.themes.length + state.statuses.length + (state.network ? 1 : 0);
    this.elements.activeCount.textContent = active > 0 ? t('filters.active', { count: active }) : '';
  }

  private updateCounts(): void {
    const counts = new Map<EntryKind, number>(KINDS.map((kind) => [kind, 0]));
    for (const entry of this.store.all())
      counts.set(entry.properties.kind, (counts.get(entry.properties.kind) ?? 0) + 1);
    for (const [kind, { count }] of this.kindBoxes) count.textContent = formatNumber(counts.get(kind) ?? 0);
    this.fillNetworks();
  }

  /** The networks among the loaded entries, by name; the selected one stays even when not loaded. */
  private fillNetworks(): void {
    const selected = this.state.get().network;
    const networks = this.store
      .all()
      .filter((entry) => entry.properties.kind === 'network')
      .sort((a, b) => (nameKey(a) < nameKey(b) ? -1 : 1));
    const options = [h('option', { value: '' }, t('filters.allNetworks'))];
    for (const network of networks) options.push(h('option', { value: network.id }, network.properties.name));
    if (selected && !networks.some((n) => n.id === selected))
      options.push(h('option', { value: selected }, t('filters.selectedNetwork')));
    this.network.replaceChildren(...options);
    this.network.value = selected ?? '';
  }
}
