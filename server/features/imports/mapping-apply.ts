import type { EntryKind, EntryLink, EntryStatus } from '../../../db/database';
import { LIMITS } from '../../contract/entry';
import type { ImportMapping } from '../../contract/import';
import type { ParsedRow, SourceGeometry } from './formats/format';
import { type RowRelation, relationsOf, themeWord, withHours } from './mapping-extras';
import { emailOf, linksOf, urlsOf } from './mapping-links';
import { positionOf } from './mapping-position';
import type { ThemeResolver } from './theme-resolver';
import { inseeCode, listItems, normalizeKey, postcode, readPath, text, truncate, truthy } from './values';

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
  /** Links to other entries as the file names them; only those whose target exists are written. */
  relations: RowRelation[];
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
// An atlas export's ids, read back from a table: a uuid in the id column of a file that has a kind
// column (the CSV export) or a `pivot` (the médiation numérique export).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

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

  const position = positionOf(row, fields);
  if (position === 'invalid') {
    return {
      rowNumber: row.rowNumber,
      reason: 'invalid-coordinates',
      detail: 'coordinates are not numbers within WGS84 bounds',
    };
  }
  if (position.note) notes.note(position.note);

  const { url, more: moreUrls } = urlsOf(get('url'));
  if (url === null && text(get('url'))) notes.note('url dropped (not an http(s) address)');
  const summary = text(get('summary')) ?? '';
  const description = withHours(text(get('description')) ?? '', p);
  if (summary.length > LIMITS.summaryMax) notes.note(`summary cut to ${LIMITS.summaryMax} characters`);

  const status = text(p.status);
  const contact: Record<string, string> = {};
  const email = emailOf(get('email'));
  const phone = text(get('phone'));
  if (email) contact.email = email;
  else if (text(get('email'))) notes.note('e-mail dropped (not an address)');
  if (phone) contact.phone = truncate(phone, 300);
  const rawInsee = text(get('inseeCode'));
  const insee = inseeCode(rawInsee);
  if (rawInsee && !/^0+$/.test(rawInsee) && !insee) notes.note('INSEE code dropped (not 5 characters)');
  if (name.includes('\uFFFD') || (text(get('city')) ?? '').includes('\uFFFD')) {
    notes.note('text holds U+FFFD replacement characters: the file was already damaged before the import');
  }
  const license = text(get('license'));
  const sourceRef = text(get('id')) ?? row.sourceRef ?? null;
  const entryId =
    row.entryId ??
    (sourceRef && UUID.test(sourceRef) && (text(p.kind) || text(p.pivot)) ? sourceRef.toLowerCase() : null);
  return {
    rowNumber: row.rowNumber,
    entryId,
    sourceRef,
    kind,
    name,
    summary: truncate(summary, LIMITS.summaryMax),
    description: truncate(description, LIMITS.descriptionMax),
    url,
    links: linksOf(p, moreUrls),
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
      status && STATUSES.has(status) && entryId ? (status as EntryStatus) : (mapping.status ?? 'published'),
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
      let slugs = resolver.resolve(item);
      if (slugs.length === 0) slugs = resolver.resolve(themeWord(item));
      notes.theme(item, slugs[0] ?? null);
      for (const slug of slugs) themes.add(slug);
    }
  }
  for (const [column, slug] of Object.entries(mapping.themes?.flags ?? {})) {
    if (truthy(readPath(p, column)) && resolver.has(slug)) themes.add(slug);
  }
  return [...themes].slice(0, 20);
}
