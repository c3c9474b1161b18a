// The wall's live stream: cases reported in the area, as Server-Sent Events in the framing of
// the notifications stream (id = the report's timeline id, so a reconnect resumes with
// Last-Event-ID). Cases announce nothing when they are reported, so the stream looks every
// few seconds with one indexed query (timeline by action and time).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { resolveArea } from './area.ts';
import { casesReportedAfter, latestTimelineId } from './case-reads.ts';

const POLL_MS = 3_000;
const HEARTBEAT_MS = 25_000;

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
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': req.id,
  });
  res.write(`retry: 5000\n: connected\n\n`);
  let busy = false;
  const flush = async () => {
    if (busy || res.destroyed) return;
    busy = true;
    try {
      const rows = await casesReportedAfter(db, area, cursor);
      for (const { eventId, ...c } of rows) {
        res.write(`id: ${eventId}\nevent: case\ndata: ${JSON.stringify(c)}\n\n`);
        cursor = eventId;
      }
    } catch (error) {
      req.log.error({ err: error }, 'command stream failed');
    } finally {
      busy = false;
    }
  };
  const poll = setInterval(() => void flush(), POLL_MS);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  const close = () => {
    clearInterval(poll);
    clearInterval(heartbeat);
    open.delete(close);
    if (!res.destroyed) res.end();
  };
  open.add(close);
  req.raw.on('close', close);
  await flush();
}
