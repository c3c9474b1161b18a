// What the outbound channels can say: each message kind and its variables, in the order
// the providers' templates take them (Tencent's SMS templates number their variables
// {1}, {2}…; Alibaba's and WeChat's name them). A deployment maps each kind to a template
// it had approved by the provider (GONGZHI_SMS_TEMPLATES, GONGZHI_WECHAT_TEMPLATES).
export const messageKinds = {
  /** 您反映的问题（编号{number}：{title}）已受理 */
  'case.received': ['number', 'title'],
  /** …已转交承办单位处理 */
  'case.dispatched': ['number', 'title'],
  /** …已办结/已处理完毕（result: 办结 or 不予受理…） */
  'case.closed': ['number', 'title', 'result'],
  /** …已办结，请对办理结果评价 */
  'case.rate': ['number', 'title'],
  /** 您的申请（{item}，编号{number}）状态：{status} */
  'application.status': ['number', 'item', 'status'],
  /** 预约提醒：{item}，{time}，{place} */
  'appointment.reminder': ['item', 'time', 'place'],
  /** 志愿活动：{activity}，{time}，{place} */
  'volunteer.activity': ['activity', 'time', 'place'],
} as const satisfies Record<string, readonly string[]>;

export type MessageKind = keyof typeof messageKinds;

export const messageKindNames = Object.keys(messageKinds) as MessageKind[];

export function isMessageKind(kind: string): kind is MessageKind {
  return Object.hasOwn(messageKinds, kind);
}

/**
 * The problems of a message's kind and variables (empty when it can be sent): an unknown
 * kind, a missing or extra variable. Named as the caller's fields, for VALIDATION_FAILED.
 */
export function messageProblems(kind: string, params: Readonly<Record<string, string>>): { field: string; message: string }[] {
  if (!isMessageKind(kind)) return [{ field: 'kind', message: `unknown message kind "${kind}"` }];
  const wanted: readonly string[] = messageKinds[kind];
  const problems = wanted.filter((name) => !params[name]).map((name) => ({ field: `params.${name}`, message: `required by ${kind}` }));
  for (const name of Object.keys(params)) if (!wanted.includes(name)) problems.push({ field: `params.${name}`, message: `not a variable of ${kind}` });
  return problems;
}

/** The variables of a message in the kind's order (Tencent's TemplateParamSet). */
export function orderedParams(kind: MessageKind, params: Readonly<Record<string, string>>): string[] {
  return messageKinds[kind].map((name) => params[name] ?? '');
}
