// Server-Sent Events for the live streams (a user's notifications, the command wall): one place
// for the headers that keep proxies from buffering, the framing, the heartbeat that keeps idle
// connections open, and closing (when the client leaves or the server stops).
import type { FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 25_000;

export interface SseStream {
  /** Writes one event; its id is what the browser sends back as Last-Event-ID when it reconnects. */
  send: (id: number | string, event: string, data: unknown) => void;
  /** Whether the connection is gone. */
  readonly closed: boolean;
  /** Runs on close (stop polling, unsubscribe); at once when already closed. */
  onClose: (cleanup: () => void) => void;
}

/** Takes the connection over as an event stream; `open` holds the server's open streams, closed when it stops. */
export function openSse(req: FastifyRequest, reply: FastifyReply, open: Set<() => void>): SseStream {
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
  const cleanups: (() => void)[] = [];
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  let done = false;
  const close = () => {
    done = true;
    clearInterval(heartbeat);
    for (const cleanup of cleanups.splice(0)) cleanup();
    open.delete(close);
    if (!res.destroyed) res.end();
  };
  open.add(close);
  req.raw.on('close', close);
  return {
    send: (id, event, data) => {
      if (!res.destroyed) res.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    get closed() {
      return res.destroyed;
    },
    onClose: (cleanup) => {
      // A client gone before the stream finished setting up is cleaned up at once.
      if (done) cleanup();
      else cleanups.push(cleanup);
    },
  };
}
