// The gridwork module (the grid worker's day) as the platform sees it.
import { defineModule } from '../../platform/module.ts';
import { gridworkRoutes } from './routes/index.ts';
import { gridworkJobs, gridworkRecurringJobs } from './jobs.ts';
import { loadGridworkDemo } from './demo.ts';

export const gridworkModule = defineModule({
  name: 'gridwork',
  permissions: ['gridwork.read', 'gridwork.write', 'gridwork.manage'],
  errors: {
    GRIDWORK_NOT_A_WORKER: { status: 403, zh: '只有网格员可以这样做', en: 'Only a grid worker can do this' },
    GRIDWORK_OUTSIDE_GRID: {
      status: 400,
      zh: '您在网格外约 {distance} 米（允许 {tolerance} 米），请到网格内再签到',
      en: 'You are about {distance} m outside your grid (tolerance {tolerance} m); check in inside it',
    },
    GRIDWORK_NOT_CHECKED_IN: { status: 409, zh: '今天还没有签到，不能签退', en: 'You have not checked in today' },
    GRIDWORK_ALREADY_DECIDED: { status: 409, zh: '该申请已审批', en: 'This request has already been decided' },
    GRIDWORK_CLOSED_BY_REPORT: { status: 409, zh: '必报事项由上报对应类别的事件办结', en: 'A report item is closed by reporting a case of its categories' },
  },
  routes: [gridworkRoutes],
  jobs: gridworkJobs,
  recurringJobs: gridworkRecurringJobs,
  demo: loadGridworkDemo,
});
