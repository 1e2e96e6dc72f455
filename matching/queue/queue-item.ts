import { eq, type SQL, sql } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import type { Db } from '../../schema/db.ts';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { AchievementRow } from '../achievements/achievement-view.ts';
import { pairSideLevel } from '../disclosure/audience.ts';
import { disclosePair, type PairLevels } from '../disclosure/disclose-pair.ts';
import type { NeedRow } from '../needs/need-view.ts';
import type { Explanation } from '../ranking/explanation.ts';
import { isAssigned, type ManagerScope, pairChain } from './manager-scope.ts';
import type { PairAchievementView, PairNeedView } from './pair-views.ts';
import { allowedMoves, type Stage } from './stage-machine.ts';

export type SuggestionRow = typeof suggestions.$inferSelect;
export type PairRow = { s: SuggestionRow; n: NeedRow; a: AchievementRow; chainId: string | null };

/** A suggestion joined with both records; callers add their own WHERE, ORDER and paging. */
export const selectPairs = (db: Db) =>
  db
    .select({ s: suggestions, n: needs, a: achievements, chainId: pairChain })
    .from(suggestions)
    .innerJoin(needs, eq(needs.id, suggestions.needId))
    .innerJoin(achievements, eq(achievements.id, suggestions.achievementId));

/**
 * Queue order: the model's score, raised by up to 0.3 as the need's deadline comes within 90 days (fully when
 * overdue) and by 0.01 a day of waiting up to 0.1 — so an urgent or long-waiting pair can overtake a slightly
 * better-scored fresh one, but never a much better one. Computed in SQL so paging stays in the database.
 */
export function priorityExpr(now: Date): SQL<number> {
  const today = now.toISOString().slice(0, 10);
  const urgency = sql`case when ${needs.deadline} is null then 0
    else least(0.3, greatest(0, 0.3 * (1 - (${needs.deadline} - ${today}::date) / 90.0))) end`;
  const waitingDays = sql`extract(epoch from (${now.toISOString()}::timestamptz - coalesce(${suggestions.routedAt}, ${suggestions.createdAt}))) / 86400`;
  return sql<number>`(${suggestions.score} + ${urgency} + least(0.1, greatest(0, ${waitingDays}) * 0.01))`.mapWith(
    Number,
  );
}

export type QueueItem = {
  id: string;
  stage: Stage;
  score: number;
  priority: number | null;
  modelVersion: string;
  explanation: Explanation;
  chainId: string | null;
  managerId: string | null;
  escalatedTo: string | null;
  routedAt: Date | null;
  claimedAt: Date | null;
  decidedAt: Date | null;
  escalatedAt: Date | null;
  declineReason: SuggestionRow['declineReason'];
  declineNote: string | null;
  /** Moves this caller may make now; empty when the pair is finished. */
  allowedMoves: Stage[];
  createdAt: Date;
  updatedAt: Date;
  need: PairNeedView;
  achievement: PairAchievementView;
};

const escalationOf = (routing: unknown) =>
  typeof routing === 'object' && routing !== null
    ? ((routing as { escalatedTo?: string | null }).escalatedTo ?? null)
    : null;

/**
 * Everyone who can see a pair in the queue may work it: its manager, its escalation target, a chief of its
 * chain. Only the first two see the records in full; a chief browsing sees them (and the explanation) as the
 * records' confidentiality allows.
 */
export function toQueueItem(row: PairRow, scope: ManagerScope, priority: number | null = null): QueueItem {
  return pairItemAt(row, queueLevels(row, scope), allowedMoves(row.s.stage), priority);
}

/** The level at which a manager sees each side of a pair in the queue. */
export function queueLevels(row: PairRow, scope: ManagerScope): PairLevels {
  const assigned = isAssigned(scope, row.s);
  const side = (confidentiality: NeedRow['confidentiality']) =>
    pairSideLevel({ owner: false, assignedManager: assigned, confidentiality, disclosed: false });
  return { need: side(row.n.confidentiality), achievement: side(row.a.confidentiality) };
}

/** A pair with both records and the explanation cut down to `levels`; `moves` are what this caller may do next. */
export function pairItemAt(
  row: PairRow,
  levels: PairLevels,
  moves: readonly Stage[],
  priority: number | null,
): QueueItem {
  const { s, n, a } = row;
  const shown = disclosePair({ need: n, achievement: a, explanation: s.explanation }, levels);
  return {
    id: s.id,
    stage: s.stage,
    score: s.score,
    priority,
    modelVersion: s.modelVersion,
    explanation: shown.explanation,
    chainId: row.chainId,
    managerId: s.managerId,
    escalatedTo: escalationOf(s.routing),
    routedAt: s.routedAt,
    claimedAt: s.claimedAt,
    decidedAt: s.decidedAt,
    escalatedAt: s.escalatedAt,
    declineReason: s.declineReason,
    declineNote: s.declineNote,
    allowedMoves: [...moves],
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    need: shown.need,
    achievement: shown.achievement,
  };
}
