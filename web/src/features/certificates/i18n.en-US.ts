import type { CertificatesMessageKey } from './i18n.zh-CN.ts';

// English: the type makes a missing key a compile error.
export const certificatesEnUS: Record<CertificatesMessageKey, string> = {
  'certificates.title': 'Verify a certificate',
  'certificates.intro': 'Enter the verification code printed on a certificate to check that this platform issued it and that it is still valid.',
  'certificates.code': 'Verification code',
  'certificates.codeHint': 'Four groups of four letters or digits, e.g. 7K3M-Q9TX-2H4P-8WRN',
  'certificates.check': 'Verify',
  'certificates.valid': 'The certificate is valid',
  'certificates.withdrawn': 'The certificate has been withdrawn',
  'certificates.withdrawnReason': 'Reason: {reason}',
  'certificates.notFound': 'No certificate has this code',
  'certificates.notFoundHint': 'Check the code; a forged or mistyped code finds no certificate.',
  'certificates.number': 'Number',
  'certificates.holder': 'Holder',
  'certificates.issuer': 'Issued by',
  'certificates.issuedAt': 'Issued at',
  'certificates.another': 'Verify another certificate',
  'certificates.portalLink': 'Verify a certificate',
  'certificates.portalIntro': 'Certificates this platform issues, such as volunteer service certificates, can be verified by their code.',
};
