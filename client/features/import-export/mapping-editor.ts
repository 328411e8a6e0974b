import type { EntryKind } from '../../../server/contract/entry';
import type { ImportMapping, ImportRecord } from '../../../server/contract/import';
import { h } from '../../lib/dom';
import { formatNumber, getLang, type MessageKey, t } from '../../lib/i18n';
import type { ThemeIndex } from '../themes/theme-index';
import {
  COLUMN_ROLES,
  type ColumnRole,
  roleOf,
  withDefaultKind,
  withKindValue,
  withRole,
  withThemeValue,
} from './mapping-model';

const ROLE_LABELS: Record<Exclude<ColumnRole, 'flag'>, MessageKey> = {
  '': 'import.role.none',
  id: 'import.role.id',
  name: 'import.role.name',
  summary: 'import.role.summary',
  description: 'import.role.description',
  url: 'import.role.url',
  street: 'import.role.street',
  postcode: 'import.role.postcode',
  city: 'import.role.city',
  country: 'import.role.country',
  inseeCode: 'import.role.inseeCode',
  email: 'import.role.email',
  phone: 'import.role.phone',
  latitude: 'import.role.latitude',
  longitude: 'import.role.longitude',
  wkt: 'import.role.wkt',
  license: 'import.role.license',
  kind: 'import.role.kind',
  themes: 'import.role.themes',
  tags: 'import.role.tags',
};
const KINDS: readonly EntryKind[] = ['place', 'network', 'resource'];
const EXAMPLES = 3;

/**
 * Step 2's mapping editor, drawn from a dry run's answer: what each file column becomes (with a few of its
 * values), the default kind, and the value mappings of the kind and theme columns. Every change hands a
 * new mapping to `onChange`; the dialog then asks for a new dry run.
 */
export function renderMappingEditor(
  record: ImportRecord,
  mapping: ImportMapping,
  themes: ThemeIndex,
  onChange: (mapping: ImportMapping) => void,
): HTMLElement {
  const report = record.report;
  const columns = report.columns ?? [];
  const rows = report.sourceRows ?? [];
  const examples = (index: number) => {
    const seen = new Set<string>();
    for (const row of rows) {
      const cell = row.cells[index];
      if (cell && seen.size < EXAMPLES) seen.add(cell.length > 60 ? `${cell.slice(0, 59)}…` : cell);
    }
    return [...seen].join(' · ');
  };

  const columnRows = columns.map((column, index) => {
    const role = roleOf(mapping, column);
    const select = h('select', {
      id: `import-role-${index}`,
      'aria-label': t('import.mapping.roleFor', { column }),
    });
    for (const option of COLUMN_ROLES)
      select.append(h('option', { value: option }, t(ROLE_LABELS[option as Exclude<ColumnRole, 'flag'>])));
    const flag = mapping.themes?.flags?.[column];
    if (flag !== undefined)
      select.append(
        h('option', { value: 'flag' }, t('import.role.flag', { theme: themes.label(flag, getLang()) })),
      );
    select.value = role;
    select.addEventListener('change', () => onChange(withRole(mapping, column, select.value as ColumnRole)));
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, column),
      h('td', { class: 'import-examples' }, examples(index)),
      h('td', {}, select),
    );
  });
  const parts: HTMLElement[] = [
    h('h4', {}, t('import.mapping.title')),
    columns.length === 0
      ? h('p', {}, t('import.mapping.noColumns'))
      : table(
          t('import.mapping.caption'),
          [t('import.mapping.column'), t('import.mapping.examples'), t('import.mapping.becomes')],
          columnRows,
        ),
    defaultKind(mapping, onChange),
  ];

  const kindValues = report.kindValues ?? {};
  if (Object.keys(kindValues).length > 0) {
    const kindRows = Object.entries(kindValues).map(([value, info], index) => {
      const select = h('select', {
        id: `import-kind-value-${index}`,
        'aria-label': t('import.mapping.kindFor', { value }),
      });
      if (info.kind === null) select.append(h('option', { value: '' }, t('import.mapping.rejected')));
      for (const kind of KINDS) select.append(h('option', { value: kind }, t(`kind.${kind}`)));
      select.value = info.kind ?? '';
      select.addEventListener('change', () => {
        if (select.value) onChange(withKindValue(mapping, kindValues, value, select.value as EntryKind));
      });
      return valueRow(value, info.count, select);
    });
    parts.push(
      h('h4', {}, t('import.mapping.kindValues')),
      table(
        t('import.mapping.kindValuesCaption', { column: mapping.kind?.column ?? '' }),
        [t('import.mapping.value'), t('import.mapping.count'), t('import.mapping.kind')],
        kindRows,
      ),
    );
  }

  const themeValues = report.themeValues ?? {};
  if (Object.keys(themeValues).length > 0) {
    const themeRows = Object.entries(themeValues).map(([value, info], index) => {
      const select = h('select', {
        id: `import-theme-value-${index}`,
        'aria-label': t('import.mapping.themeFor', { value }),
      });
      select.append(h('option', { value: '' }, t('import.mapping.noTheme')));
      for (const theme of themes.ordered) {
        const label = theme.labels[getLang()];
        select.append(
          h('option', { value: theme.slug }, theme.parent ? `\u00a0\u00a0\u00a0${label}` : label),
        );
      }
      // A slug this atlas has no theme for (yet) is still shown, so the list says what the import does.
      if (info.slug && !themes.get(info.slug)) select.append(h('option', { value: info.slug }, info.slug));
      select.value = info.slug ?? '';
      select.addEventListener('change', () => onChange(withThemeValue(mapping, value, select.value || null)));
      return valueRow(value, info.count, select);
    });
    parts.push(
      h('h4', {}, t('import.mapping.themeValues')),
      table(
        t('import.mapping.themeValuesCaption'),
        [t('import.mapping.value'), t('import.mapping.count'), t('import.mapping.theme')],
        themeRows,
      ),
    );
  }

  if (rows.length > 0) parts.push(sourceTable(columns, rows));
  return h('div', { class: 'import-mapping' }, ...parts);
}

/** A row of a value table: the file's value, how many rows have it, and what it becomes. */
function valueRow(value: string, count: number, select: HTMLSelectElement): HTMLElement {
  return h('tr', {}, h('th', { scope: 'row' }, value), h('td', {}, formatNumber(count)), h('td', {}, select));
}

function defaultKind(mapping: ImportMapping, onChange: (mapping: ImportMapping) => void): HTMLElement {
  const select = h('select', { id: 'import-default-kind', 'aria-describedby': 'import-default-kind-hint' });
  for (const kind of KINDS) select.append(h('option', { value: kind }, t(`kind.${kind}`)));
  select.value = mapping.kind?.default ?? 'place';
  select.addEventListener('change', () => onChange(withDefaultKind(mapping, select.value as EntryKind)));
  return h(
    'div',
    { class: 'import-field' },
    h('label', { for: 'import-default-kind' }, t('import.mapping.defaultKind')),
    select,
    h('p', { id: 'import-default-kind-hint', class: 'import-hint' }, t('import.mapping.defaultKindHint')),
  );
}

/** The file's first rows as read: wide files scroll sideways inside a focusable region. */
function sourceTable(
  columns: string[],
  rows: NonNullable<ImportRecord['report']['sourceRows']>,
): HTMLElement {
  const body = rows.map((row) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, formatNumber(row.row)),
      ...row.cells.map((cell) => h('td', {}, cell ?? '')),
    ),
  );
  return h(
    'details',
    { class: 'import-source-rows' },
    h('summary', {}, t('import.mapping.sourceRows', { count: rows.length })),
    table(t('import.mapping.sourceRowsCaption'), [t('import.report.row'), ...columns], body),
  );
}

/** A table with a caption, in a wrapper that scrolls sideways and can be reached with the keyboard. */
export function table(caption: string, headers: string[], rows: HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'import-table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: 'import-table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, ...rows),
    ),
  );
}
