// HTTP of the certificates: one public verification by code, rate-limited so codes cannot be tried in bulk.
import { route, routeTable } from '../../platform/route.ts';
import { certificateCodeParams, certificateVerification } from './contract.ts';
import { verifyCertificate } from './certificates.ts';

export const certificateRoutes = routeTable('certificates', [
  route({
    method: 'GET',
    url: '/api/public/certificates/:code',
    summary: 'Verify a certificate by the code printed on it (public)',
    access: 'public',
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    params: certificateCodeParams,
    response: certificateVerification,
    handle: ({ params, db }) => verifyCertificate(db, params.code),
  }),
]);
