import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
} from './format';

// GoGoCarto element statuses: below -1 the element was refused or deleted; -1 and 0 wait for moderation.
const LOWEST_VISIBLE_STATUS = -1;

/**
 * GoGoCarto's elements API (`/api/elements.json`): the full representation (`gogofull`: objects with
 * `geo`, `address`, `categories`), the compact one (`gogocompact`: arrays described by `mapping`), or a
 * bare array of full elements.
 */
export const gogocartoParser: FormatParser = {
  async *parse({ json }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    const data = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.data) ? json.data : null;
    if (!data)
      throw new ImportInputError(
        'This is not a GoGoCarto export: no "data" list found.',
        'invalid-gogocarto',
      );
    const ontology = isRecord(json) && typeof json.ontology === 'string' ? json.ontology : 'gogofull';
    const compactFields = compactFieldNames(json);
    const columns = new Set<string>();
    for (let i = 0; i < data.length; i++) {
      const rowNumber = i + 1;
      const element = data[i];
      const row = Array.isArray(element)
        ? fromCompact(element, compactFields, rowNumber)
        : isRecord(element)
          ? fromFull(element, rowNumber)
          : { rowNumber, reason: 'invalid-row', detail: `not a GoGoCarto element (${ontology})` };
      if ('properties' in row && columns.size < 500)
        for (const key of Object.keys(row.properties)) columns.add(key);
      yield row;
    }
    info.columns = [...columns];
  },
};

function fromFull(element: Record<string, unknown>, rowNumber: number): ParserOutput {
  const status = typeof element.status === 'number' ? element.status : Number(element.status ?? 1);
  if (Number.isFinite(status) && status < LOWEST_VISIBLE_STATUS) {
    return {
      rowNumber,
      reason: 'deleted-in-source',
      detail: `GoGoCarto status ${status} (refused or deleted)`,
    };
  }
  const { geo, ...properties } = element;
  const latitude = isRecord(geo) ? Number(geo.latitude) : Number.NaN;
  const longitude = isRecord(geo) ? Number(geo.longitude) : Number.NaN;
  if (Array.isArray(element.categoriesFull) && !Array.isArray(element.categories)) {
    properties.categories = element.categoriesFull.map((c) => (isRecord(c) ? c.name : c));
  }
  const geometry =
    Number.isFinite(latitude) && Number.isFinite(longitude)
      ? { type: 'Point', coordinates: [longitude, latitude] }
      : null;
  const id = element.id;
  return {
    rowNumber,
    properties,
    geometry,
    ...(typeof id === 'string' || typeof id === 'number' ? { sourceRef: String(id) } : {}),
  };
}

// Compact rows: [id, [fields used by the marker template], latitude, longitude, [category ids], status?, moderation?].
// Before 2019 they were [id, status, name, latitude, longitude, [[category id, index]…]].
function fromCompact(element: unknown[], fields: string[], rowNumber: number): ParserOutput {
  const [id, second, ...rest] = element;
  let properties: Record<string, unknown>;
  let latitude: number;
  let longitude: number;
  let status = 1;
  if (Array.isArray(second)) {
    properties = {};
    second.forEach((value, i) => {
      properties[fields[i] ?? (i === 0 ? 'name' : `field_${i + 1}`)] = value;
    });
    latitude = Number(rest[0]);
    longitude = Number(rest[1]);
    if (Array.isArray(rest[2])) properties.categoryIds = rest[2].map(String);
    if (typeof rest[3] === 'number') status = rest[3];
  } else {
    status = Number(second);
    properties = { name: rest[0] };
    latitude = Number(rest[1]);
    longitude = Number(rest[2]);
    if (Array.isArray(rest[3]))
      properties.categoryIds = rest[3].map((o) => String(Array.isArray(o) ? o[0] : o));
  }
  if (status < LOWEST_VISIBLE_STATUS) {
    return {
      rowNumber,
      reason: 'deleted-in-source',
      detail: `GoGoCarto status ${status} (refused or deleted)`,
    };
  }
  properties.id = id;
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

function compactFieldNames(json: unknown): string[] {
  if (!isRecord(json) || !Array.isArray(json.mapping)) return ['name'];
  const fields = json.mapping[1];
  return Array.isArray(fields) ? fields.map(String) : ['name'];
}
