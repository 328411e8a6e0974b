import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
} from './format';
import { fromFullElement } from './gogocarto-element';

// GoGoCarto element statuses: below -1 the element was refused or deleted; -1 and 0 wait for moderation.
const LOWEST_VISIBLE_STATUS = -1;

/**
 * GoGoCarto's elements API (`/api/elements.json`): the full representation (`gogofull`: objects with
 * `geo`, `address`, `categories`), the compact one (`gogocompact`: arrays described by `mapping`), a
 * bare array of full elements, or one element (`/api/elements/:id`, whose `data` is an object).
 */
export const gogocartoParser: FormatParser = {
  async *parse({ json }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    const data = elementsOf(json);
    // An atlas's GoGoCarto export describes its themes, as its GeoJSON export does.
    if (isRecord(json) && Array.isArray(json.themes)) info.themes = json.themes;
    const ontology = isRecord(json) && typeof json.ontology === 'string' ? json.ontology : 'gogofull';
    const compactFields = compactFieldNames(json);
    const columns = new Set<string>();
    for (let i = 0; i < data.length; i++) {
      const rowNumber = i + 1;
      const element = data[i];
      const row = Array.isArray(element)
        ? fromCompact(element, compactFields, rowNumber)
        : isRecord(element)
          ? fromFullElement(element, rowNumber)
          : { rowNumber, reason: 'invalid-row', detail: `not a GoGoCarto element (${ontology})` };
      if ('properties' in row && columns.size < 500)
        for (const key of Object.keys(row.properties)) columns.add(key);
      yield row;
    }
    info.columns = [...columns];
  },
};

function elementsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isRecord(json) && Array.isArray(json.data)) return json.data;
  if (isRecord(json) && isRecord(json.data)) return [json.data];
  throw new ImportInputError('This is not a GoGoCarto export: no "data" list found.', 'invalid-gogocarto');
}

// Compact rows, three generations of them:
//  since 2020: [id, [fields named by mapping[1]], latitude, longitude, [category ids], status?, moderation?]
//  2018–2020:  [id, name, latitude, longitude, [category ids], status?, moderation?]
//  before:     [id, status, name, latitude, longitude, [[category id, index]…]]
function fromCompact(element: unknown[], fields: string[], rowNumber: number): ParserOutput {
  const [id, second, ...rest] = element;
  let properties: Record<string, unknown>;
  let position: unknown[];
  let categories: unknown;
  let status = 1;
  if (Array.isArray(second)) {
    properties = {};
    second.forEach((value, i) => {
      properties[fields[i] ?? (i === 0 ? 'name' : `field_${i + 1}`)] = value;
    });
    [position, categories] = [rest.slice(0, 2), rest[2]];
    if (typeof rest[3] === 'number') status = rest[3];
  } else if (typeof second === 'string') {
    properties = { name: second };
    [position, categories] = [rest.slice(0, 2), rest[2]];
    if (typeof rest[3] === 'number') status = rest[3];
  } else {
    status = Number(second);
    properties = { name: rest[0] };
    [position, categories] = [rest.slice(1, 3), rest[3]];
  }
  if (status < LOWEST_VISIBLE_STATUS) {
    return {
      rowNumber,
      reason: 'deleted-in-source',
      detail: `GoGoCarto status ${status} (refused or deleted)`,
    };
  }
  if (Array.isArray(categories))
    properties.categoryIds = categories.map((o) => String(Array.isArray(o) ? o[0] : o));
  properties.id = id;
  const latitude = Number(position[0]);
  const longitude = Number(position[1]);
  const geometry =
    Number.isFinite(latitude) && Number.isFinite(longitude)
      ? { type: 'Point', coordinates: [longitude, latitude] }
      : null;
  return {
    rowNumber,
    properties,
    geometry,
    ...(id !== undefined && id !== null ? { sourceRef: String(id) } : {}),
  };
}

// `mapping[1]` lists the template's fields; recent versions send them as an object of field → type.
function compactFieldNames(json: unknown): string[] {
  if (!isRecord(json) || !Array.isArray(json.mapping)) return ['name'];
  const fields = json.mapping[1];
  if (Array.isArray(fields)) return fields.map(String);
  if (isRecord(fields)) return Object.keys(fields);
  return ['name'];
}
