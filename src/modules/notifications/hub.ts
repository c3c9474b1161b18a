// Live updates: database notifications fanned out to the SSE streams of this process.
// They cross processes through PostgreSQL's NOTIFY, sent in the transaction that
// writes the notification, so a listener hears only of committed rows. PGlite has the same
// LISTEN/NOTIFY inside its one process.
import type { Database } from '../../platform/db.ts';
import { listenTo } from '../../platform/listen.ts';
import { NOTIFY_CHANNEL } from './service.ts';

type Listener = () => void;

/** Fans database notifications out to the live streams of this process. */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopListening: (() => Promise<void>) | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly database: Database) {}

  /** Calls `listener` whenever a notification for the user is committed; returns the unsubscribe function. */
  async subscribe(userId: string, listener: Listener): Promise<() => void> {
    await this.start();
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  private dispatch(payload: string | undefined): void {
    try {
      const { u } = JSON.parse(payload ?? '{}') as { u?: string[] };
      for (const userId of u ?? []) for (const listener of this.listeners.get(userId) ?? []) listener();
    } catch {
      // Not ours: ignore.
    }
  }

  private start(): Promise<void> {
    this.starting ??= listenTo(this.database, NOTIFY_CHANNEL, (payload) => this.dispatch(payload)).then((stop) => void (this.stopListening = stop));
    return this.starting;
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.starting?.catch(() => undefined);
    await this.stopListening?.().catch(() => undefined);
    this.stopListening = undefined;
    this.starting = undefined;
  }
}
