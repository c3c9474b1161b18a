// Consultation meetings (协商议事), proxies' consents and councils: requests and responses.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/paging.ts';

/** Where a topic comes from. */
export const topicSources = ['proposal', 'need', 'case', 'staff'] as const;
export type TopicSource = (typeof topicSources)[number];
/** 4335's four classes: 发展、管理、监督、选举. */
export const meetingClasses = ['development', 'management', 'supervision', 'election'] as const;
export type MeetingClass = (typeof meetingClasses)[number];
/** The level deliberating: a building, a group (grid), the community, the street. */
export const meetingLevels = ['building', 'group', 'community', 'street'] as const;
export type MeetingLevel = (typeof meetingLevels)[number];
/** The five forms: 民主恳谈、议事、听证、咨询、评议. */
export const meetingForms = ['dialogue', 'deliberation', 'hearing', 'consultation', 'appraisal'] as const;
export type MeetingForm = (typeof meetingForms)[number];
export const meetingStatuses = ['planned', 'notified', 'held', 'published', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const meetingActions = ['notify', 'hold', 'publish', 'cancel'] as const;
export type MeetingAction = (typeof meetingActions)[number];
export const participantKinds = ['resident', 'org_unit', 'expert', 'worker'] as const;
export type ParticipantKind = (typeof participantKinds)[number];
export const proxyKinds = ['family', 'worker'] as const;
export type ProxyKind = (typeof proxyKinds)[number];
/** One meeting, or every meeting until a date. */
export const consentScopes = ['meeting', 'standing'] as const;
export type ConsentScope = (typeof consentScopes)[number];
export const consentHows = ['written', 'in_person', 'video', 'phone'] as const;
export type ConsentHow = (typeof consentHows)[number];
export const resolutionStatuses = ['open', 'in_progress', 'done'] as const;
export type ResolutionStatus = (typeof resolutionStatuses)[number];
export const councilKinds = ['residents_council', 'village_council'] as const;
export type CouncilKind = (typeof councilKinds)[number];
/** 一长八员 of Zigui's village councils (理事长 and eight members), and a residents' council's roles. */
export const councilRoles = ['chair', 'vice_chair', 'economy', 'publicity', 'assistance', 'mediation', 'maintenance', 'supervision', 'environment', 'culture', 'member'] as const;
export type CouncilRole = (typeof councilRoles)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const speaker = z.object({ participantId: z.string().nullable(), name: z.string(), summary: z.string(), proxyConsentId: z.string().nullable() });
export type Speaker = z.infer<typeof speaker>;

export const createMeetingBody = z.object({
  communityCode: text(40),
  title: text(200),
  topicSource: z.enum(topicSources),
  topicRef: z.string().trim().max(100).optional(),
  class: z.enum(meetingClasses),
  level: z.enum(meetingLevels),
  form: z.enum(meetingForms),
  councilId: z.uuid().optional(),
  agenda: z.array(text(300)).min(1).max(30),
  place: text(200),
  startsAt: z.coerce.date(),
});
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;

/** Residents chosen from the registry: every adult, or each household's head, of a building, grid or the community. */
export const addParticipantsBody = z.union([
  z.object({ from: z.literal('registry'), scopeKind: z.enum(['community', 'grid', 'building']), scopeRef: text(60), basis: z.enum(['adults', 'households']) }),
  z.object({ from: z.literal('named'), kind: z.enum(['org_unit', 'expert', 'worker']), name: text(60), label: z.string().trim().max(100).default('') }),
]);
export type AddParticipantsBody = z.infer<typeof addParticipantsBody>;

export const meetingActionBody = z.object({ action: z.enum(meetingActions), version: z.number().int().min(1) });
export type MeetingActionBody = z.infer<typeof meetingActionBody>;

/** Sign-in: the participant in person, or a proxy by name (who must hold the participant's consent). */
export const signInBody = z.object({ participantId: z.uuid(), proxyName: z.string().trim().min(1).max(60).optional() });
export type SignInBody = z.infer<typeof signInBody>;

export const minutesBody = z.object({
  minutes: text(20_000),
  speakers: z.array(z.object({ participantId: z.uuid(), summary: text(2000) })).max(100),
  version: z.number().int().min(1),
});
export type MinutesBody = z.infer<typeof minutesBody>;

export const consentBody = z
  .object({
    principalResidentId: z.uuid(),
    proxyName: text(60),
    proxyKind: z.enum(proxyKinds),
    proxyRelation: text(30),
    scope: z.enum(consentScopes),
    meetingId: z.uuid().optional(),
    givenOn: isoDate,
    validUntil: isoDate.optional(),
    givenHow: z.enum(consentHows),
  })
  .superRefine((b, ctx) => {
    if (b.scope === 'meeting' && !b.meetingId) ctx.addIssue({ code: 'custom', path: ['meetingId'], message: '针对单次会议的授权须指明会议 / a one-meeting consent names the meeting' });
    if (b.scope === 'standing' && !b.validUntil) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '长期授权须写明有效期 / a standing consent has an end date' });
    if (b.validUntil && b.validUntil < b.givenOn) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '有效期不能早于授权日期 / ends before it was given' });
  });
export type ConsentBody = z.infer<typeof consentBody>;

export const consentView = z.object({
  id: z.string(),
  principalResidentId: z.string(),
  principalName: z.string(),
  proxyName: z.string(),
  proxyKind: z.enum(proxyKinds),
  proxyRelation: z.string(),
  scope: z.enum(consentScopes),
  meetingId: z.string().nullable(),
  givenOn: z.string(),
  validUntil: z.string().nullable(),
  givenHow: z.enum(consentHows),
  recordedBy: z.string().nullable(),
  revoked: z.boolean(),
});
export type ConsentView = z.infer<typeof consentView>;

export const participantView = z.object({
  id: z.string(),
  kind: z.enum(participantKinds),
  residentId: z.string().nullable(),
  name: z.string(),
  label: z.string(),
  notifiedAt: z.date().nullable(),
  signedInAt: z.date().nullable(),
  /** The consent a proxy signed in under (who, for whom, how), shown on the act. */
  proxy: consentView.nullable(),
});
export type ParticipantView = z.infer<typeof participantView>;

export const resolutionBody = z.object({ text: text(2000), responsible: text(100), dueOn: isoDate.optional() });
export type ResolutionBody = z.infer<typeof resolutionBody>;
export const resolutionUpdateBody = z.object({ status: z.enum(resolutionStatuses), doneOn: isoDate.optional(), doneNote: z.string().trim().max(2000).optional() }).superRefine((b, ctx) => {
  if (b.status === 'done' && !b.doneOn) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: '办结须写明日期 / a done resolution has its date' });
});
export type ResolutionUpdateBody = z.infer<typeof resolutionUpdateBody>;
export const resolutionView = z.object({ id: z.string(), seq: z.number().int(), text: z.string(), responsible: z.string(), dueOn: z.string().nullable(), status: z.enum(resolutionStatuses), doneOn: z.string().nullable(), doneNote: z.string().nullable() });
export type ResolutionView = z.infer<typeof resolutionView>;

export const meetingView = z.object({
  id: z.string(),
  communityCode: z.string(),
  title: z.string(),
  topicSource: z.enum(topicSources),
  topicRef: z.string().nullable(),
  class: z.enum(meetingClasses),
  level: z.enum(meetingLevels),
  form: z.enum(meetingForms),
  councilId: z.string().nullable(),
  agenda: z.array(z.string()),
  place: z.string(),
  startsAt: z.date(),
  status: z.enum(meetingStatuses),
  minutes: z.string().nullable(),
  speakers: z.array(speaker),
  participantCount: z.number().int(),
  signedInCount: z.number().int(),
  notifiedAt: z.date().nullable(),
  heldAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  version: z.number().int(),
});
export type MeetingView = z.infer<typeof meetingView>;
export const meetingPage = pageOf(meetingView);
export const meetingDetail = meetingView.extend({ resolutions: z.array(resolutionView), consents: z.array(consentView) });
export type MeetingDetail = z.infer<typeof meetingDetail>;
export const meetingListQuery = z.object({ status: z.enum(meetingStatuses).optional(), communityCode: z.string().max(40).optional(), ...pageQuery });
export type MeetingListQuery = z.infer<typeof meetingListQuery>;
export const participantPage = pageOf(participantView);
export const participantQuery = z.object({ signedIn: z.enum(['yes', 'no']).optional(), q: z.string().trim().max(60).optional(), ...pageQuery });
export type ParticipantQuery = z.infer<typeof participantQuery>;

export const councilBody = z.object({
  communityCode: text(40),
  kind: z.enum(councilKinds),
  name: text(100),
  termStart: isoDate,
  termEnd: isoDate,
  members: z.array(z.object({ name: text(60), role: z.enum(councilRoles), residentId: z.uuid().optional() })).min(1).max(30),
}).superRefine((b, ctx) => {
  if (b.termEnd <= b.termStart) ctx.addIssue({ code: 'custom', path: ['termEnd'], message: '任期结束应晚于开始 / the term ends after it starts' });
  if (b.members.filter((m) => m.role === 'chair').length !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: '须有且只有一位理事长/主任 / exactly one chair' });
});
export type CouncilBody = z.infer<typeof councilBody>;
export const councilView = z.object({
  id: z.string(),
  communityCode: z.string(),
  kind: z.enum(councilKinds),
  name: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(councilRoles), termStart: z.string(), termEnd: z.string() })),
  meetingCount: z.number().int(),
});
export type CouncilView = z.infer<typeof councilView>;
export const councilPage = pageOf(councilView);
export const councilListQuery = z.object({ communityCode: z.string().max(40).optional(), ...pageQuery });
export { meetingTransitions } from './rules.ts';
