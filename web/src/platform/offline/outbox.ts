// The one way /m writes what must survive a lost signal (a report, a visit, a log entry,
// patrol points, a check-in): each write is put in the phone's outbox with an
// Idempotency-Key made when the worker pressed submit, then sent; what cannot be sent now
// is replayed in order when the browser comes back online, on start, and every half
// minute while anything waits. The server answers a replayed key with its first answer, so a
// write sent twice (the answer lost on the way back) is recorded once.
import { ApiError, parseError, request, sendJson } from '../api-client.ts';
import { getLocale } from '../i18n/locale.ts';
import { addItem, allItems, deleteItem, findRef, itemByKey, pruneRefs, putItem, saveRef, type OutboxItem, type OutboxPhoto } from './outbox-store.ts';

export type { OutboxItem, OutboxPhoto };

/** A write for the outbox, as a screen describes it. */
export interface OutboxWrite {
  kind: string;
  label: string;
  method?: 'POST' | 'PATCH' | 'PUT';
  url: string;
  /** The key of an earlier write whose answer's id fills `{ref}` in `url`. */
  ref?: string;
  body: Record<string, unknown>;
  photos?: { blob: Blob; name: string }[];
  photoUpload?: { url: string; field: string };
  /** A write that is one file (multipart), such as a photo added to a work log entry. */
  file?: { blob: Blob; name: string };
  /** A key made earlier (when the write is prepared before it is queued); else a new one. */
  key?: string;
}

/** What became of a write: sent (with the server's answer) or kept on the phone to send later. */
export type OutboxResult<T> = { sent: true; answer: T; key: string } | { sent: false; key: string };

/** A new Idempotency-Key (crypto.randomUUID needs a secure context; phones may reach the server over plain HTTP). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---- State the screens watch ----

export interface OutboxSnapshot {
  /** The signed-in user's queued writes, oldest first. */
  items: OutboxItem[];
  waiting: number;
  failed: number;
  sending: boolean;
}

let userId: string | null = null;
let snapshot: OutboxSnapshot = { items: [], waiting: 0, failed: 0, sending: false };
const listeners = new Set<() => void>();

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function outboxSnapshot(): OutboxSnapshot {
  return snapshot;
}

async function refresh(sending = snapshot.sending): Promise<void> {
  const items = userId ? (await allItems()).filter((item) => item.userId === userId) : [];
  snapshot = {
    items,
    waiting: items.filter((item) => item.state === 'waiting').length,
    failed: items.filter((item) => item.state === 'failed').length,
    sending,
  };
  listeners.forEach((listener) => listener());
}

// ---- Sending ----

/** Answers of this page's sends, by key, for the screens waiting on them (the keys in `awaited`). */
const answers = new Map<string, { answer?: unknown; error?: ApiError }>();
const awaited = new Set<string>();

function keepAnswer(key: string, outcome: { answer?: unknown; error?: ApiError }): void {
  if (awaited.has(key)) answers.set(key, outcome);
}

/** True for a failure that a later try may not meet: no network, a busy or restarting server, a session to renew. */
function isTransient(error: ApiError): boolean {
  return error.status === 0 || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500 || error.code === 'PASSWORD_CHANGE_REQUIRED';
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
}

/** The id a later write refers to: the record made (a patrol, a case) as its answer names it. */
function idOf(answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const record = answer as Record<string, unknown>;
  if (typeof record.id === 'string') return record.id;
  for (const inner of ['patrol', 'case', 'entry']) {
    const nested = record[inner];
    if (typeof nested === 'object' && nested !== null && typeof (nested as Record<string, unknown>).id === 'string') return (nested as { id: string }).id;
  }
  return null;
}

async function uploadPhotos(item: OutboxItem): Promise<string[]> {
  const ids: string[] = [];
  for (const photo of item.photos) {
    if (!photo.id && item.photoUpload) {
      const form = new FormData();
      form.append('file', photo.blob, photo.name);
      const uploaded = await sendJson<{ id: string }>('POST', item.photoUpload.url, form);
      photo.id = uploaded.id;
      // Kept at once, so a retry after a lost answer does not upload the photo again.
      await putItem(item);
    }
    if (photo.id) ids.push(photo.id);
  }
  return ids;
}

/** A one-file write (multipart) with its Idempotency-Key; fails as `request` does. */
async function sendFile(item: OutboxItem, url: string, file: OutboxPhoto): Promise<unknown> {
  const form = new FormData();
  form.append('file', file.blob, file.name);
  let response: Response;
  try {
    response = await fetch(url, { method: item.method, body: form, credentials: 'same-origin', headers: { 'Idempotency-Key': item.key, 'Accept-Language': getLocale() } });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) throw parseError(response.status, data, getLocale());
  return data;
}

async function sendItem(item: OutboxItem): Promise<unknown> {
  let url = item.url;
  if (item.ref) {
    const id = await findRef(item.ref);
    if (!id) {
      const earlier = await itemByKey(item.ref);
      // The write it depends on is still queued (sent first, by order) or was refused.
      throw earlier?.state === 'failed' ? new ApiError(409, 'CONFLICT', earlier.error ?? '') : new ApiError(0, 'NETWORK', '');
    }
    url = url.replace('{ref}', encodeURIComponent(id));
  }
  if (item.file) return sendFile(item, url, item.file);
  const body = { ...item.body };
  if (item.photoUpload && item.photos.length > 0) {
    const ids = await uploadPhotos(item);
    const already = Array.isArray(body[item.photoUpload.field]) ? (body[item.photoUpload.field] as string[]) : [];
    body[item.photoUpload.field] = [...already, ...ids];
  }
  return request<unknown>(item.method, url, { body, headers: { 'Idempotency-Key': item.key }, quiet: true });
}

let running: Promise<void> | null = null;

async function flushOnce(): Promise<void> {
  if (!userId) return;
  const mine = (await allItems()).filter((item) => item.userId === userId && item.state === 'waiting');
  for (const item of mine) {
    try {
      const answer = await sendItem(item);
      const id = idOf(answer);
      if (id) await saveRef(item.key, id);
      if (item.seq !== undefined) await deleteItem(item.seq);
      keepAnswer(item.key, { answer });
    } catch (raw) {
      const error = asApiError(raw);
      keepAnswer(item.key, { error });
      item.attempts += 1;
      if (isTransient(error)) {
        item.error = error.message || null;
        await putItem(item);
        // Later writes wait behind this one: they may depend on it, and order matters.
        break;
      }
      item.state = 'failed';
      item.error = error.message;
      await putItem(item);
    }
    await refresh(true);
  }
  await pruneRefs(Date.now() - 24 * 3600 * 1000);
}

/** Sends what waits, in order; one run at a time (across tabs too where the browser has Web Locks). */
export function flushOutbox(): Promise<void> {
  if (running) return running;
  running = (async () => {
    await refresh(true);
    try {
      if (navigator.locks) await navigator.locks.request('gongzhi-outbox', () => flushOnce());
      else await flushOnce();
    } finally {
      running = null;
      await refresh(false);
    }
  })();
  return running;
}

/**
 * Queues a write and tries to send it (with what waits before it). Sent: the server's
 * answer. Not sent for lack of signal: kept, to be sent later. Refused (a field wrong):
 * thrown as ApiError and dropped, since the worker is there to correct the form.
 */
export async function submitWrite<T>(write: OutboxWrite): Promise<OutboxResult<T>> {
  if (!userId) throw new ApiError(401, 'NOT_AUTHENTICATED', '');
  const key = write.key ?? newIdempotencyKey();
  await addItem({
    key,
    userId,
    kind: write.kind,
    label: write.label,
    method: write.method ?? 'POST',
    url: write.url,
    ref: write.ref ?? null,
    body: write.body,
    photos: (write.photos ?? []).map((photo) => ({ ...photo, id: null })),
    photoUpload: write.photoUpload ?? null,
    file: write.file ? { ...write.file, id: null } : null,
    state: 'waiting',
    error: null,
    createdAt: Date.now(),
    attempts: 0,
  });
  await refresh();
  awaited.add(key);
  // A flush already running may have read the list before this write: run again after it.
  if (running) await running;
  await flushOutbox();
  const outcome = answers.get(key);
  answers.delete(key);
  awaited.delete(key);
  if (outcome && 'answer' in outcome) return { sent: true, answer: outcome.answer as T, key };
  // Refused while the worker is there to correct the form: not kept.
  if (outcome?.error && !isTransient(outcome.error)) {
    const item = await itemByKey(key);
    if (item?.seq !== undefined) await deleteItem(item.seq);
    await refresh();
    throw outcome.error;
  }
  return { sent: false, key };
}

/** Sends a failed write again (after the worker fixed what was wrong elsewhere, or the server was). */
export async function retryWrite(seq: number): Promise<void> {
  const item = (await allItems()).find((candidate) => candidate.seq === seq);
  if (!item) return;
  item.state = 'waiting';
  item.error = null;
  await putItem(item);
  await flushOutbox();
}

/** Drops a write the worker gave up on. */
export async function discardWrite(seq: number): Promise<void> {
  await deleteItem(seq);
  await refresh();
}

let started = false;

/**
 * Whose writes this page sends (null when signed out), and the triggers of a replay: the
 * `online` event, start, and a try every 30 s while anything waits.
 */
export function startOutbox(currentUserId: string | null): void {
  // The reads the service worker kept for offline use are the signed-out user's own data.
  if (userId && !currentUserId && 'caches' in window) void caches.delete('gongzhi-offline-reads');
  userId = currentUserId;
  void refresh().then(() => (userId && navigator.onLine ? flushOutbox() : undefined));
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flushOutbox());
  window.setInterval(() => {
    if (snapshot.waiting > 0 && navigator.onLine && !running) void flushOutbox();
  }, 30_000);
}
