import type { ExportRow } from '../export.rows';
import type { ExportContext, ExportFormat } from './format';

// GoGoCarto's "validated by an admin" status: the element shows on the map.
const VISIBLE = 1;

/**
 * GoGoCarto's full element format (`ontology: gogofull`), which GoGoCarto and Transiscope import as a
 * JSON source. Entries without a location are left out: a GoGoCarto element needs one.
 */
export const gogocartoExport: ExportFormat = {
  contentType: 'application/json; charset=utf-8',
  filename: 'atlas-des-communs.gogocarto.json',
  onlyLocated: true,
  head() {
    return '{"licence":"https://www.etalab.gouv.fr/licence-ouverte-open-licence","ontology":"gogofull","data":[\n';
  },
  row(row, ctx, index) {
    return `${index > 0 ? ',\n' : ''}${JSON.stringify(toElement(row, ctx))}`;
  },
  tail() {
    return '\n]}\n';
  },
};

function toElement(r: ExportRow, ctx: ExportContext) {
  return {
    id: r.id,
    name: r.name,
    geo: { latitude: r.lat, longitude: r.lng },
    sourceKey: r.source ?? 'Atlas des communs',
    address: {
      streetAddress: r.street,
      addressLocality: r.city,
      postalCode: r.postcode,
      addressCountry: r.country,
    },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    status: VISIBLE,
    categories: r.themes.map((s) => ctx.themes.get(s)?.labels.fr ?? s),
    description: r.summary || r.description,
    website: r.url,
    tags: r.tags,
    kind: r.kind,
    url: `${ctx.baseUrl}/api/entries/${r.id}`,
  };
}
