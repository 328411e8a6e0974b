import type { EntryFeature, EntryInput, EntryPatch } from '../../../server/contract/entry';

/** Where an item of the outbox stands; `conflict` waits for the person to choose a version. */
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'failed' | 'conflict';

/** Why an item failed, as a named reason (and a detail from the server where there is one). */
export type FailureReason =
  | 'network'
  | 'server'
  | 'rate-limited'
  | 'unauthorized'
  | 'forbidden'
  | 'id-conflict'
  | 'invalid'
  | 'not-found';

interface ItemBase {
  /** The item's own id (a creation uses the entry's id: sending it twice never makes two entries). */
  key: string;
  entryId: string;
  /** The entry's name, to show the item. */
  label: string;
  state: OutboxState;
  attempts: number;
  /** When the next attempt may start (ms since the epoch). */
  nextAttemptAt: number;
  reason?: FailureReason;
  /** The server's explanation (problem detail), shown with the reason. */
  detail?: string;
  /** Field errors of a refused entry (problem+json `errors`), for the editor to show beside the fields. */
  errors?: { path: string; message: string }[];
  /** The HTTP status of the last answer, if any. */
  status?: number;
  /** The token the change was made with: it is sent with it even if the tab was closed in between. */
  token: string | null;
  createdAt: number;
  updatedAt: number;
  /** The entry as the server answered it, once sent. */
  result?: EntryFeature;
}

export interface CreateItem extends ItemBase {
  op: 'create';
  body: EntryInput & { id: string };
}

export interface UpdateItem extends ItemBase {
  op: 'update';
  body: EntryPatch;
  /** The version the change is based on (sent as `If-Match`). */
  baseVersion: number;
  /** On a 412: the current entry on the server, to show beside this change. */
  theirs?: EntryFeature;
}

export type OutboxItem = CreateItem | UpdateItem;
