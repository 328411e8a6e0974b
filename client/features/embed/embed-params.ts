import type { EntryKind } from '../../../server/contract/entry';

/** The basemaps an embed may ask for: the offline one whole, its world layer only (lighter), or none. */
export const BASEMAPS = ['atlas', 'world', 'none'] as const;
export type Basemap = (typeof BASEMAPS)[number];

const KINDS: readonly EntryKind[] = ['place', 'network', 'resource'];
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[0-9A-Za-z-]{4,12}$/;

/** What an embed shows, from its URL (documented in client/features/embed/README.md). */
export interface EmbedParams {
  themes: string[];
  kinds: EntryKind[];
  network: string | null;
  workshop: string | null;
  q: string;
  bbox: [number, number, number, number] | null;
  center: [number, number] | null;
  zoom: number | null;
  lang: 'fr' | 'en' | null;
  list: boolean;
  live: boolean;
  legend: boolean;
  basemap: Basemap;
  /** A workshop token: the embed then reads as that participant or facilitator (pending entries included). */
  token: string | null;
  /** Set by embed.js: the id its messages carry, and the page then reports its height to the host. */
  frame: string | null;
  /** With `frame`: the map's height in pixels (the list, if any, comes below it). */
  height: number | null;
}

export const DEFAULT_EMBED: EmbedParams = {
  themes: [],
  kinds: [],
  network: null,
  workshop: null,
  q: '',
  bbox: null,
  center: null,
  zoom: null,
  lang: null,
  list: false,
  live: false,
  legend: true,
  basemap: 'atlas',
  token: null,
  frame: null,
  height: null,
};

/** Reads the embed's query string; anything malformed keeps its default rather than breaking the page. */
export function parseEmbedParams(search: string): EmbedParams {
  const params = new URLSearchParams(search);
  const many = (name: string) =>
    params
      .getAll(name)
      .flatMap((value) => value.split(/[\s,]+/))
      .filter(Boolean);
  const network = params.get('network');
  const workshop = params.get('workshop');
  const lang = params.get('lang');
  const basemap = params.get('basemap');
  const zoom = Number(params.get('zoom'));
  const token = params.get('token');
  const frame = params.get('frame');
  const height = Number(params.get('height'));
  return {
    themes: unique(many('theme').filter((slug) => SLUG.test(slug) && slug.length <= 80)).slice(0, 50),
    kinds: unique(many('kind').filter((kind): kind is EntryKind => (KINDS as string[]).includes(kind))),
    network: network && UUID.test(network) ? network.toLowerCase() : null,
    workshop: workshop && CODE.test(workshop) ? workshop.toUpperCase() : null,
    q: (params.get('q') ?? '').trim().slice(0, 200),
    bbox: parseBbox(params.get('bbox')),
    center: parseCenter(params.get('center')),
    zoom: params.has('zoom') && Number.isFinite(zoom) && zoom >= 0 && zoom <= 20 ? zoom : null,
    lang: lang === 'fr' || lang === 'en' ? lang : null,
    list: flag(params.get('list'), DEFAULT_EMBED.list),
    live: flag(params.get('live'), DEFAULT_EMBED.live),
    legend: flag(params.get('legend'), DEFAULT_EMBED.legend),
    basemap: (BASEMAPS as readonly string[]).includes(basemap ?? '')
      ? (basemap as Basemap)
      : DEFAULT_EMBED.basemap,
    token: token && token.length <= 200 ? token : null,
    frame: frame && /^[0-9A-Za-z_-]{1,40}$/.test(frame) ? frame : null,
    height:
      params.has('height') && Number.isInteger(height) && height >= 150 && height <= 3000 ? height : null,
  };
}

/** The query string of `params`, without the defaults, in a stable order (the share dialog and oEmbed). */
export function formatEmbedParams(params: Partial<EmbedParams>): string {
  const out = new URLSearchParams();
  for (const theme of params.themes ?? []) out.append('theme', theme);
  for (const kind of params.kinds ?? []) out.append('kind', kind);
  if (params.network) out.set('network', params.network);
  if (params.workshop) out.set('workshop', params.workshop);
  if (params.q) out.set('q', params.q);
  if (params.bbox) out.set('bbox', params.bbox.map((n) => round(n, 5)).join(','));
  else if (params.center) out.set('center', params.center.map((n) => round(n, 5)).join(','));
  if (!params.bbox && params.center && params.zoom !== null && params.zoom !== undefined)
    out.set('zoom', String(round(params.zoom, 2)));
  if (params.lang) out.set('lang', params.lang);
  for (const name of ['list', 'live', 'legend'] as const) {
    const value = params[name];
    if (value !== undefined && value !== DEFAULT_EMBED[name]) out.set(name, value ? '1' : '0');
  }
  if (params.basemap && params.basemap !== DEFAULT_EMBED.basemap) out.set('basemap', params.basemap);
  if (params.token) out.set('token', params.token);
  if (params.frame) out.set('frame', params.frame);
  if (params.height) out.set('height', String(params.height));
  return out.toString();
}

function parseBbox(text: string | null): EmbedParams['bbox'] {
  const parts = (text ?? '').split(',').map(Number);
  if (parts.length !== 4 || !parts.every(Number.isFinite)) return null;
  const [w, s, e, n] = parts as [number, number, number, number];
  if (Math.abs(w) > 180 || Math.abs(e) > 180 || s < -90 || n > 90 || s >= n) return null;
  return [w, s, e, n];
}

function parseCenter(text: string | null): EmbedParams['center'] {
  const parts = (text ?? '').split(',').map(Number);
  if (parts.length !== 2 || !parts.every(Number.isFinite)) return null;
  const [lng, lat] = parts as [number, number];
  return Math.abs(lng) <= 180 && Math.abs(lat) <= 90 ? [lng, lat] : null;
}

function flag(value: string | null, fallback: boolean): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return fallback;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
