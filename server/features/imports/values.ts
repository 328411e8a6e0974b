// Small normalizers for source values: every one returns null for a value it cannot use.

/** Lower case, no accents, runs of other characters as one `_`: how column names and values are compared. */
export function normalizeKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A theme slug candidate: lower case, no accents, words joined by `-`. */
export function slugify(value: string): string {
  return normalizeKey(value).replace(/_/g, '-');
}

/** A value read through a dotted path (`address.postalCode`), or undefined. */
export function readPath(properties: Record<string, unknown>, path: string): unknown {
  if (path in properties) return properties[path];
  let current: unknown = properties;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A trimmed, non-empty string from a scalar; arrays and objects give null. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' || t === '#N/D' || t.toLowerCase() === 'null' ? null : t;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return null;
}

/** Cuts a string to `max` characters, marking the cut with an ellipsis. */
export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}

/** A coordinate: a number, or a string with a `.` or a French `,` decimal separator. */
export function coordinate(value: unknown): number | null | 'invalid' {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid';
  const t = text(value);
  if (t === null) return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : 'invalid';
}

const URL_PATTERN = /^https?:\/\/[^\s]+$/i;

/** An http(s) URL; a bare `www.example.org` gains `https://`. */
export function httpUrl(value: unknown): string | null {
  const t = text(value);
  if (t === null || t.length > 2000) return null;
  if (URL_PATTERN.test(t)) return t;
  if (/^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/\S*)?$/i.test(t)) return `https://${t}`;
  return null;
}

/** A French postcode; spreadsheets drop the leading zero (`4000` for `04000`). */
export function postcode(value: unknown): string | null {
  const t = text(value);
  if (t === null || /^0+$/.test(t)) return null;
  if (/^\d{4}$/.test(t)) return `0${t}`;
  return t.length <= 20 ? t : null;
}

/** An INSEE commune code (`2A004` in Corsica), or null. */
export function inseeCode(value: unknown): string | null {
  const t = text(value)?.toUpperCase();
  if (!t || /^0+$/.test(t)) return null;
  const padded = /^\d{4}$/.test(t) ? `0${t}` : t;
  return /^[0-9AB]{5}$/.test(padded) ? padded : null;
}

/** Yes-like values of flag columns. */
export function truthy(value: unknown): boolean {
  if (value === true || value === 1) return true;
  const t = text(value);
  return t !== null && ['true', 'oui', 'yes', '1', 'x', 'vrai', 'y', 'o'].includes(t.toLowerCase());
}

/** The items of a list cell: an array, or a string split on the separator (`;`, `|` or `,` by default). */
export function listItems(value: unknown, separator?: string): string[] {
  if (Array.isArray(value)) return value.map(text).filter((v): v is string => v !== null);
  const t = text(value);
  if (t === null) return [];
  const parts = separator ? t.split(separator) : t.split(/[;|]/).length > 1 ? t.split(/[;|]/) : t.split(',');
  return parts.map((p) => p.trim()).filter(Boolean);
}
