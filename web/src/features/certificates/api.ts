// The public verification of a certificate by its code.
import { request } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';
import type { CertificateVerification } from '#server/modules/certificates/contract.ts';

export type Certificate = Json<CertificateVerification>;

export const certificatesApi = {
  verify: (code: string, signal?: AbortSignal) => request<Certificate>('GET', `/api/public/certificates/${encodeURIComponent(code)}`, { signal }),
};
