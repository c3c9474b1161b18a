// Outbound channels (SMS, WeChat) behind one small interface. Which implementation carries a
// channel: one registered in code (registerChannel), else the one the configuration names
// (Alibaba Cloud or Tencent Cloud SMS, a WeChat Official Account or Mini Program), else the
// logging channel.
import type { ChannelConfig } from '../../platform/config.ts';
import type { MessageKind } from './message-kinds.ts';
import { sendAliyunSms } from './providers/sms-aliyun.ts';
import { sendTencentSms } from './providers/sms-tencent.ts';
import { sendWechatSubscribe, sendWechatTemplate, WechatTokenCache } from './providers/wechat.ts';
import type { SendResult } from './providers/send-http.ts';

export { ChannelError, type SendResult } from './providers/send-http.ts';

/** sms: a mobile number; wechat: an Official Account openid; wechat_mini: a Mini Program openid. */
export const channelNames = ['sms', 'wechat', 'wechat_mini'] as const;
export type ChannelName = (typeof channelNames)[number];

/** A message for an outbound channel: its kind and the kind's variables. */
export interface ChannelMessage {
  channel: ChannelName;
  /** Phone number (SMS) or openid (WeChat). */
  to: string;
  kind: MessageKind;
  params: Record<string, string>;
}

/** An outbound channel. Implementations for a gateway of a deployment's own plug in with registerChannel. */
export interface NotificationChannel {
  readonly name: ChannelName;
  /** Who carries it, as delivery records name it (log, aliyun, tencent, wechat…). */
  readonly provider?: string;
  send(message: ChannelMessage): Promise<SendResult | void>;
}

/** A channel that only logs what it would send (recipient masked): the default until a gateway is configured. */
export function loggingChannel(name: ChannelName, log: (line: string) => void = () => undefined): NotificationChannel {
  return {
    name,
    provider: 'log',
    async send(message) {
      log(`[${name}] to ${maskRecipient(message.to)} kind ${message.kind} ${JSON.stringify(message.params)}`);
    },
  };
}

const registered = new Map<ChannelName, NotificationChannel>();

/** Replaces the implementation of a channel (a deployment's own gateway; tests). */
export function registerChannel(channel: NotificationChannel): void {
  registered.set(channel.name, channel);
}

/** Forgets the channels registered in code, so the configuration decides again. */
export function resetRegisteredChannels(): void {
  registered.clear();
}

// One set per configuration, so an app's WeChat token cache lives as long as the app.
const configured = new WeakMap<ChannelConfig, Map<ChannelName, NotificationChannel>>();

function configuredChannels(config: ChannelConfig): Map<ChannelName, NotificationChannel> {
  const channels = new Map<ChannelName, NotificationChannel>();
  const sms = config.sms;
  if (sms.provider === 'aliyun') {
    const options = { ...sms, accessKeySecret: sms.accessKeySecret };
    channels.set('sms', { name: 'sms', provider: 'aliyun', send: (m) => sendAliyunSms(options, m.to, m.kind, m.params) });
  } else if (sms.provider === 'tencent') {
    const options = { ...sms, secretId: sms.accessKeyId, secretKey: sms.accessKeySecret, sdkAppId: sms.sdkAppId ?? '' };
    channels.set('sms', { name: 'sms', provider: 'tencent', send: (m) => sendTencentSms(options, m.to, m.kind, m.params) });
  }
  const base = config.wechatApiBase.replace(/\/+$/, '');
  const oa = config.wechat;
  if (oa) {
    const tokens = new WechatTokenCache(base, oa);
    channels.set('wechat', { name: 'wechat', provider: 'wechat', send: (m) => sendWechatTemplate(base, oa, tokens, m.to, m.kind, m.params) });
  }
  const mini = config.wechatMini;
  if (mini) {
    const tokens = new WechatTokenCache(base, mini);
    channels.set('wechat_mini', { name: 'wechat_mini', provider: 'wechat_mini', send: (m) => sendWechatSubscribe(base, mini, tokens, m.to, m.kind, m.params) });
  }
  return channels;
}

/** The implementation that carries a channel under this configuration. */
export function channelFor(name: ChannelName, config: ChannelConfig): NotificationChannel {
  const own = registered.get(name);
  if (own) return own;
  let channels = configured.get(config);
  if (!channels) configured.set(config, (channels = configuredChannels(config)));
  return channels.get(name) ?? loggingChannel(name);
}

/** 13812345678 → 138****5678; other identifiers keep their first and last three characters. */
export function maskRecipient(to: string): string {
  if (/^1\d{10}$/.test(to)) return `${to.slice(0, 3)}****${to.slice(7)}`;
  return to.length <= 6 ? '***' : `${to.slice(0, 3)}***${to.slice(-3)}`;
}

/** Masks every mainland mobile number in a text (providers may echo the number in an error). */
export function redactPhones(text: string): string {
  return text.replace(/(?<!\d)(?:\+?86)?(1\d{2})\d{4}(\d{4})(?!\d)/g, '$1****$2');
}
