// The services demo: a plausible catalogue of community and street service items, bundles,
// and applications at every status in the demo district.
import type { DemoLoader } from '../../platform/module.ts';
import { seedCatalogueDemo } from './catalogue/demo.ts';
import { seedApplicationsDemo } from './applications/demo.ts';
import { seedAppointmentsDemo } from './appointments/demo.ts';
import { seedAdmissionDemo } from './admission/demo.ts';
import { seedRatingsDemo } from './ratings/demo.ts';

export const seedServicesDemo: DemoLoader = async (demo) => {
  await seedCatalogueDemo(demo);
  await seedApplicationsDemo(demo);
  // services2's parts, after the catalogue and applications they rate.
  await seedAppointmentsDemo(demo);
  await seedAdmissionDemo(demo);
  await seedRatingsDemo(demo);
};
