import type { ExportRow } from '../export.rows';
import type { ExportContext, ExportFormat } from './format';

const TYPES = { place: 'Place', network: 'Organization', resource: 'CreativeWork' } as const;

/** schema.org in JSON-LD: places as Place, networks as Organization, resources as CreativeWork. */
export const jsonldExport: ExportFormat = {
  contentType: 'application/ld+json; charset=utf-8',
  filename: 'atlas-des-communs.jsonld',
  head() {
    return '{"@context":"https://schema.org","@graph":[\n';
  },
  row(row, ctx, index) {
    return `${index > 0 ? ',\n' : ''}${JSON.stringify(toNode(row, ctx))}`;
  },
  tail() {
    return '\n]}\n';
  },
};

function toNode(r: ExportRow, ctx: ExportContext) {
  const node: Record<string, unknown> = {
    '@type': TYPES[r.kind],
    '@id': `${ctx.baseUrl}/api/entries/${r.id}`,
    identifier: r.id,
    name: r.name,
  };
  // schema.org's short description is `disambiguatingDescription`; readers show `description`.
  if (r.summary || r.description) node.description = r.description || r.summary;
  if (r.summary) node.disambiguatingDescription = r.summary;
  if (r.url) node.url = r.url;
  if (r.links.length > 0) node.sameAs = r.links.map((l) => l.url);
  // Themes are terms of the atlas's theme list (their code is the slug), tags plain words.
  const keywords = [
    ...r.themes.map((s) => ({
      '@type': 'DefinedTerm',
      name: ctx.themes.get(s)?.labels.fr ?? s,
      termCode: s,
      inDefinedTermSet: `${ctx.baseUrl}/api/themes`,
    })),
    ...r.tags,
  ];
  if (keywords.length > 0) node.keywords = keywords;
  if (r.street || r.postcode || r.city || r.country) {
    node.address = {
      '@type': 'PostalAddress',
      ...(r.street ? { streetAddress: r.street } : {}),
      ...(r.postcode ? { postalCode: r.postcode } : {}),
      ...(r.city ? { addressLocality: r.city } : {}),
      ...(r.country ? { addressCountry: r.country } : {}),
    };
  }
  if (r.lat !== null && r.lng !== null) {
    const geo = { '@type': 'GeoCoordinates', latitude: r.lat, longitude: r.lng };
    if (r.kind === 'place') node.geo = geo;
    else node.location = { '@type': 'Place', geo };
  }
  if (r.kind === 'resource' && r.license) node.license = `https://spdx.org/licenses/${r.license}`;
  const memberOf = (r.relations ?? []).filter((x) => x.type === 'member_of');
  if (memberOf.length > 0 && r.kind !== 'resource') {
    // A place that belongs to a network is an organisation as well as a place.
    if (r.kind === 'place') node['@type'] = ['Place', 'Organization'];
    node.memberOf = memberOf.map((m) => ({ '@id': `${ctx.baseUrl}/api/entries/${m.id}`, name: m.name }));
  }
  node.dateModified = r.updated_at.toISOString();
  return node;
}
