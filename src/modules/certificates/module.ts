// Certificates (证明) that other modules issue and anyone can verify by code.
import { defineModule } from '../../platform/module.ts';
import { certificateRoutes } from './routes.ts';

export const certificatesModule = defineModule({
  name: 'certificates',
  permissions: [],
  errors: {
    CERTIFICATE_NOT_FOUND: { status: 404, zh: '没有这个验证码的证明，请核对验证码', en: 'No certificate has this verification code; check the code' },
  },
  routes: [certificateRoutes],
});
