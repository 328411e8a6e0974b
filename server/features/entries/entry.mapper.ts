import type { EntryFeature, EntryProperties } from '../../contract/entry';
import { renderMarkdown } from '../../lib/markdown';
import type { EntryRow } from './entry.repository';

export interface FeatureOptions {
  /** Moderators see `contact`. */
  withPrivate: boolean;
  relations?: EntryProperties['relations'];
  distance?: number | null;
}

/** The one place where an entry row becomes the API's GeoJSON Feature. */
export function toFeature(row: EntryRow, options: FeatureOptions): EntryFeature {
  const computed = !row.area && row.computed_area ? row.computed_area : null;
  const properties: EntryProperties = {
    kind: row.kind,
    name: row.name,
    summary: row.summary,
    description: row.description,
    descriptionHtml: renderMarkdown(row.description),
    url: row.url,
    links: row.links,
    address: {
      street: row.street,
      postcode: row.postcode,
      city: row.city,
      country: row.country,
      inseeCode: row.insee_code,
    },
    themes: row.themes,
    tags: row.tags,
    license: row.license,
    area: row.area ?? computed,
    ...(row.kind === 'network' ? { areaComputed: computed !== null } : {}),
    status: row.status,
    source: row.source,
    toLocate: row.to_locate,
    workshopId: row.workshop_id,
    createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: row.deleted_at ? iso(row.deleted_at) : null,
    ...(options.withPrivate ? { contact: row.contact } : {}),
    ...(options.relations ? { relations: options.relations } : {}),
    ...(options.distance === undefined || options.distance === null
      ? {}
      : { distance: Math.round(options.distance * 10) / 10 }),
  };
  return { type: 'Feature', id: row.id, geometry: row.geom, properties };
}

/** The entity tag of an entry version. */
export function etag(version: number): string {
  return `"${version}"`;
}

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
