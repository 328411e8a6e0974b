import type { EntryWriter } from '../../app-context';
import { createEntry, patchEntry } from '../../lib/api-entries';

/** Saves at once through the API: the default writer, until something else (the outbox) takes over. */
export const directWriter: EntryWriter = {
  create: async (input) => (await createEntry(input)).entry,
  update: async (id, patch, etag) => (await patchEntry(id, patch, etag)).entry,
};
