import type { EntryFeature } from '../../../server/contract/entry';
import { getActor } from '../../lib/session';
import { type EditorOptions, openEditor } from './entry-form';
import { askForToken } from './token-dialog';

/** Whatever the editor needs but the entry to edit and what to do when done. */
export type EditorDeps = Omit<EditorOptions, 'editing' | 'at' | 'onSaved' | 'onCancel'>;

/** A token first (the dialog explains how to get one), then the editor. Resolves false when cancelled. */
export async function ensureContributor(): Promise<boolean> {
  if (await getActor()) return true;
  return (await askForToken()) !== null;
}

/** Opens the editor on a new entry (or on `editing`), once the person can write. */
export async function startEditing(
  deps: () => EditorDeps,
  handlers: { onSaved(entry: EntryFeature, note: string | null): void; onCancel(): void },
  editing?: EditorOptions['editing'],
): Promise<void> {
  if (!(await ensureContributor())) return;
  openEditor({ ...deps(), ...handlers, ...(editing ? { editing } : {}) });
}
