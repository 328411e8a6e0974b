import type { EntryLink } from '../../../db/database';
import type { EntryKind, EntryStatus } from '../../contract/entry';
import type { MultiPolygon, Point } from '../../contract/geojson';
import type { EntryDraft } from '../entries/entry.draft';
import type { EntryRow } from '../entries/entry.repository';

/** An entry as a revision records it: the row's columns (snake_case), geometries as GeoJSON, theme slugs. */
export type EntrySnapshot = Record<string, unknown> & { id: string; version: number };

/** The fields whose before/after a revision's `changes` records. */
export const TRACKED_FIELDS = [
  'kind',
  'name',
  'summary',
  'description',
  'url',
  'links',
  'street',
  'postcode',
  'city',
  'country',
  'insee_code',
  'geom',
  'area',
  'tags',
  'license',
  'contact',
  'themes',
  'status',
  'to_locate',
  'deleted_at',
] as const;

export function toSnapshot(row: EntryRow): EntrySnapshot {
  const { computed_area: _computed, ...stored } = row;
  // Dates become ISO strings, as they are after a round trip through jsonb.
  return JSON.parse(JSON.stringify(stored)) as EntrySnapshot;
}

/** `{field: [before, after]}` for each tracked field that differs; `before` null means a creation. */
export function diffSnapshots(
  before: EntrySnapshot | null,
  after: EntrySnapshot,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of TRACKED_FIELDS) {
    const a = before ? (before[field] ?? null) : null;
    const b = after[field] ?? null;
    if (before === null && isEmpty(b)) continue;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field] = [a, b];
  }
  return changes;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

/**
 * The draft a revert writes back. Snapshots are entry rows, or API Features for writers that store that
 * shape (imports); both are read.
 */
export function snapshotToDraft(snapshot: Record<string, unknown>): EntryDraft {
  const feature = snapshot.type === 'Feature';
  const props = (feature ? snapshot.properties : snapshot) as Record<string, unknown>;
  const address = (feature ? props.address : props) as Record<string, unknown> | undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const geom = (feature ? snapshot.geometry : props.geom) as Point | null | undefined;
  return {
    kind: (str(props.kind) ?? 'place') as EntryKind,
    name: str(props.name) ?? '',
    summary: str(props.summary) ?? '',
    description: str(props.description) ?? '',
    url: str(props.url),
    links: Array.isArray(props.links) ? (props.links as EntryLink[]) : [],
    address: {
      street: str(address?.street),
      postcode: str(address?.postcode),
      city: str(address?.city),
      country: str(address?.country),
      inseeCode: str(feature ? address?.inseeCode : address?.insee_code),
    },
    geom: geom?.type === 'Point' ? geom : null,
    area: multiPolygon(props.area),
    tags: strings(props.tags),
    license: str(props.license),
    contact: (props.contact as Record<string, string> | null | undefined) ?? null,
    themes: strings(props.themes),
    status: (str(props.status) ?? 'published') as EntryStatus,
    toLocate: (feature ? props.toLocate : props.to_locate) === true,
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function multiPolygon(value: unknown): MultiPolygon | null {
  const g = value as { type?: string; coordinates?: unknown } | null | undefined;
  if (g?.type === 'MultiPolygon') return g as MultiPolygon;
  if (g?.type === 'Polygon') return { type: 'MultiPolygon', coordinates: [g.coordinates] } as MultiPolygon;
  return null;
}
