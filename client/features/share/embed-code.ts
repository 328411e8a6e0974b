import { type EmbedParams, formatEmbedParams } from '../embed/embed-params';
import type { AppState } from '../url-state/app-state';

/** What the share dialog turns into code: the embed's parameters and the iframe's height. */
export type ShareOptions = Partial<EmbedParams> & { height: number };

/** The embed parameters of the app's current filters and view. */
export function embedParamsFromApp(state: AppState, lang: 'fr' | 'en'): Partial<EmbedParams> {
  return {
    themes: state.themes,
    kinds: state.kinds,
    network: state.network,
    q: state.q.trim(),
    center: state.view ? [state.view.lng, state.view.lat] : null,
    zoom: state.view ? state.view.zoom : null,
    lang,
  };
}

export function embedUrl(origin: string, options: Partial<EmbedParams>): string {
  // The height goes on the iframe (or the element), not in the embed's own address.
  const search = formatEmbedParams({ ...options, height: null });
  return `${origin}/embed${search ? `?${search}` : ''}`;
}

/** A plain iframe: works everywhere, fixed height. */
export function iframeCode(origin: string, options: ShareOptions, title: string): string {
  return (
    `<iframe src="${escapeAttribute(embedUrl(origin, options))}" title="${escapeAttribute(title)}" ` +
    `width="100%" height="${Math.round(options.height)}" style="border:0" loading="lazy" ` +
    `allow="fullscreen; geolocation"></iframe>`
  );
}

/** The script tag and its element: a responsive iframe whose height follows the embed's content. */
export function scriptCode(origin: string, options: ShareOptions): string {
  const attributes: string[] = [];
  const add = (name: string, value: string | null | undefined) => {
    if (value) attributes.push(`${name}="${escapeAttribute(value)}"`);
  };
  add('theme', options.themes?.join(' '));
  add('kind', options.kinds?.join(' '));
  add('network', options.network);
  add('workshop', options.workshop);
  add('q', options.q);
  if (options.bbox) add('bbox', options.bbox.join(','));
  else if (options.center) {
    add('center', options.center.map((n) => Math.round(n * 1e5) / 1e5).join(','));
    if (options.zoom !== null && options.zoom !== undefined)
      add('zoom', String(Math.round(options.zoom * 100) / 100));
  }
  add('lang', options.lang);
  for (const name of ['list', 'live', 'legend'] as const) {
    if (options[name] !== undefined) add(name, options[name] ? '1' : '0');
  }
  if (options.basemap && options.basemap !== 'atlas') add('basemap', options.basemap);
  add('height', String(Math.round(options.height)));
  return (
    `<script src="${escapeAttribute(`${origin}/embed.js`)}" async></script>\n` +
    `<atlas-map ${attributes.join(' ')}></atlas-map>`
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
