// Wake-ups of the command centre: the timeline's trigger (migration 0030) sends a NOTIFY when a
// transaction that wrote to the timeline commits; this process's streams flush at once.
import type { Database } from '../../platform/db.ts';
import { listenTo } from '../../platform/listen.ts';

export const TIMELINE_CHANNEL = 'command_timeline';

export class ReportWake {
  private readonly listeners = new Set<() => void>();
  private starting: Promise<void> | undefined;
  private stopListening: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Calls `listener` after each commit that wrote to the timeline; returns the unsubscribe function. */
  async subscribe(listener: () => void): Promise<() => void> {
    this.starting ??= listenTo(this.database, TIMELINE_CHANNEL, () => this.heard()).then(
      (stop) => void (this.stopListening = stop),
      // Without wake-ups the streams still poll slowly.
      (error: unknown) => this.onError(error),
    );
    await this.starting;
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private heard(): void {
    for (const listener of this.listeners) listener();
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.starting;
    await this.stopListening?.().catch(() => undefined);
    this.stopListening = undefined;
    this.starting = undefined;
  }
}
