import type { ExportRow } from '../export.rows';
import type { ExportFormat } from './format';

const RELATION_KEYS = {
  member_of: 'memberOf',
  uses: 'uses',
  maintains: 'maintains',
  contributes_to: 'contributesTo',
  partner_of: 'partnerOf',
} as const;

/**
 * A FeatureCollection of entries, as the API shapes them, plus what a round trip needs: the entries'
 * ids, their outgoing relations, and the definitions of the themes they use (`themes`), so that the file
 * imported into an empty atlas gives the same entries back.
 */
export const geojsonExport: ExportFormat = {
  contentType: 'application/geo+json; charset=utf-8',
  filename: 'atlas-des-communs.geojson',
  head(ctx) {
    const themes = [...ctx.themes.values()];
    return `{"type":"FeatureCollection","generator":"atlas-des-communs","themes":${JSON.stringify(themes)},"features":[\n`;
  },
  row(row, _ctx, index) {
    return `${index > 0 ? ',\n' : ''}${JSON.stringify(toFeature(row))}`;
  },
  tail() {
    return '\n]}\n';
  },
};

export function toFeature(row: ExportRow) {
  const relations: Record<string, Array<{ id: string; name: string; kind: string }>> = {
    memberOf: [],
    uses: [],
    maintains: [],
    contributesTo: [],
    partnerOf: [],
  };
  for (const r of row.relations ?? [])
    relations[RELATION_KEYS[r.type]]?.push({ id: r.id, name: r.name, kind: r.kind });
  return {
    type: 'Feature',
    id: row.id,
    geometry:
      row.lng === null || row.lat === null ? null : { type: 'Point', coordinates: [row.lng, row.lat] },
    properties: {
      kind: row.kind,
      name: row.name,
      summary: row.summary,
      description: row.description,
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
      area: row.area ? JSON.parse(row.area) : null,
      status: row.status,
      source: row.source,
      sourceRef: row.source_ref,
      toLocate: row.to_locate,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      relations,
    },
  };
}
