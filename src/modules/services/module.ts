// One-stop public services (一站式政务服务) as the platform sees it: the catalogue of service
// items, "one thing" bundles, applications followed by number, appointments, 好差评 ratings,
// the work-item admission lists, generated ledgers and community service packages.
import { defineModule } from '../../platform/module.ts';
import { serviceRoutes } from './routes.ts';
import { serviceJobHandlers, serviceRecurringJobs } from './jobs.ts';
import { seedServicesDemo } from './demo.ts';
import { registerServiceDataSources } from './assessment-sources.ts';

// 好差评 and timeliness feed the assessment's indicators.
registerServiceDataSources();

export const servicesModule = defineModule({
  name: 'services',
  permissions: [
    'services.read', // staff: the catalogue as kept, and the applications in scope
    'services.catalogue', // edit, version, import and export the catalogue and bundles
    'services.intake', // the counter: take in, receive (收件), accept / not accept, request a correction (补正)
    'services.review', // the deciding department or centre: review, approve, refuse
    'services.deliver', // deliver the result (送达)
    'services.reveal', // see an applicant's ID number and phone in clear, with a reason (audited)
    'services.export', // export applications (masked)
    'services.apply', // a resident: apply online, supply corrections, follow their own applications
    // services2's parts: appointments, ratings, admission lists, ledgers, packages.
    'services.book', // a resident: book and cancel appointments, rate their applications
    'services.appointments', // manage slots and windows, check arrivals in, mark no-shows
    'services.rectify', // call back bad ratings (回访) and record their rectification
    'services.appeal', // decide appeals against ratings (申诉复核)
    'services.admission', // keep the work-item admission lists (三个清单) and the certificate list
    'services.tasks', // a department: push tasks down to communities
    'services.admission_review', // a street: review tasks not on the lists
    'services.certify', // a community: issue certificates from held data
    'services.ledgers', // generate ledgers (台账)
    'services.packages', // keep community-type service packages
  ],
  errors: {
    SERVICE_ITEM_NOT_FOUND: { status: 404, zh: '没有编码为 {code} 的服务事项', en: 'No service item has code {code}' },
    SERVICE_ITEM_INACTIVE: { status: 409, zh: '服务事项 {code} 已停用，不能申请', en: 'Service item {code} is withdrawn and takes no applications' },
    SERVICE_ITEM_EXISTS: { status: 409, zh: '服务事项编码 {code} 已存在', en: 'Service item code {code} already exists' },
    SERVICE_CHANNEL_CLOSED: { status: 409, zh: '该事项不能通过{channel}办理', en: 'This item cannot be applied for through {channel}' },
    SERVICE_LEVEL_NOT_ACCEPTING: { status: 409, zh: '{unit} 不受理该事项[：{reason}]', en: '{unit} does not accept this item[: {reason}]' },
    SERVICE_IMPORT_INVALID: { status: 400, zh: '导入文件第 {row} 行有误：{reason}', en: 'Row {row} of the import file is invalid: {reason}' },
    SERVICE_BUNDLE_NOT_FOUND: { status: 404, zh: '没有编码为 {code} 的“一件事”', en: 'No bundle has code {code}' },
    SERVICE_FORM_INVALID: { status: 400, zh: '表单项“{field}”有误：{reason}', en: 'Form field "{field}" is invalid: {reason}' },
    SERVICE_MATERIALS_MISSING: { status: 400, zh: '缺少必要材料：{materials}', en: 'Required materials are missing: {materials}' },
    SERVICE_MATERIAL_UNKNOWN: { status: 400, zh: '该事项没有材料 {material}', en: 'The item asks for no material {material}' },
    APPLICATION_NOT_FOUND: { status: 404, zh: '没有编号为 {number} 的办件', en: 'No application has number {number}' },
    APPLICATION_TRACKING_FAILED: { status: 404, zh: '办件编号与手机号不匹配', en: 'No application has this number and phone number' },
    APPLICATION_ACTION_NOT_ALLOWED: { status: 409, zh: '办件当前状态（{status}）不能执行此操作', en: 'This action is not possible while the application is {status}' },
    APPLICATION_ACTION_FORBIDDEN: { status: 403, zh: '您不能对该办件执行此操作', en: 'You may not take this action on this application' },
    APPLICATION_INPUT_REQUIRED: { status: 400, zh: '缺少必填内容：{fields}', en: 'Missing required input: {fields}' },
    APPLICATION_EXPORT_TOO_LARGE: { status: 400, zh: '导出条数 {total} 超过上限 {max}，请缩小筛选范围', en: '{total} applications exceed the export limit of {max}; narrow the filters' },
    // services2
    SLOT_NOT_FOUND: { status: 404, zh: '没有这个预约时段', en: 'No such appointment slot' },
    SLOT_FULL: { status: 409, zh: '该时段已约满', en: 'This slot is fully booked' },
    APPOINTMENT_BLOCKED: { status: 409, zh: '近 {days} 天内爽约已达 {count} 次，暂停网上预约，请到窗口现场办理', en: '{count} no-shows in {days} days: online booking is paused; please come to the counter' },
    APPOINTMENT_NOT_FOUND: { status: 404, zh: '没有这个预约', en: 'No such appointment' },
    APPOINTMENT_ACTION_NOT_ALLOWED: { status: 409, zh: '预约当前状态（{status}）不能执行此操作', en: 'This action is not possible while the appointment is {status}' },
    RATING_NOT_ALLOWED: { status: 409, zh: '该{subject}现在不能评价[：{reason}]', en: 'This {subject} cannot be rated now[: {reason}]' },
    RATING_NOT_FOUND: { status: 404, zh: '没有这条评价', en: 'No such rating' },
    RECTIFICATION_NOT_FOUND: { status: 404, zh: '没有这条整改记录', en: 'No such rectification record' },
    RECTIFICATION_ACTION_NOT_ALLOWED: { status: 409, zh: '整改记录当前状态（{status}）不能执行此操作', en: 'This action is not possible while the rectification is {status}' },
    ADMISSION_ENTRY_NOT_FOUND: { status: 404, zh: '准入清单中没有事项 {code}', en: 'The admission lists have no entry {code}' },
    TASK_NOT_ADMITTED: { status: 409, zh: '任务未列入社区工作事项准入清单[：{reason}]', en: 'The task is not on the work-item admission lists[: {reason}]' },
    TASK_NOT_FOUND: { status: 404, zh: '没有这项任务', en: 'No such task' },
    TASK_ACTION_NOT_ALLOWED: { status: 409, zh: '任务当前状态（{status}）不能执行此操作', en: 'This action is not possible while the task is {status}' },
    CERTIFICATE_NOT_ISSUABLE: { status: 409, zh: '不能出具该证明[：{reason}]', en: 'This certificate cannot be issued[: {reason}]' },
    LEDGER_UNKNOWN: { status: 404, zh: '没有台账 {ledger}', en: 'No ledger {ledger}' },
    PACKAGE_NOT_FOUND: { status: 404, zh: '没有社区类型 {type} 的服务包', en: 'No service package for community type {type}' },
  },
  routes: [serviceRoutes],
  jobs: serviceJobHandlers,
  recurringJobs: serviceRecurringJobs,
  demo: seedServicesDemo,
});
