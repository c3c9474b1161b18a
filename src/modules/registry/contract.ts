// The registry's contract: its vocabularies and the zod schema of every request and
// response of /api/registry. Routes validate and serialise with these, services return
// the inferred types, and the web imports them. Depends on zod alone, so the web can.
import { z } from 'zod';

// ---------------------------------------------------------------------------- vocabularies

export const genders = ['male', 'female'] as const;
export type Gender = (typeof genders)[number];

export const buildingUses = ['residential', 'commercial', 'mixed', 'office', 'public', 'other'] as const;
export type BuildingUse = (typeof buildingUses)[number];

export const houseTenures = ['owner_occupied', 'rented', 'vacant'] as const;
export type HouseTenure = (typeof houseTenures)[number];

export const relations = ['head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent', 'parent_in_law', 'grandparent', 'sibling', 'other'] as const;
export type Relation = (typeof relations)[number];

export const residentStatuses = ['active', 'moved_out', 'deceased'] as const;
export type ResidentStatus = (typeof residentStatuses)[number];
/** The resident search's status filter: one status, or `any` (departed and deceased too). */
export const residentStatusFilters = [...residentStatuses, 'any'] as const;

/** How a residence ends: the statuses other than active. */
export const residenceEnds = ['moved_out', 'deceased'] as const;
export type ResidenceEnd = (typeof residenceEnds)[number];

// 户籍人口 / 流动人口
export const residenceTypes = ['local', 'migrant'] as const;
export type ResidenceType = (typeof residenceTypes)[number];

export const educations = ['none', 'primary', 'junior_high', 'senior_high', 'vocational', 'junior_college', 'bachelor', 'master', 'doctorate'] as const;
export type Education = (typeof educations)[number];

export const politicalStatuses = ['cpc_member', 'cpc_probationary', 'cyl_member', 'democratic_party', 'independent', 'masses'] as const;
export type PoliticalStatus = (typeof politicalStatuses)[number];

export const visitMethods = ['home', 'phone', 'video', 'other'] as const;
export type VisitMethod = (typeof visitMethods)[number];

/** The built-in kinds of key group (key-groups/kinds.ts holds their rules); staff may add `custom_…` kinds. */
export const builtInKindCodes = ['elderly_alone', 'disabled', 'low_income', 'veteran', 'left_behind_child', 'community_correction', 'severe_mental_disorder'] as const;
export type BuiltInKindCode = (typeof builtInKindCodes)[number];

// 残疾人残疾分类和分级 (GB/T 26341-2010): seven categories, grades 一级 (most severe) to 四级.
export const disabilityCategories = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'] as const;
export type DisabilityCategory = (typeof disabilityCategories)[number];

export const customFieldTypes = ['text', 'number', 'date', 'boolean', 'choice'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export const ledgerFormats = ['xlsx', 'csv'] as const;
export type LedgerFormat = (typeof ledgerFormats)[number];

/** The columns of a ledger, as the import maps a file's headers to them (ledger.ts). */
export const ledgerFields = [
  'grid', 'building', 'unit', 'floor', 'houseNumber', 'householdNumber', 'tenure', 'relation', 'name', 'gender', 'birthDate',
  'idNumber', 'phone', 'ethnicity', 'residenceType', 'arrivedOn', 'employer', 'education', 'politicalStatus', 'keyGroups',
  'disabilityCategory', 'disabilityGrade', 'notes',
] as const;
export type LedgerField = (typeof ledgerFields)[number];
export const requiredLedgerFields = ['building', 'houseNumber', 'relation', 'name', 'idNumber'] as const satisfies readonly LedgerField[];

/**
 * An import job's status as the API shows it. 'interrupted' is never stored: it is shown
 * for a job left checking or committing whose process stopped beating.
 */
export const importStatuses = ['checking', 'checked', 'committing', 'committed', 'failed', 'discarded', 'interrupted'] as const;
export type ImportStatus = (typeof importStatuses)[number];
/** The statuses a job row holds. */
export type StoredImportStatus = Exclude<ImportStatus, 'interrupted'>;

export const residentSorts = ['name', 'birthDate', 'createdAt', 'updatedAt'] as const;
export type ResidentSort = (typeof residentSorts)[number];

// ---------------------------------------------------------------------------- building blocks

const id = z.uuid();
export const idParams = z.object({ id });
const code = z.string().min(1).max(40);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / use YYYY-MM-DD');
const version = z.number().int().min(1);
const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true').optional();
const visitEveryDays = z.number().int().min(1).max(366).nullable().optional();
const int = z.number().int();

// The platform's paging (platform/http.ts), restated so that the contract needs zod alone.
const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
};
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: int, page: int, pageSize: int });
export const paging = z.object(pageQuery);
export type Paging = z.infer<typeof paging>;
/** A page of a list, as every paged response has it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** ?reveal=true&reason=…: identifiers in clear, for holders of registry.reveal, audited with the reason. */
const revealFields = { reveal: boolQuery, reason: z.string().max(200).optional() };
export const revealQuery = z.object(revealFields);
export type RevealQuery = z.infer<typeof revealQuery>;

// ---------------------------------------------------------------------------- residents

export const keyGroupTag = z.object({ id: z.string(), kind: z.string(), name: z.string(), nextVisitDue: z.string().nullable() });
export type KeyGroupTag = z.infer<typeof keyGroupTag>;

/**
 * A resident as every response shows them: ID number, phone and birth date masked
 * (****-**-**; the age is shown), unless `revealed`.
 */
export const residentView = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(genders),
  birthDate: z.string(),
  age: int,
  idNumber: z.string(),
  phone: z.string().nullable(),
  revealed: z.boolean(),
  ethnicity: z.string().nullable(),
  residenceType: z.enum(residenceTypes),
  arrivedOn: z.string().nullable(),
  employer: z.string().nullable(),
  education: z.enum(educations).nullable(),
  politicalStatus: z.enum(politicalStatuses).nullable(),
  notes: z.string().nullable(),
  status: z.enum(residentStatuses),
  gridCode: z.string(),
  orgPath: z.string(),
  houseId: z.string().nullable(),
  householdId: z.string().nullable(),
  relation: z.enum(relations).nullable(),
  address: z.string().nullable(),
  keyGroups: z.array(keyGroupTag),
  version: int,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ResidentView = z.infer<typeof residentView>;

// ---------------------------------------------------------------------------- buildings, houses, households

export const buildingView = z.object({
  id: z.string(), communityCode: z.string(), gridCode: z.string(), orgPath: z.string(), name: z.string(), address: z.string(), floors: int.nullable(),
  units: int.nullable(), use: z.enum(buildingUses), lng: z.number().nullable(), lat: z.number().nullable(), version: int,
});
export type BuildingView = z.infer<typeof buildingView>;

export const buildingRow = buildingView.extend({ houseCount: int, residentCount: int });
export type BuildingRow = z.infer<typeof buildingRow>;

export const buildingHouse = z.object({ id: z.string(), unit: z.string(), floor: int.nullable(), number: z.string(), tenure: z.enum(houseTenures), householdCount: int, residentCount: int });
export const buildingDetail = buildingView.extend({ houses: z.array(buildingHouse) });
export type BuildingDetail = z.infer<typeof buildingDetail>;

export const buildingListQuery = z.object({ under: code.optional(), q: z.string().trim().max(50).optional(), ...pageQuery });
export type BuildingListQuery = z.infer<typeof buildingListQuery>;
export const buildingExportQuery = buildingListQuery.omit({ page: true, pageSize: true });
export type BuildingExportQuery = z.infer<typeof buildingExportQuery>;

const buildingFields = {
  name: trimmed(60),
  address: z.string().trim().max(120).optional(),
  floors: z.number().int().min(1).max(200).nullable().optional(),
  units: z.number().int().min(1).max(100).nullable().optional(),
  use: z.enum(buildingUses).optional(),
  lng: z.number().min(73).max(136).nullable().optional(),
  lat: z.number().min(3).max(54).nullable().optional(),
};
export const createBuildingBody = z.object({ gridCode: code, ...buildingFields }).strict();
export type CreateBuildingBody = z.infer<typeof createBuildingBody>;
export const updateBuildingBody = z.object({ version, gridCode: code.optional(), ...buildingFields, name: trimmed(60).optional() }).strict();
export type UpdateBuildingBody = z.infer<typeof updateBuildingBody>;

export const houseView = z.object({
  id: z.string(), buildingId: z.string(), buildingName: z.string(), gridCode: z.string(), orgPath: z.string(), unit: z.string(), floor: int.nullable(),
  number: z.string(), tenure: z.enum(houseTenures), address: z.string(), version: int,
});
export type HouseView = z.infer<typeof houseView>;

export const houseRow = houseView.extend({ residentCount: int });
export type HouseRow = z.infer<typeof houseRow>;

export const householdView = z.object({
  id: z.string(), houseId: z.string(), gridCode: z.string(), orgPath: z.string(), number: z.string(), headResidentId: z.string().nullable(), version: int,
});
export type HouseholdView = z.infer<typeof householdView>;

export const houseDetail = houseView.extend({
  area: z.number().nullable(),
  notes: z.string().nullable(),
  households: z.array(householdView.extend({ members: z.array(residentView) })),
  others: z.array(residentView),
});
export type HouseDetail = z.infer<typeof houseDetail>;

export const houseListQuery = z.object({ buildingId: id.optional(), under: code.optional(), q: z.string().trim().max(60).optional(), tenure: z.enum(houseTenures).optional(), ...pageQuery });
export type HouseListQuery = z.infer<typeof houseListQuery>;

const houseFields = {
  unit: z.string().trim().max(10).optional(),
  floor: z.number().int().min(-5).max(200).nullable().optional(),
  number: trimmed(20),
  area: z.number().min(0).max(100_000).nullable().optional(),
  tenure: z.enum(houseTenures).optional(),
  notes: optionalText(500),
};
export const createHouseBody = z.object({ buildingId: id, ...houseFields }).strict();
export type CreateHouseBody = z.infer<typeof createHouseBody>;
export const updateHouseBody = z.object({ version, ...houseFields, number: trimmed(20).optional() }).strict();
export type UpdateHouseBody = z.infer<typeof updateHouseBody>;

export const householdFile = householdView.extend({
  address: z.string(),
  house: z.object({ id: z.string(), buildingId: z.string(), buildingName: z.string(), unit: z.string(), floor: int.nullable(), number: z.string(), tenure: z.enum(houseTenures) }),
  members: z.array(residentView),
  history: z.array(z.object({ residentId: z.string(), name: z.string(), relation: z.string().nullable(), movedInOn: z.string(), movedOutOn: z.string().nullable(), reason: z.string().nullable() })),
});
export type HouseholdFile = z.infer<typeof householdFile>;

export const createHouseholdBody = z.object({ houseId: id, number: z.string().trim().max(10).optional() }).strict();
export type CreateHouseholdBody = z.infer<typeof createHouseholdBody>;
export const updateHouseholdBody = z.object({ version, headResidentId: id.nullable().optional(), number: z.string().trim().min(1).max(10).optional() }).strict();
export type UpdateHouseholdBody = z.infer<typeof updateHouseholdBody>;

// ---------------------------------------------------------------------------- key groups and visits

/** A field of a kind that staff defined (custom_… kinds). */
export const customFieldDefinition = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/),
  label: z.string().trim().min(1).max(30),
  type: z.enum(customFieldTypes),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(30)).max(50).optional(),
});
export type CustomFieldDefinition = z.infer<typeof customFieldDefinition>;

export const membershipView = z.object({
  id: z.string(), residentId: z.string(), kind: z.string(), name: z.string(), orgPath: z.string(), sensitive: z.boolean(),
  fields: z.record(z.string(), z.unknown()), since: z.string(), until: z.string().nullable(), visitEveryDays: int.nullable(),
  lastVisitedOn: z.string().nullable(), nextVisitDue: z.string().nullable(), version: int,
});
export type MembershipView = z.infer<typeof membershipView>;
export const endedMembership = membershipView.omit({ name: true });
export type EndedMembership = z.infer<typeof endedMembership>;

export const keyGroupMember = membershipView.extend({ daysOverdue: int, resident: residentView });
export type KeyGroupMember = z.infer<typeof keyGroupMember>;

export const kindView = z.object({
  code: z.string(), name: z.string(), sensitive: z.boolean(), visitEveryDays: int.nullable(), builtIn: z.boolean(), orgPath: z.string(),
  fieldDefinitions: z.array(customFieldDefinition).nullable(),
});
export type KindView = z.infer<typeof kindView>;

export const visitView = z.object({
  id: z.string(), residentId: z.string(), membershipId: z.string().nullable(), visitedOn: z.string(), method: z.enum(visitMethods), visitorName: z.string(),
  notes: z.string().nullable(),
});
export type VisitView = z.infer<typeof visitView>;
export const visitRow = visitView.extend({ residentName: z.string(), orgPath: z.string(), createdAt: z.date() });
export type VisitRow = z.infer<typeof visitRow>;

export const createKindBody = z
  .object({ under: code, name: trimmed(30), sensitive: z.boolean().default(false), visitEveryDays, fields: z.array(customFieldDefinition).max(20).default([]) })
  .strict();
export type CreateKindBody = z.infer<typeof createKindBody>;

export const addMembershipBody = z.object({ kind: z.string().min(1).max(50), fields: z.record(z.string(), z.unknown()).optional(), since: isoDate.optional(), visitEveryDays }).strict();
export type AddMembershipBody = z.infer<typeof addMembershipBody>;
export const updateMembershipBody = z.object({ version, fields: z.record(z.string(), z.unknown()).optional(), visitEveryDays }).strict();
export type UpdateMembershipBody = z.infer<typeof updateMembershipBody>;
export const endMembershipBody = z.object({ until: isoDate.optional(), reason: trimmed(200) }).strict();
export type EndMembershipBody = z.infer<typeof endMembershipBody>;

const memberFilters = {
  kind: z.string().max(50).optional(),
  under: code.optional(),
  overdue: boolQuery,
  dueWithinDays: z.coerce.number().int().min(0).max(366).optional(),
};
export const memberExportQuery = z.object({ ...memberFilters, ...revealFields });
export const memberListQuery = memberExportQuery.extend(pageQuery);
export const memberFilter = z.object(memberFilters);
export type MemberFilter = z.infer<typeof memberFilter>;
export type MemberQuery = MemberFilter & Paging;

export const visitListQuery = z.object({ residentId: id.optional(), under: code.optional(), ...pageQuery });
export type VisitListQuery = z.infer<typeof visitListQuery>;
export const recordVisitBody = z.object({ residentId: id, membershipId: id.optional(), visitedOn: isoDate.optional(), method: z.enum(visitMethods), notes: z.string().trim().max(1000).optional() }).strict();
export type RecordVisitBody = z.infer<typeof recordVisitBody>;

// ---------------------------------------------------------------------------- residents: requests and the file

const residentFields = {
  name: trimmed(30),
  gender: z.enum(genders).optional(),
  birthDate: isoDate.optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  ethnicity: optionalText(10),
  residenceType: z.enum(residenceTypes).optional(),
  arrivedOn: isoDate.nullable().optional(),
  employer: optionalText(100),
  education: z.enum(educations).nullable().optional(),
  politicalStatus: z.enum(politicalStatuses).nullable().optional(),
  notes: optionalText(500),
};

export const createResidentBody = z
  .object({
    ...residentFields,
    idNumber: trimmed(30),
    householdId: id.optional(),
    houseId: id.optional(),
    gridCode: code.optional(),
    relation: z.enum(relations).optional(),
    movedInOn: isoDate.optional(),
  })
  .strict();
export type CreateResidentBody = z.infer<typeof createResidentBody>;
export const updateResidentBody = z.object({ version, ...residentFields, name: trimmed(30).optional(), idNumber: trimmed(30).optional(), relation: z.enum(relations).optional() }).strict();
export type UpdateResidentBody = z.infer<typeof updateResidentBody>;
export const moveResidentBody = z
  .object({ version, householdId: id.optional(), houseId: id.optional(), relation: z.enum(relations).optional(), movedOn: isoDate.optional(), reason: z.string().trim().max(200).optional() })
  .strict();
export type MoveResidentBody = z.infer<typeof moveResidentBody>;
export const endResidenceBody = z.object({ version, status: z.enum(residenceEnds), on: isoDate.optional(), reason: z.string().trim().max(200).optional() }).strict();
export type EndResidenceBody = z.infer<typeof endResidenceBody>;

const residentFilters = {
  q: z.string().trim().max(50).optional(),
  name: z.string().trim().max(30).optional(),
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(20).optional(),
  address: z.string().trim().max(60).optional(),
  buildingId: id.optional(),
  houseId: id.optional(),
  householdId: id.optional(),
  under: code.optional(),
  keyGroup: z.string().max(50).optional(),
  overdue: boolQuery,
  residenceType: z.enum(residenceTypes).optional(),
  gender: z.enum(genders).optional(),
  status: z.enum(residentStatusFilters).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  sort: z.enum(residentSorts).optional(),
  order: z.enum(['asc', 'desc']).optional(),
};
/** A resident search's filters, as the export takes them. */
export const residentExportQuery = z.object({ ...residentFilters, ...revealFields });
/** A resident search (GET query, or POST body to keep identifiers out of URLs). */
export const residentSearchQuery = residentExportQuery.extend(pageQuery);
export const residentFilter = z.object(residentFilters);
export type ResidentFilter = z.infer<typeof residentFilter>;
export type ResidentQuery = ResidentFilter & Paging;

/** The identifier look-up limit: at most lookupLimit look-ups by ID or phone number per account in any windowMinutes. */
export const identifierLookupSettings = z.object({ lookupLimit: int, windowMinutes: int, version: int });
export type IdentifierLookupSettings = z.infer<typeof identifierLookupSettings>;
export const updateIdentifierLookupSettings = z
  .object({ lookupLimit: z.number().int().min(1).max(10_000), windowMinutes: z.number().int().min(1).max(1440), version })
  .strict();
export type UpdateIdentifierLookupSettings = z.infer<typeof updateIdentifierLookupSettings>;

export const residenceLine = z.object({
  id: z.string(), houseId: z.string().nullable(), householdId: z.string().nullable(), relation: z.string().nullable(), movedInOn: z.string(),
  movedOutOn: z.string().nullable(), reason: z.string().nullable(), address: z.string().nullable(),
});
export const residentVisit = z.object({ id: z.string(), membershipId: z.string().nullable(), visitedOn: z.string(), method: z.string(), visitorName: z.string(), notes: z.string().nullable() });
export type ResidentVisit = z.infer<typeof residentVisit>;
/** A person's file: the record, where they lived, their key groups and the latest visits. */
export const residentFile = residentView.extend({ history: z.array(residenceLine), memberships: z.array(membershipView), visits: z.array(residentVisit) });
export type ResidentFile = z.infer<typeof residentFile>;

// ---------------------------------------------------------------------------- grid workers' phone view

export const myGrid = z.object({
  grids: z.array(z.object({ code: z.string(), name: z.string() })),
  counts: z.object({ buildings: int, houses: int, residents: int, keyGroupMembers: int, overdue: int, dueThisWeek: int }),
});
export type MyGrid = z.infer<typeof myGrid>;
export const lookupTerm = z.object({ q: z.string().trim().min(1).max(50) });
export const lookupResult = z.object({ houses: z.array(houseRow), residents: z.array(residentView) });
export type LookupResult = z.infer<typeof lookupResult>;

// ---------------------------------------------------------------------------- import

/** What a running import is doing, for the progress bar. */
export const importProgress = z.object({
  /** Undoing: an interrupted commit's chunks are put back, last first (stepNo of steps chunks). */
  phase: z.enum(['checking', 'committing', 'undoing']),
  /** Rows read so far (checking); residents removed so far (undoing). */
  rows: int,
  step: z.string().optional(),
  stepNo: int.optional(),
  steps: int.optional(),
});
export type ImportProgress = z.infer<typeof importProgress>;

export const importFailure = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });
export type ImportFailure = z.infer<typeof importFailure>;
export const headerMatch = z.object({ header: z.string(), field: z.string().nullable() });

/** An import job; `skippedRows` lists rows with errors (the first 1000). */
export const importJob = z.object({
  id: z.string(), communityCode: z.string(), fileName: z.string(), format: z.enum(ledgerFormats), actorName: z.string(), status: z.enum(importStatuses),
  headers: z.array(headerMatch), onlyValid: z.boolean().nullable(), totalRows: int, validRows: int, errorRows: int, newRows: int, changedRows: int,
  unchangedRows: int, inserted: int, updated: int, skipped: int, skippedRows: z.array(int), failure: importFailure.nullable(),
  progress: importProgress.nullable(), createdAt: z.date(), checkedAt: z.date().nullable(), committedAt: z.date().nullable(),
  /** Whether an undo of an interrupted commit was started (a discarded job with it was undone). */
  undone: z.boolean(),
});
export type ImportView = z.infer<typeof importJob>;

export const importError = z.object({ rowNo: int, column: z.string(), message: z.string(), name: z.string().nullable() });
export type ImportErrorView = z.infer<typeof importError>;

export const uploadImportQuery = z.object({
  communityCode: code,
  // {"原表头": "field"} when the file's headers differ from the template's.
  mapping: z
    .string()
    .max(4000)
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      const parsed = z.record(z.string(), z.string()).safeParse(parseJson(text));
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'mapping 须为 {"表头": "字段"} 的 JSON' });
        return z.NEVER;
      }
      return parsed.data;
    }),
});
export const commitImportBody = z.object({ onlyValid: z.boolean().default(false) }).strict();

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------- responses by list

export const buildingPage = pageOf(buildingRow);
export const housePage = pageOf(houseRow);
export const residentPage = pageOf(residentView);
export const keyGroupMemberPage = pageOf(keyGroupMember);
export const visitPage = pageOf(visitRow);
export const importPage = pageOf(importJob);
export const importErrorPage = pageOf(importError);
