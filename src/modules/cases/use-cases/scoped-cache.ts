// Answers that are the same for every request of one scope and filter for a few seconds (a
// capped count, a planner's estimate): kept in the process so that a board asked again and
// again, or a to-do under load, does not recompute them per request.
import type { Actor } from '../../../platform/auth/scope.ts';

/** Who the actor is for what they may see: their id and grants decide the scope. */
export function scopeKey(actor: Actor): string {
  return JSON.stringify([actor.kind, actor.id, actor.grants.map((g) => `${g.role}@${g.orgPath}`).sort()]);
}

/** A map of answers that expire after `ttlMs`, holding at most `maxEntries` (the oldest go first). */
export class TimedCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, now: number): T | undefined {
    const hit = this.entries.get(key);
    // A clock moved back (an injected time in tests) does not read an answer from its future.
    return hit && now - hit.at < this.ttlMs && now >= hit.at ? hit.value : undefined;
  }

  set(key: string, value: T, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    // A Map keeps insertion order: the first keys are the oldest.
    for (const old of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(old);
    }
  }
}
