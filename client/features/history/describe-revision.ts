import type { Revision } from '../../../server/contract/revision';
import { isMessageKey, type MessageKey, t } from '../../lib/i18n';

/** Fields whose old and new values are short enough to show in the history. */
const SHOWN_VALUES = new Set(['name', 'status', 'kind', 'url', 'license']);
const VALUE_MAX = 80;

/** The name of a changed field, in words; an unknown field keeps its API name. */
export function fieldLabel(field: string): string {
  const key = `field.${field}`;
  return isMessageKey(key) ? t(key as MessageKey) : field;
}

/** What a revision did, in words: "Modification", "Création"… */
export function opLabel(op: string): string {
  const key = `op.${op}`;
  return isMessageKey(key) ? t(key as MessageKey) : op;
}

/** One line per changed field: its name, and for short values "before → after". */
export function describeChanges(revision: Pick<Revision, 'changes' | 'op'>): string[] {
  if (revision.op === 'create') return [];
  return Object.entries(revision.changes).map(([field, change]) => {
    const label = fieldLabel(field);
    if (!SHOWN_VALUES.has(field) || !Array.isArray(change) || change.length !== 2) return label;
    const [before, after] = change.map((value) => shortValue(field, value));
    return t('history.change', { field: label, before: before ?? '', after: after ?? '' });
  });
}

function shortValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (field === 'status' || field === 'kind') {
    const key = `${field === 'status' ? 'entryStatus' : 'kind'}.${String(value)}`;
    if (isMessageKey(key)) return t(key as MessageKey);
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}
