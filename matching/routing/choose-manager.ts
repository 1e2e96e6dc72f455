/** A manager covering the pair's chain, as routing sees them at decision time. */
export type Candidate = {
  userId: string;
  orgId: string;
  capacity: number;
  isChief: boolean;
  active: boolean;
  /** Pairs in working stages assigned to them now. */
  load: number;
  /** Pairs ever assigned to them: a tie-breaker that spreads work over time. */
  total: number;
};

export type Exclusion = 'inactive' | 'conflict_of_interest' | 'at_capacity' | 'current_manager';

export type CandidateReport = {
  userId: string;
  load: number;
  capacity: number;
  isChief: boolean;
  excluded: Exclusion | null;
};

export type Choice = {
  chosen: string | null;
  /** `least_loaded`: the regular rule; `chief_fallback`: nobody eligible, the chain's chief takes it. */
  how: 'least_loaded' | 'chief_fallback' | 'no_eligible_manager';
  candidates: CandidateReport[];
};

export type ChoiceRules = {
  /** The need's enterprise and the achievement's institution: their own managers never get the pair. */
  partyOrgIds: readonly string[];
  /** A reassignment must not hand the pair back to the manager who let it sit. */
  excludeUserIds?: readonly string[] | undefined;
};

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
 * Chiefs compete like everyone else; when nobody is eligible the chain's chief takes the pair even when full,
 * because escalations must land somewhere accountable. Conflicts of interest are never overridden.
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
  const chief = chooseChief(candidates, rules);
  return {
    chosen: chief ?? null,
    how: chief ? 'chief_fallback' : 'no_eligible_manager',
    candidates: reports.map(toReport),
  };
}

/** The chain's chief for a fallback or an escalation: capacity does not apply, conflicts of interest do. */
export function chooseChief(candidates: readonly Candidate[], rules: ChoiceRules): string | undefined {
  return candidates.filter((c) => c.isChief && exclusion(c, rules, true) === null).sort(byRelativeLoad)[0]?.userId;
}
