// The one error catalogue: a stable code, its HTTP status, and its message in zh-CN and
// en-US. The web app switches on the code; messages may use {placeholders} from details, and
// a [bracketed part] is shown only when every placeholder in it has a value.
//
// The platform's own codes are here; each module declares its codes in its module.ts, and
// the app installs them at start (installErrorCatalogue). The ErrorCode type is derived from
// the module list, so a code no module declares does not compile.
import type { modules } from '../modules/index.ts';
import type { ErrorCodeOf } from './module.ts';

export interface ErrorEntry {
  status: number;
  zh: string;
  en: string;
}

export const platformErrors = {
  VALIDATION_FAILED: { status: 400, zh: '提交的数据有误：{summary}', en: 'Invalid input: {summary}' },
  NOT_AUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_API_KEY: { status: 401, zh: 'API 密钥无效或已吊销', en: 'The API key is invalid or revoked' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录须先修改密码', en: 'You must change your password first' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You do not have permission to do this' },
  OUT_OF_SCOPE: { status: 403, zh: '该数据不在您的管辖范围内', en: 'This record is outside the part of the tree you may access' },
  NOT_FOUND: { status: 404, zh: '找不到{what}', en: '{what} not found' },
  CONFLICT: { status: 409, zh: '{what}已存在', en: '{what} already exists' },
  // The current version is shown when the thrower knows it (details.currentVersion).
  VERSION_CONFLICT: {
    status: 409,
    zh: '数据已被他人修改[（当前版本 {currentVersion}）]，请刷新后重试',
    en: 'Someone else changed this record[ (now version {currentVersion})]; reload and try again',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: { status: 415, zh: '不支持的文件类型（按内容识别），允许：{allowed}', en: 'File type not accepted (judged by content); allowed: {allowed}' },
  ATTACHMENT_TOO_LARGE: { status: 413, zh: '文件过大，此类文件最大 {maxMb} MB', en: 'The file is too large; the limit for this type is {maxMb} MB' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  ARCHIVE_TOO_LARGE: {
    status: 400,
    zh: '文件解压后过大或内含条目过多（最多 {maxMb} MB、{maxEntries} 个条目），请拆分后再上传',
    en: 'The file is too large once unpacked or holds too many entries (at most {maxMb} MB, {maxEntries} entries); split it and upload again',
  },
  FOREIGN_ORIGIN: { status: 403, zh: '请求来自其他网站，已拒绝', en: 'The request came from another site and was refused' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请联系管理员（请求编号 {requestId}）', en: 'Internal error; please contact the administrator (request {requestId})' },
} as const satisfies Record<string, ErrorEntry>;

export type PlatformErrorCode = keyof typeof platformErrors;
export type ErrorCode = PlatformErrorCode | ErrorCodeOf<(typeof modules)[number]>;
export type Locale = 'zh-CN' | 'en-US';

const catalogue = new Map<string, ErrorEntry>(Object.entries(platformErrors));

/** Adds modules' error codes to the catalogue (at start); a code declared twice is a mistake. */
export function installErrorCatalogue(entries: Readonly<Record<string, ErrorEntry>>): void {
  for (const [code, entry] of Object.entries(entries)) {
    const known = catalogue.get(code);
    if (known && known !== entry) throw new Error(`error code ${code} is declared twice`);
    catalogue.set(code, entry);
  }
}

// A code whose module was not installed (a script that skipped the start-up) still maps to
// something readable rather than crashing the error path.
function entryOf(code: string): ErrorEntry {
  return catalogue.get(code) ?? { status: 500, zh: code, en: code };
}

/** A failure the user can act on; the HTTP layer maps it through the catalogue. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  get status(): number {
    return entryOf(this.code).status;
  }
}

/** The localised message for a code, with {placeholders} filled from details. */
export function errorMessage(code: ErrorCode, locale: Locale, details: Record<string, unknown> = {}): string {
  const entry = entryOf(code);
  const template = locale === 'en-US' ? entry.en : entry.zh;
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = details[key];
      return value === undefined ? '' : String(value);
    });
  const optional = template.replace(/\[([^\]]*)\]/g, (_, part: string) =>
    [...part.matchAll(/\{(\w+)\}/g)].every(([, key]) => details[key as string] !== undefined && details[key as string] !== null) ? part : '',
  );
  return fill(optional);
}

/** Picks zh-CN unless the client prefers English. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}
