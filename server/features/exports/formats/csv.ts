import type { ExportRow } from '../export.rows';
import type { ExportFormat } from './format';

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV cell: quoted when needed, and neutralized against formula injection. A text that a spreadsheet
 * would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading `'`; plain
 * numbers (negative longitudes) are left as numbers.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join('|') : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const RELATION_TYPES = ['member_of', 'uses', 'maintains', 'contributes_to', 'partner_of'] as const;

const COLUMNS = [
  'id',
  'kind',
  'name',
  'summary',
  'description',
  'url',
  'street',
  'postcode',
  'city',
  'country',
  'insee_code',
  'latitude',
  'longitude',
  'themes',
  'tags',
  'links',
  'license',
  'status',
  'source',
  'source_ref',
  'to_locate',
  'created_at',
  'updated_at',
  // One column per relation type: the ids of the entries this one links to, so a round trip keeps them.
  ...RELATION_TYPES,
];

/** UTF-8 with a BOM (so Excel reads the accents), `,` separated, CRLF; lists joined with `|`. */
export const csvExport: ExportFormat = {
  contentType: 'text/csv; charset=utf-8',
  filename: 'atlas-des-communs.csv',
  head() {
    return `\uFEFF${csvLine(COLUMNS)}`;
  },
  row(r: ExportRow) {
    return csvLine([
      r.id,
      r.kind,
      r.name,
      r.summary,
      r.description,
      r.url,
      r.street,
      r.postcode,
      r.city,
      r.country,
      r.insee_code,
      r.lat,
      r.lng,
      r.themes,
      r.tags,
      r.links.map((l) => l.url),
      r.license,
      r.status,
      r.source,
      r.source_ref,
      r.to_locate,
      r.created_at.toISOString(),
      r.updated_at.toISOString(),
      ...RELATION_TYPES.map((type) => (r.relations ?? []).filter((x) => x.type === type).map((x) => x.id)),
    ]);
  },
  tail() {
    return '';
  },
};
