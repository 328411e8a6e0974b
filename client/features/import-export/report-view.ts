import type { EntryKind } from '../../../server/contract/entry';
import type { DuplicateRow, ImportRecord } from '../../../server/contract/import';
import { h } from '../../lib/dom';
import { formatNumber, getLang, isMessageKey, type MessageKey, t } from '../../lib/i18n';
import type { ThemeIndex } from '../themes/theme-index';
import { table } from './mapping-editor';
import { renderMissingRelations } from './missing-relations-view';
import { formatLabel } from './source-step';

/** Rows of a list shown in the dialog; the API keeps up to 1,000, the count says how many there are. */
const LIST_MAX = 100;

/** The counters a dry run reports, in the order a reader takes them in. */
const PLAN: ReadonlyArray<[keyof ImportRecord['counts'], MessageKey]> = [
  ['read', 'import.count.read'],
  ['create', 'import.count.create'],
  ['update', 'import.count.update'],
  ['duplicate', 'import.count.duplicate'],
  ['rejected', 'import.count.rejected'],
  ['toLocate', 'import.count.toLocate'],
];

/** A dry run's report: what would be created or updated, the duplicates and rejected rows, a sample. */
export function renderReport(record: ImportRecord, themes: ThemeIndex): HTMLElement {
  const report = record.report;
  const parts: HTMLElement[] = [
    h('h4', {}, t('import.report.title')),
    counters(record, PLAN),
    h('p', { class: 'import-hint' }, detectedLine(record)),
  ];
  const duplicates = report.duplicates ?? [];
  if (duplicates.length > 0) {
    parts.push(
      h('h5', {}, t('import.report.duplicates', { count: record.counts.duplicate })),
      table(
        t('import.report.duplicatesCaption'),
        [t('import.report.row'), t('import.report.name'), t('import.report.matches'), t('import.report.why')],
        duplicates.slice(0, LIST_MAX).map(duplicateRow),
      ),
    );
  }
  const rejected = report.rejected ?? [];
  if (rejected.length > 0) {
    parts.push(
      h('h5', {}, t('import.report.rejected', { count: record.counts.rejected })),
      table(
        t('import.report.rejectedCaption'),
        [t('import.report.row'), t('import.report.reason'), t('import.report.detail')],
        rejected
          .slice(0, LIST_MAX)
          .map((r) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, formatNumber(r.row)),
              h('td', {}, reasonLabel(r.reason)),
              h('td', { lang: 'en' }, r.detail),
            ),
          ),
      ),
    );
  }
  const missing = renderMissingRelations(report.missingRelations);
  if (missing) parts.push(missing);
  if (rejected.length > LIST_MAX || duplicates.length > LIST_MAX)
    parts.push(h('p', { class: 'import-hint' }, t('import.report.firstOnly', { count: LIST_MAX })));
  const sample = (report.sample ?? []) as SampleFeature[];
  if (sample.length > 0) {
    parts.push(
      h('h5', {}, t('import.report.sample')),
      table(
        t('import.report.sampleCaption'),
        [
          t('import.report.row'),
          t('import.report.action'),
          t('import.report.name'),
          t('import.report.kind'),
          t('import.report.themes'),
          t('import.report.place'),
        ],
        sample.map((feature) => sampleRow(feature, themes)),
      ),
    );
  }
  const warnings = report.warnings ?? [];
  if (warnings.length > 0) {
    parts.push(
      h(
        'details',
        { class: 'import-warnings' },
        h('summary', {}, t('import.report.warnings', { count: warnings.length })),
        h('ul', { lang: 'en' }, ...warnings.map((w) => h('li', {}, w))),
      ),
    );
  }
  return h('div', { class: 'import-report' }, ...parts);
}

/** A list of counters: `<dl>` pairs, the numbers formatted in the interface's language. */
export function counters(
  record: ImportRecord,
  which: ReadonlyArray<[keyof ImportRecord['counts'], MessageKey]>,
): HTMLElement {
  return h(
    'dl',
    { class: 'import-counts' },
    ...which.map(([key, label]) =>
      h('div', {}, h('dt', {}, t(label)), h('dd', { 'data-count': key }, formatNumber(record.counts[key]))),
    ),
  );
}

/** A rejection reason in words; an unknown one (a newer server) as the server named it. */
export function reasonLabel(reason: string): string {
  const key = `import.reason.${reason}`;
  return isMessageKey(key) ? t(key) : reason;
}

function detectedLine(record: ImportRecord): string {
  const { encoding, delimiter } = record.report;
  const parts = [t('import.report.format', { format: formatLabel(record.format) })];
  if (encoding) parts.push(t('import.report.encoding', { encoding }));
  if (delimiter)
    parts.push(t('import.report.delimiter', { delimiter: delimiter === '\t' ? 'tab' : delimiter }));
  return parts.join(' · ');
}

function duplicateRow(d: DuplicateRow): HTMLElement {
  let match: Node;
  if (d.entryId) {
    // The entry in the atlas opens in another tab: the dialog and its mapping stay as they are.
    match = h(
      'a',
      { href: `/?entry=${encodeURIComponent(d.entryId)}`, target: '_blank', rel: 'noopener' },
      d.otherName ?? t('import.report.anEntry'),
    );
  } else if (d.otherRow !== null) {
    match = document.createTextNode(
      t('import.report.otherRow', { row: d.otherRow, name: d.otherName ?? '' }),
    );
  } else match = document.createTextNode('');
  const why =
    d.reason === 'same-source-id'
      ? t('import.report.sameSourceId')
      : t('import.report.similarNearby', {
          meters: Math.round(d.distance ?? 0),
          similarity: Math.round((d.similarity ?? 0) * 100),
        });
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, formatNumber(d.row)),
    h('td', {}, d.name),
    h('td', {}, match),
    h('td', {}, why),
  );
}

/** A sample row as the dry run gives it: the entry it would become, and what would happen to it. */
interface SampleFeature {
  row: number;
  action: string;
  geometry: { coordinates: [number, number] } | null;
  properties: {
    kind: EntryKind;
    name: string;
    themes: string[];
    address: { city: string | null };
    toLocate: boolean;
  };
}

function sampleRow(feature: SampleFeature, themes: ThemeIndex): HTMLElement {
  const p = feature.properties;
  const actionKey = `import.action.${feature.action}`;
  const where = feature.geometry
    ? `${p.address.city ? `${p.address.city}, ` : ''}${feature.geometry.coordinates[1].toFixed(4)}, ${feature.geometry.coordinates[0].toFixed(4)}`
    : [p.address.city, p.toLocate ? t('import.report.toLocate') : ''].filter(Boolean).join(' · ');
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, formatNumber(feature.row)),
    h('td', {}, isMessageKey(actionKey) ? t(actionKey) : feature.action),
    h('td', {}, p.name),
    h('td', {}, t(`kind.${p.kind}`)),
    h('td', {}, p.themes.map((slug) => themes.label(slug, getLang())).join(', ')),
    h('td', {}, where),
  );
}
