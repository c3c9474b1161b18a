// The phone's outbox in IndexedDB (through `idb`): writes the worker made, kept until the
// server has them, in the order they were made. Photos are kept as Blobs. Answers of sent
// writes that later writes refer to (a patrol started offline, then its points) are kept
// in `refs` by the write's key.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type OutboxState = 'waiting' | 'failed';

/** A photo to upload before the write, and its attachment id once uploaded. */
export interface OutboxPhoto {
  blob: Blob;
  name: string;
  id: string | null;
}

export interface OutboxItem {
  /** Order of making (IndexedDB's auto-increment key). */
  seq?: number;
  /** The Idempotency-Key, made when the worker pressed submit: a replay never makes a second record. */
  key: string;
  /** Whose write it is: only that user's session sends it. */
  userId: string;
  /** What kind of write (a screen's name for it, e.g. `case.report`), for the list the worker sees. */
  kind: string;
  /** A line naming the write for the worker (the case's title, the resident visited). */
  label: string;
  method: 'POST' | 'PATCH' | 'PUT';
  /** Where it goes; `{ref}` stands for the id in the answer of the write whose key is `ref`. */
  url: string;
  ref: string | null;
  body: Record<string, unknown>;
  photos: OutboxPhoto[];
  /** Where the photos are uploaded and which body field takes their ids. */
  photoUpload: { url: string; field: string } | null;
  /** A write that is itself one file (multipart, field `file`), instead of a JSON body. */
  file: OutboxPhoto | null;
  state: OutboxState;
  /** Why it failed, as the server said (or why it waits). */
  error: string | null;
  createdAt: number;
  attempts: number;
}

interface OutboxSchema extends DBSchema {
  items: { key: number; value: OutboxItem; indexes: { byKey: string } };
  refs: { key: string; value: { key: string; id: string; at: number } };
}

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function db(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>('gongzhi-outbox', 1, {
    upgrade(database) {
      const items = database.createObjectStore('items', { keyPath: 'seq', autoIncrement: true });
      items.createIndex('byKey', 'key', { unique: true });
      database.createObjectStore('refs', { keyPath: 'key' });
    },
  });
  return opened;
}

export async function addItem(item: OutboxItem): Promise<number> {
  return (await db()).add('items', item);
}

export async function putItem(item: OutboxItem): Promise<void> {
  await (await db()).put('items', item);
}

export async function deleteItem(seq: number): Promise<void> {
  await (await db()).delete('items', seq);
}

/** Every queued write, oldest first. */
export async function allItems(): Promise<OutboxItem[]> {
  return (await db()).getAll('items');
}

export async function itemByKey(key: string): Promise<OutboxItem | undefined> {
  return (await db()).getFromIndex('items', 'byKey', key);
}

export async function saveRef(key: string, id: string): Promise<void> {
  await (await db()).put('refs', { key, id, at: Date.now() });
}

export async function findRef(key: string): Promise<string | null> {
  return (await (await db()).get('refs', key))?.id ?? null;
}

/** Forgets answers older than the server keeps its idempotency records (24 h). */
export async function pruneRefs(olderThan: number): Promise<void> {
  const database = await db();
  for (const ref of await database.getAll('refs')) if (ref.at < olderThan) await database.delete('refs', ref.key);
}
