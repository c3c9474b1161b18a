// The catalogue of key-group kinds (重点人群): the built-in ones (kinds.ts) and those staff
// add under a node, which kinds an actor may use, and who may see sensitive memberships.
import crypto from 'node:crypto';
import { asc, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, coversPath, hasPermission, inScope, requirePermission, scopePaths, type Actor } from '../../../platform/auth/scope.ts';
import { keyGroupKinds, keyGroupMemberships } from '../schema.ts';
import { pathOfCode, validationFailed } from '../use-cases/common.ts';
import { customFieldDefinition, type CreateKindBody, type KindView } from '../contract.ts';
import { builtInKindInfos, schemaOfCustomFields, type KindInfo } from './kinds.ts';

/**
 * The condition that hides memberships of sensitive groups from actors without
 * registry.sensitive on them. `alias` names the memberships table in raw SQL.
 */
export function visibleMembershipCondition(actor: Actor, alias?: SQL): SQL {
  const sensitive = alias ? sql`${alias}.sensitive` : sql`${keyGroupMemberships.sensitive}`;
  const orgPath = alias ? sql`${alias}.org_path` : sql`${keyGroupMemberships.orgPath}`;
  return sql`(not ${sensitive} or ${inScope(actor, 'registry.sensitive', orgPath)})`;
}

/** Every kind, built-in and custom, by code. */
export async function kindCatalogue(db: Db): Promise<Map<string, KindInfo>> {
  const custom = await db.select().from(keyGroupKinds).orderBy(asc(keyGroupKinds.createdAt));
  const kinds = [
    ...builtInKindInfos(),
    ...custom.map((k): KindInfo => ({
      code: k.code,
      name: k.name,
      sensitive: k.sensitive,
      visitEveryDays: k.visitEveryDays,
      builtIn: false,
      orgPath: k.orgPath,
      fields: schemaOfCustomFields(k.fields),
      fieldDefinitions: k.fields,
    })),
  ];
  return new Map(kinds.map((k) => [k.code, k]));
}

/** The kinds an actor may use: custom ones made above or inside their scope; sensitive ones only with registry.sensitive. */
export async function listKinds(db: Db, actor: Actor): Promise<KindView[]> {
  requirePermission(actor, 'registry.read');
  const scopes = scopePaths(actor, 'registry.read');
  const mayUseSensitive = hasPermission(actor, 'registry.sensitive');
  const catalogue = await kindCatalogue(db);
  return [...catalogue.values()]
    .filter((k) => k.builtIn || scopes.some((s) => coversPath(k.orgPath, s) || coversPath(s, k.orgPath)))
    .filter((k) => !k.sensitive || mayUseSensitive)
    .map((k) => ({ code: k.code, name: k.name, sensitive: k.sensitive, visitEveryDays: k.visitEveryDays, builtIn: k.builtIn, orgPath: k.orgPath, fieldDefinitions: k.fieldDefinitions ?? null }));
}

/** Adds a kind of key group under a node or grid (a community's own 关爱 list, say). */
export async function createKind(db: Db, actor: Actor, input: CreateKindBody): Promise<KindView> {
  const node = { orgPath: (await pathOfCode(db, input.under)) as string };
  assertInScope(actor, 'registry.write', node.orgPath);
  if (input.sensitive) assertInScope(actor, 'registry.sensitive', node.orgPath);
  const fields = input.fields.map((f) => customFieldDefinition.parse(f));
  const keys = new Set<string>();
  for (const f of fields) {
    if (keys.has(f.key)) throw validationFailed([{ field: 'body.fields', message: `字段 ${f.key} 重复` }]);
    if (f.type === 'choice' && !f.options?.length) throw validationFailed([{ field: 'body.fields', message: `选项字段 ${f.label} 须列出选项` }]);
    keys.add(f.key);
  }
  const catalogue = await kindCatalogue(db);
  if ([...catalogue.values()].some((k) => k.name === input.name && (k.builtIn || coversPath(k.orgPath, node.orgPath) || coversPath(node.orgPath, k.orgPath)))) {
    throw new AppError('CONFLICT', { what: `人群类别 ${input.name}` });
  }
  const code = `custom_${crypto.randomBytes(5).toString('hex')}`;
  return db.transaction(async (tx) => {
    const [kind] = await tx
      .insert(keyGroupKinds)
      .values({ code, orgPath: node.orgPath, name: input.name, sensitive: input.sensitive, visitEveryDays: input.visitEveryDays ?? null, fields })
      .returning();
    await recordAudit(tx, actor, { action: 'registry.kind.create', targetType: 'key_group_kind', targetId: code, orgPath: node.orgPath, details: { name: input.name, sensitive: input.sensitive } });
    const created = kind as typeof keyGroupKinds.$inferSelect;
    return { code: created.code, name: created.name, sensitive: created.sensitive, visitEveryDays: created.visitEveryDays, builtIn: false, orgPath: created.orgPath, fieldDefinitions: created.fields };
  });
}

/** A kind a person at orgPath may be put in, checking the sensitive right. */
export async function kindFor(db: Db, actor: Actor, code: string, orgPath: string): Promise<KindInfo> {
  const kind = (await kindCatalogue(db)).get(code);
  if (!kind || (!kind.builtIn && !coversPath(kind.orgPath, orgPath))) throw validationFailed([{ field: 'body.kind', message: `没有人群类别 ${code}` }]);
  if (kind.sensitive) assertInScope(actor, 'registry.sensitive', orgPath);
  return kind;
}

