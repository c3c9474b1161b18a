// The certificates' public shapes: what a verification by code answers.
import { z } from 'zod';

/** Crockford base32 without I, L, O, U, in four groups: 80 random bits, not guessable. */
export const certificateCodePattern = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

export const certificateFact = z.object({ label: z.string().min(1).max(40), value: z.string().max(200) });
export type CertificateFact = z.infer<typeof certificateFact>;

export const certificateCodeParams = z.object({
  code: z
    .string()
    .trim()
    .transform((code) => code.toUpperCase())
    .pipe(z.string().regex(certificateCodePattern, '验证码应为 4 组 4 位字母或数字，如 7K3M-Q9TX-2H4P-8WRN')),
});

export const certificateVerification = z.object({
  code: z.string(),
  number: z.string(),
  kind: z.string(),
  title: z.string(),
  holder: z.string(),
  facts: z.array(certificateFact),
  issuerName: z.string(),
  issuedAt: z.date(),
  /** Set when the issuer withdrew it: the certificate is then no longer valid. */
  revokedAt: z.date().nullable(),
  revokedReason: z.string().nullable(),
});
export type CertificateVerification = z.infer<typeof certificateVerification>;
