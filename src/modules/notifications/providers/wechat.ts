// WeChat: Official Account template messages (message/template/send) and Mini Program
// subscribe messages (message/subscribe/send), with the app's access token cached.
//
// The token comes from cgi-bin/stable_token in its normal mode: unlike cgi-bin/token, asking
// again does not invalidate the token another process holds, so several server processes
// can share one app.
import type { WechatAppConfig, WechatTemplateConfig } from '../../../platform/config.ts';
import type { MessageKind } from '../message-kinds.ts';
import { ChannelError, requestJson, type SendResult } from './send-http.ts';

// Refresh this long before WeChat's expiry, so a token is never used in its last minutes.
const REFRESH_MARGIN_MS = 5 * 60_000;
// The token was revoked or expired early: fetch another and try once more.
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
// Errors another try cannot mend: bad openid, user refused or did not subscribe, bad template or data.
const PERMANENT_ERRORS = new Set([40003, 40037, 43004, 43101, 47003, 41030]);

/** An app's access token, fetched once and reused until shortly before it expires. */
export class WechatTokenCache {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;
  /** How many tokens were fetched (for tests and the log). */
  fetches = 0;

  constructor(
    private readonly apiBase: string,
    private readonly app: Pick<WechatAppConfig, 'appId' | 'appSecret'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token: the cached one, or a new one when it is missing or near expiry. */
  get(): Promise<string> {
    if (this.token && this.token.expiresAt - REFRESH_MARGIN_MS > this.now()) return Promise.resolve(this.token.value);
    // Concurrent senders share one fetch.
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets a token WeChat refused, unless a newer one already replaced it. */
  invalidate(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

  private async fetch(): Promise<string> {
    this.fetches++;
    const { body } = await requestJson(`${this.apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.app.appId, secret: this.app.appSecret, force_refresh: false }),
    });
    if (typeof body.access_token !== 'string') throw new ChannelError(`WeChat token ${String(body.errcode)}: ${String(body.errmsg ?? '')}`);
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    this.token = { value: body.access_token, expiresAt: this.now() + expiresIn * 1000 };
    return body.access_token;
  }
}

function templateData(template: WechatTemplateConfig, params: Readonly<Record<string, string>>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [name, key] of Object.entries(template.fields)) data[key] = { value: params[name] ?? '' };
  return data;
}

/** Posts a message with the cached token; refreshes the token and retries once when WeChat says it is invalid or expired. */
async function postWithToken(apiBase: string, path: string, tokens: WechatTokenCache, body: object): Promise<SendResult> {
  for (let attempt = 0; ; attempt++) {
    const token = await tokens.get();
    const { body: answer } = await requestJson(`${apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const errcode = Number(answer.errcode ?? 0);
    if (errcode === 0) return { providerMessageId: answer.msgid === undefined ? undefined : String(answer.msgid) };
    if (TOKEN_ERRORS.has(errcode) && attempt === 0) {
      tokens.invalidate(token);
      continue;
    }
    throw new ChannelError(`WeChat ${errcode}: ${String(answer.errmsg ?? '')}`, PERMANENT_ERRORS.has(errcode));
  }
}

function templateOf(app: WechatAppConfig, kind: MessageKind, what: string): WechatTemplateConfig {
  const template = app.templates[kind];
  if (!template) throw new ChannelError(`no WeChat ${what} template configured for ${kind}`, true);
  return template;
}

/** Sends an Official Account template message to a follower's openid. */
export function sendWechatTemplate(apiBase: string, app: WechatAppConfig, tokens: WechatTokenCache, openid: string, kind: MessageKind, params: Readonly<Record<string, string>>): Promise<SendResult> {
  const template = templateOf(app, kind, 'template message');
  return postWithToken(apiBase, '/cgi-bin/message/template/send', tokens, {
    touser: openid,
    template_id: template.id,
    ...(template.url ? { url: template.url } : {}),
    data: templateData(template, params),
  });
}

/** Sends a Mini Program subscribe message to a user's openid (who must have accepted the template). */
export function sendWechatSubscribe(
  apiBase: string,
  app: WechatAppConfig & { state: 'developer' | 'trial' | 'formal' },
  tokens: WechatTokenCache,
  openid: string,
  kind: MessageKind,
  params: Readonly<Record<string, string>>,
): Promise<SendResult> {
  const template = templateOf(app, kind, 'subscribe message');
  return postWithToken(apiBase, '/cgi-bin/message/subscribe/send', tokens, {
    touser: openid,
    template_id: template.id,
    ...(template.page ? { page: template.page } : {}),
    miniprogram_state: app.state,
    lang: 'zh_CN',
    data: templateData(template, params),
  });
}
