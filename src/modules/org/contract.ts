// The org module's contract: its enums, and the zod schema of every request and response,
// with the types inferred from them. Routes validate with these, services return these
// types, and the web imports them.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';

export const orgLevels = ['province', 'city', 'district', 'street', 'community', 'department'] as const;
export type OrgLevel = (typeof orgLevels)[number];

// Yuhua: 老旧城区居民型, 新楼盘型, 单位型, 综合型, 失地农民安置型, 保障性住房型, 商贸型.
export const communityTypes = ['old_town', 'new_estate', 'work_unit', 'mixed', 'resettlement', 'affordable_housing', 'commercial'] as const;
export type CommunityType = (typeof communityTypes)[number];

export const gridKinds = ['community', 'key_unit', 'road'] as const;
export type GridKind = (typeof gridKinds)[number];

// 一格三员 and more: who serves a grid.
export const gridDuties = ['grid_leader', 'grid_worker', 'police', 'supervisor', 'party_liaison', 'volunteer'] as const;
export type GridDuty = (typeof gridDuties)[number];

const code = z.string().min(1).max(40);
/** A grid's code; the web checks a typed code with it before asking. */
export const gridCodePattern = /^[A-Za-z0-9-]{1,32}$/;
export const gridCode = z.string().regex(gridCodePattern, '网格编码必须是 1–32 位字母、数字或连字符 / 1–32 letters, digits or hyphens');

// ---------------------------------------------------------------------------- org units

export const orgUnit = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  level: z.enum(orgLevels),
  name: z.string(),
  fullName: z.string(),
  orgPath: z.string(),
  communityType: z.enum(communityTypes).nullable(),
});
export type OrgUnitView = z.infer<typeof orgUnit>;

/** A child in the tree, with what the actor may see below it (a search result has no counts). */
export const orgUnitListItem = orgUnit.extend({ childCount: z.number().int().optional(), gridCount: z.number().int().optional() });
export type OrgUnitListItem = z.infer<typeof orgUnitListItem>;

export const orgUnitWithAncestors = orgUnit.extend({ ancestors: z.array(orgUnit) });
export type OrgUnitWithAncestors = z.infer<typeof orgUnitWithAncestors>;

export const orgUnitParams = z.object({ code });
export const listOrgUnitsQuery = z.object({ parent: code.optional(), q: z.string().min(1).max(50).optional() });

export const updateOrgUnitBody = z
  .object({ name: z.string().trim().min(1).max(60).optional(), communityType: z.enum(communityTypes).nullable().optional() })
  .strict();
export type UpdateOrgUnitInput = z.infer<typeof updateOrgUnitBody>;

export const createDepartmentBody = z.object({ parentCode: code, name: z.string().trim().min(1).max(60) }).strict();
export type CreateDepartmentInput = z.infer<typeof createDepartmentBody>;

// ---------------------------------------------------------------------------- grids

/** A grid's shape: a GeoJSON Polygon or MultiPolygon in WGS84 (geo.ts checks it before it is stored). */
export type Position = [number, number];
export type GridGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export const gridGeometry = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) });

export const gridSummary = z.object({
  code: z.string(),
  communityCode: z.string(),
  name: z.string(),
  kind: z.enum(gridKinds),
  orgPath: z.string(),
  version: z.number().int(),
  updatedAt: z.date(),
});
export type GridRef = z.infer<typeof gridSummary>;

export const gridListItem = gridSummary.extend({ communityName: z.string(), staffCount: z.number().int() });
export const gridPage = pageOf(gridListItem);
export type GridPage = z.infer<typeof gridPage>;

export const gridDetail = gridSummary.extend({ geometry: gridGeometry, minLng: z.number(), minLat: z.number(), maxLng: z.number(), maxLat: z.number() });
export type GridDetail = z.infer<typeof gridDetail>;

export const gridFeatureProperties = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(gridKinds),
  communityCode: z.string(),
  communityName: z.string(),
  /** The community's street (null when the community hangs directly under a district); for map labels. */
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
});
export const gridFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), geometry: gridGeometry, properties: gridFeatureProperties })),
});
export type GridFeatureCollection = z.infer<typeof gridFeatureCollection>;

export const gridParams = z.object({ code: gridCode });
export const listGridsQuery = z.object({ under: code.optional(), kind: z.enum(gridKinds).optional(), q: z.string().max(50).optional(), ...pageQuery });
export const gridsGeoJsonQuery = z.object({ under: code.optional(), download: z.enum(['1', 'true']).optional() });
/** The outline of the district holding a node, for the map's context; geometry null where none is known. */
export const districtOutlineQuery = z.object({ under: code });
export const districtOutlineView = z.object({ code: z.string(), name: z.string(), geometry: gridGeometry.nullable() });
export type DistrictOutlineView = z.infer<typeof districtOutlineView>;
export const locateGridQuery = z.object({ lng: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) });

export const createGridBody = z
  .object({ code: gridCode, name: z.string().trim().min(1).max(50), kind: z.enum(gridKinds), communityCode: code, geometry: z.unknown() })
  .strict();
export type CreateGridInput = z.infer<typeof createGridBody>;

export const updateGridBody = z
  .object({ version: z.number().int().min(1), name: z.string().trim().min(1).max(50).optional(), kind: z.enum(gridKinds).optional(), geometry: z.unknown().optional() })
  .strict();
export type UpdateGridInput = z.infer<typeof updateGridBody>;

export const importGridsQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false') });
export const importGridsResult = z.object({ created: z.number().int(), updated: z.number().int(), dryRun: z.boolean() });
export type ImportGridsResult = z.infer<typeof importGridsResult>;

/** One problem of a GeoJSON import, in GEOJSON_INVALID's details.problems (index -1: the file itself). */
export interface GridImportProblem {
  index: number;
  code?: string | undefined;
  field: string;
  message: string;
  messageEn: string;
}

// ---------------------------------------------------------------------------- rosters

export const gridStaffMember = z.object({
  id: z.string(),
  gridCode: z.string(),
  name: z.string(),
  duty: z.enum(gridDuties),
  phone: z.string().nullable(),
  userId: z.string().nullable(),
  sort: z.number().int(),
});
export type GridStaffMemberView = z.infer<typeof gridStaffMember>;

/** A work phone on a grid's roster. */
export const gridStaffPhonePattern = /^[0-9+\- ]{7,20}$/;

export const addGridStaffBody = z
  .object({
    name: z.string().trim().min(1).max(30),
    duty: z.enum(gridDuties),
    phone: z.string().regex(gridStaffPhonePattern, '电话号码格式不正确 / invalid phone number').optional(),
    userId: z.uuid().optional(),
    sort: z.number().int().min(0).max(999).optional(),
  })
  .strict();
export type AddGridStaffInput = z.infer<typeof addGridStaffBody>;

export const gridStaffParams = z.object({ id: z.uuid() });

/** The public real-name roster of a grid (实名制公示): names, duties and work phones only. */
export const publicRoster = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(gridKinds),
  communityName: z.string(),
  staff: z.array(z.object({ name: z.string(), duty: z.enum(gridDuties), phone: z.string().nullable() })),
});
export type PublicRoster = z.infer<typeof publicRoster>;
