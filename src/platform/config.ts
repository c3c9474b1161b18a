import path from 'node:path';
import { z } from 'zod';

// Every setting, read from the environment once at boot. A bad value stops start-up
// with a message naming the variable (see loadConfig).
const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Only this machine by default (the embedded demo); production sets HOST to listen wider.
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  GONGZHI_DATA_DIR: z.string().min(1).default('./data'),
  GONGZHI_ADMIN_PASSWORD: z.string().min(1).optional(),
  GONGZHI_PII_KEY: z.string().min(1).optional(),
  GONGZHI_KEYS_DIR: z.string().min(1).optional(),
  GONGZHI_AUDIT_KEY: z.string().min(1).optional(),
  GONGZHI_AUDIT_ANCHOR_DIR: z.string().min(1).optional(),
  GONGZHI_DEMO_PASSWORD: z.string().min(1).optional(),
  GONGZHI_DEMO_DISTRICT: z.string().regex(/^\d{6}$/, 'must be a 6-digit county-level division code').default('110108'),
  GONGZHI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GONGZHI_MAP_TILE_URL: z.string().url().optional(),
  GONGZHI_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  GONGZHI_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  GONGZHI_COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  GONGZHI_TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  GONGZHI_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  /** Master key for personal data at rest (32 bytes, base64 or hex); generated into the keys directory when unset. */
  piiKey: string | undefined;
  /** Where pii.key and audit.key live: kept apart from the data directory so data backups do not carry the keys. */
  keysDir: string;
  /** Key of the audit chain's HMACs (32 bytes, base64 or hex); generated into the keys directory when unset. */
  auditKey: string | undefined;
  /** Where the audit log's signed checkpoints are appended, outside the database. */
  auditAnchorDir: string;
  demoPassword: string | undefined;
  demoDistrict: string;
  logLevel: z.infer<typeof configSchema>['GONGZHI_LOG_LEVEL'];
  channels: ChannelConfig;
  mapTileUrl: string | undefined;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  loginRatePerMinute: number;
};

export class ConfigError extends Error {}

/** The environment through a schema; throws ConfigError naming each bad variable. */
function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Reads and validates the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(configSchema, env);
  const dataDir = path.resolve(e.GONGZHI_DATA_DIR);
  const keysDir = e.GONGZHI_KEYS_DIR ? path.resolve(e.GONGZHI_KEYS_DIR) : defaultKeysDir(dataDir);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    adminPassword: e.GONGZHI_ADMIN_PASSWORD,
    piiKey: e.GONGZHI_PII_KEY,
    keysDir,
    auditKey: e.GONGZHI_AUDIT_KEY,
    auditAnchorDir: e.GONGZHI_AUDIT_ANCHOR_DIR ? path.resolve(e.GONGZHI_AUDIT_ANCHOR_DIR) : path.join(path.dirname(keysDir), 'audit-anchors'),
    demoPassword: e.GONGZHI_DEMO_PASSWORD,
    demoDistrict: e.GONGZHI_DEMO_DISTRICT,
    logLevel: e.GONGZHI_LOG_LEVEL,
    channels: loadChannelConfig(env),
    mapTileUrl: e.GONGZHI_MAP_TILE_URL,
    sessionIdleMs: e.GONGZHI_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.GONGZHI_SESSION_ABSOLUTE_HOURS * 3_600_000,
    cookieSecure: e.GONGZHI_COOKIE_SECURE,
    trustProxy: e.GONGZHI_TRUST_PROXY,
    loginRatePerMinute: e.GONGZHI_LOGIN_RATE_PER_MINUTE,
  };
}

/** The default keys directory: `keys` beside the data directory (./data → ./keys), never inside it. */
export function defaultKeysDir(dataDir: string): string {
  return path.join(path.dirname(path.resolve(dataDir)), 'keys');
}

// ---------------------------------------------------------------------------- outbound channels
// SMS (Alibaba Cloud or Tencent Cloud) and WeChat (Official Account template messages, Mini
// Program subscribe messages), used by the notifications module. Left unset, messages are
// only logged. Templates are JSON objects keyed by message kind (see README).

const jsonOf = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, ctx) => {
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data as z.infer<T>;
      ctx.addIssue({ code: 'custom', message: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
    }
    return z.NEVER;
  });

const wechatTemplates = jsonOf(
  z.record(z.string(), z.object({ id: z.string().min(1), fields: z.record(z.string(), z.string().min(1)), page: z.string().optional(), url: z.string().optional() })),
);

const channelSchema = z
  .object({
    GONGZHI_SMS_PROVIDER: z.enum(['log', 'aliyun', 'tencent']).default('log'),
    GONGZHI_SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
    GONGZHI_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
    GONGZHI_SMS_SIGN_NAME: z.string().min(1).optional(),
    GONGZHI_SMS_SDK_APP_ID: z.string().min(1).optional(),
    GONGZHI_SMS_REGION: z.string().min(1).optional(),
    GONGZHI_SMS_ENDPOINT: z.string().url().optional(),
    GONGZHI_SMS_TEMPLATES: jsonOf(z.record(z.string(), z.string().min(1))).optional(),
    GONGZHI_SMS_DAILY_CAP: z.coerce.number().int().min(1).default(10),
    GONGZHI_WECHAT_APP_ID: z.string().min(1).optional(),
    GONGZHI_WECHAT_APP_SECRET: z.string().min(1).optional(),
    GONGZHI_WECHAT_TEMPLATES: wechatTemplates.optional(),
    GONGZHI_WECHAT_MINI_APP_ID: z.string().min(1).optional(),
    GONGZHI_WECHAT_MINI_APP_SECRET: z.string().min(1).optional(),
    GONGZHI_WECHAT_MINI_TEMPLATES: wechatTemplates.optional(),
    GONGZHI_WECHAT_MINI_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
    GONGZHI_WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  })
  .superRefine((e, ctx) => {
    const need = (name: keyof typeof e, why: string) => {
      if (e[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `required ${why}` });
    };
    if (e.GONGZHI_SMS_PROVIDER !== 'log') {
      for (const name of ['GONGZHI_SMS_ACCESS_KEY_ID', 'GONGZHI_SMS_ACCESS_KEY_SECRET', 'GONGZHI_SMS_SIGN_NAME', 'GONGZHI_SMS_TEMPLATES'] as const) need(name, `when GONGZHI_SMS_PROVIDER is ${e.GONGZHI_SMS_PROVIDER}`);
    }
    if (e.GONGZHI_SMS_PROVIDER === 'tencent') need('GONGZHI_SMS_SDK_APP_ID', 'when GONGZHI_SMS_PROVIDER is tencent');
    if (e.GONGZHI_WECHAT_APP_ID) for (const name of ['GONGZHI_WECHAT_APP_SECRET', 'GONGZHI_WECHAT_TEMPLATES'] as const) need(name, 'when GONGZHI_WECHAT_APP_ID is set');
    if (e.GONGZHI_WECHAT_MINI_APP_ID) for (const name of ['GONGZHI_WECHAT_MINI_APP_SECRET', 'GONGZHI_WECHAT_MINI_TEMPLATES'] as const) need(name, 'when GONGZHI_WECHAT_MINI_APP_ID is set');
  });

/** A WeChat template: its id, which data key carries each message variable, and where a tap leads. */
export interface WechatTemplateConfig {
  id: string;
  fields: Record<string, string>;
  page?: string | undefined;
  url?: string | undefined;
}

export interface WechatAppConfig {
  appId: string;
  appSecret: string;
  templates: Record<string, WechatTemplateConfig>;
}

export interface ChannelConfig {
  sms:
    | { provider: 'log' }
    | {
        provider: 'aliyun' | 'tencent';
        /** Alibaba Cloud AccessKey ID, or Tencent Cloud SecretId. */
        accessKeyId: string;
        accessKeySecret: string;
        signName: string;
        /** Tencent's SmsSdkAppId. */
        sdkAppId: string | undefined;
        region: string | undefined;
        /** Base URL replacing the provider's endpoint (a proxy, or a local server in tests). */
        endpoint: string | undefined;
        /** Message kind → the provider's template code. */
        templates: Record<string, string>;
      };
  /** SMS sent to one phone per Beijing day at most; further messages are recorded as capped. */
  smsDailyCap: number;
  wechatApiBase: string;
  /** Official Account: template messages. */
  wechat: WechatAppConfig | undefined;
  /** Mini Program: subscribe messages. */
  wechatMini: (WechatAppConfig & { state: 'developer' | 'trial' | 'formal' }) | undefined;
}

/** Reads the channel settings; throws ConfigError naming each bad variable. */
export function loadChannelConfig(env: NodeJS.ProcessEnv = process.env): ChannelConfig {
  const e = parseEnv(channelSchema, env);
  return {
    sms:
      e.GONGZHI_SMS_PROVIDER === 'log'
        ? { provider: 'log' }
        : {
            provider: e.GONGZHI_SMS_PROVIDER,
            accessKeyId: e.GONGZHI_SMS_ACCESS_KEY_ID ?? '',
            accessKeySecret: e.GONGZHI_SMS_ACCESS_KEY_SECRET ?? '',
            signName: e.GONGZHI_SMS_SIGN_NAME ?? '',
            sdkAppId: e.GONGZHI_SMS_SDK_APP_ID,
            region: e.GONGZHI_SMS_REGION,
            endpoint: e.GONGZHI_SMS_ENDPOINT,
            templates: e.GONGZHI_SMS_TEMPLATES ?? {},
          },
    smsDailyCap: e.GONGZHI_SMS_DAILY_CAP,
    wechatApiBase: e.GONGZHI_WECHAT_API_BASE,
    wechat: e.GONGZHI_WECHAT_APP_ID
      ? { appId: e.GONGZHI_WECHAT_APP_ID, appSecret: e.GONGZHI_WECHAT_APP_SECRET ?? '', templates: e.GONGZHI_WECHAT_TEMPLATES ?? {} }
      : undefined,
    wechatMini: e.GONGZHI_WECHAT_MINI_APP_ID
      ? { appId: e.GONGZHI_WECHAT_MINI_APP_ID, appSecret: e.GONGZHI_WECHAT_MINI_APP_SECRET ?? '', templates: e.GONGZHI_WECHAT_MINI_TEMPLATES ?? {}, state: e.GONGZHI_WECHAT_MINI_STATE }
      : undefined,
  };
}
