import type { EntryFeature } from '../../contract/entry';
import type { MultiPolygon, Point } from '../../contract/geojson';

type Snapshot = Record<string, unknown>;

/**
 * Turns a revision snapshot (an entry row: snake_case columns, geometries as GeoJSON) into the API's
 * GeoJSON Feature. `contact` is private: it is kept only when `withPrivate` is true (moderators).
 */
export function snapshotToFeature(snapshot: Snapshot, withPrivate: boolean): EntryFeature {
  if (snapshot.type === 'Feature') return featureSnapshot(snapshot as unknown as EntryFeature, withPrivate);
  const createdBy = str(snapshot.created_by);
  const description = str(snapshot.description) ?? '';
  const properties: EntryFeature['properties'] = {
    kind: (str(snapshot.kind) ?? 'place') as EntryFeature['properties']['kind'],
    name: str(snapshot.name) ?? '',
    summary: str(snapshot.summary) ?? '',
    description,
    descriptionHtml: plainTextHtml(description),
    url: str(snapshot.url),
    links: Array.isArray(snapshot.links) ? (snapshot.links as EntryFeature['properties']['links']) : [],
    address: {
      street: str(snapshot.street),
      postcode: str(snapshot.postcode),
      city: str(snapshot.city),
      country: str(snapshot.country),
      inseeCode: str(snapshot.insee_code),
    },
    themes: strings(snapshot.themes),
    tags: strings(snapshot.tags),
    license: str(snapshot.license),
    area: multiPolygon(geometry(snapshot.area)),
    status: (str(snapshot.status) ?? 'published') as EntryFeature['properties']['status'],
    source: str(snapshot.source),
    toLocate: snapshot.to_locate === true,
    workshopId: str(snapshot.workshop_id),
    createdBy: createdBy ? { id: createdBy, displayName: str(snapshot.created_by_name) ?? '' } : null,
    version: Number(snapshot.version ?? 1),
    createdAt: str(snapshot.created_at) ?? '',
    updatedAt: str(snapshot.updated_at) ?? '',
    deletedAt: str(snapshot.deleted_at),
  };
  if (withPrivate) properties.contact = (snapshot.contact as Record<string, string> | null) ?? null;
  const point = geometry(snapshot.geom);
  return {
    type: 'Feature',
    id: String(snapshot.id),
    geometry: point?.type === 'Point' ? (point as Point) : null,
    properties,
  };
}

// A snapshot that already is a Feature (written by a writer that stores the API shape).
function featureSnapshot(feature: EntryFeature, withPrivate: boolean): EntryFeature {
  if (withPrivate || feature.properties.contact === undefined) return feature;
  const { contact: _private, ...properties } = feature.properties;
  return { ...feature, properties };
}

function str(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function geometry(value: unknown): { type: string; coordinates: unknown } | null {
  const parsed = typeof value === 'string' ? safeJson(value) : value;
  if (parsed && typeof parsed === 'object' && 'type' in parsed && 'coordinates' in parsed) {
    return parsed as { type: string; coordinates: unknown };
  }
  return null;
}

function multiPolygon(value: { type: string; coordinates: unknown } | null): MultiPolygon | null {
  if (!value) return null;
  if (value.type === 'MultiPolygon') return value as MultiPolygon;
  if (value.type === 'Polygon')
    return { type: 'MultiPolygon', coordinates: [value.coordinates] } as MultiPolygon;
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Without the entries feature's Markdown renderer at hand, paragraphs of escaped text are always safe.
function plainTextHtml(text: string): string {
  if (!text.trim()) return '';
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
