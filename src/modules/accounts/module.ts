// The accounts module (sign-in, users, role grants, API keys) as the platform sees it.
import { defineModule } from '../../platform/module.ts';
import { authRoutes, userRoutes } from './routes.ts';
import { loadAccountsDemo } from './demo.ts';
import { registerAccountCommands } from './cli.ts';

export const accountsModule = defineModule({
  name: 'accounts',
  permissions: ['user.read', 'user.write', 'user.reset_password', 'user.unlock', 'role.grant', 'apikey.manage', 'user.approve_change'],
  errors: {
    // The same answer for every failed sign-in, so it says nothing about which accounts exist.
    INVALID_CREDENTIALS: {
      status: 401,
      zh: '用户名或密码错误（连续失败 5 次，账号将被锁定 15 分钟）',
      en: 'Wrong username or password (after 5 failures in a row the account is locked for 15 minutes)',
    },
    ACCOUNT_LOCKED: {
      status: 423,
      zh: '连续登录失败次数过多，账号已锁定至 {lockedUntil}',
      en: 'Too many failed sign-ins; the account is locked until {lockedUntil}',
    },
    PASSWORD_POLICY: {
      status: 400,
      zh: '新密码不符合要求：至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类，不能是常见或已泄露的密码，不能与旧密码相同',
      en: 'The new password must have at least 8 characters from at least 3 of: upper case, lower case, digits, symbols, must not be a common or leaked password, and must differ from the old one',
    },
    SEPARATION_OF_DUTIES: {
      status: 409,
      zh: '三权分立：系统管理员、安全管理员、审计员不能由同一账号兼任',
      en: 'Separation of duties: system admin, security admin and auditor cannot be held by one account',
    },
    USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
    TWO_PERSON_RULE: {
      status: 403,
      zh: '管理员账号的重置、解锁、停用和角色变更须由一人提出申请、另一名安全管理员批准（双人规则）',
      en: 'Resetting, unlocking, disabling or changing the roles of an administrator needs a request by one person and approval by another security administrator (two-person rule)',
    },
  },
  routes: [authRoutes, userRoutes],
  demo: loadAccountsDemo,
  cli: registerAccountCommands,
});
