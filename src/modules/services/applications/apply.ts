// Taking an application in: online by a resident (submitted, waiting for the counter) or at
// a counter (received at once), and a bundle's one application fanned out to its items. The
// applicant's ID number and phone are stored encrypted; a person the registry holds is
// recognised (一次采集、全面共享).
import { recordAudit } from '../../../platform/audit.ts';
import { hasPermission, requirePermission, shownName, type Actor } from '../../../platform/auth/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { findResidentByIdNumber, maskMobile, validateIdNumber, withIdentifierLookup } from '../../registry/index.ts';
import { findOrgNodes } from '../../org/index.ts';
import type { ApplyBody, FormField, ServiceItem } from '../contract.ts';
import { getItem } from '../catalogue/items.ts';
import { getBundle } from '../bundles/bundles.ts';
import { applicationEvents, applicationMaterials, bundleApplications, serviceApplications } from '../schema.ts';
import type { ServiceDeps } from './common.ts';
import { attachFiles, filesOf } from './materials.ts';
import { nextNumber } from './numbering.ts';
import { placeAtCounter, placeOnline, type Placement } from './place.ts';
import { notifyApplicant } from './notify.ts';

/** Checks the form against the item's fields, naming the first bad one. */
export function checkForm(fields: readonly FormField[], form: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    const v = form[f.key];
    const empty = v === undefined || v === '';
    if (empty) {
      if (f.required) throw new AppError('SERVICE_FORM_INVALID', { field: f.label, reason: '必填' });
      continue;
    }
    if (f.type === 'number' && Number.isNaN(Number(v))) throw new AppError('SERVICE_FORM_INVALID', { field: f.label, reason: '应为数字' });
    if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(v))) throw new AppError('SERVICE_FORM_INVALID', { field: f.label, reason: '日期格式应为 YYYY-MM-DD' });
    if (f.type === 'select' && !f.options.includes(String(v))) throw new AppError('SERVICE_FORM_INVALID', { field: f.label, reason: `应为 ${f.options.join('/')} 之一` });
    if (f.type === 'phone' && !/^1[3-9]\d{9}$/.test(String(v))) throw new AppError('SERVICE_FORM_INVALID', { field: f.label, reason: '手机号应为 11 位数字' });
    out[f.key] = v;
  }
  return out;
}

function checkIdNumber(idNumber: string): string {
  const id = validateIdNumber(idNumber);
  if (!id.ok) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.applicant.idNumber', message: '身份证号校验不通过' }] });
  return id.value;
}

interface Intake {
  item: ServiceItem;
  place: Placement;
  body: Omit<ApplyBody, 'itemCode'>;
  channel: 'online' | 'counter';
  bundleNumber: string | null;
}

async function insertApplication(deps: ServiceDeps, actor: Actor, tx: ServiceDeps['db'], intake: Intake, who: Applicant): Promise<{ id: string; number: string }> {
  const { item, place, body, channel } = intake;
  const { idNumber, residentId } = who;
  const number = await nextNumber(tx, 'FW');
  const status = channel === 'online' ? 'submitted' : 'received';
  const materialKeys = new Set(item.materials.map((m) => m.key));
  const [row] = await tx
    .insert(serviceApplications)
    .values({
      number,
      itemCode: item.code,
      itemVersion: item.version,
      bundleNumber: intake.bundleNumber,
      status,
      channel,
      unitCode: place.unitCode,
      orgPath: place.orgPath,
      communityCode: place.communityCode,
      departmentPath: place.departmentPath,
      applicantUserId: channel === 'online' ? actor.id : null,
      residentId,
      applicantName: who.name,
      idNumberEnc: deps.pii.encrypt(idNumber),
      idNumberHash: deps.pii.lookupHash(idNumber),
      phoneEnc: deps.pii.encrypt(who.phone),
      phoneHash: deps.pii.lookupHash(who.phone),
      form: checkForm(item.formFields, body.form),
      deferred: body.materials.filter((m) => m.deferred && materialKeys.has(m.key)).map((m) => m.key),
      committed: body.materials.filter((m) => m.committed && materialKeys.has(m.key)).map((m) => m.key),
    })
    .returning();
  const app = row!;
  await attachFiles(tx, actor, app, item.materials, body.materials.filter((m) => materialKeys.has(m.key) || m.fileIds.length > 0));
  await tx.insert(applicationEvents).values({ applicationId: app.id, action: channel === 'online' ? 'submit' : 'receive', status, actorId: actor.id, actorName: shownName(actor) });
  await recordAudit(tx, actor, { action: 'services.application.create', targetType: 'service_application', targetId: number, orgPath: place.orgPath, details: { item: item.code, version: item.version, channel } });
  await notifyApplicant(deps, tx, app, item.name);
  return { id: app.id, number };
}

interface Applicant {
  name: string;
  idNumber: string;
  phone: string;
  residentId: string | null;
}

/** The applicant with what the registry holds filled in (一次采集、全面共享): name and phone when not given. */
async function recognise(deps: ServiceDeps, input: ApplyBody['applicant']): Promise<Applicant> {
  const idNumber = checkIdNumber(input.idNumber);
  const known = await findResidentByIdNumber(deps.db, deps.pii, idNumber);
  const name = input.name ?? known?.name;
  const phone = input.phone ?? known?.phone ?? undefined;
  if (!name) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.applicant.name', message: '请填写申请人姓名' }] });
  if (!phone) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.applicant.phone', message: '请填写申请人手机号' }] });
  return { name, idNumber, phone, residentId: known?.id ?? null };
}

async function itemFor(deps: ServiceDeps, code: string, channel: 'online' | 'counter'): Promise<ServiceItem> {
  const item = await getItem(deps.db, code);
  if (!item.active) throw new AppError('SERVICE_ITEM_INACTIVE', { code });
  if (!item.channels.includes(channel)) throw new AppError('SERVICE_CHANNEL_CLOSED', { channel: channel === 'online' ? '网上' : '窗口' });
  return item;
}

/** A resident applies online: placed at the centre that accepts the item for their community. */
export async function applyOnline(deps: ServiceDeps, actor: Actor, body: ApplyBody): Promise<string> {
  requirePermission(actor, 'services.apply');
  const item = await itemFor(deps, body.itemCode, 'online');
  const place = await placeOnline(deps.db, item, body.communityCode);
  const who = await recognise(deps, body.applicant);
  return deps.db.transaction((tx) => insertApplication(deps, actor, tx, { item, place, body, channel: 'online', bundleNumber: null }, who).then((a) => a.number));
}

/** The counter takes an application in (received at once). */
export async function intakeAtCounter(deps: ServiceDeps, actor: Actor, body: ApplyBody & { unitCode?: string | undefined }): Promise<string> {
  requirePermission(actor, 'services.intake');
  const item = await itemFor(deps, body.itemCode, 'counter');
  const place = await placeAtCounter(deps.db, actor, item, body.communityCode, body.unitCode);
  const who = await recognise(deps, body.applicant);
  return deps.db.transaction((tx) => insertApplication(deps, actor, tx, { item, place, body, channel: 'counter', bundleNumber: null }, who).then((a) => a.number));
}

/**
 * A bundle's one application: one form and one set of materials, fanned out to one
 * application per item (each with the fields and materials its item asks for), followed as one.
 */
export async function applyForBundle(deps: ServiceDeps, actor: Actor, body: Omit<ApplyBody, 'itemCode'> & { bundleCode: string; unitCode?: string | undefined }): Promise<string> {
  const channel = hasPermission(actor, 'services.intake') ? 'counter' : 'online';
  requirePermission(actor, channel === 'counter' ? 'services.intake' : 'services.apply');
  const bundle = await getBundle(deps.db, body.bundleCode);
  if (!bundle.active) throw new AppError('SERVICE_BUNDLE_NOT_FOUND', { code: body.bundleCode });
  const items = await Promise.all(bundle.items.map((i) => itemFor(deps, i.code, channel)));
  const places = await Promise.all(items.map((item) => (channel === 'counter' ? placeAtCounter(deps.db, actor, item, body.communityCode, body.unitCode) : placeOnline(deps.db, item, body.communityCode))));
  const who = await recognise(deps, body.applicant);
  // Each file is attached to the first item that asks for its material and shared with the
  // later ones (a copy of its row, the same stored file): the materials are brought once.
  return deps.db.transaction(async (tx) => {
    const number = await nextNumber(tx, 'YJS');
    const top = places.map((p) => p.orgPath).reduce((a, b) => commonPath(a, b));
    await tx.insert(bundleApplications).values({ number, bundleCode: bundle.code, orgPath: top });
    const shared = new Map<string, (typeof applicationMaterials.$inferSelect)[]>();
    for (const [i, item] of items.entries()) {
      const keys = new Set(item.materials.map((m) => m.key));
      const materials = body.materials.filter((m) => keys.has(m.key)).map((m) => (shared.has(m.key) ? { ...m, fileIds: [] } : m));
      const form = Object.fromEntries(Object.entries(body.form).filter(([k]) => item.formFields.some((f) => f.key === k)));
      const alreadyShared = new Set(shared.keys());
      const made = await insertApplication(deps, actor, tx, { item, place: places[i]!, body: { ...body, form, materials }, channel, bundleNumber: number }, who);
      for (const [key, rows] of shared) {
        if (keys.has(key)) await tx.insert(applicationMaterials).values(rows.map(({ id: _id, createdAt: _at, ...r }) => ({ ...r, applicationId: made.id })));
      }
      for (const r of (await filesOf(tx, [made.id])).get(made.id) ?? []) {
        if (!r.materialKey || alreadyShared.has(r.materialKey)) continue;
        shared.set(r.materialKey, [...(shared.get(r.materialKey) ?? []), r]);
      }
    }
    return number;
  });
}

function commonPath(a: string, b: string): string {
  const x = a.split('.');
  const y = b.split('.');
  const out: string[] = [];
  for (let i = 0; i < Math.min(x.length, y.length) && x[i] === y[i]; i++) out.push(x[i]!);
  return out.join('.');
}

/** The counter looks an applicant up in the registry by their ID number (limited and audited as the registry's look-ups). */
export async function lookupApplicant(deps: ServiceDeps, actor: Actor, idNumber: string) {
  requirePermission(actor, 'services.intake');
  const value = checkIdNumber(idNumber);
  const found = await withIdentifierLookup(deps.db, deps.pii, actor, { terms: [{ field: 'idNumber', param: 'idNumber', value }], context: 'services.applicant' }, () => findResidentByIdNumber(deps.db, deps.pii, value), (r) => (r ? 1 : 0));
  if (!found) return { found: false, residentId: null, name: null, phone: null, hasPhone: false, communityCode: null, communityName: null };
  const community = (await findOrgNodes(deps.db, found.orgPath.split('.'))).find((n) => n.level === 'community');
  return { found: true, residentId: found.id, name: found.name, phone: found.phone ? maskMobile(found.phone) : null, hasPhone: found.phone !== null, communityCode: community?.code ?? null, communityName: community?.name ?? null };
}
