// The facilities module's contract: service facilities, the life-circle standard table
// (GB 50180-2018), coverage of the registry's buildings, and the residents' "near me".
// Routes validate and serialise with these, services return the inferred types, and the
// web imports them. Depends on zod alone, so the web can.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';

// ---------------------------------------------------------------------------- vocabularies

/** GB 50180-2018 §3.0.4: the 15-, 10- and 5-minute life circles and the neighbourhood block (居住街坊). */
export const lifeCircleLevels = ['15min', '10min', '5min', 'block'] as const;
export type LifeCircleLevel = (typeof lifeCircleLevels)[number];

/**
 * The walking distance each level's facilities should lie within. GB 50180-2018 §3.0.4 gives
 * 800–1,000 m (the upper bound is taken), 500 m and 300 m; it sets none for the block, whose
 * facilities lie inside the block itself (150–250 m a side), so 150 m is used.
 */
export const standardWalkMeters: Record<LifeCircleLevel, number> = { '15min': 1000, '10min': 500, '5min': 300, block: 150 };

/** Walking speed behind "N minutes": GB 50180-2018 puts 800–1,000 m at 15 minutes. */
export const walkMetersPerMinute = 65;

/** Who runs a facility. */
export const operatorTypes = ['department', 'community', 'social_organisation', 'enterprise'] as const;
export type OperatorType = (typeof operatorTypes)[number];

/** The people a kind serves, by which its coverage is also weighed: elderly are 60+, children 0–14. */
export const populationGroups = ['all', 'elderly', 'children'] as const;
export type PopulationGroup = (typeof populationGroups)[number];

/** GB 50180-2018 appendix B/C groups the facilities this way. */
export const facilityCategories = ['public_service', 'commercial', 'municipal', 'transport', 'block_service'] as const;
export type FacilityCategory = (typeof facilityCategories)[number];

/** How distances were measured: along the imported road network, or straight line times the detour factor. */
export const distanceMethods = ['road', 'straight_line'] as const;
export type DistanceMethod = (typeof distanceMethods)[number];

export const facilityKindCodePattern = /^[a-z][a-z0-9_]{1,39}$/;
const kindCode = z.string().regex(facilityKindCodePattern, '类型编码必须是 2–40 位小写字母、数字或下划线 / 2–40 lowercase letters, digits or underscores');
const orgCode = z.string().min(1).max(40);
const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

// ---------------------------------------------------------------------------- the standard table

/** One row of the editable standard table: a kind of facility and the circle that should have it. */
export const facilityKind = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  category: z.enum(facilityCategories),
  level: z.enum(lifeCircleLevels),
  /** The walking distance within which every building should have one (metres). */
  walkMeters: z.number().int(),
  /** Required by the standard (▲ in GB 50180-2018 appendix B); only required kinds count in coverage. */
  required: z.boolean(),
  group: z.enum(populationGroups),
  sort: z.number().int(),
  version: z.number().int(),
});
export type FacilityKind = z.infer<typeof facilityKind>;
export const facilityKindList = z.object({ items: z.array(facilityKind) });
export type FacilityKindList = z.infer<typeof facilityKindList>;

export const facilityKindParams = z.object({ code: kindCode });

export const createFacilityKindBody = z
  .object({
    code: kindCode,
    name: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(80),
    category: z.enum(facilityCategories),
    level: z.enum(lifeCircleLevels),
    walkMeters: z.number().int().min(50).max(5000).optional(),
    required: z.boolean(),
    group: z.enum(populationGroups).default('all'),
  })
  .strict();
export type CreateFacilityKindInput = z.infer<typeof createFacilityKindBody>;

export const updateFacilityKindBody = z
  .object({
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(40).optional(),
    nameEn: z.string().trim().min(1).max(80).optional(),
    category: z.enum(facilityCategories).optional(),
    level: z.enum(lifeCircleLevels).optional(),
    walkMeters: z.number().int().min(50).max(5000).optional(),
    required: z.boolean().optional(),
    group: z.enum(populationGroups).optional(),
  })
  .strict();
export type UpdateFacilityKindInput = z.infer<typeof updateFacilityKindBody>;

// ---------------------------------------------------------------------------- facilities

export const facility = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  /** The circle it serves; the kind's level unless stated. */
  level: z.enum(lifeCircleLevels),
  lng: z.number(),
  lat: z.number(),
  address: z.string().nullable(),
  /** Free text as posted at the door, e.g. "周一至周五 08:30–17:30". */
  openingHours: z.string().nullable(),
  capacity: z.number().int().nullable(),
  operatorType: z.enum(operatorTypes),
  operatorName: z.string(),
  /** The org unit code when the operator is a department or a community. */
  operatorCode: z.string().nullable(),
  contact: z.string().nullable(),
  communityCode: z.string(),
  communityName: z.string(),
  /** The grid the point lies in, when it lies in one of its community's grids. */
  gridCode: z.string().nullable(),
  orgPath: z.string(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type FacilityView = z.infer<typeof facility>;
export const facilityPage = pageOf(facility);
export type FacilityPage = z.infer<typeof facilityPage>;

export const facilityParams = z.object({ id: z.uuid() });

export const listFacilitiesQuery = z.object({
  /** An org unit code: facilities of the communities below it. */
  under: orgCode.optional(),
  kind: kindCode.optional(),
  level: z.enum(lifeCircleLevels).optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export type ListFacilitiesQuery = z.infer<typeof listFacilitiesQuery>;

const facilityFields = {
  name: z.string().trim().min(1).max(60),
  kind: kindCode,
  level: z.enum(lifeCircleLevels).optional(),
  lng,
  lat,
  address: z.string().trim().max(120).nullable().optional(),
  openingHours: z.string().trim().max(120).nullable().optional(),
  capacity: z.number().int().min(0).max(1_000_000).nullable().optional(),
  operatorType: z.enum(operatorTypes),
  operatorName: z.string().trim().min(1).max(60),
  operatorCode: orgCode.nullable().optional(),
  contact: z.string().trim().max(40).nullable().optional(),
  communityCode: orgCode,
};

export const createFacilityBody = z.object(facilityFields).strict();
export type CreateFacilityInput = z.infer<typeof createFacilityBody>;

export const updateFacilityBody = z
  .object({ version: z.number().int().min(1), ...z.object(facilityFields).partial().shape })
  .strict();
export type UpdateFacilityInput = z.infer<typeof updateFacilityBody>;

export const deleteFacilityQuery = z.object({ version: z.coerce.number().int().min(1) });

/** GeoJSON of facilities: Points with the facility's fields as properties. */
export const facilityFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: facility.omit({ lng: true, lat: true, createdAt: true, updatedAt: true }).extend({ kindName: z.string() }),
    }),
  ),
});
export type FacilityFeatureCollection = z.infer<typeof facilityFeatureCollection>;

/** GET …/export.xlsx and …/export.geojson take the list's filters without paging. */
export const exportFacilitiesQuery = z.object({ under: orgCode.optional(), kind: kindCode.optional(), level: z.enum(lifeCircleLevels).optional(), download: z.enum(['1', 'true']).optional() });

export const importFormats = ['xlsx', 'geojson'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** POST /api/facilities/import?format=…&dryRun=… with the file as the raw body (.xlsx bytes or GeoJSON text). */
export const importFacilitiesQuery = z.object({ format: z.enum(importFormats), dryRun: z.enum(['true', 'false']).default('false') });
/** A row with an id that exists (and is in scope) updates that facility; others are created. Nothing is written if any row is wrong. */
export const importFacilitiesResult = z.object({ created: z.number().int(), updated: z.number().int(), dryRun: z.boolean() });
export type ImportFacilitiesResult = z.infer<typeof importFacilitiesResult>;

/** One problem of an import, in FACILITY_IMPORT_INVALID's details.problems (row 0: the file itself; .xlsx rows count from 2). */
export interface FacilityImportProblem {
  row: number;
  field: string;
  message: string;
}

// ---------------------------------------------------------------------------- distances: road network and detour factor

/** The road network and distance settings of a district. */
export const coverageSettings = z.object({
  districtCode: z.string(),
  /** Straight-line distance is multiplied by this when no road network is imported. */
  detourFactor: z.number(),
  roadNetwork: z.object({ nodes: z.number().int(), edges: z.number().int(), lengthKm: z.number(), importedAt: z.date() }).nullable(),
  method: z.enum(distanceMethods),
  /** When coverage was last computed, and whether a recomputation is waiting. */
  computedAt: z.date().nullable(),
  stale: z.boolean(),
});
export type CoverageSettings = z.infer<typeof coverageSettings>;

export const coverageSettingsQuery = z.object({ district: orgCode.optional() });
export const updateCoverageSettingsBody = z.object({ district: orgCode, detourFactor: z.number().min(1).max(3) }).strict();
export type UpdateCoverageSettingsInput = z.infer<typeof updateCoverageSettingsBody>;

/** PUT /api/facilities/road-network?district=… with a GeoJSON FeatureCollection of LineString/MultiLineString roads. */
export const roadNetworkQuery = z.object({ district: orgCode });
export const roadNetworkBody = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()).min(1) });

// ---------------------------------------------------------------------------- coverage

/** Coverage of one kind over a set of buildings; shares are 0–1, null when nobody counts. */
export const kindCoverage = z.object({
  kind: z.string(),
  name: z.string(),
  level: z.enum(lifeCircleLevels),
  walkMeters: z.number().int(),
  group: z.enum(populationGroups),
  buildings: z.number().int(),
  buildingsCovered: z.number().int(),
  residents: z.number().int(),
  residentsCovered: z.number().int(),
  /** The people the kind serves (its group: all residents, the elderly or the children). */
  groupPeople: z.number().int(),
  groupCovered: z.number().int(),
  residentShare: z.number().nullable(),
  groupShare: z.number().nullable(),
});
export type KindCoverage = z.infer<typeof kindCoverage>;

/** One community's line in a street's or district's coverage. */
export const communityCoverage = z.object({
  code: z.string(),
  name: z.string(),
  buildings: z.number().int(),
  residents: z.number().int(),
  /** Residents' share covered, averaged over the required kinds. */
  residentShare: z.number().nullable(),
  /** (building, kind) pairs out of reach. */
  gaps: z.number().int(),
});

export const coverageReport = z.object({
  orgCode: z.string(),
  orgName: z.string(),
  computedAt: z.date().nullable(),
  method: z.enum(distanceMethods),
  detourFactor: z.number(),
  buildings: z.number().int(),
  residents: z.number().int(),
  elderly: z.number().int(),
  children: z.number().int(),
  residentShare: z.number().nullable(),
  kinds: z.array(kindCoverage),
  /** Below a street or district: one line per community. */
  communities: z.array(communityCoverage),
});
export type CoverageReport = z.infer<typeof coverageReport>;

/** `org`: a community, street or district code (default: the actor's own scope when it is one node). */
export const coverageQuery = z.object({ org: orgCode });

/** One building out of reach of one required kind. */
export const coverageGap = z.object({
  buildingId: z.string(),
  buildingName: z.string(),
  address: z.string(),
  communityCode: z.string(),
  gridCode: z.string(),
  kind: z.string(),
  kindName: z.string(),
  walkMeters: z.number().int(),
  /** Walking distance to the nearest facility of the kind; null when there is none at all. */
  distance: z.number().nullable(),
  nearestFacilityId: z.string().nullable(),
  nearestFacilityName: z.string().nullable(),
  residents: z.number().int(),
  groupPeople: z.number().int(),
});
export type CoverageGap = z.infer<typeof coverageGap>;
export const coverageGapPage = pageOf(coverageGap);
export type CoverageGapPage = z.infer<typeof coverageGapPage>;
export const coverageGapsQuery = z.object({ org: orgCode, kind: kindCode.optional(), ...pageQuery });

/** The coverage layer: buildings as Points, coloured by what they lack. */
export const coverageFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        buildingId: z.string(),
        name: z.string(),
        address: z.string(),
        gridCode: z.string(),
        residents: z.number().int(),
        /** The required kinds out of reach, by code. */
        lacking: z.array(z.string()),
        lackingCount: z.number().int(),
      }),
    }),
  ),
});
export type CoverageFeatureCollection = z.infer<typeof coverageFeatureCollection>;
/** The layer is drawn per community (a few hundred buildings), so it is not paged. */
export const coverageLayerQuery = z.object({ community: orgCode });

/** A building's life circle: for each required kind, the nearest facility and its distance. */
export const buildingCircle = z.object({
  buildingId: z.string(),
  name: z.string(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  method: z.enum(distanceMethods),
  kinds: z.array(
    z.object({
      kind: z.string(),
      kindName: z.string(),
      level: z.enum(lifeCircleLevels),
      walkMeters: z.number().int(),
      distance: z.number().nullable(),
      covered: z.boolean(),
      facility: z.object({ id: z.string(), name: z.string(), lng: z.number(), lat: z.number() }).nullable(),
    }),
  ),
});
export type BuildingCircle = z.infer<typeof buildingCircle>;
export const buildingCircleParams = z.object({ id: z.uuid() });

export const recomputeQuery = z.object({ district: orgCode });
export const recomputeResult = z.object({ queued: z.boolean() });

// ---------------------------------------------------------------------------- the residents' portal (public)

/** GET /api/public/facilities/near: from a point, or from a building picked by address. */
export const nearQuery = z
  .object({
    lng: z.coerce.number().min(-180).max(180).optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    buildingId: z.uuid().optional(),
    kind: kindCode.optional(),
    /** How many facilities of each kind, nearest first. */
    perKind: z.coerce.number().int().min(1).max(10).default(3),
    maxMeters: z.coerce.number().int().min(100).max(10_000).default(3000),
  })
  .refine((q) => q.buildingId !== undefined || (q.lng !== undefined && q.lat !== undefined), { message: '请给出位置或楼栋 / give lng and lat, or buildingId', path: ['lng'] });
export type NearQuery = z.infer<typeof nearQuery>;

export const nearFacility = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string(),
  kindNameEn: z.string(),
  address: z.string().nullable(),
  openingHours: z.string().nullable(),
  contact: z.string().nullable(),
  lng: z.number(),
  lat: z.number(),
  /** Walking distance in metres (see `method`), and minutes at walkMetersPerMinute. */
  distance: z.number().int(),
  walkMinutes: z.number().int(),
});
export type NearFacility = z.infer<typeof nearFacility>;

export const nearResult = z.object({
  origin: z.object({ lng: z.number(), lat: z.number(), label: z.string().nullable() }),
  method: z.enum(distanceMethods),
  /** Nearest first within each kind; kinds in the standard table's order. */
  items: z.array(nearFacility),
});
export type NearResult = z.infer<typeof nearResult>;

/** GET /api/public/facilities/places?q=: buildings by name or address, for "near me" by address (no personal data). */
export const placesQuery = z.object({ q: z.string().trim().min(1).max(40) });
export const placeList = z.object({
  items: z.array(z.object({ buildingId: z.string(), name: z.string(), address: z.string(), communityName: z.string() })),
});
export type PlaceList = z.infer<typeof placeList>;
