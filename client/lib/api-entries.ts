import type { EntryFeature, EntryInput, EntryPatch } from '../../server/contract/entry';
import type { Relation, RelationInput, RelationList, RelationType } from '../../server/contract/relation';
import type { RevisionList } from '../../server/contract/revision';
import { getJson, requestJson } from './http';

// Reads and writes of single entries, their history and their relations (DESIGN §3). Writes send the
// session's token; conditional writes send `If-Match` with the version they are based on.

const API = '/api';

/** An entry and the version a change must be based on (its `ETag`). */
export interface VersionedEntry {
  entry: EntryFeature;
  etag: string;
}

function versioned(response: { data: EntryFeature; etag: string | null }): VersionedEntry {
  return { entry: response.data, etag: response.etag ?? `"${response.data.properties.version}"` };
}

const entryUrl = (id: string) => `${API}/entries/${encodeURIComponent(id)}`;

export async function getEntry(id: string, signal?: AbortSignal): Promise<VersionedEntry> {
  return versioned(await requestJson<EntryFeature>(entryUrl(id), { signal }));
}

/** Creates an entry; the caller chooses its `id`, so sending the same body again never makes a second one. */
export async function createEntry(input: EntryInput): Promise<VersionedEntry> {
  return versioned(await requestJson<EntryFeature>(`${API}/entries`, { method: 'POST', body: input }));
}

/** Changes an entry; fails with 412 when someone changed it since `etag`. */
export async function patchEntry(id: string, patch: EntryPatch, etag: string): Promise<VersionedEntry> {
  return versioned(
    await requestJson<EntryFeature>(entryUrl(id), {
      method: 'PATCH',
      body: patch,
      headers: { 'if-match': etag },
    }),
  );
}

export async function deleteEntry(id: string, etag: string): Promise<VersionedEntry> {
  return versioned(
    await requestJson<EntryFeature>(entryUrl(id), { method: 'DELETE', headers: { 'if-match': etag } }),
  );
}

/** An entry's history, newest first. */
export function getRevisions(id: string, options: { before?: string; signal?: AbortSignal } = {}) {
  const params = new URLSearchParams({ limit: '50' });
  if (options.before) params.set('before', options.before);
  return getJson<RevisionList>(`${entryUrl(id)}/revisions?${params}`, options.signal);
}

/** Brings an entry back to how it was right after `revision` (moderators). */
export async function revertEntry(id: string, revision: string, etag: string): Promise<VersionedEntry> {
  return versioned(
    await requestJson<EntryFeature>(`${entryUrl(id)}/revert`, {
      method: 'POST',
      body: { revision },
      headers: { 'if-match': etag },
    }),
  );
}

/** The relations from or to an entry (`entry`), or only those to it (`to`), of one type or all. */
export async function getRelations(
  query: { entry?: string; from?: string; to?: string; type?: RelationType },
  signal?: AbortSignal,
): Promise<Relation[]> {
  const params = new URLSearchParams({ limit: '1000' });
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  return (await getJson<RelationList>(`${API}/relations?${params}`, signal)).relations;
}

export async function createRelation(input: RelationInput): Promise<Relation> {
  return (await requestJson<Relation>(`${API}/relations`, { method: 'POST', body: input })).data;
}
