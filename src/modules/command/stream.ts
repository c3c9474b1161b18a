// The wall's live stream: cases reported in the area, as Server-Sent Events (platform/sse.ts, as
// the notifications stream) (id = the report's timeline id, so a reconnect resumes with
// Last-Event-ID). A commit that writes to the timeline wakes the stream (wake.ts, LISTEN/NOTIFY); a slow
// poll covers a lost notification or listening connection.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { resolveArea } from './area.ts';
import { casesReportedAfter, latestTimelineId } from './case-reads.ts';
import { openSse } from '../../platform/sse.ts';
import type { ReportWake } from './wake.ts';

/** The fallback poll (tests lengthen it to show the wake-up alone delivers). */
export const streamTiming = { pollMs: 30_000 };

const BATCH = 100;

interface Stream {
  db: Db;
  wake: ReportWake;
  actor: Actor;
  open: Set<() => void>;
  under: string | undefined;
  after: number | undefined;
  req: FastifyRequest;
  reply: FastifyReply;
}

export async function streamNewCases({ db, wake, actor, open, under, after, req, reply }: Stream): Promise<void> {
  const area = await resolveArea(db, actor, under);
  const lastEventId = Number(req.headers['last-event-id'] ?? after ?? Number.NaN);
  let cursor = Number.isFinite(lastEventId) ? lastEventId : await latestTimelineId(db);
  const stream = openSse(req, reply, open);
  let busy = false;
  let again = false;
  const flush = async () => {
    if (busy) {
      // A wake-up during a read: read once more after it.
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const rows = await casesReportedAfter(db, area, cursor, BATCH);
        for (const { eventId, ...c } of rows) {
          stream.send(eventId, 'case', c);
          cursor = eventId;
        }
        if (rows.length === BATCH) again = true;
      } while (again && !stream.closed);
    } catch (error) {
      req.log.error({ err: error }, 'command stream failed');
    } finally {
      busy = false;
    }
  };
  stream.onClose(await wake.subscribe(() => void flush()));
  const poll = setInterval(() => void flush(), streamTiming.pollMs);
  stream.onClose(() => clearInterval(poll));
  // Anything reported between the cursor and the subscription is sent now.
  await flush();
}
