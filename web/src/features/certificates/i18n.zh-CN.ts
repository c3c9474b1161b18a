// Messages of the public certificate check (/portal/certificates). Chinese is the reference.
export const certificatesZhCN = {
  'certificates.title': '证明核验',
  'certificates.intro': '输入证明上印的验证码，核验证明是否由本平台开具、是否仍然有效。',
  'certificates.code': '验证码',
  'certificates.codeHint': '4 组 4 位字母或数字，如 7K3M-Q9TX-2H4P-8WRN',
  'certificates.check': '核验',
  'certificates.valid': '证明有效',
  'certificates.withdrawn': '证明已撤回',
  'certificates.withdrawnReason': '撤回原因：{reason}',
  'certificates.notFound': '没有这个验证码的证明',
  'certificates.notFoundHint': '请核对验证码；伪造或抄错的验证码查不到证明。',
  'certificates.number': '证明编号',
  'certificates.holder': '持有人',
  'certificates.issuer': '开具单位',
  'certificates.issuedAt': '开具时间',
  'certificates.another': '核验其他证明',
  'certificates.portalLink': '证明核验',
  'certificates.portalIntro': '志愿服务证明等由本平台开具的证明，凭验证码即可核验真伪。',
} as const;

export type CertificatesMessageKey = keyof typeof certificatesZhCN;
