// The inputs of every workflow action, as the body of POST /api/cases/:id/actions: one
// member per action with exactly the fields it takes, required ones required. This is the
// one statement of what each action needs: the workflow table's `requires` and `accepts`
// are derived from it (caseActionInputs), and the case page's allowedActions list it.
import { z } from 'zod';
import { caseActions, caseInputFields, caseRatings, supervisionLevels, type CaseAction, type CaseInputField } from './vocabulary.ts';
import { workingTime } from './cases.ts';

const orgUnitCode = z.string().min(1).max(40);

// Required text must have something in it once trimmed; optional text may be empty.
const reason = z.string().trim().min(1).max(2000);
const text = z.string().trim().min(1).max(4000);
const photos = z.array(z.uuid()).min(1).max(20);
const optionalText = z.string().trim().max(4000);
const optionalReason = z.string().trim().max(2000);
const optionalPhotos = z.array(z.uuid()).max(20);
const targetUnitId = orgUnitCode;
const coUnitIds = z.array(orgUnitCode).max(10);
const rating = z.enum(caseRatings);
const extension = workingTime;
const supervisionLevel = z.enum(supervisionLevels);
const parentCaseId = z.uuid();
/** On dispatch: let the handling org unit see the reporter's contact (they need it). */
const shareReporterContact = z.boolean();
/** On rate: whether the problem was solved (接诉即办 解决率); defaults to not unsatisfied. */
const resolved = z.boolean();

function optional<O extends z.ZodRawShape>(shape: O): { [K in keyof O]: z.ZodOptional<O[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, (schema as z.ZodType).optional()])) as unknown as { [K in keyof O]: z.ZodOptional<O[K]> };
}

/** The body of one action: its name, the version the client saw (optional), what it requires, what it accepts. */
function member<A extends CaseAction, R extends z.ZodRawShape, O extends z.ZodRawShape>(action: A, requires: R, accepts: O) {
  return z
    .object({
      action: z.literal(action),
      /** The version the actor saw; omitted, the version read now is used. */
      version: z.number().int().min(1).optional(),
      ...requires,
      ...optional(accepts),
    })
    .strict();
}

/** The body of a workflow action: one member per action. */
export const caseActionRequest = z.discriminatedUnion('action', [
  member('accept', {}, { text: optionalText }),
  member('reject', { reason }, {}),
  // The registering org unit becomes the case's dispatcher at its tier.
  member('register', {}, { text: optionalText }),
  // One lead org unit (主办) plus optional co-handling org units (协办).
  member('dispatch', { targetUnitId }, { coUnitIds, text: optionalText, shareReporterContact }),
  member('acknowledge', {}, { text: optionalText }),
  member('return', { reason }, { photos: optionalPhotos }),
  member('feedback', { text, photos }, {}),
  member('verify_pass', {}, { text: optionalText, photos: optionalPhotos }),
  member('verify_fail', { reason }, { photos: optionalPhotos }),
  member('rate', { rating }, { text: optionalText, resolved }),
  member('reopen', { reason }, {}),
  member('request_extension', { extension, reason }, {}),
  // The approver may grant a different extension than was asked.
  member('approve_extension', {}, { extension, text: optionalText }),
  member('reject_extension', { reason }, {}),
  member('suspend', { reason }, {}),
  member('resume', {}, { text: optionalText }),
  member('supervise', { supervisionLevel, text }, {}),
  // Without a target the server names the dispatching centre of the next tier up.
  member('escalate', { reason }, { targetUnitId }),
  member('merge', { parentCaseId }, { reason: optionalReason }),
  member('instruct', { text }, {}),
  member('comment', { text }, { photos: optionalPhotos }),
]);
export type CaseActionRequest = z.infer<typeof caseActionRequest>;

/**
 * Inputs the server fills in when the client leaves them out, so the workflow still
 * requires them: an escalation goes to the next tier's dispatching centre.
 */
export const serverFilledInputs: Readonly<Partial<Record<CaseAction, readonly CaseInputField[]>>> = { escalate: ['targetUnitId'] };

/**
 * Every field any action takes, all optional: what the action endpoint falls back to when a
 * body fits no member, so that the workflow answers with its own codes (an unknown action,
 * a missing input) as clients have always been told.
 */
export const caseActionBody = z
  .object({
    action: z.string().max(40),
    version: z.number().int().min(1).optional(),
    reason: optionalReason.optional(),
    text: optionalText.optional(),
    photos: optionalPhotos.optional(),
    targetUnitId: targetUnitId.optional(),
    coUnitIds: coUnitIds.optional(),
    rating: rating.optional(),
    extension: extension.optional(),
    supervisionLevel: supervisionLevel.optional(),
    parentCaseId: parentCaseId.optional(),
    shareReporterContact: shareReporterContact.optional(),
    resolved: resolved.optional(),
  })
  .strict();
export type CaseActionBody = z.infer<typeof caseActionBody>;

/** One input of an action: the field and whether the client must give it. */
export interface ActionInput {
  readonly name: string;
  readonly required: boolean;
}

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/** Each action's inputs, in the order its member lists them (version excluded). */
export const actionInputsOf: Readonly<Record<CaseAction, readonly ActionInput[]>> = Object.fromEntries(
  caseActionRequest.options.map((option) => {
    const shape = option.shape as Record<string, z.ZodType>;
    const inputs = Object.entries(shape)
      .filter(([name]) => name !== 'action' && name !== 'version')
      .map(([name, schema]) => ({ name, required: !isOptional(schema) }));
    return [option.shape.action.value, inputs];
  }),
) as Record<CaseAction, ActionInput[]>;

function isInputField(name: string): name is CaseInputField {
  return (caseInputFields as readonly string[]).includes(name);
}

/** What the workflow requires and accepts of each action: its member's workflow fields, plus what the server fills in. */
export const caseActionInputs: Readonly<Record<CaseAction, { readonly requires: readonly CaseInputField[]; readonly accepts: readonly CaseInputField[] }>> =
  Object.fromEntries(
    caseActions.map((action) => {
      const filled = serverFilledInputs[action] ?? [];
      const fields = actionInputsOf[action].filter((f) => isInputField(f.name));
      const requires = fields.filter((f) => f.required || filled.includes(f.name as CaseInputField)).map((f) => f.name as CaseInputField);
      const accepts = fields.filter((f) => !requires.includes(f.name as CaseInputField)).map((f) => f.name as CaseInputField);
      return [action, { requires, accepts }];
    }),
  ) as Record<CaseAction, { requires: CaseInputField[]; accepts: CaseInputField[] }>;
