import type { EntryLink, RelationType } from '../../../db/database';
import { LIMITS } from '../../contract/entry';
import { httpUrl, normalizeKey, text, truncate } from './values';

// Fields the mapping has no column for but that the field's files carry under well-known names:
// links, opening hours, relations. Read by name, like the social-network columns.

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Several addresses in one cell: the "lieux de médiation numérique" schema separates them with `|`.
const URL_SEPARATORS = /\s*[|;]\s*|\s+/;

/** The first http(s) address of a cell, and the others (`site_web` may hold a site and its social pages). */
export function urlsOf(value: unknown): { url: string | null; more: string[] } {
  const t = text(value);
  if (t === null) return { url: null, more: [] };
  const single = httpUrl(t);
  if (single && !/[|;\s]/.test(t)) return { url: single, more: [] };
  const urls = t
    .split(URL_SEPARATORS)
    .map(httpUrl)
    .filter((u): u is string => u !== null);
  return { url: urls[0] ?? null, more: urls.slice(1) };
}

/** An entry's links: a `links` list (or `|`-separated cell), social-network columns, extra site addresses. */
export function linksOf(p: Record<string, unknown>, extraUrls: string[]): EntryLink[] {
  const links: EntryLink[] = [];
  const seen = new Set<string>();
  const add = (url: string | null, label?: string) => {
    if (!url || seen.has(url) || links.length >= LIMITS.linksMax) return;
    seen.add(url);
    links.push(label ? { url, label: truncate(label, 200) } : { url });
  };
  const list = typeof p.links === 'string' ? p.links.split(URL_SEPARATORS) : p.links;
  if (Array.isArray(list)) {
    for (const link of list) {
      if (typeof link === 'string') add(httpUrl(link));
      else if (link && typeof link === 'object') {
        const l = link as Record<string, unknown>;
        add(httpUrl(l.url), text(l.label) ?? undefined);
      }
    }
  }
  for (const url of extraUrls) add(url);
  for (const [key, value] of Object.entries(p)) {
    const k = normalizeKey(key);
    if (!SOCIAL.includes(k)) continue;
    const t = text(value);
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

// Opening hours under the names the schemas and tools use (OpenStreetMap syntax or free text).
const HOURS = [
  'horaires',
  'horaire',
  'opening_hours',
  'openhours',
  'horaires_ouverture',
  'horaires_ouverture_osm',
  'horaires_accueil',
  'horaires_d_ouverture',
];
const DAY_COLUMN = /^horaires?_(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)$/;
/** The label that introduces opening hours in a description (exports read it back). */
export const HOURS_LABEL = 'Horaires : ';

/**
 * Opening hours, which entries have no field for: they are kept as the description's last paragraph
 * (`Horaires : Mo-Fr 09:00-12:00`), where people read them and the médiation numérique export finds them.
 */
export function withHours(description: string, p: Record<string, unknown>): string {
  let hours: string | null = null;
  const days: string[] = [];
  for (const [key, value] of Object.entries(p)) {
    const name = normalizeKey(key);
    if (HOURS.includes(name)) hours ??= text(value);
    // One column per day (`horaires_lundi`…), as some regional hubs collect them.
    const day = DAY_COLUMN.exec(name)?.[1];
    const dayHours = day ? text(value) : null;
    if (day && dayHours) days.push(`${day} ${dayHours}`);
  }
  hours ??= days.length > 0 ? days.join('; ') : null;
  if (!hours || description.includes(hours)) return description;
  const paragraph = `${HOURS_LABEL}${hours.replace(/\s*\n\s*/g, ' ')}`;
  return description ? `${description}\n\n${paragraph}` : paragraph;
}

const RELATION_KEYS: Record<string, RelationType> = {
  memberOf: 'member_of',
  uses: 'uses',
  maintains: 'maintains',
  contributesTo: 'contributes_to',
  partnerOf: 'partner_of',
};

/**
 * Typed links to other entries, by entry id: a `relations` object (GeoJSON and GoGoCarto exports), or
 * one column per type (`member_of`, `uses`… of the CSV export, ids separated by `|`).
 */
export function relationsOf(p: Record<string, unknown>): Array<{ type: RelationType; to: string }> {
  const nested = p.relations && typeof p.relations === 'object' && !Array.isArray(p.relations);
  const source = nested ? (p.relations as Record<string, unknown>) : p;
  const result: Array<{ type: RelationType; to: string }> = [];
  for (const [key, type] of Object.entries(RELATION_KEYS)) {
    const targets = nested ? source[key] : (source[key] ?? source[type]);
    const list = typeof targets === 'string' ? targets.split(/\s*[|;,]\s*/) : targets;
    if (!Array.isArray(list)) continue;
    for (const target of list) {
      const id = typeof target === 'string' ? target : (target as { id?: unknown })?.id;
      if (typeof id === 'string' && UUID.test(id)) result.push({ type, to: id.toLowerCase() });
    }
  }
  return result;
}

// The `typologie` codes of the "lieux de médiation numérique" schema (data.inclusion's structure types)
// that name a kind of place, and words the theme resolver knows them by.
const TYPOLOGIES: Record<string, string> = {
  bib: 'mediatheque',
  tiers_lieux: 'tiers-lieux',
  fablab: 'fablab',
  epn: 'epn',
  france_services: 'france services',
  msap: 'france services',
  rfs: 'france services',
  pimms: 'mediation numerique',
};

/** A source value as the theme resolver should read it (a schema code becomes its word). */
export function themeWord(value: string): string {
  return TYPOLOGIES[normalizeKey(value)] ?? value;
}
