// Outbound channels (SMS, WeChat template messages) behind one small interface, delivered
// by a background job.
import type { JobHandler } from '../../platform/jobs.ts';
import { notificationDeliveries } from './schema.ts';

export type ChannelName = 'sms' | 'wechat';

/** A message for an outbound channel: a template id and its parameters (as SMS and WeChat template messages take them). */
export interface ChannelMessage {
  channel: ChannelName;
  /** Phone number (SMS) or openid (WeChat). */
  to: string;
  template: string;
  params: Record<string, string>;
}

/** An outbound channel. Implementations for a real SMS gateway or WeChat plug in with registerChannel. */
export interface NotificationChannel {
  readonly name: ChannelName;
  send(message: ChannelMessage): Promise<void>;
}

/** A channel that only logs what it would send: the default until a gateway is configured. */
export function loggingChannel(name: ChannelName, log: (line: string) => void = () => undefined): NotificationChannel {
  return {
    name,
    async send(message) {
      log(`[${name}] to ${maskRecipient(message.to)} template ${message.template} ${JSON.stringify(message.params)}`);
    },
  };
}

const channelRegistry = new Map<ChannelName, NotificationChannel>([
  ['sms', loggingChannel('sms')],
  ['wechat', loggingChannel('wechat')],
]);

/** Replaces the implementation of a channel (for a deployment's SMS gateway or WeChat account). */
export function registerChannel(channel: NotificationChannel): void {
  channelRegistry.set(channel.name, channel);
}

/** 13812345678 → 138****5678; other identifiers keep their first and last three characters. */
export function maskRecipient(to: string): string {
  if (/^1\d{10}$/.test(to)) return `${to.slice(0, 3)}****${to.slice(7)}`;
  return to.length <= 6 ? '***' : `${to.slice(0, 3)}***${to.slice(-3)}`;
}

/** The delivery job: sends one queued message and records the outcome (recipient masked). */
export const notifyJobHandlers: Record<string, JobHandler> = {
  'notify.deliver': async (job, { ctx }) => {
    const payload = job.payload as unknown as ChannelMessage;
    const to = ctx.pii.decrypt(payload.to);
    const channel = channelRegistry.get(payload.channel);
    const row = { channel: payload.channel, recipient: maskRecipient(to), template: payload.template, params: payload.params };
    try {
      if (!channel) throw new Error(`no channel ${payload.channel}`);
      await channel.send({ ...payload, to });
      await ctx.database.db.insert(notificationDeliveries).values({ ...row, status: 'sent' });
    } catch (error) {
      await ctx.database.db.insert(notificationDeliveries).values({ ...row, status: 'failed', error: String(error).slice(0, 500) });
      throw error;
    }
  },
};
