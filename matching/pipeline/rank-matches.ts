import type { Deps } from '../core/deps.ts';
import type { DocMeta } from '../engine/kind-index.ts';
import type { Profile } from '../engine/match-document.ts';
import type { AchievementProfile, NeedProfile } from '../ranking/pair-profiles.ts';
import { rankAchievementsForNeed, rankNeedsForAchievement } from '../ranking/rank-candidates.ts';
import type { Suggestion } from '../ranking/suggestion.ts';
import type { Audience, RecordKind } from '../vectors/vector-index.ts';
import { hybridCandidates } from './hybrid-candidates.ts';
import { isListed, listedStatuses, otherKind } from './listed.ts';

/**
 * How many retrieval candidates the ranker sees, and how many of an achievement's best-ranked needs its match
 * job re-decides (each need's decision ranks its own candidates, so this bounds the reverse job's cost).
 */
export const matchDepth = { candidates: 100, reverseNeeds: 10 };

/**
 * Ranks the other side of the market for one stored record, best first, with no cut-off: what is stored is
 * the need's decision (decide-need-pairs.ts). Candidates are listed, not the record's own organisation, and —
 * for anyone but the system — never another organisation's confidential record.
 */
export async function rankMatches({
  deps,
  kind,
  id,
  audience,
  limit,
  exclude,
}: {
  deps: Deps;
  kind: RecordKind;
  id: string;
  audience: Audience;
  limit: number;
  exclude?: ReadonlySet<string> | undefined;
}): Promise<Suggestion[]> {
  await deps.engine.sync();
  const self = deps.engine.get(kind, id);
  if (!self || !isListed(kind, self.status)) return [];
  const ranked = await rankAgainst({ deps, kind, profile: self.profile, ownOrgId: self.orgId, audience, exclude });
  return ranked.slice(0, limit);
}

/** Retrieval + ranker for any profile of `kind` (a stored record, or an ad-hoc query as in the evaluation). */
export async function rankAgainst({
  deps,
  kind,
  profile,
  ownOrgId,
  audience,
  depth = matchDepth.candidates,
  exclude,
}: {
  deps: Deps;
  kind: RecordKind;
  profile: Profile;
  ownOrgId: string | null;
  audience: Audience;
  depth?: number;
  /** Record ids to leave out (the abstention evaluation hides a query's answer this way, a need its dead pairs). */
  exclude?: ReadonlySet<string> | undefined;
}): Promise<Suggestion[]> {
  const other = otherKind(kind);
  const visible = (m: DocMeta) =>
    'system' in audience || m.confidentiality !== 'confidential' || m.orgId === audience.orgId;
  const accept = (m: DocMeta) =>
    isListed(other, m.status) && m.orgId !== ownOrgId && visible(m) && !exclude?.has(m.recordId);
  const hits = await hybridCandidates(deps, other, profile.text, depth, accept, {
    kind: other,
    audience,
    statuses: [...listedStatuses[other]],
    excludeOrgIds: ownOrgId ? [ownOrgId] : undefined,
  });
  const names = await deps.engine.chainNames();
  const options = { chainName: (chainId: string) => names.get(chainId) };
  return kind === 'need'
    ? rankAchievementsForNeed(
        profile as NeedProfile,
        hits.map((h) => ({ achievement: h.meta.profile as AchievementProfile, signals: h.signals })),
        options,
      )
    : rankNeedsForAchievement(
        profile as AchievementProfile,
        hits.map((h) => ({ need: h.meta.profile as NeedProfile, signals: h.signals })),
        options,
      );
}
