// The quorums Chinese law sets for residents' meetings, villagers' meetings, owners' joint
// decisions and councils, as a table a person can read against the statutes. Pure, and in
// integers only: a share is compared by cross-multiplying (part × den against whole × num), and
// floor areas come in hundredths of a square metre, so "exactly two thirds" is never a float.

export const voteRules = ['residents_meeting', 'villagers_meeting', 'owners', 'council'] as const;
export type VoteRule = (typeof voteRules)[number];

// Who the electorate is: persons aged 18+, one representative per household, the groups'
// elected representatives, owners (one per house, with its floor area), or a council's members.
export const electorateBases = ['adults', 'households', 'group_representatives', 'owners', 'members'] as const;
export type ElectorateBasis = (typeof electorateBases)[number];

// 民法典 第二百七十八条: items (六) raising maintenance funds, (七) rebuilding, (八) changing the use
// of common parts or running a business on them need three quarters; everything else, using
// maintenance funds (五) included, is an ordinary matter.
export const ownersMatters = ['ordinary', 'raise_maintenance_fund', 'rebuild', 'change_common_use'] as const;
export type OwnersMatter = (typeof ownersMatters)[number];

/** A share of a whole: `strict` is 过半数 (more than), otherwise 以上 (at least, the law's reading). */
export interface Share {
  num: number;
  den: number;
  strict: boolean;
}

const moreThanHalf: Share = { num: 1, den: 2, strict: true };
const atLeastTwoThirds: Share = { num: 2, den: 3, strict: false };
const atLeastThreeQuarters: Share = { num: 3, den: 4, strict: false };

/** Whether `part` reaches `share` of `whole`; nothing reaches a share of an empty whole. */
export function reaches(part: number, whole: number, share: Share): boolean {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || part < 0 || whole < 0) {
    throw new RangeError(`counts and areas are non-negative integers (got ${part} of ${whole})`);
  }
  if (whole === 0) return false;
  // BigInt: an area of 10⁸ m² in hundredths times a denominator stays exact.
  const left = BigInt(part) * BigInt(share.den);
  const right = BigInt(whole) * BigInt(share.num);
  return share.strict ? left > right : left >= right;
}

/** One rule row: which bases it allows, what participation it needs, what a decision needs. */
export interface QuorumRow {
  // Participation: per basis, the share of the electorate that must take part (count).
  participation: Partial<Record<ElectorateBasis, Share>>;
  // Whether floor area is counted beside the number (owners only).
  byArea: boolean;
  // The share of participants a decision needs, per matter where the law distinguishes them.
  decision: Share | Record<OwnersMatter, Share>;
  source: string;
}

export const quorumTable = {
  residents_meeting: {
    participation: { adults: moreThanHalf, households: moreThanHalf, group_representatives: moreThanHalf },
    byArea: false,
    decision: moreThanHalf,
    source: '城市居民委员会组织法 第十九条',
  },
  villagers_meeting: {
    participation: { adults: moreThanHalf, households: atLeastTwoThirds },
    byArea: false,
    decision: moreThanHalf,
    source: '村民委员会组织法 第二十二条',
  },
  owners: {
    participation: { owners: atLeastTwoThirds },
    byArea: true,
    decision: {
      ordinary: moreThanHalf,
      raise_maintenance_fund: atLeastThreeQuarters,
      rebuild: atLeastThreeQuarters,
      change_common_use: atLeastThreeQuarters,
    },
    source: '民法典 第二百七十八条',
  },
  council: {
    participation: { members: moreThanHalf },
    byArea: false,
    decision: moreThanHalf,
    source: '议事规则：过半数成员出席，出席成员过半数同意',
  },
} as const satisfies Record<VoteRule, QuorumRow>;

/** The bases a rule allows, in the table's order (the web offers these). */
export function basesOf(rule: VoteRule): ElectorateBasis[] {
  return Object.keys(quorumTable[rule].participation) as ElectorateBasis[];
}

export function isBasisAllowed(rule: VoteRule, basis: ElectorateBasis): boolean {
  return (quorumTable[rule].participation as Partial<Record<ElectorateBasis, Share>>)[basis] !== undefined;
}

/** Counts (and, for owners, floor areas in hundredths of m²) of one group of units. */
export interface Measure {
  count: number;
  area?: number;
}

export interface Tally {
  electorate: Measure;
  participants: Measure;
  // Participants who chose "for" (abstentions and "against" are participants who did not).
  inFavour: Measure;
}

export interface QuorumCheck {
  stage: 'participation' | 'decision';
  measure: 'count' | 'area';
  part: number;
  whole: number;
  share: Share;
  met: boolean;
}

export interface QuorumResult {
  quorumMet: boolean;
  passed: boolean;
  checks: QuorumCheck[];
}

export interface VoteTerms {
  rule: VoteRule;
  basis: ElectorateBasis;
  // Only for owners; ordinary otherwise.
  matter?: OwnersMatter;
}

function decisionShare(terms: VoteTerms): Share {
  const decision: Share | Record<OwnersMatter, Share> = quorumTable[terms.rule].decision;
  return 'num' in decision ? decision : decision[terms.matter ?? 'ordinary'];
}

/** Applies the table: participation first; a decision passes only once the quorum is met. */
export function assessQuorum(terms: VoteTerms, tally: Tally): QuorumResult {
  const row: QuorumRow = quorumTable[terms.rule];
  const participationShare = row.participation[terms.basis];
  if (!participationShare) throw new RangeError(`${terms.rule} does not count by ${terms.basis}`);
  const measures: Array<'count' | 'area'> = row.byArea ? ['count', 'area'] : ['count'];
  const pick = (m: Measure, measure: 'count' | 'area') => (measure === 'count' ? m.count : (m.area ?? 0));
  const checks: QuorumCheck[] = [];
  for (const measure of measures) {
    const part = pick(tally.participants, measure);
    const whole = pick(tally.electorate, measure);
    checks.push({ stage: 'participation', measure, part, whole, share: participationShare, met: reaches(part, whole, participationShare) });
  }
  const share = decisionShare(terms);
  for (const measure of measures) {
    const part = pick(tally.inFavour, measure);
    const whole = pick(tally.participants, measure);
    checks.push({ stage: 'decision', measure, part, whole, share, met: reaches(part, whole, share) });
  }
  const quorumMet = checks.filter((c) => c.stage === 'participation').every((c) => c.met);
  const passed = quorumMet && checks.filter((c) => c.stage === 'decision').every((c) => c.met);
  return { quorumMet, passed, checks };
}

/** The unit one ballot stands for under a basis. */
export function ballotUnitOf(basis: ElectorateBasis): 'person' | 'household' | 'house' {
  switch (basis) {
    case 'households':
      return 'household';
    case 'owners':
      return 'house';
    case 'adults':
    case 'group_representatives':
    case 'members':
      return 'person';
  }
}
