import { pointOnFeature } from '@turf/turf';
import wkx from 'wkx';
import type { EntryKind, EntryLink, EntryStatus, RelationType } from '../../../db/database';
import { LIMITS } from '../../contract/entry';
import type { ImportMapping } from '../../contract/import';
import type { ParsedRow, SourceGeometry } from './formats/format';
import type { ThemeResolver } from './theme-resolver';
import {
  coordinate,
  httpUrl,
  inseeCode,
  listItems,
  normalizeKey,
  postcode,
  readPath,
  text,
  truncate,
  truthy,
} from './values';

/** A row as it will be written: every field checked against the entry's limits. */
export interface NormalizedRow {
  rowNumber: number;
  /** An entry id carried by the file (an atlas export); otherwise one is chosen when it is created. */
  entryId: string | null;
  sourceRef: string | null;
  kind: EntryKind;
  name: string;
  summary: string;
  description: string;
  url: string | null;
  links: EntryLink[];
  street: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  inseeCode: string | null;
  lng: number | null;
  lat: number | null;
  /** A network's territory as GeoJSON MultiPolygon, when the file gives one. */
  area: { type: 'MultiPolygon'; coordinates: unknown } | null;
  tags: string[];
  themes: string[];
  contact: Record<string, string> | null;
  license: string | null;
  status: EntryStatus;
  relations: Array<{ type: RelationType; to: string }>;
}

export type MappedRow = NormalizedRow | { rowNumber: number; reason: string; detail: string };

/** Counts what the mapping changed or dropped, for the report's warnings. */
export class MappingNotes {
  readonly counts = new Map<string, number>();
  readonly themeValues = new Map<string, { count: number; slug: string | null }>();
  note(message: string): void {
    this.counts.set(message, (this.counts.get(message) ?? 0) + 1);
  }
  theme(value: string, slug: string | null): void {
    const seen = this.themeValues.get(value);
    if (seen) seen.count++;
    else if (this.themeValues.size < 500) this.themeValues.set(value, { count: 1, slug });
  }
  warnings(): string[] {
    return [...this.counts].map(([message, n]) => `${n} row${n > 1 ? 's' : ''}: ${message}`);
  }
}

const KINDS = new Set(['place', 'network', 'resource']);
const STATUSES = new Set(['published', 'pending', 'rejected', 'archived']);
const KIND_WORDS: Record<string, EntryKind> = { lieu: 'place', reseau: 'network', ressource: 'resource' };
const RELATION_KEYS: Record<string, RelationType> = {
  memberOf: 'member_of',
  uses: 'uses',
  maintains: 'maintains',
  contributesTo: 'contributes_to',
  partnerOf: 'partner_of',
};
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

/** Applies the mapping to one parsed row: an entry to write, or a rejection with a named reason. */
export function applyMapping(
  row: ParsedRow,
  mapping: ImportMapping,
  themes: ThemeResolver,
  notes: MappingNotes,
): MappedRow {
  const p = row.properties;
  const fields = mapping.fields ?? {};
  const get = (field: keyof NonNullable<ImportMapping['fields']>) => {
    const column = fields[field];
    return column ? readPath(p, column) : undefined;
  };
  const rawName = text(get('name'));
  if (!rawName)
    return {
      rowNumber: row.rowNumber,
      reason: 'missing-name',
      detail: `no value in "${fields.name ?? 'name'}"`,
    };
  const name = truncate(rawName, LIMITS.nameMax);
  if (name !== rawName) notes.note(`name cut to ${LIMITS.nameMax} characters`);

  const kind = kindOf(p, mapping);
  if (!kind)
    return {
      rowNumber: row.rowNumber,
      reason: 'invalid-kind',
      detail: `unknown kind "${text(readPath(p, mapping.kind?.column ?? 'kind'))}"`,
    };

  const position = positionOf(row, get('latitude'), get('longitude'), get('wkt'));
  if (position === 'invalid') {
    return {
      rowNumber: row.rowNumber,
      reason: 'invalid-coordinates',
      detail: 'coordinates are not numbers within WGS84 bounds',
    };
  }
  if (position.converted) notes.note(`${row.geometry?.type} geometry replaced by a point inside it`);

  const url = httpUrl(get('url'));
  if (url === null && text(get('url'))) notes.note('url dropped (not an http(s) address)');
  const summary = text(get('summary')) ?? '';
  const description = text(get('description')) ?? '';
  if (summary.length > LIMITS.summaryMax) notes.note(`summary cut to ${LIMITS.summaryMax} characters`);

  const status = text(p.status);
  const contact: Record<string, string> = {};
  const email = text(get('email'));
  const phone = text(get('phone'));
  if (email) contact.email = truncate(email, 300);
  if (phone) contact.phone = truncate(phone, 300);
  const rawInsee = text(get('inseeCode'));
  const insee = inseeCode(rawInsee);
  if (rawInsee && !/^0+$/.test(rawInsee) && !insee) notes.note('INSEE code dropped (not 5 characters)');
  if (name.includes('\uFFFD') || (text(get('city')) ?? '').includes('\uFFFD')) {
    notes.note('text holds U+FFFD replacement characters: the file was already damaged before the import');
  }
  const license = text(get('license'));
  return {
    rowNumber: row.rowNumber,
    entryId: row.entryId ?? null,
    sourceRef: text(get('id')) ?? row.sourceRef ?? null,
    kind,
    name,
    summary: truncate(summary, LIMITS.summaryMax),
    description: truncate(description, LIMITS.descriptionMax),
    url,
    links: linksOf(p),
    street: streetOf(p, get('street')),
    postcode: postcode(get('postcode')),
    city: truncateOrNull(text(get('city')), 200),
    country: truncateOrNull(text(get('country')), 100),
    inseeCode: insee,
    lng: position.lng,
    lat: position.lat,
    area: kind === 'network' ? areaOf(row.geometry, p.area) : null,
    tags: tagsOf(p, mapping),
    themes: themesOf(p, mapping, themes, notes),
    contact: Object.keys(contact).length > 0 ? contact : null,
    license: license && /^[A-Za-z0-9.+-]{1,100}$/.test(license) ? license : null,
    status:
      status && STATUSES.has(status) && row.entryId
        ? (status as EntryStatus)
        : (mapping.status ?? 'published'),
    relations: relationsOf(p),
  };
}

function kindOf(p: Record<string, unknown>, mapping: ImportMapping): EntryKind | null {
  const fallback = mapping.kind?.default ?? 'place';
  const column = mapping.kind?.column;
  if (!column) return fallback;
  const value = text(readPath(p, column));
  if (!value) return fallback;
  const key = normalizeKey(value);
  const values = mapping.kind?.values ?? {};
  for (const [from, kind] of Object.entries(values)) if (normalizeKey(from) === key) return kind;
  if (KINDS.has(key)) return key as EntryKind;
  if (KIND_WORDS[key]) return KIND_WORDS[key];
  return Object.keys(values).length > 0 ? null : fallback;
}

type Position = { lng: number | null; lat: number | null; converted: boolean };

function positionOf(
  row: ParsedRow,
  latValue: unknown,
  lngValue: unknown,
  wktValue: unknown,
): Position | 'invalid' {
  const none = { lng: null, lat: null, converted: false };
  // A row's own geometry wins; coordinate columns serve rows that have none.
  if (row.geometry) return pointOf(row.geometry);
  if (latValue !== undefined || lngValue !== undefined) {
    const lat = coordinate(latValue);
    const lng = coordinate(lngValue);
    if (lat === 'invalid' || lng === 'invalid') return 'invalid';
    if (lat === null || lng === null) return none;
    return checked(lng, lat, false);
  }
  const wkt = text(wktValue);
  if (wkt && /^\s*(SRID=\d+;)?\s*(MULTI)?(POINT|POLYGON|LINESTRING)/i.test(wkt)) {
    try {
      return pointOf(wkx.Geometry.parse(wkt).toGeoJSON() as SourceGeometry);
    } catch {
      return 'invalid';
    }
  }
  return none;
}

function pointOf(geometry: SourceGeometry): Position | 'invalid' {
  const c = geometry.coordinates;
  if (geometry.type === 'Point') {
    if (!Array.isArray(c) || c.length === 0) return { lng: null, lat: null, converted: false };
    const [lng, lat] = c;
    if (typeof lng !== 'number' || typeof lat !== 'number') return 'invalid';
    return checked(lng, lat, false);
  }
  try {
    const point = pointOnFeature({ type: 'Feature', properties: {}, geometry } as Parameters<
      typeof pointOnFeature
    >[0]);
    const [lng, lat] = point.geometry.coordinates;
    if (typeof lng !== 'number' || typeof lat !== 'number') return 'invalid';
    return checked(lng, lat, true);
  } catch {
    return 'invalid';
  }
}

function checked(lng: number, lat: number, converted: boolean): Position | 'invalid' {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90)
    return 'invalid';
  // (0, 0) is where a missing position lands in many tools: treat it as no position.
  if (lng === 0 && lat === 0) return { lng: null, lat: null, converted: false };
  return { lng: round7(lng), lat: round7(lat), converted };
}

function round7(n: number): number {
  return Math.round(n * 1e7) / 1e7;
}

function areaOf(geometry: SourceGeometry | null, area: unknown): NormalizedRow['area'] {
  const g = (area && typeof area === 'object' ? area : geometry) as SourceGeometry | null;
  if (g?.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates };
  if (g?.type === 'Polygon') return { type: 'MultiPolygon', coordinates: [g.coordinates] };
  return null;
}

function streetOf(p: Record<string, unknown>, street: unknown): string | null {
  const value = text(street);
  const number = text(p.adresse_numero ?? p.numero ?? p.c_numero);
  if (value && number && !value.startsWith(number)) return truncate(`${number} ${value}`, 300);
  return truncateOrNull(value, 300);
}

function truncateOrNull(value: string | null, max: number): string | null {
  return value === null ? null : truncate(value, max);
}

function linksOf(p: Record<string, unknown>): EntryLink[] {
  const links: EntryLink[] = [];
  const seen = new Set<string>();
  const add = (url: string | null, label?: string) => {
    if (!url || seen.has(url) || links.length >= LIMITS.linksMax) return;
    seen.add(url);
    links.push(label ? { url, label: truncate(label, 200) } : { url });
  };
  if (Array.isArray(p.links)) {
    for (const link of p.links) {
      if (typeof link === 'string') add(httpUrl(link));
      else if (link && typeof link === 'object') {
        const l = link as Record<string, unknown>;
        add(httpUrl(l.url), text(l.label) ?? undefined);
      }
    }
  }
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

function tagsOf(p: Record<string, unknown>, mapping: ImportMapping): string[] {
  const tags = new Set<string>();
  for (const column of mapping.tags?.columns ?? []) {
    for (const item of listItems(readPath(p, column), mapping.tags?.separator)) {
      if (item.length <= LIMITS.tagMax && tags.size < LIMITS.tagsMax) tags.add(item);
    }
  }
  return [...tags];
}

function themesOf(
  p: Record<string, unknown>,
  mapping: ImportMapping,
  resolver: ThemeResolver,
  notes: MappingNotes,
): string[] {
  const themes = new Set<string>((mapping.themes?.default ?? []).filter((s) => resolver.has(s)));
  for (const column of mapping.themes?.columns ?? []) {
    for (const item of listItems(readPath(p, column), mapping.themes?.separator)) {
      const slugs = resolver.resolve(item);
      notes.theme(item, slugs[0] ?? null);
      for (const slug of slugs) themes.add(slug);
    }
  }
  for (const [column, slug] of Object.entries(mapping.themes?.flags ?? {})) {
    if (truthy(readPath(p, column)) && resolver.has(slug)) themes.add(slug);
  }
  return [...themes].slice(0, 20);
}

function relationsOf(p: Record<string, unknown>): NormalizedRow['relations'] {
  const relations = p.relations;
  if (!relations || typeof relations !== 'object' || Array.isArray(relations)) return [];
  const result: NormalizedRow['relations'] = [];
  for (const [key, type] of Object.entries(RELATION_KEYS)) {
    const targets = (relations as Record<string, unknown>)[key];
    if (!Array.isArray(targets)) continue;
    for (const target of targets) {
      const id = typeof target === 'string' ? target : (target as { id?: unknown })?.id;
      if (typeof id === 'string' && UUID.test(id)) result.push({ type, to: id.toLowerCase() });
    }
  }
  return result;
}
