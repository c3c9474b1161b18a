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
  /** Master key for personal data at rest (32 bytes, base64 or hex); generated into the data directory when unset. */
  piiKey: string | undefined;
  demoPassword: string | undefined;
  demoDistrict: string;
  logLevel: z.infer<typeof configSchema>['GONGZHI_LOG_LEVEL'];
  mapTileUrl: string | undefined;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  loginRatePerMinute: number;
};

export class ConfigError extends Error {}

/** Reads and validates the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.GONGZHI_DATA_DIR),
    adminPassword: e.GONGZHI_ADMIN_PASSWORD,
    piiKey: e.GONGZHI_PII_KEY,
    demoPassword: e.GONGZHI_DEMO_PASSWORD,
    demoDistrict: e.GONGZHI_DEMO_DISTRICT,
    logLevel: e.GONGZHI_LOG_LEVEL,
    mapTileUrl: e.GONGZHI_MAP_TILE_URL,
    sessionIdleMs: e.GONGZHI_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.GONGZHI_SESSION_ABSOLUTE_HOURS * 3_600_000,
    cookieSecure: e.GONGZHI_COOKIE_SECURE,
    trustProxy: e.GONGZHI_TRUST_PROXY,
    loginRatePerMinute: e.GONGZHI_LOGIN_RATE_PER_MINUTE,
  };
}
