import type { EntryLink } from '../../../db/database';
import { LIMITS } from '../../contract/entry';
import { columnKey } from './mapping-extras';
import { httpUrl, text, truncate } from './values';

// Addresses a row carries beyond its mapped `url`: several sites in one cell, a `links` list, the
// social-network columns, and whether its e-mail is one.

const SOCIAL = [
  'twitter',
  'facebook',
  'mastodon',
  'instagram',
  'linkedin',
  'youtube',
  'rss',
  'contact_facebook',
  'contact_twitter',
];
// Several addresses in one cell: the "lieux de médiation numérique" schema separates them with `|`.
const URL_SEPARATORS = /\s*[|;]\s*|,\s+|\s+/;

/** The first http(s) address of a cell, and the others (`site_web` may hold a site and its social pages). */
export function urlsOf(value: unknown): { url: string | null; more: string[] } {
  const t = text(value);
  if (t === null) return { url: null, more: [] };
  const single = httpUrl(t);
  if (single && !/[|;\s]/.test(t)) return { url: single, more: [] };
  // Words that start like addresses are addresses; otherwise only `|` and `;` separate them, so that
  // a broken address with a space in it is dropped rather than cut.
  const marked = t
    .split(URL_SEPARATORS)
    .filter((part) => /^(https?:\/\/|www\.)/i.test(part))
    .map(httpUrl)
    .filter((u): u is string => u !== null);
  const urls =
    marked.length > 0
      ? marked
      : t
          .split(/\s*[|;]\s*/)
          .map(httpUrl)
          .filter((u): u is string => u !== null);
  return { url: urls[0] ?? null, more: urls.slice(1) };
}

/** An entry's links: a `links` or `urls` list (or `|`-separated cell), social columns, extra site addresses. */
export function linksOf(p: Record<string, unknown>, extraUrls: string[]): EntryLink[] {
  const links: EntryLink[] = [];
  const seen = new Set<string>();
  const add = (url: string | null, label?: string) => {
    if (!url || seen.has(url) || links.length >= LIMITS.linksMax) return;
    seen.add(url);
    links.push(label ? { url, label: truncate(label, 200) } : { url });
  };
  // `links` (atlas exports, fablabs.io), `urls` (GoGoCarto's list of {type, value}).
  for (const value of [p.links, p.urls]) {
    const list = typeof value === 'string' ? value.split(URL_SEPARATORS) : value;
    if (!Array.isArray(list)) continue;
    for (const link of list) {
      if (typeof link === 'string') add(httpUrl(link));
      else if (link && typeof link === 'object') {
        const l = link as Record<string, unknown>;
        add(httpUrl(l.url ?? l.value), text(l.label) ?? text(l.type) ?? undefined);
      }
    }
  }
  for (const url of extraUrls) add(url);
  for (const key in p) {
    const k = columnKey(key);
    if (!SOCIAL.includes(k)) continue;
    const t = text(p[key]);
    if (!t) continue;
    const label = k.replace(/^contact_/, '');
    if (label === 'twitter' && /^@\w+$/.test(t)) add(`https://twitter.com/${t.slice(1)}`, label);
    else add(httpUrl(t), label);
  }
  return links;
}

/** An e-mail address, or null for a placeholder (GoGoCarto writes `private`) or a broken value. */
export function emailOf(value: unknown): string | null {
  const t = text(value);
  return t && /\S@\S/.test(t) ? truncate(t, 300) : null;
}
