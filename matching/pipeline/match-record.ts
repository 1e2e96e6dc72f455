import { and, eq, sql } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { recordJobs } from '../core/outbox.ts';
import { parseInput } from '../core/validate.ts';
import type { DocMeta } from '../engine/kind-index.ts';
import type { Profile } from '../engine/match-document.ts';
import type { AchievementProfile, NeedProfile } from '../ranking/pair-profiles.ts';
import { rankAchievementsForNeed, rankNeedsForAchievement } from '../ranking/rank-candidates.ts';
import type { Suggestion } from '../ranking/suggestion.ts';
import type { Audience, RecordKind } from '../vectors/vector-index.ts';
import { hybridCandidates } from './hybrid-candidates.ts';
import { isListed, listedStatuses, otherKind, recordRefPayload } from './listed.ts';
import { jobNames } from './record-ingest.ts';

export const matchPayload = recordRefPayload;

/** How many retrieval candidates the ranker sees, and how many ranked pairs become suggestions. */
export const matchDepth = { candidates: 100, suggestions: 5 };

export async function processMatch(deps: Deps, payload: unknown) {
  const { kind, id } = parseInput(matchPayload, payload);
  return matchRecord({ deps, kind, id });
}

/**
 * Ranks the other side of the market for one stored record. Candidates are listed, not the record's own
 * organisation, and — for anyone but the system — never another organisation's confidential record.
 */
export async function rankMatches({
  deps,
  kind,
  id,
  audience,
  limit,
}: {
  deps: Deps;
  kind: RecordKind;
  id: string;
  audience: Audience;
  limit: number;
}): Promise<Suggestion[]> {
  await deps.engine.sync();
  const self = deps.engine.get(kind, id);
  if (!self || !isListed(kind, self.status)) return [];
  const ranked = await rankAgainst({ deps, kind, profile: self.profile, ownOrgId: self.orgId, audience });
  // A pair with no key term in common is retrieval noise, however it ranks among poor candidates.
  return ranked.filter((s) => s.explanation.sharedTerms.length > 0).slice(0, limit);
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
  /** Record ids to leave out (the abstention evaluation hides a query's answer this way). */
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

/**
 * The match job: stores the record's best pairs as suggestions. One row per pair whichever direction finds
 * it; a pair still only `suggested` gets its score refreshed, a worked pair is left alone. New pairs record
 * their routing job (one for all of them) in the same transaction.
 */
export async function matchRecord({ deps, kind, id }: { deps: Deps; kind: RecordKind; id: string }) {
  const ranked = await rankMatches({ deps, kind, id, audience: { system: true }, limit: matchDepth.suggestions });
  if (ranked.length === 0) return { suggestions: 0, created: 0 };
  const now = deps.clock.now();
  const created = await deps.db.transaction(async (tx) => {
    const rows = ranked.map((s) => ({ ...s, foundBy: kind, createdAt: now, updatedAt: now }));
    const inserted = await tx
      .insert(suggestions)
      .values(rows)
      .onConflictDoNothing({ target: [suggestions.needId, suggestions.achievementId] })
      .returning({ id: suggestions.id, needId: suggestions.needId, achievementId: suggestions.achievementId });
    const fresh = new Set(inserted.map((r) => `${r.needId}/${r.achievementId}`));
    for (const s of ranked.filter((r) => !fresh.has(`${r.needId}/${r.achievementId}`))) {
      await tx
        .update(suggestions)
        .set({
          score: s.score,
          features: s.features,
          modelVersion: s.modelVersion,
          explanation: s.explanation,
          updatedAt: now,
        })
        .where(
          and(
            eq(suggestions.needId, s.needId),
            eq(suggestions.achievementId, s.achievementId),
            eq(suggestions.stage, 'suggested'),
            sql`${suggestions.managerId} is null`,
          ),
        );
    }
    const first = inserted[0];
    if (first) {
      const suggestionIds = inserted.map((row) => row.id);
      await recordJobs(tx, [{ job: jobNames.route, key: `route-${first.id}`, payload: { suggestionIds } }]);
    }
    return inserted.length;
  });
  return { suggestions: ranked.length, created };
}
