import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, ilike, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { listPage, countAll, offsetOf } from '../../platform/list-page.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { apiKeys, roleGrants, sessions, users } from '../../platform/auth/schema.ts';
import { checkPasswordPolicy, generatePassword, hashPassword, verifyNothing, verifyPassword } from '../../platform/auth/passwords.ts';
import { canGrantOn, isAdminTrioRole, isMachineRole, isRole, machineRoleNames, permissionsOf, separationConflict, type GrantLevel, type Role } from '../../platform/auth/roles.ts';
import { createSession, loadGrants, newApiKey, type SessionSettings } from '../../platform/auth/sessions.ts';
import { requirePermission, systemActor, type Actor } from '../../platform/auth/scope.ts';
import { orgUnitNames, placeOf } from '../org/index.ts';
import type {
  ApiKeyView,
  ChangePasswordInput,
  CreateApiKeyInput,
  CreatedApiKey,
  CreatedUser,
  CreateUserInput,
  GrantRoleInput,
  GrantView,
  InitialPassword,
  MeView,
  UpdateUserInput,
  UserPage,
  UserView,
} from './contract.ts';
import { usernamePattern } from './contract.ts';
import { refuseDirectAdminChange } from './two-person-rule.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  mustChangePassword: users.mustChangePassword,
  disabled: users.disabled,
  lockedUntil: users.lockedUntil,
  createdAt: users.createdAt,
};

function shanghaiTime(date: Date): string {
  return date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

// ---------------------------------------------------------------------------- sign-in

/**
 * Signs a user in. Five wrong passwords in a row lock the account for 15 minutes. An unknown
 * username, a wrong password and a locked account get the same answer after the same work
 * (one argon2 verification), so the answer tells nobody which usernames exist; only the
 * right password learns that its account is locked or disabled. Every attempt is audited.
 */
export async function login(
  db: Db,
  settings: SessionSettings,
  input: { username: string; password: string; ip?: string | undefined; userAgent?: string | undefined; requestId?: string | undefined },
): Promise<{ token: string; user: UserView }> {
  const who: Actor = { ...systemActor, kind: 'user', name: input.username, grants: [], ip: input.ip, requestId: input.requestId };
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  const fail = async (reason: string, extra: Record<string, unknown> = {}) =>
    recordAudit(db, { ...who, id: user?.id ?? null }, { action: 'auth.login', result: 'failure', targetType: 'user', targetId: user?.id, details: { reason, ...extra } });
  if (!user) {
    await verifyNothing(input.password);
    await fail('unknown_user');
    throw new AppError('INVALID_CREDENTIALS');
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    await fail('locked', { passwordOk });
    if (!passwordOk) throw new AppError('INVALID_CREDENTIALS');
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: shanghaiTime(user.lockedUntil), lockedUntilIso: user.lockedUntil.toISOString() });
  }
  if (!passwordOk) {
    const [after] = await db
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins });
    const failures = after?.failedLogins ?? MAX_FAILED_LOGINS;
    const locked = failures >= MAX_FAILED_LOGINS;
    if (locked) await db.update(users).set({ lockedUntil: new Date(now + LOCKOUT_MS), failedLogins: 0 }).where(eq(users.id, user.id));
    await fail('wrong_password', { failures, ...(locked ? { locked } : {}) });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.disabled) {
    await fail('disabled');
    throw new AppError('ACCOUNT_DISABLED');
  }
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
  const token = await createSession(db, settings, user.id, input);
  await recordAudit(db, { ...who, id: user.id }, { action: 'auth.login', targetType: 'user', targetId: user.id });
  const { passwordHash: _omit, failedLogins: _f, passwordChangedAt: _p, ...view } = user;
  return { token, user: view };
}

/** Who the actor is, with roles and the names of the nodes they are granted on. */
export async function describeActor(db: Db, actor: Actor): Promise<MeView> {
  if (actor.kind !== 'user' || !actor.id) throw new AppError('NOT_AUTHENTICATED');
  const [user] = await db.select(userColumns).from(users).where(eq(users.id, actor.id));
  if (!user) throw new AppError('NOT_AUTHENTICATED');
  const grants = await grantsWithNames(db, actor.id);
  const permissions = [...new Set(actor.grants.flatMap((g) => permissionsOf(g.role)))].sort();
  return { ...user, grants, permissions };
}

async function grantsWithNames(db: Db, userId: string): Promise<GrantView[]> {
  const rows = await db.select().from(roleGrants).where(eq(roleGrants.userId, userId)).orderBy(asc(roleGrants.grantedAt));
  const names = await orgUnitNames(db, rows.map((r) => r.orgPath.split('.').at(-1) ?? ''));
  return rows.map((r) => {
    const orgCode = r.orgPath.split('.').at(-1) ?? '';
    return { id: r.id, role: r.role, orgPath: r.orgPath, orgCode, orgName: orgCode ? (names.get(orgCode) ?? orgCode) : '全部' };
  });
}

/** Changes the actor's own password, checking the old one and the policy; the account's other sessions end. */
export async function changePassword(db: Db, actor: Actor, input: ChangePasswordInput): Promise<void> {
  if (actor.kind !== 'user' || !actor.id) throw new AppError('NOT_AUTHENTICATED');
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAudit(db, actor, { action: 'auth.password.change', result: 'failure', targetType: 'user', targetId: actor.id, details: { reason: 'wrong_password' } });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const problems = checkPasswordPolicy(input.newPassword, input.currentPassword);
  if (problems.length) throw new AppError('PASSWORD_POLICY', { problems });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    // Whoever else held a session (a stolen cookie, a forgotten browser) is signed out; this one stays.
    const others = actor.sessionId ? and(eq(sessions.userId, user.id), ne(sessions.id, actor.sessionId)) : eq(sessions.userId, user.id);
    const ended = await tx.delete(sessions).where(others).returning({ id: sessions.id });
    await recordAudit(tx, actor, { action: 'auth.password.change', targetType: 'user', targetId: user.id, details: { otherSessionsEnded: ended.length } });
  });
}

// ---------------------------------------------------------------------------- users (system admin)


async function insertUser(db: Db, input: CreateUserInput, password: string, mustChangePassword: boolean): Promise<UserView> {
  if (!usernamePattern.test(input.username)) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.username', message: '3–32 位字母、数字、_ . -' }], summary: 'username: 3–32 位字母、数字、_ . -' });
  }
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) throw new AppError('USERNAME_TAKEN');
  const [user] = await db
    .insert(users)
    .values({ username: input.username, displayName: input.displayName, passwordHash: await hashPassword(password), mustChangePassword })
    .returning(userColumns);
  return user as UserView;
}

/** Creates an account with a random initial password that must be changed at first sign-in. */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<CreatedUser> {
  requirePermission(actor, 'user.write');
  const initialPassword = generatePassword();
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, input, initialPassword, true);
    await recordAudit(tx, actor, { action: 'user.create', targetType: 'user', targetId: user.id, details: { username: input.username } });
    return { user, initialPassword };
  });
}

/** Lists accounts with their grants. */
export async function listUsers(db: Db, actor: Actor, q: { search?: string | undefined; page: number; pageSize: number }): Promise<UserPage> {
  requirePermission(actor, 'user.read');
  const where = q.search
    ? or(ilike(users.username, `%${q.search.replace(/[\\%_]/g, '\\$&')}%`), ilike(users.displayName, `%${q.search.replace(/[\\%_]/g, '\\$&')}%`))
    : undefined;
  return listPage(
    q,
    db.select(userColumns).from(users).where(where).orderBy(asc(users.username)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(users).where(where),
    (items) => Promise.all(items.map(async (u) => ({ ...u, grants: await grantsWithNames(db, u.id) }))),
  );
}

export async function userOrThrow(db: Db, id: string): Promise<UserView> {
  const [user] = await db.select(userColumns).from(users).where(eq(users.id, id));
  if (!user) throw new AppError('NOT_FOUND', { what: id });
  return user;
}

/** Renames or disables an account; disabling ends its sessions. */
export async function updateUser(db: Db, actor: Actor, id: string, changes: UpdateUserInput): Promise<UserView> {
  requirePermission(actor, 'user.write');
  await userOrThrow(db, id);
  if (changes.disabled !== undefined) await refuseDirectAdminChange(db, actor, id, changes.disabled ? 'disable' : 'enable');
  return applyUpdateUser(db, actor, id, changes);
}

export async function applyUpdateUser(db: Db, actor: Actor, id: string, changes: UpdateUserInput, audit: Record<string, unknown> = {}): Promise<UserView> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}), ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}) })
      .where(eq(users.id, id))
      .returning(userColumns);
    if (!user) throw new AppError('NOT_FOUND', { what: id });
    if (changes.disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
    await recordAudit(tx, actor, { action: 'user.update', targetType: 'user', targetId: id, details: { ...changes, ...audit } });
    return user;
  });
}

/** Gives an account a new random password to be changed at next sign-in, and ends its sessions. */
export async function resetPassword(db: Db, actor: Actor, id: string): Promise<InitialPassword> {
  requirePermission(actor, 'user.reset_password');
  await userOrThrow(db, id);
  await refuseDirectAdminChange(db, actor, id, 'reset_password');
  return applyResetPassword(db, actor, id);
}

export async function applyResetPassword(db: Db, actor: Actor, id: string, audit: Record<string, unknown> = {}): Promise<InitialPassword> {
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await recordAudit(tx, actor, { action: 'user.password.reset', targetType: 'user', targetId: id, details: audit });
  });
  return { initialPassword };
}

/** Lifts a lockout. */
export async function unlockUser(db: Db, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'user.unlock');
  await userOrThrow(db, id);
  await refuseDirectAdminChange(db, actor, id, 'unlock');
  await applyUnlock(db, actor, id);
}

export async function applyUnlock(db: Db, actor: Actor, id: string, audit: Record<string, unknown> = {}): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
    await recordAudit(tx, actor, { action: 'user.unlock', targetType: 'user', targetId: id, details: audit });
  });
}

// ---------------------------------------------------------------------------- grants (security admin)

async function grantTarget(db: Db, orgCode: string | undefined): Promise<{ level: GrantLevel; orgPath: string }> {
  if (!orgCode) return { level: 'root', orgPath: '' };
  const place = await placeOf(db, orgCode);
  if (!place) throw new AppError('NOT_FOUND', { what: orgCode });
  // Province and city nodes hold no roles of their own: a grant there is a whole-tree grant.
  if (place.level === 'province' || place.level === 'city') return { level: 'root', orgPath: place.orgPath };
  return { level: place.level, orgPath: place.orgPath };
}

/** A VALIDATION_FAILED naming one field, with a Chinese and an English message. */
export function fieldError(field: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ field, message: zh }], summary: `${field.replace(/^body\./, '')}: ${zh} / ${en}` });
}

const levelNames: Record<GrantLevel, string> = { root: '全部/省/市', district: '区县', street: '街道', community: '社区', grid: '网格', department: '部门' };

/**
 * Grants a role on an org node (its subtree). Enforces the level each role belongs on and
 * the separation of the three administrators.
 */
export async function grantRole(db: Db, actor: Actor, userId: string, input: GrantRoleInput) {
  requirePermission(actor, 'role.grant');
  await userOrThrow(db, userId);
  await checkGrant(db, actor, userId, input);
  await refuseDirectAdminChange(db, actor, userId, 'grant_role', input.role);
  return applyGrantRole(db, actor, userId, input);
}

/** The checks a grant must pass whoever asks: level, machine roles, 三权分立, nobody grants themselves. */
export async function checkGrant(db: Db, actor: Actor, userId: string, input: GrantRoleInput): Promise<{ orgPath: string }> {
  if (isMachineRole(input.role)) throw fieldError('body.role', '接口角色只能用于 API 密钥', 'a machine role is for API keys only');
  const target = await grantTarget(db, input.orgCode);
  if (!canGrantOn(input.role, target.level) || (target.level === 'root' && input.orgCode && isAdminTrioRole(input.role))) {
    throw fieldError('body.orgCode', `该角色不能授予在${levelNames[target.level]}上`, `this role cannot be granted on a ${target.level} node`);
  }
  const held = (await loadGrants(db, userId)).map((g) => g.role);
  const conflict = separationConflict(held, input.role);
  if (conflict || actor.id === userId) {
    await recordAudit(db, actor, { action: 'role.grant', result: 'denied', targetType: 'user', targetId: userId, details: { role: input.role, conflict: conflict ?? 'self' } });
    throw new AppError(conflict ? 'SEPARATION_OF_DUTIES' : 'FORBIDDEN', { conflict });
  }
  return { orgPath: target.orgPath };
}

export async function applyGrantRole(db: Db, actor: Actor, userId: string, input: GrantRoleInput, audit: Record<string, unknown> = {}) {
  const { orgPath } = await checkGrant(db, actor, userId, input);
  return db.transaction(async (tx) => {
    const [grant] = await tx.insert(roleGrants).values({ userId, role: input.role, orgPath, grantedBy: actor.id }).onConflictDoNothing().returning();
    await recordAudit(tx, actor, { action: 'role.grant', targetType: 'user', targetId: userId, orgPath, details: { role: input.role, ...audit } });
    return grant ?? null;
  });
}

/** Revokes a grant. */
export async function revokeRole(db: Db, actor: Actor, userId: string, grantId: string): Promise<void> {
  requirePermission(actor, 'role.grant');
  await refuseDirectAdminChange(db, actor, userId, 'revoke_role');
  await applyRevokeRole(db, actor, userId, grantId);
}

export async function applyRevokeRole(db: Db, actor: Actor, userId: string, grantId: string, audit: Record<string, unknown> = {}): Promise<void> {
  await db.transaction(async (tx) => {
    const [grant] = await tx.delete(roleGrants).where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId))).returning();
    if (!grant) throw new AppError('NOT_FOUND', { what: grantId });
    await recordAudit(tx, actor, { action: 'role.revoke', targetType: 'user', targetId: userId, orgPath: grant.orgPath, details: { role: grant.role, ...audit } });
  });
}

// ---------------------------------------------------------------------------- API keys (security admin)

/** Creates an API key for a machine client, scoped to an org node; the key is shown once. */
export async function createApiKey(db: Db, actor: Actor, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  requirePermission(actor, 'apikey.manage');
  const role = input.role ?? 'open311_client';
  // A key with a staff role would be a second, unaudited way to reach personal data.
  if (!isRole(role) || !isMachineRole(role)) throw fieldError('body.role', `API 密钥只能使用接口角色（${machineRoleNames.join('、')}）`, `an API key holds a machine role only (${machineRoleNames.join(', ')})`);
  const target = await grantTarget(db, input.orgCode);
  if (!canGrantOn(role, target.level)) throw fieldError('body.orgCode', `该角色不能授予在${levelNames[target.level]}上`, `this role cannot be granted on a ${target.level} node`);
  const { key, prefix, keyHash } = newApiKey();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(apiKeys).values({ name: input.name, prefix, keyHash, role, orgPath: target.orgPath, createdBy: actor.id }).returning({ id: apiKeys.id });
    await recordAudit(tx, actor, { action: 'apikey.create', targetType: 'api_key', targetId: row?.id, orgPath: target.orgPath, details: { name: input.name, role } });
    return { id: row?.id as string, key, prefix, role, orgPath: target.orgPath };
  });
}

/** Lists API keys (never the keys themselves). */
export async function listApiKeys(db: Db, actor: Actor): Promise<ApiKeyView[]> {
  requirePermission(actor, 'apikey.manage');
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, role: apiKeys.role, orgPath: apiKeys.orgPath, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(asc(apiKeys.createdAt));
}

/** Revokes an API key. */
export async function revokeApiKey(db: Db, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'apikey.manage');
  await db.transaction(async (tx) => {
    const [row] = await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning();
    if (!row) throw new AppError('NOT_FOUND', { what: id });
    await recordAudit(tx, actor, { action: 'apikey.revoke', targetType: 'api_key', targetId: id });
  });
}

// ---------------------------------------------------------------------------- bootstrap

/**
 * On first start, creates the system administrator `admin`: with GONGZHI_ADMIN_PASSWORD if
 * set (no forced change), otherwise with a random password printed once and written to a
 * 0600 file in the data directory. There is no built-in default password.
 */
export async function ensureAdmin(
  db: Db,
  options: { adminPassword?: string | undefined; dataDir: string },
): Promise<{ created: boolean; password?: string; passwordFile?: string }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  if (existing) return { created: false };
  const fromConfig = options.adminPassword;
  const password = fromConfig ?? generatePassword(16);
  const created = await db.transaction(async (tx) => {
    // Several processes starting on one database at once: one makes the admin, the others find it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('gongzhi.ensure-admin'))`);
    const [made] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
    if (made) return false;
    const user = await insertUser(tx, { username: 'admin', displayName: '系统管理员' }, password, false);
    await tx.insert(roleGrants).values({ userId: user.id, role: 'system_admin', orgPath: '' });
    await recordAudit(tx, systemActor, { action: 'user.create', targetType: 'user', targetId: user.id, details: { username: 'admin', role: 'system_admin', bootstrap: true } });
    return true;
  });
  if (!created) return { created: false };
  if (fromConfig) return { created: true };
  fs.mkdirSync(options.dataDir, { recursive: true });
  const passwordFile = path.join(options.dataDir, 'admin-password.txt');
  fs.writeFileSync(passwordFile, `admin\n${password}\n`, { mode: 0o600 });
  fs.chmodSync(passwordFile, 0o600);
  return { created: true, password, passwordFile };
}

/** Creates or replaces an account with a role, for the CLI and the demo (system actor). */
export async function provisionUser(
  db: Db,
  input: { username: string; displayName: string; role: Role; orgCode?: string | undefined; password?: string | undefined },
): Promise<{ user: UserView; password: string; mustChangePassword: boolean }> {
  if (isMachineRole(input.role)) throw fieldError('role', '接口角色只能用于 API 密钥', 'a machine role is for API keys only');
  const password = input.password ?? generatePassword();
  const mustChangePassword = input.password === undefined;
  const target = await grantTarget(db, input.orgCode);
  if (!canGrantOn(input.role, target.level)) {
    throw new AppError('VALIDATION_FAILED', { summary: `orgCode: 角色 ${input.role} 不能授予在${levelNames[target.level]}上 / role ${input.role} cannot be granted on a ${target.level} node` });
  }
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, input, password, mustChangePassword);
    await tx.insert(roleGrants).values({ userId: user.id, role: input.role, orgPath: target.orgPath });
    await recordAudit(tx, systemActor, { action: 'user.create', targetType: 'user', targetId: user.id, orgPath: target.orgPath, details: { username: input.username, role: input.role } });
    return { user, password, mustChangePassword };
  });
}

/** Sets a new random password for a user by name (CLI), to be changed at next sign-in. */
export async function resetPasswordByName(db: Db, username: string): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) throw new AppError('NOT_FOUND', { what: username });
  return (await resetPassword(db, systemActor, user.id)).initialPassword;
}
