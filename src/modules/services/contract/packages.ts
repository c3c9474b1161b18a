// Community types → service packages: the items and organisations each of the seven types
// suggests, and what a community of that type still lacks.
import { z } from 'zod';

export const packageItem = z.object({ code: z.string(), name: z.string() });
// A community type is one of org's communityTypes (the web checks it against org's contract).
const communityType = z.string();

export const servicePackage = z.object({
  communityType,
  /** Service items of the catalogue the package suggests. */
  items: z.array(packageItem),
  /** Organisations and facilities the package suggests (by name). */
  organisations: z.array(z.string()),
});
export type ServicePackage = z.infer<typeof servicePackage>;

export const communityPackageParams = z.object({ code: z.string().trim().min(1).max(40) });
export const communityPackage = z.object({
  communityCode: z.string(),
  communityName: z.string(),
  communityType: communityType.nullable(),
  package: servicePackage.nullable(),
  /** Package items the catalogue offers at this community (active, accepted at the community or district-wide). */
  offered: z.array(packageItem),
  /** Package items the community cannot yet offer: the gaps. */
  gaps: z.array(packageItem.extend({ reason: z.enum(['not_in_catalogue', 'inactive', 'not_accepted_here']) })),
});
export type CommunityPackage = z.infer<typeof communityPackage>;
