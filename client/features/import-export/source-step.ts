import type { ImportFormat } from '../../../server/contract/import';
import { h } from '../../lib/dom';
import { type MessageKey, t } from '../../lib/i18n';
import type { ImportSource } from './import-api';
import { IMPORT_MAX_MB } from './import-errors';

const FORMATS: ReadonlyArray<[ImportFormat, MessageKey]> = [
  ['auto', 'import.format.auto'],
  ['csv', 'import.format.csv'],
  ['geojson', 'import.format.geojson'],
  ['umap', 'import.format.umap'],
  ['kml', 'import.format.kml'],
  ['gpx', 'import.format.gpx'],
  ['gogocarto', 'import.format.gogocarto'],
  ['mednum-csv', 'import.format.mednum-csv'],
  ['mednum-json', 'import.format.mednum-json'],
  ['json', 'import.format.json'],
];

/** What step 1 asks: the file or address, its format (detected unless chosen) and the source's name. */
export interface SourceChoice {
  source: ImportSource;
  format: ImportFormat;
  sourceName: string;
}

export interface SourceStep {
  section: HTMLElement;
  heading: HTMLHeadingElement;
  /** The choice, or a sentence saying what is missing (and the field is focused). */
  read(): SourceChoice | string;
  /** Shows the format the server detected, so a wrong guess can be corrected here. */
  showDetected(format: string | null): void;
}

/** Step 1 of the import dialog: choose a file (or an address), its format and the name of the source. */
export function createSourceStep(onSubmit: () => void): SourceStep {
  const heading = h('h3', { id: 'import-step-source', tabindex: '-1' }, t('import.source.title'));
  const fileRadio = h('input', { type: 'radio', name: 'import-kind', id: 'import-kind-file', value: 'file' });
  const urlRadio = h('input', { type: 'radio', name: 'import-kind', id: 'import-kind-url', value: 'url' });
  fileRadio.checked = true;
  const file = h('input', {
    type: 'file',
    id: 'import-file',
    accept:
      '.csv,.tsv,.txt,.xlsx,.ods,.xls,.json,.geojson,.umap,.kml,.kmz,.gpx,text/csv,' +
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,' +
      'application/vnd.oasis.opendocument.spreadsheet,application/vnd.ms-excel,application/json,' +
      'application/geo+json,application/vnd.google-earth.kml+xml,application/vnd.google-earth.kmz,' +
      'application/gpx+xml',
    'aria-describedby': 'import-file-hint',
  });
  const url = h('input', {
    type: 'url',
    id: 'import-url',
    inputmode: 'url',
    placeholder: 'https://',
    'aria-describedby': 'import-url-hint',
  });
  const format = h('select', { id: 'import-format', 'aria-describedby': 'import-format-detected' });
  for (const [value, key] of FORMATS) format.append(h('option', { value }, t(key)));
  const detected = h('p', { id: 'import-format-detected', class: 'import-hint' });
  const sourceName = h('input', {
    type: 'text',
    id: 'import-source-name',
    maxlength: '100',
    autocomplete: 'off',
    'aria-describedby': 'import-source-name-hint',
  });
  let nameTouched = false;
  sourceName.addEventListener('input', () => {
    nameTouched = true;
  });
  const fileBlock = h(
    'div',
    { class: 'import-field' },
    h('label', { for: 'import-file' }, t('import.source.file')),
    file,
    h(
      'p',
      { id: 'import-file-hint', class: 'import-hint' },
      t('import.source.fileHint', { max: IMPORT_MAX_MB }),
    ),
  );
  const urlBlock = h(
    'div',
    { class: 'import-field' },
    h('label', { for: 'import-url' }, t('import.source.url')),
    url,
    h('p', { id: 'import-url-hint', class: 'import-hint' }, t('import.source.urlHint')),
  );
  const showKind = () => {
    fileBlock.hidden = !fileRadio.checked;
    urlBlock.hidden = !urlRadio.checked;
  };
  fileRadio.addEventListener('change', showKind);
  urlRadio.addEventListener('change', showKind);
  showKind();
  // The source is named after the file by default: a later import of the same file then updates in place.
  const suggestName = (name: string) => {
    if (!nameTouched) sourceName.value = name.slice(0, 100);
  };
  file.addEventListener('change', () => {
    const picked = file.files?.[0];
    if (picked) suggestName(picked.name.replace(/\.[a-z0-9]{1,8}$/i, ''));
  });
  url.addEventListener('change', () => {
    try {
      const parsed = new URL(url.value);
      suggestName(`${parsed.host}${parsed.pathname}`.replace(/\/$/, ''));
    } catch {
      // Not an address yet: checked when the form is sent.
    }
  });

  const form = h(
    'form',
    { class: 'import-form', novalidate: '' },
    h(
      'fieldset',
      { class: 'import-choice' },
      h('legend', {}, t('import.source.from')),
      h('div', {}, fileRadio, h('label', { for: 'import-kind-file' }, t('import.source.fromFile'))),
      h('div', {}, urlRadio, h('label', { for: 'import-kind-url' }, t('import.source.fromUrl'))),
    ),
    fileBlock,
    urlBlock,
    h(
      'div',
      { class: 'import-field' },
      h('label', { for: 'import-format' }, t('import.source.format')),
      format,
      detected,
    ),
    h(
      'div',
      { class: 'import-field' },
      h('label', { for: 'import-source-name' }, t('import.source.name')),
      sourceName,
      h('p', { id: 'import-source-name-hint', class: 'import-hint' }, t('import.source.nameHint')),
    ),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'button-primary' }, t('import.source.preview')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });
  const section = h(
    'section',
    { class: 'import-step', 'aria-labelledby': 'import-step-source' },
    heading,
    form,
  );

  return {
    section,
    heading,
    read() {
      const common = { format: format.value as ImportFormat, sourceName: sourceName.value.trim() };
      if (fileRadio.checked) {
        const picked = file.files?.[0];
        if (!picked) return fail(file, t('import.source.noFile'));
        if (picked.size === 0) return fail(file, t('import.error.empty'));
        if (picked.size > IMPORT_MAX_MB * 1024 * 1024)
          return fail(file, t('import.error.tooLarge', { max: IMPORT_MAX_MB }));
        return { ...common, source: { file: picked } };
      }
      const address = url.value.trim();
      if (!/^https?:\/\/\S+$/i.test(address)) return fail(url, t('import.source.badUrl'));
      return { ...common, source: { url: address } };
    },
    showDetected(value) {
      detected.textContent = value ? t('import.source.detected', { format: formatLabel(value) }) : '';
    },
  };
}

/** The name of a format, as the format list shows it. */
export function formatLabel(format: string): string {
  const known = FORMATS.find(([value]) => value === format);
  return known ? t(known[1]) : format;
}

function fail(field: HTMLElement, message: string): string {
  field.focus();
  return message;
}
