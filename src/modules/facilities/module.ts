// The facilities module (service facilities and the 15-minute life circle) as the platform sees it.
import { defineModule } from '../../platform/module.ts';
import { loadFacilitiesDemo } from './demo.ts';
import { facilityJobs, facilityRecurringJobs } from './jobs.ts';
import { facilityRoutes } from './routes.ts';

export const facilitiesModule = defineModule({
  name: 'facilities',
  permissions: ['facilities.read', 'facilities.write'],
  errors: {
    FACILITY_IMPORT_INVALID: {
      status: 400,
      zh: '设施文件有 {count} 处错误，未导入任何设施',
      en: 'The facilities file has {count} errors; nothing was imported',
    },
    ROAD_NETWORK_INVALID: {
      status: 400,
      zh: '路网文件有 {count} 处错误，未导入路网',
      en: 'The road network file has {count} errors; it was not imported',
    },
  },
  routes: [facilityRoutes],
  jobs: facilityJobs,
  recurringJobs: facilityRecurringJobs,
  demo: loadFacilitiesDemo,
});
