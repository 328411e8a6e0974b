import type { EntryFeature } from '../../contract/entry';

/** The columns of a workshop's CSV export, in order. */
export const CSV_COLUMNS = [
  'id',
  'kind',
  'name',
  'summary',
  'status',
  'longitude',
  'latitude',
  'street',
  'postcode',
  'city',
  'country',
  'insee_code',
  'url',
  'themes',
  'tags',
  'license',
  'contributor',
  'created_at',
  'updated_at',
  'description',
] as const;

/**
 * A CSV file that spreadsheets open right: UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting,
 * and text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with a quote.
 */
export function toCsv(features: readonly EntryFeature[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of features) {
    const p = f.properties;
    const [lng, lat] = f.geometry?.coordinates ?? [];
    const cells: (string | number | null | undefined)[] = [
      f.id,
      p.kind,
      p.name,
      p.summary,
      p.status,
      lng,
      lat,
      p.address.street,
      p.address.postcode,
      p.address.city,
      p.address.country,
      p.address.inseeCode,
      p.url,
      p.themes.join(';'),
      p.tags.join(';'),
      p.license,
      p.createdBy?.displayName,
      p.createdAt,
      p.updatedAt,
      p.description,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One cell: numbers as they are, text neutralized against formula injection, then quoted when needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
