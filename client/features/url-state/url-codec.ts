import type { EntryKind, EntryStatus } from '../../../server/contract/entry';
import {
  type AppState,
  INITIAL_STATE,
  KINDS,
  type MapView,
  SORT_ORDERS,
  type SortOrder,
  STATUSES,
} from './app-state';

// The state in the query string, readable and short:
// ?kind=place&theme=fablab&theme=libertes&network=<uuid>&status=pending&q=repair&entry=<uuid>
//  &map=6.5/45.7640/4.8357&sort=updated&list=all
// Parameters the app does not own (lang, a workshop's) are kept as they are.

const OWNED = ['kind', 'theme', 'network', 'status', 'q', 'entry', 'map', 'sort', 'list'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The state a query string describes; anything malformed is left at its default rather than refused. */
export function parseState(search: string): AppState {
  const params = new URLSearchParams(search);
  const kinds = unique(params.getAll('kind').filter((k): k is EntryKind => (KINDS as string[]).includes(k)));
  const statuses = unique(
    params.getAll('status').filter((s): s is EntryStatus => (STATUSES as string[]).includes(s)),
  );
  const themes = unique(params.getAll('theme').filter((slug) => SLUG.test(slug) && slug.length <= 80));
  const network = params.get('network');
  const entry = params.get('entry');
  const sort = params.get('sort');
  const q = (params.get('q') ?? '').slice(0, 200);
  return {
    kinds,
    themes,
    network: network && UUID.test(network) ? network.toLowerCase() : null,
    statuses,
    q,
    selected: entry && UUID.test(entry) ? entry.toLowerCase() : null,
    view: parseView(params.get('map')),
    sort:
      SORT_ORDERS.includes(sort as SortOrder) && (sort !== 'relevance' || q)
        ? (sort as SortOrder)
        : INITIAL_STATE.sort,
    inView: params.get('list') !== 'all',
  };
}

/** The query string (with its `?`, or empty) of `state`, keeping the parameters of `base` the app does not own. */
export function formatState(state: AppState, base = ''): string {
  const params = new URLSearchParams(base);
  for (const name of OWNED) params.delete(name);
  for (const kind of state.kinds) params.append('kind', kind);
  for (const theme of state.themes) params.append('theme', theme);
  if (state.network) params.set('network', state.network);
  for (const status of state.statuses) params.append('status', status);
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.selected) params.set('entry', state.selected);
  if (state.view) params.set('map', formatView(state.view));
  if (state.sort !== INITIAL_STATE.sort) params.set('sort', state.sort);
  if (!state.inView) params.set('list', 'all');
  const text = params.toString().replaceAll('%2F', '/');
  return text ? `?${text}` : '';
}

/** `zoom/lat/lng`, as OpenStreetMap writes it: 2 decimals of zoom, 4 of degrees (about 10 m). */
export function formatView(view: MapView): string {
  return `${round(view.zoom, 2)}/${round(view.lat, 4)}/${round(view.lng, 4)}`;
}

function parseView(text: string | null): MapView | null {
  if (!text) return null;
  const parts = text.split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [zoom, lat, lng] = parts as [number, number, number];
  if (zoom < 0 || zoom > 22 || lat < -85 || lat > 85 || lng < -180 || lng > 180) return null;
  return { zoom, lat, lng };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
