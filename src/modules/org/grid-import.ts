// Grid import from a GeoJSON FeatureCollection: every feature is checked first, and nothing
// is imported unless all are valid.
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { fromExcluded, upsertInBatches } from '../../platform/bulk-insert.ts';
import { coversPath, requirePermission, scopePaths, type Actor } from '../../platform/auth/scope.ts';
import { bboxOf, geometryProblemText, validateGridGeometry } from './geo.ts';
import { grids, orgNodes } from './schema.ts';
import { orgUnitColumns } from './org-units.ts';
import { invalidateGridIndex } from './grid-index.ts';
import type { GridImportProblem, GridKind, ImportGridsResult } from './contract.ts';

const kindAliases: Record<string, GridKind> = {
  community: 'community',
  key_unit: 'key_unit',
  road: 'road',
  社区网格: 'community',
  重点单位网格: 'key_unit',
  道路网格: 'road',
};

/**
 * Imports grids from a GeoJSON FeatureCollection (properties: code, name, kind,
 * communityCode). Every feature is checked first; if any is bad, nothing is imported and
 * GEOJSON_INVALID lists each problem by feature index. Existing grids are updated by code.
 */
export async function importGrids(
  db: Db,
  actor: Actor,
  collection: unknown,
  options: { dryRun?: boolean } = {},
): Promise<ImportGridsResult> {
  requirePermission(actor, 'org.write');
  const problems: GridImportProblem[] = [];
  const bad = (index: number, field: string, message: string, messageEn: string, code?: string) =>
    problems.push({ index, code, field, message, messageEn });
  const { type, features } = (collection ?? {}) as { type?: unknown; features?: unknown };
  if (type !== 'FeatureCollection' || !Array.isArray(features)) {
    bad(-1, 'type', '文件必须是 GeoJSON FeatureCollection', 'the file must be a GeoJSON FeatureCollection');
    throw new AppError('GEOJSON_INVALID', { count: problems.length, problems });
  }
  const communityCodes = new Set<string>();
  for (const f of features as { properties?: Record<string, unknown> }[]) {
    const c = f?.properties?.communityCode ?? f?.properties?.community_code;
    if (typeof c === 'string') communityCodes.add(c);
  }
  const communities = new Map(
    communityCodes.size
      ? (await db.select(orgUnitColumns).from(orgNodes).where(inArray(orgNodes.code, [...communityCodes]))).map((n) => [n.code, n])
      : [],
  );
  const existing = new Map(
    (await db.select({ code: grids.code, communityCode: grids.communityCode }).from(grids)).map((g) => [g.code, g.communityCode]),
  );
  const writeScopes = scopePaths(actor, 'org.write');
  const seen = new Set<string>();
  const rows: (typeof grids.$inferInsert)[] = [];
  features.forEach((feature: unknown, index) => {
    const f = (feature ?? {}) as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
    if (f.type !== 'Feature') return bad(index, 'type', '不是 GeoJSON Feature', 'not a GeoJSON Feature');
    const p = f.properties ?? {};
    const code = typeof p.code === 'string' ? p.code.trim() : typeof p.code === 'number' ? String(p.code) : '';
    const name = typeof p.name === 'string' ? p.name.trim() : '';
    const kind = kindAliases[String(p.kind ?? '')];
    const communityCode = String(p.communityCode ?? p.community_code ?? '');
    const before = problems.length;
    if (!/^[A-Za-z0-9-]{1,32}$/.test(code)) bad(index, 'properties.code', '网格编码必须是 1–32 位字母、数字或连字符', 'code must be 1–32 letters, digits or hyphens', code);
    else if (seen.has(code)) bad(index, 'properties.code', `网格编码 ${code} 在文件中重复`, `code ${code} appears twice in the file`, code);
    seen.add(code);
    if (!name || name.length > 50) bad(index, 'properties.name', '网格名称必填，最多 50 字', 'name is required, at most 50 characters', code);
    if (!kind) bad(index, 'properties.kind', '网格类型必须是 community/key_unit/road（社区网格/重点单位网格/道路网格）', 'kind must be community, key_unit or road', code);
    const community = communities.get(communityCode);
    if (!community || community.level !== 'community') {
      bad(index, 'properties.communityCode', `社区编码 ${communityCode} 不存在`, `no community has code ${communityCode}`, code);
    } else if (!writeScopes.some((s) => coversPath(s, community.orgPath))) {
      bad(index, 'properties.communityCode', `社区 ${community.name} 不在您的管辖范围内`, `community ${communityCode} is outside your scope`, code);
    } else if (existing.has(code) && existing.get(code) !== communityCode) {
      bad(index, 'properties.code', `网格 ${code} 已属于其他社区`, `grid ${code} belongs to another community`, code);
    }
    const geometry = validateGridGeometry(f.geometry);
    if (!geometry.ok) {
      const text = geometryProblemText[geometry.problem];
      bad(index, 'geometry', text.zh, text.en, code);
    }
    if (problems.length === before && community && kind && geometry.ok) {
      rows.push({ code, name, kind, communityCode, geometry: geometry.geometry, ...bboxOf(geometry.geometry), orgPath: `${community.orgPath}.${code}` });
    }
  });
  if (problems.length > 0) throw new AppError('GEOJSON_INVALID', { count: problems.length, problems: problems.slice(0, 500) });
  const updated = rows.filter((r) => existing.has(r.code)).length;
  const result = { created: rows.length - updated, updated, dryRun: options.dryRun === true };
  if (options.dryRun) return result;
  await db.transaction(async (tx) => {
    await upsertInBatches(tx, grids, rows, 500, {
      target: grids.code,
      set: {
        ...fromExcluded(grids, ['name', 'kind', 'geometry', 'minLng', 'minLat', 'maxLng', 'maxLat']),
        version: sql`${grids.version} + 1`,
        updatedAt: sql`now()`,
      },
    });
    await recordAudit(tx, actor, { action: 'org.grids.import', targetType: 'grid', details: { created: result.created, updated } });
  });
  invalidateGridIndex(db);
  return result;
}
