// The command module (指挥中心) as the platform sees it.
import { defineModule } from '../../platform/module.ts';
import { commandRoutes } from './routes.ts';
import { commandJobs, commandRecurringJobs } from './jobs.ts';
import { loadCommandDemo } from './demo.ts';
import { setHandlerReader, setWarningReader } from '../assessment/index.ts';
import { warningsOfPeriod } from './use-cases/warnings.ts';
import { unitsThatLed } from './counts.ts';

// The units' period reports (assessment) list the warnings raised in their area.
setWarningReader(warningsOfPeriod);
// Communities rate the departments that led their cases (two-way assessment).
setHandlerReader((db, orgPath, from, to) => unitsThatLed(db, orgPath, { from, to }));

export const commandModule = defineModule({
  name: 'command',
  // read: an area's figures and warnings; centre: the screen itself (leaders, district and street
  // staff land on it); warning.handle: acknowledge and close warnings; rules.write: tune the rules.
  permissions: ['command.read', 'command.centre', 'command.warning.handle', 'command.rules.write'],
  errors: {
    WARNING_STATE: { status: 409, zh: '该预警当前状态（{state}）不能这样处理', en: 'The warning is {state}; it cannot be handled this way' },
  },
  routes: [commandRoutes],
  jobs: commandJobs,
  recurringJobs: commandRecurringJobs,
  demo: loadCommandDemo,
});
