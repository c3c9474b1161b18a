// What other modules may use of the certificates.
/** Issue (in the issuing transaction), withdraw, and verify a certificate by its code. */
export { issueCertificate, revokeCertificate, verifyCertificate, type CertificateInput } from './certificates.ts';
export { certificateCodePattern, type CertificateFact, type CertificateVerification } from './contract.ts';
