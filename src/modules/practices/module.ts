// The practice library (社区治理创新实践库) as the platform sees it.
import { defineModule } from '../../platform/module.ts';
import { registerPracticeCommands } from './cli.ts';
import { loadPracticesDemo } from './demo.ts';
import { practiceRoutes } from './routes.ts';

export const practicesModule = defineModule({
  name: 'practices',
  permissions: ['practices.write'],
  errors: {},
  routes: [practiceRoutes],
  demo: loadPracticesDemo,
  cli: registerPracticeCommands,
});
