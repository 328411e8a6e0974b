import { isRecord, type ParserOutput } from './format';
import { htmlToMarkdown } from './html-text';

const LOWEST_VISIBLE_STATUS = -1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// GoGoCarto's short description is meant for the marker's popup; longer ones stay descriptions.
const SUMMARY_MAX = 280;
// What GoGoCarto writes instead of an address it keeps private.
const HIDDEN_EMAIL = /^(private|hidden|privé|prive)$/i;

/**
 * One element of GoGoCarto's full representation as a row. The fields GoGoCarto shapes its own way
 * become plain values: `geo` (or `lat`/`lng`, which GoGoCartoJs also reads) the geometry,
 * `categoriesFull`/`taxonomy` the categories, `openHours` a text, `description` + `descriptionMore`
 * the summary and the description.
 */
export function fromFullElement(element: Record<string, unknown>, rowNumber: number): ParserOutput {
  const status = typeof element.status === 'number' ? element.status : Number(element.status ?? 1);
  if (Number.isFinite(status) && status < LOWEST_VISIBLE_STATUS) {
    return {
      rowNumber,
      reason: 'deleted-in-source',
      detail: `GoGoCarto status ${status} (refused or deleted)`,
    };
  }
  const { geo, ...properties } = element;
  const point = isRecord(geo) ? geo : element;
  const latitude = coordinate(point.latitude ?? point.lat);
  const longitude = coordinate(point.longitude ?? point.lng ?? point.long);
  categoriesOf(element, properties);
  descriptionsOf(element, properties);
  const hours = openHoursOf(element);
  if (hours) properties.openHours = hours;
  delete properties.openHoursMoreInfos;
  delete properties.openHoursString;
  if (typeof element.email === 'string' && HIDDEN_EMAIL.test(element.email.trim())) delete properties.email;
  if (isRecord(element.address)) properties.address = addressOf(element.address);
  const geometry =
    latitude !== null && longitude !== null ? { type: 'Point', coordinates: [longitude, latitude] } : null;
  const id = element.id;
  const row: ParserOutput = {
    rowNumber,
    properties,
    geometry,
    ...(typeof id === 'string' || typeof id === 'number' ? { sourceRef: String(id) } : {}),
  };
  // An atlas export read back keeps its entries' ids (as a GeoJSON export does).
  if (typeof id === 'string' && UUID.test(id) && typeof element.kind === 'string')
    row.entryId = id.toLowerCase();
  return row;
}

function coordinate(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

function categoriesOf(element: Record<string, unknown>, properties: Record<string, unknown>): void {
  const names = (list: unknown[]) =>
    list.map((c) => (isRecord(c) ? c.name : c)).filter((c) => typeof c === 'string' && c.trim() !== '');
  if (Array.isArray(element.categories) && element.categories.some((c) => isRecord(c))) {
    properties.categories = names(element.categories);
  } else if (!Array.isArray(element.categories) && Array.isArray(element.categoriesFull)) {
    properties.categories = names(element.categoriesFull);
  }
  // Older exports and GoGoCartoJs datasets give only the taxonomy's option ids.
  const ids = element.taxonomy ?? element.optionValues;
  if (Array.isArray(ids) && properties.categories === undefined) {
    properties.categoryIds = ids.map((o) => String(isRecord(o) ? (o.optionId ?? o.id) : o));
    delete properties.taxonomy;
    delete properties.optionValues;
  }
}

function descriptionsOf(element: Record<string, unknown>, properties: Record<string, unknown>): void {
  const short = typeof element.description === 'string' ? htmlToMarkdown(element.description.trim()) : '';
  if (short) properties.description = short;
  if (!('descriptionMore' in element)) return;
  const more =
    typeof element.descriptionMore === 'string' ? htmlToMarkdown(element.descriptionMore.trim()) : '';
  delete properties.descriptionMore;
  if (short && short.length <= SUMMARY_MAX && properties.summary === undefined) {
    properties.summary = short;
    properties.description = more;
  } else {
    properties.description = [short, more].filter(Boolean).join('\n\n');
  }
}

// `openHours` is `{Mo: "09:00-12:00", Tu: …}` (OpenStreetMap day codes); free text may come beside it.
function openHoursOf(element: Record<string, unknown>): string | null {
  const parts: string[] = [];
  const hours = element.openHours;
  if (isRecord(hours)) {
    const days = Object.entries(hours)
      .filter(([, v]) => typeof v === 'string' && v.trim() !== '')
      .map(([day, v]) => `${day} ${String(v).trim()}`);
    if (days.length > 0) parts.push(days.join('; '));
  } else if (typeof hours === 'string' && hours.trim()) parts.push(hours.trim());
  for (const key of ['openHoursMoreInfos', 'openHoursString']) {
    const value = element[key];
    if (typeof value === 'string' && value.trim()) parts.push(value.trim());
  }
  return parts.length > 0 ? parts.join('. ') : null;
}

// schema.org PostalAddress, with GoGoCarto's own `streetNumber` and `customFormatedAddress`.
function addressOf(address: Record<string, unknown>): Record<string, unknown> {
  const result = { ...address };
  const street = typeof address.streetAddress === 'string' ? address.streetAddress.trim() : '';
  const number =
    typeof address.streetNumber === 'string' || typeof address.streetNumber === 'number'
      ? String(address.streetNumber).trim()
      : '';
  if (street && number && !street.startsWith(number)) result.streetAddress = `${number} ${street}`;
  if (!street && typeof address.customFormatedAddress === 'string') {
    result.streetAddress = address.customFormatedAddress.trim();
  }
  return result;
}
