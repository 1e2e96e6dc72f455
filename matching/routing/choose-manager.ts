/** A manager covering the pair's chain, as routing sees them at decision time. */
export type Candidate = {
  userId: string;
  orgId: string;
  capacity: number;
  isChief: boolean;
  active: boolean;
  /**
   * Needs they are working now (a pair of the need in a working stage assigned to them). Capacity counts needs,
   * not pairs: a manager weighs a need's alternatives side by side, so its second to fifth pair add no work.
   */
  load: number;
  /** Pairs ever assigned to them: a tie-breaker that spreads work over time. */
  total: number;
};

export type Exclusion = 'inactive' | 'conflict_of_interest' | 'at_capacity' | 'current_manager' | 'over_allowance';

export type CandidateReport = {
  userId: string;
  load: number;
  capacity: number;
  isChief: boolean;
  excluded: Exclusion | null;
};

export type Choice = {
  chosen: string | null;
  /**
   * `least_loaded`: the regular rule; `chief_fallback`: nobody eligible, the chain's chief takes it within the
   * overflow allowance; `over_capacity`: everyone full and the chiefs past their allowance, so the need waits.
   */
  how: 'least_loaded' | 'chief_fallback' | 'no_eligible_manager' | 'over_capacity';
  candidates: CandidateReport[];
};

export type ChoiceRules = {
  /** The need's enterprise and the achievement's institution: their own managers never get the pair. */
  partyOrgIds: readonly string[];
  /** A reassignment must not hand the pair back to the manager who let it sit. */
  excludeUserIds?: readonly string[] | undefined;
  /**
   * How far past capacity a chief takes overflow, as a share of their capacity (0.2: five more needs on 25);
   * at least one need when above 0, so a small capacity still has some slack; 0: no overflow at all.
   */
  chiefOverflow: number;
};

/** The most needs a chief works before overflow waits on the unrouted list instead. */
export const chiefLimit = (capacity: number, overflow: number) =>
  capacity + (overflow > 0 ? Math.max(1, Math.ceil(capacity * overflow)) : 0);

function exclusion(c: Candidate, rules: ChoiceRules, ignoreCapacity: boolean): Exclusion | null {
  if (!c.active) return 'inactive';
  if (rules.partyOrgIds.includes(c.orgId)) return 'conflict_of_interest';
  if (rules.excludeUserIds?.includes(c.userId)) return 'current_manager';
  if (!ignoreCapacity && c.load >= c.capacity) return 'at_capacity';
  return null;
}

/** Lowest load relative to capacity; ties go to fewer pairs ever assigned, then the user id, so runs repeat. */
const byRelativeLoad = (a: Candidate, b: Candidate) =>
  a.load / a.capacity - b.load / b.capacity || a.total - b.total || a.userId.localeCompare(b.userId);

/**
 * Pure routing rule (the caller has locked the candidates' rows, so loads cannot move underneath it).
 * Chiefs compete like everyone else; when nobody is eligible the chain's chief takes the need past capacity,
 * but only within the overflow allowance: a chief buried under 247 pairs works none of them well. Beyond
 * it the need waits (how `over_capacity`) and admins are told. Conflicts of interest are never overridden.
 */
export function chooseManager(candidates: readonly Candidate[], rules: ChoiceRules): Choice {
  const reports = candidates.map((c) => ({ c, excluded: exclusion(c, rules, false) }));
  const eligible = reports.filter((r) => r.excluded === null).map((r) => r.c);
  const toReport = (r: { c: Candidate; excluded: Exclusion | null }): CandidateReport => ({
    userId: r.c.userId,
    load: r.c.load,
    capacity: r.c.capacity,
    isChief: r.c.isChief,
    excluded: r.excluded,
  });
  const best = [...eligible].sort(byRelativeLoad)[0];
  if (best) return { chosen: best.userId, how: 'least_loaded', candidates: reports.map(toReport) };
  const chiefs = candidates.filter((c) => c.isChief && exclusion(c, rules, true) === null);
  const withinAllowance = (c: Candidate) => c.load < chiefLimit(c.capacity, rules.chiefOverflow);
  const chief = chiefs.filter(withinAllowance).sort(byRelativeLoad)[0]?.userId;
  const overAllowance = new Set(chiefs.filter((c) => !withinAllowance(c)).map((c) => c.userId));
  return {
    chosen: chief ?? null,
    how: chief ? 'chief_fallback' : overAllowance.size > 0 ? 'over_capacity' : 'no_eligible_manager',
    candidates: reports.map((r) => toReport(overAllowance.has(r.c.userId) ? { ...r, excluded: 'over_allowance' } : r)),
  };
}

/** The chain's chief for an escalation: it adds no need to their work, so capacity does not apply; conflicts do. */
export function chooseChief(
  candidates: readonly Candidate[],
  rules: Omit<ChoiceRules, 'chiefOverflow'>,
): string | undefined {
  return candidates
    .filter((c) => c.isChief && exclusion(c, { ...rules, chiefOverflow: 0 }, true) === null)
    .sort(byRelativeLoad)[0]?.userId;
}
