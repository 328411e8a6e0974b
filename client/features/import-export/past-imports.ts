import type { ImportRecord } from '../../../server/contract/import';
import { h } from '../../lib/dom';
import { formatDate, isMessageKey, t } from '../../lib/i18n';
import { listImports } from './import-api';
import { describeImportError } from './import-errors';
import { table } from './mapping-editor';

const SHOWN = 10;

export interface PastImports {
  element: HTMLDetailsElement;
  /** Loads the list again (after an import or an undo), if it is open. */
  refresh(): void;
}

/**
 * The latest real imports (dry runs left out) with their state, and a button to undo one that is done.
 * Loaded when unfolded, so opening the dialog costs no request.
 */
export function createPastImports(
  revert: (record: ImportRecord, button: HTMLButtonElement) => void,
): PastImports {
  const body = h('div', { class: 'import-past-body' });
  const element = h('details', { class: 'import-past' }, h('summary', {}, t('import.past.title')), body);
  let request: AbortController | null = null;
  const load = async () => {
    request?.abort();
    const mine = new AbortController();
    request = mine;
    body.replaceChildren(h('p', {}, t('import.past.loading')));
    try {
      const imports = await listImports(SHOWN, mine.signal);
      if (mine.signal.aborted) return;
      body.replaceChildren(
        imports.length === 0
          ? h('p', {}, t('import.past.none'))
          : table(
              t('import.past.title'),
              [
                t('import.past.date'),
                t('import.past.source'),
                t('import.past.state'),
                t('import.past.written'),
                t('import.past.action'),
              ],
              imports.map((record) => row(record, revert)),
            ),
      );
    } catch (error) {
      if (mine.signal.aborted) return;
      body.replaceChildren(h('p', { class: 'import-error' }, describeImportError(error).message));
    }
  };
  element.addEventListener('toggle', () => {
    if (element.open) void load();
  });
  return {
    element,
    refresh() {
      if (element.open) void load();
    },
  };
}

function row(record: ImportRecord, revert: (record: ImportRecord, button: HTMLButtonElement) => void) {
  const stateKey = `import.state.${record.status}`;
  const canUndo = record.status === 'done' && !record.revertedAt;
  const name = record.sourceName ?? record.filename ?? '';
  let action: Node = document.createTextNode('');
  if (canUndo) {
    const button = h(
      'button',
      { type: 'button', class: 'button-secondary', 'aria-label': t('import.past.undoNamed', { name }) },
      t('import.run.undo'),
    );
    button.addEventListener('click', () => {
      button.disabled = true;
      revert(record, button);
    });
    action = button;
  }
  return h(
    'tr',
    {},
    h('td', {}, formatDate(record.createdAt, { dateStyle: 'short', timeStyle: 'short' })),
    h('th', { scope: 'row' }, name),
    h('td', {}, isMessageKey(stateKey) ? t(stateKey) : record.status),
    h(
      'td',
      {},
      t('import.past.counts', {
        created: record.counts.created,
        updated: record.counts.updated,
      }),
    ),
    h('td', {}, action),
  );
}
