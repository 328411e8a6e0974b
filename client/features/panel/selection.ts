import type { EntryFeature } from '../../../server/contract/entry';
import { getEntry } from '../../lib/api-entries';
import { ApiError } from '../../lib/api-error';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { type Actor, isModerator } from '../../lib/session';
import type { Store } from '../../lib/store';
import type { AtlasMap, MapEntry } from '../../map/atlas-map';
import type { EntryStore } from '../entries/entry-store';
import type { EntryView } from '../entries/entry-view';
import { errorDetail, historySection } from '../history/history-section';
import { areaBox, inBounds } from '../list/entry-sort';
import type { ThemeIndex } from '../themes/theme-index';
import type { AppState } from '../url-state/app-state';
import { formatState } from '../url-state/url-codec';
import { type IncomingRelations, renderEntry } from './entry-panel';
import { fetchIncoming } from './incoming';
import type { PanelShell } from './panel-shell';

export interface SelectionOptions {
  panel: PanelShell;
  state: Store<AppState>;
  store: EntryStore;
  view: EntryView;
  map: AtlasMap | null;
  themes: () => ThemeIndex;
  actor: () => Actor | null;
  /** Opens the editor on this entry. */
  edit(entry: EntryFeature, etag: string): void;
}

/**
 * Follows `state.selected`: opens the entry in the panel (at once from the loaded entries, then complete
 * from the API with its relations and ETag), highlights it on the map, and for a network draws its
 * territory and members, for a resource the places and networks that use or maintain it.
 */
export class Selection {
  private controller: AbortController | null = null;
  private current: { entry: EntryFeature; etag: string | null; incoming: IncomingRelations | null } | null =
    null;
  /** True while the selection came from the map or the list: the map then stays where it is. */
  private fromView = false;

  constructor(private readonly options: SelectionOptions) {
    options.state.subscribe((state, previous) => {
      if (state.selected !== previous.selected) void this.show(state.selected);
    });
    // A live change of the open entry refreshes the panel without moving the focus.
    options.store.subscribe((change) => {
      const open = this.current;
      if (!open || change.type !== 'diff') return;
      const updated = change.upserted.find((entry) => entry.id === open.entry.id);
      // Never while the editor is open: the form keeps what the person typed.
      if (
        updated &&
        updated.properties.version > open.entry.properties.version &&
        options.panel.mode === 'entry'
      )
        void this.refresh();
    });
  }

  /** Opens an entry picked on the map or in the list. */
  select(id: string | null, fromView = true): void {
    this.fromView = fromView;
    if (id === this.options.state.get().selected && id !== null) void this.show(id);
    else this.options.state.set({ selected: id });
  }

  /** The entry shown, with its ETag once the full version has arrived. */
  get shown() {
    return this.current;
  }

  /** Shows the state's selection again (after the actor changed, or an edit). */
  async refresh(focus = false): Promise<void> {
    const id = this.options.state.get().selected;
    if (id) await this.show(id, focus);
  }

  /** Shows the open entry again, focused (the editor was cancelled). */
  reopen(): void {
    if (this.current) this.render(true);
    else this.options.panel.hide();
  }

  /** Replaces the entry shown by a newer version (after an edit or a revert). */
  update(entry: EntryFeature, etag: string): void {
    this.options.store.upsert([entry]);
    if (this.current?.entry.id === entry.id) {
      this.current = { ...this.current, entry, etag };
      this.render(true);
      // Then complete again (relations, highlight at the new place), keeping the focus where it is.
      void this.show(entry.id, false);
    }
  }

  private async show(id: string | null, focus = true): Promise<void> {
    const { panel, map, store } = this.options;
    this.controller?.abort();
    map?.select(id);
    if (!id) {
      this.current = null;
      map?.setHighlight(null);
      panel.hide();
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    const known = store.get(id);
    const fromView = this.fromView;
    this.fromView = false;
    if (known && this.current?.entry.id !== id) {
      this.current = { entry: known, etag: null, incoming: null };
      this.render(focus);
      if (!fromView) this.reveal(known);
    } else if (!known && this.current?.entry.id !== id) {
      const heading = h('h2', { id: 'panel-title' }, t('panel.loading'));
      panel.open([heading], { heading, mode: 'entry', onClose: () => this.closed(), focus });
    }
    try {
      const { entry, etag } = await getEntry(id, controller.signal);
      if (controller.signal.aborted) return;
      const wasShown = this.current?.entry.id === id;
      this.current = { entry, etag, incoming: this.current?.entry.id === id ? this.current.incoming : null };
      this.render(focus && !wasShown);
      if (!known && !fromView) this.reveal(entry);
      const { incoming, members } = await fetchIncoming(entry, controller.signal);
      if (controller.signal.aborted) return;
      this.current = { entry, etag, incoming };
      // Places have nothing pointing at them to show: no need to draw the panel again.
      if (incoming) this.render(false);
      this.highlight(entry, incoming, members);
    } catch (error) {
      if (controller.signal.aborted) return;
      const missing = error instanceof ApiError && error.status === 404;
      const heading = h('h2', { id: 'panel-title' }, missing ? t('panel.notFound') : t('panel.failed'));
      const detail = missing ? null : h('p', {}, errorDetail(error));
      if (!this.current || this.current.entry.id !== id || missing) {
        panel.open(detail ? [heading, detail] : [heading], {
          heading,
          mode: 'entry',
          onClose: () => this.closed(),
          focus,
        });
      }
    }
  }

  private render(focus: boolean): void {
    const open = this.current;
    if (!open) return;
    const { panel, state, themes, actor } = this.options;
    const { entry, etag } = open;
    const { heading, content } = renderEntry(
      entry,
      themes(),
      {
        entryHref: (id) =>
          `${window.location.pathname}${formatState({ ...state.get(), selected: id }, window.location.search)}`,
        select: (id) => this.select(id, false),
        // Editing needs the version the change is based on: the button comes with the full entry.
        ...(etag ? { edit: () => this.options.edit(entry, etag) } : {}),
        showOnMap: () => this.reveal(entry, true),
        filterOnNetwork: () => state.set({ network: entry.id, inView: false }),
      },
      open.incoming,
    );
    if (etag) {
      content.push(
        historySection({
          entry,
          etag,
          canRevert: isModerator(actor()),
          onReverted: (next, nextEtag) => this.update(next, nextEtag),
        }),
      );
    }
    panel.open(content, { heading, mode: 'entry', onClose: () => this.closed(), focus });
  }

  private closed(): void {
    this.current = null;
    this.controller?.abort();
    this.options.map?.select(null);
    this.options.map?.setHighlight(null);
    this.options.state.set({ selected: null });
  }

  /** Brings the entry into sight when it is not (a link, a URL, the "show on the map" button). */
  private reveal(entry: EntryFeature, always = false): void {
    const map = this.options.map;
    if (!map) return;
    const viewport = map.getViewport();
    if (!always && inBounds(entry, viewport.bounds)) return;
    const box = areaBox(entry);
    if (box) map.fitBounds(box, 9);
    else if (entry.geometry) {
      const [lng, lat] = entry.geometry.coordinates;
      map.flyTo([lng, lat], Math.max(viewport.zoom, 11));
    }
  }

  private highlight(entry: EntryFeature, incoming: IncomingRelations | null, members: EntryFeature[]): void {
    const { map, store, view } = this.options;
    if (!map) return;
    // The entry itself first: drawn above the clusters, it shows even where its neighbours are clustered.
    const related = new Map<string, EntryFeature>([[entry.id, entry]]);
    for (const member of members) related.set(member.id, member);
    for (const ref of [
      ...(incoming?.users ?? []),
      ...(incoming?.maintainers ?? []),
      ...(incoming?.contributors ?? []),
    ]) {
      const known = store.get(ref.id);
      if (known) related.set(ref.id, known);
    }
    const points = [...related.values()]
      .map((feature) => view.toMapEntry(feature))
      .filter((point): point is MapEntry => point !== null);
    const area = entry.properties.area;
    if (!area && points.length === 0) {
      map.setHighlight(null);
      return;
    }
    map.setHighlight({ areas: area ? [area] : [], entries: points });
    // A network is shown whole: its territory and its members.
    if (entry.properties.kind !== 'network') return;
    let box = areaBox(entry) ?? ([180, 90, -180, -90] as [number, number, number, number]);
    for (const p of points)
      box = [
        Math.min(box[0], p.lng),
        Math.min(box[1], p.lat),
        Math.max(box[2], p.lng),
        Math.max(box[3], p.lat),
      ];
    if (box[0] <= box[2]) map.fitBounds(box, 9);
  }
}
