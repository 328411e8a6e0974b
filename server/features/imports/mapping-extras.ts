import type { RelationType } from '../../../db/database';
import { isRecord } from './formats/format';
import { normalizeKey, text } from './values';

// Fields the mapping has no column for but that the field's files carry under well-known names:
// opening hours, relations, typologie codes. Read by name, like the social-network columns.

const keys = new Map<string, string>();

/** `normalizeKey` of a column name, remembered: the same few names come back on every row. */
export function columnKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = normalizeKey(name);
    if (keys.size < 10_000) keys.set(name, key);
  }
  return key;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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
  for (const key in p) {
    const name = columnKey(key);
    if (!name.startsWith('horaire') && !name.startsWith('open')) continue;
    if (HOURS.includes(name)) hours ??= text(p[key]);
    // One column per day (`horaires_lundi`…), as some regional hubs collect them.
    const day = DAY_COLUMN.exec(name)?.[1];
    const dayHours = day ? text(p[key]) : null;
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

const FLAT_RELATION_KEYS = Object.entries(RELATION_KEYS).flat();
// A row linking to more entries than this of one type is not a list of entries.
const MAX_RELATIONS_PER_TYPE = 1000;

/** A link a row names: its type, its target as written (an entry id, normally), and the target's name if given. */
export interface RowRelation {
  type: RelationType;
  to: string;
  name?: string;
}

/** The target is an entry id: only those can be written as relations. */
export function isEntryId(value: string): boolean {
  return UUID.test(value);
}

/**
 * Typed links to other entries: a `relations` object (GeoJSON and GoGoCarto exports, whose items may be
 * `{id, name}`), or one column per type (`member_of`, `uses`… of the CSV export, ids separated by `|`).
 * Targets that are not entry ids are kept as written, so the report can say which links were not made.
 */
export function relationsOf(p: Record<string, unknown>): RowRelation[] {
  const nested = p.relations && typeof p.relations === 'object' && !Array.isArray(p.relations);
  if (!nested && !FLAT_RELATION_KEYS.some((k) => k in p)) return [];
  const source = nested ? (p.relations as Record<string, unknown>) : p;
  const result: RowRelation[] = [];
  for (const [key, type] of Object.entries(RELATION_KEYS)) {
    const targets = nested ? source[key] : (source[key] ?? source[type]);
    const list = typeof targets === 'string' ? targets.split(/\s*[|;,]\s*/) : targets;
    if (!Array.isArray(list)) continue;
    for (const target of list.slice(0, MAX_RELATIONS_PER_TYPE)) {
      const item = isRecord(target) ? target : null;
      const raw = item ? item.id : target;
      const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim().slice(0, 200) : '';
      if (!id) continue;
      const name = text(item?.name);
      result.push({
        type,
        to: isEntryId(id) ? id.toLowerCase() : id,
        ...(name ? { name: name.slice(0, 200) } : {}),
      });
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
