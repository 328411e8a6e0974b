import type { EntryFeature, EntryPatch } from '../../../server/contract/entry';
import type { EntryWriter } from '../../app-context';
import { getEntry } from '../../lib/api-entries';
import { ApiError } from '../../lib/api-error';
import { getSession } from '../../lib/session';
import type { EntryStore } from '../entries/entry-store';
import { localEntry } from './local-entry';
import type { Outbox } from './outbox';
import type { OutboxItem } from './outbox-item';

/** How long the editor waits for the first answer before it carries on with the change queued. */
const FIRST_ANSWER_MS = 4_000;

/**
 * The app's entry writer through the outbox: the change is kept in IndexedDB and drawn at once. If the server
 * answers within a few seconds, the editor gets its entry (or its field errors, beside the fields); otherwise
 * the change stays queued, shown in the outbox panel, and is sent when the network allows.
 */
export function outboxWriter(outbox: Outbox, entries: EntryStore): EntryWriter {
  const author = () => {
    const session = getSession();
    return session?.contributorId ? { id: session.contributorId, displayName: session.displayName } : null;
  };
  return {
    async create(input) {
      const local = localEntry(input, author());
      entries.upsert([local]);
      const item = await outbox.create(input, getSession()?.token ?? null);
      return answer(outbox, item, local, () => entries.remove([input.id]));
    },
    async update(id, patch, etag) {
      const held = entries.get(id);
      const version = Number(/\d+/.exec(etag)?.[0] ?? held?.properties.version ?? 0);
      const base: EntryFeature = held ?? (await fetchEntry(id));
      const based = { ...base, properties: { ...base.properties, version } };
      const local = optimistic(based, patch);
      entries.upsert([local]);
      const item = await outbox.update(based, patch, getSession()?.token ?? null);
      return answer(outbox, item, local, () => entries.upsert([base]));
    },
  };
}

async function answer(
  outbox: Outbox,
  item: OutboxItem,
  local: EntryFeature,
  undo: () => void,
): Promise<EntryFeature> {
  const settled = await outbox.settled(item.key, FIRST_ANSWER_MS);
  if (settled?.state === 'sent' && settled.result) return settled.result;
  if (settled?.state === 'failed' && settled.reason === 'invalid') {
    // A refusal the person must fix in the form: it leaves the queue and the map.
    await outbox.discard(item.key);
    undo();
    throw new ApiError({
      type: '/problems/validation',
      title: 'Invalid request',
      status: settled.status ?? 400,
      ...(settled.detail ? { detail: settled.detail } : {}),
      errors: settled.errors ?? [],
    });
  }
  return local;
}

/**
 * The entry as the person changed it, before the server confirms. Its version sits between the one it is
 * based on and the server's next, so the app's store takes it now and the server's answer replaces it.
 */
function optimistic(entry: EntryFeature, patch: EntryPatch): EntryFeature {
  const properties = { ...entry.properties, ...(patch.properties ?? {}) } as EntryFeature['properties'];
  if (patch.properties?.address)
    properties.address = { ...entry.properties.address, ...patch.properties.address };
  properties.version = entry.properties.version + 0.5;
  return {
    ...entry,
    geometry: patch.geometry === undefined ? entry.geometry : patch.geometry,
    properties,
  };
}

async function fetchEntry(id: string): Promise<EntryFeature> {
  return (await getEntry(id)).entry;
}
