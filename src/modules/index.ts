// Every domain module, listed once. The platform derives from this list the Permission and
// ErrorCode types, mounts the routes, registers the jobs, adds the CLI commands, and runs
// the demo loaders in this order (a loader may use what the ones before it made).
import { orgModule } from './org/module.ts';
import { registryModule } from './registry/module.ts';
import { accountsModule } from './accounts/module.ts';
import { casesModule } from './cases/module.ts';
import { notificationsModule } from './notifications/module.ts';
import { auditModule } from './audit/module.ts';
import { practicesModule } from './practices/module.ts';
import { facilitiesModule } from './facilities/module.ts';
import { gridworkModule } from './gridwork/module.ts';
import { certificatesModule } from './certificates/module.ts';
import { assessmentModule } from './assessment/module.ts';
import { commandModule } from './command/module.ts';
import { servicesModule } from './services/module.ts';
import { communityModule } from './community/module.ts';
import { participationModule } from './participation/module.ts';

export const modules = [orgModule, registryModule, accountsModule, casesModule, notificationsModule, auditModule, practicesModule, facilitiesModule, gridworkModule, certificatesModule, commandModule, assessmentModule, servicesModule, communityModule, participationModule] as const;
