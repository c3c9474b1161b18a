// The wall's live stream: cases reported in the area, as Server-Sent Events (platform/sse.ts, as
// the notifications stream) (id = the report's timeline id, so a reconnect resumes with
// Last-Event-ID). Cases announce nothing when they are reported, so the stream looks every
// few seconds with one indexed query (timeline by action and time).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { resolveArea } from './area.ts';
import { casesReportedAfter, latestTimelineId } from './case-reads.ts';
import { openSse } from '../../platform/sse.ts';

const POLL_MS = 3_000;

interface Stream {
  db: Db;
  actor: Actor;
  open: Set<() => void>;
  under: string | undefined;
  after: number | undefined;
  req: FastifyRequest;
  reply: FastifyReply;
}

export async function streamNewCases({ db, actor, open, under, after, req, reply }: Stream): Promise<void> {
  const area = await resolveArea(db, actor, under);
  const lastEventId = Number(req.headers['last-event-id'] ?? after ?? Number.NaN);
  let cursor = Number.isFinite(lastEventId) ? lastEventId : await latestTimelineId(db);
  const stream = openSse(req, reply, open);
  let busy = false;
  const flush = async () => {
    if (busy || stream.closed) return;
    busy = true;
    try {
      const rows = await casesReportedAfter(db, area, cursor);
      for (const { eventId, ...c } of rows) {
        stream.send(eventId, 'case', c);
        cursor = eventId;
      }
    } catch (error) {
      req.log.error({ err: error }, 'command stream failed');
    } finally {
      busy = false;
    }
  };
  const poll = setInterval(() => void flush(), POLL_MS);
  stream.onClose(() => clearInterval(poll));
  await flush();
}
