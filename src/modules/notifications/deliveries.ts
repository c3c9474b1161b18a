// Outbound deliveries: a message is queued with its delivery record in the caller's
// transaction, and sent by a background job that retries with backoff. Its record says
// what happened (sent, retrying, failed, capped) with the recipient masked; the clear
// recipient lives only encrypted in the job's payload.
import { and, count, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { AppContext } from '../../platform/http.ts';
import { enqueueJob, type JobHandler } from '../../platform/jobs.ts';
import { AppError } from '../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../platform/list-page.ts';
import { notificationDeliveries } from './schema.ts';
import { messageProblems, type MessageKind } from './message-kinds.ts';
import { ChannelError, channelFor, maskRecipient, redactPhones, type ChannelMessage, type ChannelName } from './channels.ts';
import type { DeliveryList, DeliveryQuery } from './contract.ts';

const MAX_ATTEMPTS = 5;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

interface DeliverPayload {
  deliveryId: number;
  channel: ChannelName;
  kind: MessageKind;
  /** Encrypted recipient. */
  to: string;
  params: Record<string, string>;
}

/**
 * Queues a message for an outbound channel in the caller's transaction: its delivery record
 * (recipient masked) and the job that sends it (recipient encrypted). A kind the channels do
 * not know, or a missing variable, is refused with the field named.
 */
export async function queueChannelMessage(db: Db, ctx: Pick<AppContext, 'pii'>, message: ChannelMessage): Promise<number> {
  const problems = messageProblems(message.kind, message.params);
  if (problems.length) throw new AppError('VALIDATION_FAILED', { summary: problems.map((p) => `${p.field}: ${p.message}`).join('; '), fields: problems });
  const [row] = await db
    .insert(notificationDeliveries)
    .values({
      channel: message.channel,
      recipient: maskRecipient(message.to),
      recipientHash: ctx.pii.lookupHash(`${message.channel}:${message.to}`),
      kind: message.kind,
      params: message.params,
      status: 'queued',
    })
    .returning({ id: notificationDeliveries.id });
  const deliveryId = row!.id;
  const payload: DeliverPayload = { deliveryId, channel: message.channel, kind: message.kind, to: ctx.pii.encrypt(message.to), params: message.params };
  await enqueueJob(db, 'notify.deliver', { ...payload }, { maxAttempts: MAX_ATTEMPTS });
  return deliveryId;
}

/** The instant the Beijing day of `now` began. */
function startOfBeijingDay(now: number): Date {
  return new Date(Math.floor((now + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS);
}

async function sentToday(db: Db, recipientHash: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.recipientHash, recipientHash), eq(notificationDeliveries.status, 'sent'), gte(notificationDeliveries.sentAt, startOfBeijingDay(Date.now()))));
  return row?.n ?? 0;
}

/**
 * The delivery job: checks the daily cap (SMS), sends, and records the outcome. A refusal
 * another try could mend is thrown, so the job queue retries it with backoff; after the last
 * attempt, or at once for a permanent refusal, the record says failed.
 */
export const deliverMessage: JobHandler = async (job, { ctx }) => {
  const payload = job.payload as unknown as DeliverPayload;
  // Queued before delivery records existed: no record to send it against (it named a template, not a kind).
  if (typeof payload.deliveryId !== 'number') return;
  const db = ctx.database.db;
  const [delivery] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, payload.deliveryId));
  if (!delivery || delivery.status === 'sent' || delivery.status === 'capped') return;
  const settings = ctx.config.channels;
  const channel = channelFor(payload.channel, settings);
  const provider = channel.provider ?? payload.channel;
  if (payload.channel === 'sms' && delivery.recipientHash && (await sentToday(db, delivery.recipientHash)) >= settings.smsDailyCap) {
    await db
      .update(notificationDeliveries)
      .set({ status: 'capped', provider, lastError: `daily cap of ${settings.smsDailyCap} reached`, updatedAt: new Date() })
      .where(eq(notificationDeliveries.id, delivery.id));
    return;
  }
  try {
    const result = await channel.send({ channel: payload.channel, to: ctx.pii.decrypt(payload.to), kind: payload.kind, params: payload.params });
    await db
      .update(notificationDeliveries)
      .set({ status: 'sent', provider, attempts: job.attempts, providerMessageId: result?.providerMessageId ?? null, lastError: null, sentAt: new Date(), updatedAt: new Date() })
      .where(eq(notificationDeliveries.id, delivery.id));
  } catch (error) {
    const message = redactPhones(error instanceof Error ? error.message : String(error)).slice(0, 500);
    const permanent = error instanceof ChannelError && error.permanent;
    const final = permanent || job.attempts >= job.maxAttempts;
    await db
      .update(notificationDeliveries)
      .set({ status: final ? 'failed' : 'retrying', provider, attempts: job.attempts, lastError: message, updatedAt: new Date() })
      .where(eq(notificationDeliveries.id, delivery.id));
    // Thrown without the original error: its text may carry the number in clear.
    if (!permanent) throw new ChannelError(message);
  }
};

const deliveryColumns = {
  id: notificationDeliveries.id,
  channel: notificationDeliveries.channel,
  provider: notificationDeliveries.provider,
  recipient: notificationDeliveries.recipient,
  kind: notificationDeliveries.kind,
  status: notificationDeliveries.status,
  attempts: notificationDeliveries.attempts,
  lastError: notificationDeliveries.lastError,
  providerMessageId: notificationDeliveries.providerMessageId,
  createdAt: notificationDeliveries.createdAt,
  sentAt: notificationDeliveries.sentAt,
};

/** Delivery records, newest first, filtered by status and channel (the administrators' console). */
export function listDeliveries(db: Db, q: DeliveryQuery): Promise<DeliveryList> {
  const where = and(q.status ? eq(notificationDeliveries.status, q.status) : undefined, q.channel ? eq(notificationDeliveries.channel, q.channel) : undefined);
  return listPage(
    q,
    db.select(deliveryColumns).from(notificationDeliveries).where(where).orderBy(desc(notificationDeliveries.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(notificationDeliveries).where(where),
  );
}
