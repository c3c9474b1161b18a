// The notifications module as the platform sees it: the user's notification routes and
// the outbound delivery job.
import { defineModule } from '../../platform/module.ts';
import { notificationRoutes } from './routes.ts';
import { deliverMessage } from './deliveries.ts';

export const notificationsModule = defineModule({
  name: 'notifications',
  permissions: [],
  errors: {},
  routes: [notificationRoutes],
  jobs: { 'notify.deliver': deliverMessage },
});
