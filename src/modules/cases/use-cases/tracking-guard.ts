// The public follow-up answers "this number and this phone belong together", so it is an
// oracle: one client could try every phone for a case number, or every case number for a
// phone. Besides the per-address request limit of the route (@fastify/rate-limit), failed
// attempts are counted per case number, per phone and per address in a sliding window;
// past the limit that key is refused (429) until old failures leave the window, even from
// other addresses. Kept in this process's memory, as the route limit is.

export interface TrackingLimits {
  /** Failed attempts allowed per case number, per phone and per address in a window. */
  perNumber: number;
  perPhone: number;
  perAddress: number;
  windowMs: number;
}

export const trackingLimits: TrackingLimits = { perNumber: 10, perPhone: 10, perAddress: 30, windowMs: 60 * 60_000 };

/** What one attempt is counted by. */
export interface TrackingKeys {
  number: string;
  /** The phone's keyed hash, never the phone. */
  phoneHash: string;
  address: string | undefined;
}

export class TrackingGuard {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: TrackingLimits = trackingLimits,
    private readonly now: () => number = Date.now,
  ) {}

  private keysOf({ number, phoneHash, address }: TrackingKeys): [string, number][] {
    const keys: [string, number][] = [
      [`n:${number}`, this.limits.perNumber],
      [`p:${phoneHash}`, this.limits.perPhone],
    ];
    if (address) keys.push([`a:${address}`, this.limits.perAddress]);
    return keys;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Minutes until the attempt may be made, or 0 when it may be made now. */
  blockedFor(keys: TrackingKeys): number {
    let until = 0;
    for (const [key, limit] of this.keysOf(keys)) {
      const recent = this.recent(key);
      if (recent.length >= limit) until = Math.max(until, (recent[recent.length - limit] as number) + this.limits.windowMs);
    }
    return until ? Math.max(1, Math.ceil((until - this.now()) / 60_000)) : 0;
  }

  /** Counts a failed attempt against each of its keys. */
  failed(keys: TrackingKeys): void {
    const at = this.now();
    for (const [key] of this.keysOf(keys)) this.failures.set(key, [...this.recent(key), at]);
  }
}
