// The patrol being walked on this phone: started and ended through the outbox (so without
// signal too), its track taken from the Geolocation API while /m is open, sent in batches.
// Kept in localStorage so a reload (offline: from the service worker's shell) goes on with it.
// Only during a patrol is the position watched: tracks are the worker's personal data.
import { newIdempotencyKey } from '../../../platform/offline/outbox.ts';
import { gridworkApi, type TrackPointInput } from '../api.ts';

/** The patrol as the server knows it (id), or as the phone queued its start (key). */
export type PatrolRef = { id: string } | { startKey: string };

export interface LocalPatrol {
  userId: string;
  ref: PatrolRef;
  gridCode: string | null;
  startedAt: string;
  /** Every point taken on this phone, for the live line and distance. */
  track: [number, number][];
  distanceMeters: number;
  /** Taken but not yet handed to the outbox. */
  pending: TrackPointInput[];
  /** Why the position cannot be read, if it cannot. */
  geoError: string | null;
}

const storageKey = 'gongzhi.patrol';
/** A batch goes to the outbox after this many points or this long. */
const batchPoints = 10;
const batchMillis = 20_000;

let current: LocalPatrol | null = load();
let watchId: number | null = null;
let lastBatchAt = Date.now();
const listeners = new Set<() => void>();

function load(): LocalPatrol | null {
  try {
    const text = localStorage.getItem(storageKey);
    return text ? (JSON.parse(text) as LocalPatrol) : null;
  } catch {
    return null;
  }
}

function save(next: LocalPatrol | null): void {
  current = next;
  if (next) localStorage.setItem(storageKey, JSON.stringify(next));
  else localStorage.removeItem(storageKey);
  listeners.forEach((listener) => listener());
}

export function subscribePatrol(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in user's patrol on this phone (another user's is not theirs to see). */
export function localPatrol(userId: string | undefined): LocalPatrol | null {
  return current && current.userId === userId ? current : null;
}

export function patrolSnapshot(): LocalPatrol | null {
  return current;
}

/** Great-circle distance in metres (haversine), for the live figure; the server measures the kept track itself. */
export function metresBetween([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

async function sendBatch(): Promise<void> {
  const patrol = current;
  if (!patrol || patrol.pending.length === 0) return;
  const batch = patrol.pending;
  save({ ...patrol, pending: [] });
  lastBatchAt = Date.now();
  await gridworkApi.appendPoints(patrol.ref, batch);
}

function onPosition(position: GeolocationPosition): void {
  const patrol = current;
  if (!patrol) return;
  const point: [number, number] = [Number(position.coords.longitude.toFixed(6)), Number(position.coords.latitude.toFixed(6))];
  const previous = patrol.track[patrol.track.length - 1];
  if (previous && previous[0] === point[0] && previous[1] === point[1]) return;
  const recorded = { lng: point[0], lat: point[1], accuracy: Math.round(position.coords.accuracy), recordedAt: new Date(position.timestamp || Date.now()).toISOString() };
  save({
    ...patrol,
    track: [...patrol.track, point],
    distanceMeters: patrol.distanceMeters + (previous ? metresBetween(previous, point) : 0),
    pending: [...patrol.pending, recorded],
    geoError: null,
  });
  if (patrol.pending.length + 1 >= batchPoints || Date.now() - lastBatchAt >= batchMillis) void sendBatch();
}

/** Watches the position while a patrol of this user is under way (called by /m's patrol section). */
export function resumeWatching(userId: string): void {
  if (!current || current.userId !== userId || watchId !== null || !('geolocation' in navigator)) return;
  watchId = navigator.geolocation.watchPosition(
    onPosition,
    (error) => {
      if (current) save({ ...current, geoError: error.message || String(error.code) });
    },
    { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
  );
}

function stopWatching(): void {
  if (watchId !== null) navigator.geolocation.clearWatch(watchId);
  watchId = null;
}

/** Starts a patrol now (queued if there is no signal) and begins taking the track. */
export async function startPatrol(userId: string, gridCode: string | null): Promise<void> {
  const key = newIdempotencyKey();
  const startedAt = new Date().toISOString();
  save({ userId, ref: { startKey: key }, gridCode, startedAt, track: [], distanceMeters: 0, pending: [], geoError: null });
  lastBatchAt = Date.now();
  resumeWatching(userId);
  try {
    const result = await gridworkApi.startPatrol({ ...(gridCode ? { gridCode } : {}), startedAt }, key);
    if (result.sent && current) save({ ...current, ref: { id: result.answer.id } });
  } catch (error) {
    // Refused (no grid served, one already under way): no patrol, so no track either.
    stopWatching();
    save(null);
    throw error;
  }
}

/** Sends what was taken and ends the patrol (queued if there is no signal). */
export async function endPatrol(): Promise<void> {
  const patrol = current;
  if (!patrol) return;
  stopWatching();
  await sendBatch();
  save(null);
  await gridworkApi.endPatrol(patrol.ref, new Date().toISOString());
}

/** Takes over a patrol the server knows but this phone does not (started on another page load). */
export function adoptPatrol(userId: string, patrol: { id: string; gridCode: string; startedAt: string; distanceMeters: number }): void {
  if (current) return;
  save({ userId, ref: { id: patrol.id }, gridCode: patrol.gridCode, startedAt: patrol.startedAt, track: [], distanceMeters: patrol.distanceMeters, pending: [], geoError: null });
}

/** Hands the points taken so far to the outbox (before going to another screen). */
export function flushTrack(): Promise<void> {
  return sendBatch();
}
