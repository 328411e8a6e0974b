import { type Static, Type } from 'typebox';

/** GET /api/oembed query string (oEmbed 1.0, §2.2). */
export const OEmbedQuery = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 4000 }),
    maxwidth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    maxheight: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    format: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
export type OEmbedQuery = Static<typeof OEmbedQuery>;

/** The answer: a `rich` embed whose html is an iframe of the embed page. */
export const OEmbedResponse = Type.Object({
  version: Type.Literal('1.0'),
  type: Type.Literal('rich'),
  provider_name: Type.String(),
  provider_url: Type.String(),
  title: Type.String(),
  html: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  cache_age: Type.Integer(),
});
export type OEmbedResponse = Static<typeof OEmbedResponse>;

export const DEFAULT_SIZE = { width: 800, height: 500 } as const;
const PROVIDER = 'Atlas des communs';

/** The parameters an embed URL keeps (client/features/embed/README.md); others are dropped. */
const EMBED_PARAMS = [
  'theme',
  'kind',
  'network',
  'workshop',
  'q',
  'bbox',
  'center',
  'zoom',
  'lang',
  'list',
  'live',
  'legend',
  'basemap',
];

/** The pages that have an oEmbed: the app (its filters and view) and the embed page itself. */
export function isEmbeddablePath(path: string): boolean {
  return ['/', '/index.html', '/embed', '/embed.html'].includes(path);
}

/**
 * The embed page's query string for a page of the atlas: an embed URL keeps its parameters; an app URL
 * gives its filters, and its view (`map=zoom/lat/lng`) as center and zoom.
 */
export function embedSearchFor(page: URL): string {
  const out = new URLSearchParams();
  for (const name of EMBED_PARAMS)
    for (const value of page.searchParams.getAll(name)) out.append(name, value);
  const isApp = page.pathname === '/' || page.pathname === '/index.html';
  if (isApp) {
    // The app's `list=all` means something else than the embed's list switch.
    out.delete('list');
    const view = /^(-?[\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(page.searchParams.get('map') ?? '');
    if (view) {
      out.set('center', `${view[3]},${view[2]}`);
      out.set('zoom', view[1]!);
    }
  }
  return out.toString();
}

/** The oEmbed answer for a page of this atlas, or null when `pageUrl` is not one (another site, another path). */
export function oembedFor(
  pageUrl: string,
  base: string,
  max: { maxwidth?: number | undefined; maxheight?: number | undefined },
): OEmbedResponse | null {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return null;
  }
  if (page.origin !== new URL(base).origin || !isEmbeddablePath(page.pathname)) return null;
  const width = Math.min(DEFAULT_SIZE.width, max.maxwidth ?? DEFAULT_SIZE.width);
  const height = Math.min(DEFAULT_SIZE.height, max.maxheight ?? DEFAULT_SIZE.height);
  const search = embedSearchFor(page);
  const src = `${base}/embed${search ? `?${search}` : ''}`;
  const lang = page.searchParams.get('lang') === 'en' ? 'en' : 'fr';
  const title = lang === 'en' ? 'Map of the Atlas des communs' : 'Carte de l’Atlas des communs';
  return {
    version: '1.0',
    type: 'rich',
    provider_name: PROVIDER,
    provider_url: `${base}/`,
    title,
    html:
      `<iframe src="${escapeAttribute(src)}" width="${width}" height="${height}" title="${escapeAttribute(title)}" ` +
      'style="border:0;max-width:100%" loading="lazy" allow="fullscreen"></iframe>',
    width,
    height,
    cache_age: 3600,
  };
}

/** The discovery link of a page (oEmbed §4), to put in its <head>. */
export function discoveryLink(base: string, pageUrl: string): string {
  const href = `${base}/api/oembed?url=${encodeURIComponent(pageUrl)}&format=json`;
  return `<link rel="alternate" type="application/json+oembed" href="${escapeAttribute(href)}" title="${PROVIDER}" />`;
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
