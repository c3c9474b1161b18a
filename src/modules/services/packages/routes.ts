// HTTP of service packages: the seven types' packages, and a community's package with its gaps.
import { z } from 'zod';
import { communityTypes } from '../../org/index.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { communityPackage as communityPackageSchema, communityPackageParams, servicePackage } from '../contract/packages.ts';
import { communityPackage } from './community-package.ts';
import { servicePackages } from './packages.ts';

export const packageRoutes = routeTable('services', [
  route({
    method: 'GET',
    url: '/api/public/services/packages',
    summary: 'The service package each community type suggests (public)',
    access: 'public',
    response: z.array(servicePackage),
    handle: () => communityTypes.map((t) => servicePackages[t]),
  }),
  route({
    method: 'GET',
    url: '/api/services/packages/:code',
    summary: 'A community’s service package and its gaps',
    access: 'services.read',
    params: communityPackageParams,
    response: communityPackageSchema,
    handle: ({ actor, params, db }) => communityPackage(db, actor, params.code),
  }),
]);
