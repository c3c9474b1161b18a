// The features of the web app, listed once: app.tsx mounts their routes, the console menu
// lists their entries, the i18n core merges their messages, /m and /portal show their sections.
// A new feature is one folder beside these and one line here.
import type { Feature } from '../platform/feature.ts';
import { accountsFeature } from './accounts/feature.ts';
import { auditFeature } from './audit/feature.ts';
import { casesFeature } from './cases/feature.ts';
import { facilitiesFeature } from './facilities/feature.ts';
import { gridworkFeature } from './gridwork/feature.ts';
import { assessmentFeature } from './assessment/feature.ts';
import { orgFeature } from './org/feature.ts';
import { registryFeature } from './registry/feature.ts';
import { practicesFeature } from './practices/feature.ts';
import { notificationsFeature } from './notifications/feature.ts';
import { commandFeature } from './command/feature.ts';
import { servicesFeature } from './services/feature.ts';
import { communityFeature } from './community/feature.ts';
import { certificatesFeature } from './certificates/feature.ts';
import { participationFeature } from './participation/feature.ts';

export const features = [casesFeature, orgFeature, registryFeature, facilitiesFeature, accountsFeature, auditFeature, practicesFeature, notificationsFeature, gridworkFeature, commandFeature, assessmentFeature, servicesFeature, communityFeature, certificatesFeature, participationFeature] as const;

/** The message keys of every feature (the i18n core adds the platform's). */
export type FeatureMessageKey = (typeof features)[number] extends infer F ? (F extends Feature<infer K> ? K : never) : never;
