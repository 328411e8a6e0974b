import type { ImportMapping, ImportRecord } from '../../../server/contract/import';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { ThemeIndex } from '../themes/theme-index';
import { renderMappingEditor } from './mapping-editor';
import { renderReport } from './report-view';

export interface PreviewStep {
  section: HTMLElement;
  heading: HTMLHeadingElement;
  /** Draws a dry run's answer: the mapping editor and the report; the run button is enabled again. */
  show(record: ImportRecord, mapping: ImportMapping, onDuplicate: 'skip' | 'create'): void;
  /** The report no longer matches the choices: it is dimmed and the run waits for the next dry run. */
  markStale(): void;
}

/**
 * Step 2 of the import dialog: the mapping editor and the dry run's report. It redraws after each dry run;
 * the control that had the focus keeps it, so changing a mapping with the keyboard does not lose one's place.
 */
export function createPreviewStep(
  themes: () => ThemeIndex,
  actions: {
    mappingChanged(mapping: ImportMapping): void;
    duplicatesChanged(policy: 'skip' | 'create'): void;
    back(): void;
    run(): void;
  },
): PreviewStep {
  const heading = h('h3', { id: 'import-step-preview', tabindex: '-1' }, t('import.preview.title'));
  const mappingHost = h('div', {});
  const reportHost = h('div', { class: 'import-report-host' });
  const duplicates = h('input', { type: 'checkbox', id: 'import-create-duplicates' });
  duplicates.addEventListener('change', () =>
    actions.duplicatesChanged(duplicates.checked ? 'create' : 'skip'),
  );
  const back = h('button', { type: 'button', class: 'button-secondary' }, t('import.preview.back'));
  const run = h(
    'button',
    { type: 'button', class: 'button-primary', id: 'import-run' },
    t('import.preview.runNone'),
  );
  back.addEventListener('click', () => actions.back());
  run.addEventListener('click', () => {
    run.disabled = true;
    actions.run();
  });
  let current: ImportRecord | null = null;

  const draw = (record: ImportRecord, mapping: ImportMapping) => {
    const focused = document.activeElement?.id;
    mappingHost.replaceChildren(
      renderMappingEditor(record, mapping, themes(), (next) => {
        // The selects show the change at once; the report follows with the next dry run.
        draw(record, next);
        actions.mappingChanged(next);
      }),
    );
    if (focused && !document.activeElement?.id) document.getElementById(focused)?.focus();
  };

  const section = h(
    'section',
    { class: 'import-step', 'aria-labelledby': 'import-step-preview' },
    heading,
    mappingHost,
    h(
      'div',
      { class: 'import-toggle' },
      duplicates,
      h('label', { for: 'import-create-duplicates' }, t('import.preview.createDuplicates')),
    ),
    reportHost,
    h('div', { class: 'button-row' }, back, run),
  );

  return {
    section,
    heading,
    show(record, mapping, onDuplicate) {
      current = record;
      duplicates.checked = onDuplicate === 'create';
      draw(record, mapping);
      reportHost.replaceChildren(renderReport(record, themes()));
      reportHost.classList.remove('is-stale');
      reportHost.removeAttribute('aria-busy');
      const count = record.counts.create + record.counts.update;
      run.textContent = count > 0 ? t('import.preview.run', { count }) : t('import.preview.runNone');
      run.disabled = count === 0;
    },
    markStale() {
      if (!current) return;
      reportHost.classList.add('is-stale');
      reportHost.setAttribute('aria-busy', 'true');
      run.disabled = true;
    },
  };
}
