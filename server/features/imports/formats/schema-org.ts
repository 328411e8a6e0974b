import { isRecord } from './format';
import type { Unwrapped } from './record-shapes';

// schema.org nodes (a JSON-LD `@graph`, such as the atlas's own JSON-LD export): their properties are
// renamed to the atlas's own field names, so the usual mapping reads them.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/i;
const RESOURCE_TYPES = /CreativeWork|SoftwareApplication|SoftwareSourceCode|Dataset|Book|Course|WebSite/;

/** A schema.org node as a row, or null when the record has no schema.org `@type`. */
export function fromSchemaOrg(node: Record<string, unknown>): Unwrapped | null {
  const types = [node['@type']].flat().filter((t): t is string => typeof t === 'string');
  if (types.length === 0) return null;
  const properties: Record<string, unknown> = { kind: kindOf(types) };
  const id = text(node.identifier) ?? text(node['@id']);
  if (id) properties.id = id;
  for (const key of ['name', 'url', 'email', 'telephone'])
    if (node[key] !== undefined) properties[key] = node[key];
  const summary = text(node.disambiguatingDescription);
  const description = text(node.description);
  if (summary) properties.summary = summary;
  if (description && description !== summary) properties.description = description;
  if (isRecord(node.address)) properties.address = node.address;
  else if (typeof node.address === 'string') properties.address = { streetAddress: node.address };
  const links = [node.sameAs].flat().filter((l) => typeof l === 'string');
  if (links.length > 0) properties.links = links;
  keywordsOf(node.keywords, properties);
  const license = text(node.license);
  if (license) properties.license = license.replace(/^https?:\/\/spdx\.org\/licenses\//, '');
  const memberOf = [node.memberOf].flat().flatMap((m) => {
    const ref = isRecord(m) ? (text(m['@id']) ?? text(m.identifier)) : text(m);
    const uuid = ref ? UUID.exec(ref)?.[0] : undefined;
    return uuid ? [uuid.toLowerCase()] : [];
  });
  if (memberOf.length > 0) properties.relations = { memberOf };
  const geo = isRecord(node.geo)
    ? node.geo
    : isRecord(node.location) && isRecord(node.location.geo)
      ? node.location.geo
      : null;
  const lat = Number(geo?.latitude);
  const lng = Number(geo?.longitude);
  const row: Unwrapped = {
    properties,
    geometry:
      geo && Number.isFinite(lat) && Number.isFinite(lng) ? { type: 'Point', coordinates: [lng, lat] } : null,
  };
  if (id) row.sourceRef = id;
  const uuid = text(node.identifier);
  if (uuid && UUID.test(uuid) && uuid.length === 36) row.entryId = uuid.toLowerCase();
  return row;
}

function kindOf(types: string[]): string {
  if (types.includes('Place')) return 'place';
  if (types.some((t) => RESOURCE_TYPES.test(t))) return 'resource';
  if (types.some((t) => /Organization|Corporation|NGO/.test(t))) return 'network';
  return 'place';
}

// Keywords are plain words (tags) or DefinedTerms whose `termCode` is a theme slug.
function keywordsOf(value: unknown, properties: Record<string, unknown>): void {
  const themes: string[] = [];
  const tags: string[] = [];
  const list = typeof value === 'string' ? value.split(',') : [value].flat();
  for (const k of list) {
    if (isRecord(k)) {
      const code = text(k.termCode) ?? text(k.name);
      if (code) themes.push(code);
    } else if (typeof k === 'string' && k.trim()) tags.push(k.trim());
  }
  if (themes.length > 0) properties.themes = themes;
  if (tags.length > 0) properties.tags = tags;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
