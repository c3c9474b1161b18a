// The registry module (一户一档) as the platform sees it.
import { defineModule, fromEarlierLoader } from '../../platform/module.ts';
import { registryRoutes } from './routes/index.ts';
import { seedRegistryDemo } from './demo.ts';
import { registerRegistryCommands } from './cli.ts';

export const registryModule = defineModule({
  name: 'registry',
  permissions: ['registry.read', 'registry.write', 'registry.import', 'registry.export', 'registry.reveal', 'registry.sensitive'],
  errors: {
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
    REGISTRY_LOOKUP_RATE_LIMITED: {
      status: 429,
      zh: '按证件号或手机号查询过于频繁：每 {minutes} 分钟最多 {limit} 次，请稍后再试；已通知安全管理员',
      en: 'Too many look-ups by ID or phone number: at most {limit} every {minutes} minutes; try again later. The security admin has been told',
    },
    REGISTRY_IMPORT_STATE: { status: 409, zh: '导入任务当前状态为“{status}”，不能{action}', en: 'The import is {status}; it cannot {action}' },
    REGISTRY_IMPORT_UNDO_IN_USE: {
      status: 409,
      zh: '本次导入新增的居民“{name}”已有{records}，不能撤销；已撤销的部分保留为撤销后的状态，处理这些记录后可再次撤销',
      en: '{name}, added by this import, already has {records}; the undo stopped. What was undone stays undone; deal with those records and undo again',
    },
  },
  routes: [registryRoutes],
  // Buildings, houses, households and residents of the demo district, densest in the focus community.
  demo: async ({ db, pii, state, counts, progress }) => {
    const made = await seedRegistryDemo(db, pii, {
      district: fromEarlierLoader(state, 'district').code,
      focusCommunity: fromEarlierLoader(state, 'community').code,
      progress,
    });
    Object.assign(counts, made);
  },
  cli: registerRegistryCommands,
});
