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
  // `themes` (not GoGoCarto's) describes the entries' themes, so an atlas that imports the file gets them.
  head(ctx) {
    const themes = JSON.stringify([...ctx.themes.values()]);
    return `{"licence":"https://www.etalab.gouv.fr/licence-ouverte-open-licence","ontology":"gogofull","themes":${themes},"data":[\n`;
  },
  row(row, ctx, index) {
    return `${index > 0 ? ',\n' : ''}${JSON.stringify(toElement(row, ctx))}`;
  },
  tail() {
    return '\n]}\n';
  },
};

const RELATION_KEYS = {
  member_of: 'memberOf',
  uses: 'uses',
  maintains: 'maintains',
  contributes_to: 'contributesTo',
  partner_of: 'partnerOf',
} as const;

// GoGoCarto shows `description` in the popup and `descriptionMore` below it: the summary and the
// description. The other fields GoGoCarto does not know (`themes`, `tags`, `kind`, `relations`) are kept
// as its "custom data", which GoGoCarto and this atlas's own import read back.
function toElement(r: ExportRow, ctx: ExportContext) {
  const relations: Record<string, string[]> = {};
  for (const x of r.relations ?? []) {
    const key = RELATION_KEYS[x.type];
    relations[key] = [...(relations[key] ?? []), x.id];
  }
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
      inseeCode: r.insee_code,
    },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    status: VISIBLE,
    categories: r.themes.map((s) => ctx.themes.get(s)?.labels.fr ?? s),
    themes: r.themes,
    description: r.summary || r.description,
    ...(r.summary ? { descriptionMore: r.description } : {}),
    website: r.url,
    links: r.links,
    tags: r.tags,
    kind: r.kind,
    ...(r.license ? { license: r.license } : {}),
    ...(Object.keys(relations).length > 0 ? { relations } : {}),
    // Not `url`: importers (ours too) read `url` as the place's own website.
    atlasUrl: `${ctx.baseUrl}/api/entries/${r.id}`,
  };
}
