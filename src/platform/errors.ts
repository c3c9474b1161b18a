// The one error catalogue: a stable code, its HTTP status, and its message in zh-CN and
// en-US. The web app switches on the code; messages may use {placeholders} from details.
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, zh: '提交的数据有误：{summary}', en: 'Invalid input: {summary}' },
  NOT_AUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_API_KEY: { status: 401, zh: 'API 密钥无效或已吊销', en: 'The API key is invalid or revoked' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '连续登录失败次数过多，账号已锁定至 {lockedUntil}',
    en: 'Too many failed sign-ins; the account is locked until {lockedUntil}',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录须先修改密码', en: 'You must change your password first' },
  PASSWORD_POLICY: {
    status: 400,
    zh: '新密码不符合要求：至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类，不能与旧密码相同',
    en: 'The new password must have at least 8 characters from at least 3 of: upper case, lower case, digits, symbols, and differ from the old one',
  },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You do not have permission to do this' },
  OUT_OF_SCOPE: { status: 403, zh: '该数据不在您的管辖范围内', en: 'This record is outside the part of the tree you may access' },
  SEPARATION_OF_DUTIES: {
    status: 409,
    zh: '三权分立：系统管理员、安全管理员、审计员不能由同一账号兼任',
    en: 'Separation of duties: system admin, security admin and auditor cannot be held by one account',
  },
  NOT_FOUND: { status: 404, zh: '找不到{what}', en: '{what} not found' },
  CONFLICT: { status: 409, zh: '{what}已存在', en: '{what} already exists' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
  GEOJSON_INVALID: {
    status: 400,
    zh: 'GeoJSON 文件有 {count} 处错误，未导入任何网格',
    en: 'The GeoJSON file has {count} errors; no grid was imported',
  },
  ORG_NOT_A_COMMUNITY: { status: 400, zh: '网格必须属于一个社区', en: 'A grid must belong to a community' },
  ORG_HAS_CHILDREN: { status: 409, zh: '该节点下还有下级，不能删除', en: 'This node still has children' },
  DIVISION_UNKNOWN: { status: 404, zh: '行政区划代码 {code} 不存在', en: 'No administrative division has code {code}' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请联系管理员（请求编号 {requestId}）', en: 'Internal error; please contact the administrator (request {requestId})' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
export type Locale = 'zh-CN' | 'en-US';

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
    return errorCatalogue[this.code].status;
  }
}

/** The localised message for a code, with {placeholders} filled from details. */
export function errorMessage(code: ErrorCode, locale: Locale, details: Record<string, unknown> = {}): string {
  const entry = errorCatalogue[code];
  const template: string = locale === 'en-US' ? entry.en : entry.zh;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = details[key];
    return value === undefined ? '' : String(value);
  });
}

/** Picks zh-CN unless the client prefers English. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}
