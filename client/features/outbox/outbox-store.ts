import type { OutboxItem } from './outbox-item';

/** Where the outbox keeps its items; IndexedDB survives closing the tab, the memory fallback does not. */
export interface OutboxStore {
  readonly persistent: boolean;
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  delete(key: string): Promise<void>;
}

const DB_NAME = 'atlas-outbox';
const STORE = 'items';

/** The IndexedDB store, or a memory one when IndexedDB cannot be opened (some private modes). */
export async function openOutboxStore(): Promise<OutboxStore> {
  try {
    return await openIndexedDbStore();
  } catch (error) {
    console.warn('outbox: IndexedDB is unavailable, the queue lives in memory only', error);
    return memoryStore();
  }
}

function openIndexedDbStore(): Promise<OutboxStore> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('no IndexedDB'));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the outbox database is blocked by another tab'));
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: let it, this tab reopens on its next load.
      db.onversionchange = () => db.close();
      resolve(indexedDbStore(db));
    };
  });
}

function indexedDbStore(db: IDBDatabase): OutboxStore {
  const run = <T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = body(transaction.objectStore(STORE));
      // Resolve on commit, not on the request's success: only then is the item on disk.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('outbox transaction aborted'));
    });
  return {
    persistent: true,
    all: () => run('readonly', (store) => store.getAll() as IDBRequest<OutboxItem[]>),
    put: async (item) => {
      await run('readwrite', (store) => store.put(item));
    },
    delete: async (key) => {
      await run('readwrite', (store) => store.delete(key));
    },
  };
}

export function memoryStore(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  return {
    persistent: false,
    all: async () => [...items.values()].map((item) => structuredClone(item)),
    put: async (item) => {
      items.set(item.key, structuredClone(item));
    },
    delete: async (key) => {
      items.delete(key);
    },
  };
}
