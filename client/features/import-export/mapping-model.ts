import type { EntryKind } from '../../../server/contract/entry';
import { type ImportMapping, MAPPABLE_FIELDS, type MappableField } from '../../../server/contract/import';

/**
 * What a file column becomes: an entry field, the kind, themes (a list of values), tags, a yes/no column
 * that means one theme (`flag`, only as the server guessed it), or nothing (`''`).
 */
export type ColumnRole = '' | MappableField | 'kind' | 'themes' | 'tags' | 'flag';

/** The roles offered for any column, in the order of the editor's list. */
export const COLUMN_ROLES: readonly ColumnRole[] = [
  '',
  'name',
  'id',
  'summary',
  'description',
  'url',
  'street',
  'postcode',
  'city',
  'country',
  'inseeCode',
  'latitude',
  'longitude',
  'wkt',
  'email',
  'phone',
  'license',
  'kind',
  'themes',
  'tags',
];

/** The kind each value of the kind column becomes (null: rejected), as the dry run reports it. */
export type KindValues = Record<string, { count: number; kind: EntryKind | null }>;

/** What a column does in the mapping (the first role found, when a guess gave it two). */
export function roleOf(mapping: ImportMapping, column: string): ColumnRole {
  for (const field of MAPPABLE_FIELDS) if (mapping.fields?.[field] === column) return field;
  if (mapping.kind?.column === column) return 'kind';
  if (mapping.themes?.columns?.includes(column)) return 'themes';
  if (mapping.tags?.columns?.includes(column)) return 'tags';
  if (mapping.themes?.flags?.[column] !== undefined) return 'flag';
  return '';
}

/**
 * The mapping with `column` given `role` and nothing else; a field fed by another column before is fed by
 * this one now. The lists are always written out, so the server's guess never brings back what was removed.
 */
export function withRole(mapping: ImportMapping, column: string, role: ColumnRole): ImportMapping {
  const next = complete(mapping);
  if (role === roleOf(next, column)) return next;
  const fields = next.fields ?? {};
  for (const field of MAPPABLE_FIELDS) if (fields[field] === column) fields[field] = null;
  const kind = next.kind ?? {};
  if (kind.column === column) {
    delete kind.column;
    // The value mapping belonged to that column.
    delete kind.values;
  }
  const themes = next.themes ?? {};
  const tags = next.tags ?? {};
  themes.columns = (themes.columns ?? []).filter((c) => c !== column);
  tags.columns = (tags.columns ?? []).filter((c) => c !== column);
  if (themes.flags) delete themes.flags[column];
  if (role === 'kind') {
    delete kind.values;
    kind.column = column;
  } else if (role === 'themes') themes.columns.push(column);
  else if (role === 'tags') tags.columns.push(column);
  else if (role !== '' && role !== 'flag') fields[role] = column;
  return { ...next, fields, kind, themes, tags };
}

/** The kind of entries whose kind column is empty, or of all entries without a kind column. */
export function withDefaultKind(mapping: ImportMapping, kind: EntryKind): ImportMapping {
  const next = complete(mapping);
  return { ...next, kind: { ...next.kind, default: kind } };
}

/**
 * One value of the kind column set to a kind. Once any value is mapped the server rejects the values left
 * out, so every value the dry run saw is written out with the kind it has now.
 */
export function withKindValue(
  mapping: ImportMapping,
  seen: KindValues,
  value: string,
  kind: EntryKind,
): ImportMapping {
  const next = complete(mapping);
  const values: Record<string, EntryKind> = { ...next.kind?.values };
  for (const [v, info] of Object.entries(seen)) if (info.kind && !(v in values)) values[v] = info.kind;
  values[value] = kind;
  return { ...next, kind: { ...next.kind, values } };
}

/** One source value of the theme columns mapped to a theme, or to none (`null`). */
export function withThemeValue(mapping: ImportMapping, value: string, slug: string | null): ImportMapping {
  const next = complete(mapping);
  const values = { ...next.themes?.values, [value]: slug ?? [] };
  return { ...next, themes: { ...next.themes, values } };
}

// A deep copy with the lists present: edits never touch the mapping the dialog holds.
function complete(mapping: ImportMapping): ImportMapping {
  const copy = structuredClone(mapping);
  return {
    ...copy,
    fields: copy.fields ?? {},
    kind: copy.kind ?? {},
    themes: { ...copy.themes, columns: copy.themes?.columns ?? [], flags: copy.themes?.flags ?? {} },
    tags: { ...copy.tags, columns: copy.tags?.columns ?? [] },
  };
}
