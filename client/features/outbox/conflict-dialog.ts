import type { EntryFeature } from '../../../server/contract/entry';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { UpdateItem } from './outbox-item';

export type ConflictChoice = 'mine' | 'theirs' | 'later';

/**
 * Shows the two versions of an entry side by side (only the fields the person changed) and resolves with
 * the version to keep. A modal <dialog>: focus moves into it and Escape means "decide later".
 */
export function showConflictDialog(item: UpdateItem & { theirs: EntryFeature }): Promise<ConflictChoice> {
  const rows = conflictRows(item);
  const titleId = `conflict-title-${item.key}`;
  const dialog = h(
    'dialog',
    { class: 'outbox-conflict', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t('conflict.title', { name: item.label })),
    h('p', {}, t('conflict.intro')),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('conflict.field')),
          h('th', { scope: 'col' }, t('conflict.theirs', { version: item.theirs.properties.version })),
          h('th', { scope: 'col' }, t('conflict.mine')),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h('tr', {}, h('th', { scope: 'row' }, row.field), h('td', {}, row.theirs), h('td', {}, row.mine)),
        ),
      ),
    ),
  );
  const buttons: [ConflictChoice, string][] = [
    ['mine', t('conflict.keepMine')],
    ['theirs', t('conflict.keepTheirs')],
    ['later', t('conflict.later')],
  ];
  const actions = h('div', { class: 'outbox-conflict-actions' });
  dialog.append(actions);
  return new Promise((resolve) => {
    let choice: ConflictChoice = 'later';
    for (const [value, label] of buttons) {
      const button = h('button', { type: 'button' }, label);
      button.addEventListener('click', () => {
        choice = value;
        dialog.close();
      });
      actions.append(button);
    }
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(choice);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

interface ConflictRow {
  field: string;
  theirs: string;
  mine: string;
}

/** The fields of the pending change, with their value on the server and in the change. */
export function conflictRows(item: UpdateItem & { theirs: EntryFeature }): ConflictRow[] {
  const rows: ConflictRow[] = [];
  const theirs = item.theirs.properties as unknown as Record<string, unknown>;
  for (const [field, mine] of Object.entries(item.body.properties ?? {})) {
    rows.push({ field, theirs: show(theirs[field]), mine: show(mine) });
  }
  if (item.body.geometry !== undefined) {
    rows.push({
      field: t('conflict.geometry'),
      theirs: show(item.theirs.geometry),
      mine: show(item.body.geometry),
    });
  }
  return rows;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return t('conflict.empty');
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'coordinates' in value) {
    const [lng, lat] = (value as { coordinates: number[] }).coordinates;
    return `${lat?.toFixed(5)}, ${lng?.toFixed(5)}`;
  }
  return JSON.stringify(value);
}
