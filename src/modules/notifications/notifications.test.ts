import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { createJobRunner } from '../../platform/jobs.ts';
import { loggingChannel, maskRecipient, notifyUsers, queueChannelMessage, registerChannel } from './index.ts';
import { deliverMessage } from './deliveries.ts';
import { createConfiguredCipher } from '../../app.ts';
import { makeActor, seedTree, setupTestApp, signIn } from '../../../test/helpers.ts';

const test = await setupTestApp();
const db = test.database.db;
const pii = createConfiguredCipher(test.config);
await seedTree(test.database);
const { username, actor } = await makeActor(test.database, 'community_staff', '110108001001');
const userId = actor.id as string;
const cookie = await signIn(test.app, username);

/** Opens the SSE stream on a real socket and collects events until `count` arrive. */
function readEvents(port: number, count: number, headers: Record<string, string> = {}): Promise<{ id: string; data: { title: string } }[]> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/notifications/stream', headers: { cookie, ...headers } }, (res) => {
      if (res.headers['content-type']?.startsWith('text/event-stream') !== true) reject(new Error(`not SSE: ${res.statusCode}`));
      let buffer = '';
      const events: { id: string; data: { title: string } }[] = [];
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (id && data) events.push({ id, data: JSON.parse(data) });
          if (events.length >= count) {
            req.destroy();
            resolve(events);
          }
        }
      });
    });
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    setTimeout(() => reject(new Error('timed out waiting for events')), 10_000).unref();
  });
}

describe('notifications', () => {
  it('pushes committed notifications over SSE, and resumes after Last-Event-ID', async () => {
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (test.app.server.address() as { port: number }).port;
    const stream = readEvents(port, 2);
    await new Promise((r) => setTimeout(r, 300));
    await db.transaction(async (tx) => notifyUsers(tx, { userIds: [userId], kind: 'case.dispatch', title: 'HD1 派遣', body: '垃圾' }));
    // A rolled-back notification never arrives.
    await db.transaction(async (tx) => {
      await notifyUsers(tx, { userIds: [userId], kind: 'case.x', title: 'rolled back', body: '' });
      tx.rollback();
    }).catch(() => undefined);
    await notifyUsers(db, { userIds: [userId], kind: 'case.accept', title: 'HD2 受理', body: '' });
    const events = await stream;
    expect(events.map((e) => e.data.title)).toEqual(['HD1 派遣', 'HD2 受理']);
    const resumed = await readEvents(port, 1, { 'last-event-id': String(Number(events[0]?.id)) });
    expect(resumed[0]?.data.title).toBe('HD2 受理');
  });

  it('lists and marks read', async () => {
    const list = await test.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie } });
    expect(list.json().unread).toBe(2);
    const read = await test.app.inject({ method: 'POST', url: '/api/notifications/read', headers: { cookie }, payload: { ids: [list.json().items[0].id] } });
    expect(read.json().updated).toBe(1);
    expect((await test.app.inject({ method: 'GET', url: '/api/notifications?unread=true', headers: { cookie } })).json().items).toHaveLength(1);
    expect((await test.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('delivers channel messages through a pluggable channel, never storing the number in clear', async () => {
    const lines: string[] = [];
    registerChannel(loggingChannel('sms', (line) => lines.push(line)));
    await queueChannelMessage(db, { pii }, { channel: 'sms', to: '13812345678', kind: 'case.received', params: { number: 'HD1', title: '垃圾' } });
    const [job] = await queryRows<{ payload: { to: string } }>(db, sql`select payload from jobs where kind = 'notify.deliver'`);
    expect(job?.payload.to).not.toContain('13812345678');
    const runner = createJobRunner({ ctx: { database: test.database, config: test.config, pii }, handlers: { 'notify.deliver': deliverMessage } });
    await runner.runOnce();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[sms\] to 138\*\*\*\*5678 kind case.received \{.*"number":"HD1".*\}$/);
    const [delivery] = await queryRows<{ recipient: string; status: string; provider: string }>(db, sql`select recipient, status, provider from notification_deliveries`);
    expect(delivery).toEqual({ recipient: '138****5678', status: 'sent', provider: 'log' });
    expect(maskRecipient('oAbCdEfGhIjK')).toBe('oAb***IjK');
  });
});
