import type { ImportRecord } from '../../../server/contract/import';
import { h } from '../../lib/dom';
import { type MessageKey, t } from '../../lib/i18n';
import type { ImportProgress } from './follow-import';
import { renderMissingRelations } from './missing-relations-view';
import { counters } from './report-view';

const RESULT: ReadonlyArray<[keyof ImportRecord['counts'], MessageKey]> = [
  ['created', 'import.count.created'],
  ['updated', 'import.count.updated'],
  ['unchanged', 'import.count.unchanged'],
  ['rejected', 'import.count.rejected'],
  ['relations', 'import.count.relations'],
];

export interface RunStep {
  section: HTMLElement;
  heading: HTMLHeadingElement;
  start(record: ImportRecord): void;
  progress(progress: ImportProgress): void;
  finish(record: ImportRecord): void;
  reverted(record: ImportRecord): void;
  /** Says the undo failed (the message itself is shown by the dialog) and offers it again. */
  undoFailed(): void;
}

/**
 * Step 3 of the import dialog: the real run's progress bar, fed by its progress stream, then the result
 * with a button that undoes the whole import. Screen readers hear the start, each quarter and the end,
 * not every counter the stream sends.
 */
export function createRunStep(actions: { undo(): void; again(): void; close(): void }): RunStep {
  const heading = h('h3', { id: 'import-step-run', tabindex: '-1' }, t('import.run.title'));
  const bar = h('progress', { id: 'import-progress', max: '1', value: '0' });
  const text = h('p', { class: 'import-progress-text' });
  const live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const result = h('div', { class: 'import-result' });
  const message = h('p', { class: 'import-result-message' });
  const undo = h(
    'button',
    { type: 'button', class: 'button-secondary', id: 'import-undo' },
    t('import.run.undo'),
  );
  const again = h('button', { type: 'button', class: 'button-secondary' }, t('import.run.again'));
  const close = h('button', { type: 'button', class: 'button-primary' }, t('import.close'));
  undo.addEventListener('click', () => {
    undo.disabled = true;
    live.textContent = t('import.run.undoing');
    actions.undo();
  });
  again.addEventListener('click', () => actions.again());
  close.addEventListener('click', () => actions.close());
  let quarter = 0;

  const section = h(
    'section',
    { class: 'import-step', 'aria-labelledby': 'import-step-run' },
    heading,
    h('label', { for: 'import-progress' }, t('import.run.progress')),
    bar,
    text,
    live,
    result,
  );
  const show = (record: ImportRecord) => {
    const { done, total } = record.counts;
    bar.max = Math.max(total, 1);
    bar.value = total === 0 ? bar.max : Math.min(done, total);
    text.textContent = t('import.run.rows', { done, total });
  };

  return {
    section,
    heading,
    start(record) {
      quarter = 0;
      result.replaceChildren();
      show(record);
      live.textContent = t('import.run.started', { count: record.counts.total });
    },
    progress({ counts }) {
      bar.max = Math.max(counts.total, 1);
      bar.value = Math.min(counts.done, bar.max);
      text.textContent = t('import.run.rows', { done: counts.done, total: counts.total });
      const reached = counts.total > 0 ? Math.floor((counts.done / counts.total) * 4) : 0;
      if (reached > quarter && reached < 4) {
        quarter = reached;
        live.textContent = t('import.run.percent', { percent: reached * 25 });
      }
    },
    finish(record) {
      show(record);
      const done = record.status === 'done';
      message.textContent = done
        ? t('import.run.done', { created: record.counts.created, updated: record.counts.updated })
        : t('import.run.failed');
      live.textContent = message.textContent;
      undo.disabled = false;
      const parts: Node[] = [message, counters(record, RESULT)];
      if (!done && record.report.error)
        parts.push(h('p', { class: 'import-detail', lang: 'en' }, record.report.error));
      if (done && record.counts.created + record.counts.updated > 0)
        parts.push(h('p', {}, t('import.run.onMap')));
      const missing = done ? renderMissingRelations(record.report.missingRelations) : null;
      if (missing) parts.push(missing);
      parts.push(h('div', { class: 'button-row' }, done ? undo : null, again, close));
      result.replaceChildren(...parts);
    },
    reverted(record) {
      const r = record.report.revert ?? {};
      message.textContent = t('import.run.reverted', {
        deleted: r.deleted ?? 0,
        restored: r.restored ?? 0,
      });
      live.textContent = message.textContent;
      const parts: Node[] = [message];
      if ((r.conflicts ?? 0) > 0)
        parts.push(h('p', {}, t('import.run.revertConflicts', { count: r.conflicts ?? 0 })));
      parts.push(h('div', { class: 'button-row' }, again, close));
      result.replaceChildren(...parts);
      again.focus();
    },
    undoFailed() {
      undo.disabled = false;
      live.textContent = '';
    },
  };
}
