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
  GRID_IN_USE: { status: 409, zh: '该网格下还有楼栋等数据，不能删除', en: 'Buildings or other records still belong to this grid' },
  DIVISION_UNKNOWN: { status: 404, zh: '行政区划代码 {code} 不存在', en: 'No administrative division has code {code}' },
  // cases
  CASE_ACTION_UNKNOWN: { status: 400, zh: '未知的办理操作 {action}', en: 'Unknown case action {action}' },
  CASE_ACTION_NOT_ALLOWED: { status: 409, zh: '案件当前状态（{state}）不能执行此操作', en: 'This action is not possible while the case is {state}' },
  CASE_ACTION_FORBIDDEN: { status: 403, zh: '您不能对该案件执行此操作', en: 'You may not take this action on this case' },
  CASE_INPUT_REQUIRED: { status: 400, zh: '缺少必填内容：{fields}', en: 'Missing required input: {fields}' },
  CASE_INPUT_INVALID: { status: 400, zh: '{field} 的值不正确：{reason}', en: 'Invalid {field}: {reason}' },
  CASE_ACTOR_UNIT_REQUIRED: { status: 403, zh: '您的账号没有所属单位，不能执行此操作', en: 'Your account acts for no unit, which this action needs' },
  CASE_REOPEN_LIMIT_REACHED: { status: 409, zh: '该案件已重启 {reopenCount} 次，达到上限', en: 'The case has been reopened {reopenCount} times, the limit' },
  CASE_REOPEN_NOT_UNSATISFIED: { status: 409, zh: '只有评价为不满意的案件才能重启', en: 'Only a case rated unsatisfied can be reopened' },
  CASE_EXTENSION_PENDING: { status: 409, zh: '已有延期申请等待审批', en: 'An extension request is already waiting for a decision' },
  CASE_EXTENSION_LIMIT_REACHED: { status: 409, zh: '延期次数已达上限（{maxExtensions} 次）', en: 'The case has had the most extensions allowed ({maxExtensions})' },
  CASE_EXTENSION_NOT_PENDING: { status: 409, zh: '没有待审批的延期申请', en: 'No extension request is waiting for a decision' },
  CASE_TIER_AT_TOP: { status: 409, zh: '区级大循环案件不能再上报升级', en: 'A district-level case cannot be escalated further' },
  CASE_VERSION_CONFLICT: {
    status: 409,
    zh: '该案件刚被他人办理（当前版本 {currentVersion}），请刷新后重试',
    en: 'Someone else has just acted on this case (now version {currentVersion}); reload and try again',
  },
  CASE_LOCATION_UNKNOWN: {
    status: 400,
    zh: '无法确定案件所属网格：位置不在任何网格内，且未指定所属社区或街道',
    en: 'The case cannot be placed: the point is in no grid and no community or street was given',
  },
  CASE_CATEGORY_UNKNOWN: { status: 400, zh: '案件类别 {code} 不存在、已停用或不是小类', en: 'Category {code} does not exist, is inactive or is not a subclass' },
  CASE_UNIT_UNKNOWN: { status: 400, zh: '单位 {code} 不存在', en: 'No unit has code {code}' },
  CASE_MERGE_INVALID: { status: 409, zh: '不能合并到案件 {parent}：{reason}', en: 'Cannot merge into case {parent}: {reason}' },
  CASE_TRACKING_FAILED: { status: 404, zh: '案件编号与手机号不匹配', en: 'No case has this number and phone number' },
  CASE_EXPORT_TOO_LARGE: { status: 400, zh: '导出条数 {total} 超过上限 {max}，请缩小筛选范围', en: '{total} cases exceed the export limit of {max}; narrow the filters' },
  CALENDAR_INVALID: { status: 400, zh: '节假日安排有误：{summary}', en: 'The holiday arrangement is invalid: {summary}' },
  TIME_LIMIT_INVALID: { status: 400, zh: '时限设置有误：{summary}', en: 'The time limit is invalid: {summary}' },
  ATTACHMENT_TYPE_NOT_ALLOWED: { status: 415, zh: '不支持的文件类型（按内容识别），允许：{allowed}', en: 'File type not accepted (judged by content); allowed: {allowed}' },
  ATTACHMENT_TOO_LARGE: { status: 413, zh: '文件过大，此类文件最大 {maxMb} MB', en: 'The file is too large; the limit for this type is {maxMb} MB' },
  // registry
  REGISTRY_DUPLICATE_PERSON: { status: 409, zh: '该身份证号已登记（同一身份证号即同一人）', en: 'A person with this ID number is already registered' },
  REGISTRY_NOT_EMPTY: { status: 409, zh: '{what}下还有{children}，不能删除', en: '{what} still has {children}; it cannot be deleted' },
  REGISTRY_IMPORT_FORMAT: { status: 400, zh: '文件格式不支持：请上传 .xlsx 或 .csv 台账', en: 'Unsupported file: upload an .xlsx or .csv ledger' },
  REGISTRY_IMPORT_HEADERS: {
    status: 400,
    zh: '台账缺少必填列：{missing}；请改表头或指定列对应关系',
    en: 'The ledger lacks required columns: {missing}; rename the headers or map the columns',
  },
  REGISTRY_IMPORT_HAS_ERRORS: {
    status: 409,
    zh: '台账有 {errorRows} 行错误：请修改后重新上传，或选择“只导入正确的行”',
    en: '{errorRows} rows have errors: fix and upload again, or choose to import only the valid rows',
  },
  REGISTRY_IMPORT_STATE: { status: 409, zh: '导入任务当前状态为“{status}”，不能{action}', en: 'The import is {status}; it cannot {action}' },
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
