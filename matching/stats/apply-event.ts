import type { HashedEvent } from '../core/event-hash.ts';
import { firstTime, type NeedRow, newPair, type PairRow, type PairTime } from './pair-row.ts';
import { type PairStep, rankOf, stageSteps } from './steps.ts';

/** The columns of an event the projection reads: the logged event without its chain links. */
export type StatsEvent = Omit<HashedEvent, 'prevHash'>;

/** The rows a batch of events touches, loaded before and written after; `institutions` maps achievement → org. */
export type Projection = {
  needs: Map<string, NeedRow>;
  pairs: Map<string, PairRow>;
  institutions: Map<string, string | null>;
};

type Data = Record<string, unknown>;
const dataOf = (e: StatsEvent): Data => (e.data && typeof e.data === 'object' ? (e.data as Data) : {});
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Applies one event, in log order. Events of other subjects, and of pairs the log never saw suggested, change nothing. */
export function applyEvent(p: Projection, e: StatsEvent): void {
  if (e.subjectKind === 'need') applyNeedEvent(p, e);
  else if (e.subjectKind === 'suggestion') applyPairEvent(p, e);
}

function applyNeedEvent(p: Projection, e: StatsEvent): void {
  const data = dataOf(e);
  const known = p.needs.get(e.subjectId);
  if (e.type === 'need.created') {
    if (!known)
      p.needs.set(e.subjectId, { needId: e.subjectId, orgId: e.orgId, chainId: text(data.chainId), postedAt: e.at });
    return;
  }
  // need.updated, need.classified and the like carry the chain the need holds after them.
  if (known && 'chainId' in data) known.chainId = text(data.chainId);
}

const reach = (row: PairRow, step: PairStep, column: PairTime | null, at: Date) => {
  row.furthest = Math.max(row.furthest, rankOf(step));
  if (column) firstTime(row, column, at);
};

const stepColumn: Record<PairStep, PairTime> = {
  reviewed: 'decidedAt',
  accepted: 'acceptedAt',
  poc_started: 'pocStartedAt',
  poc_passed: 'pocPassedAt',
  pilot_started: 'pilotStartedAt',
  pilot_passed: 'pilotPassedAt',
  deal: 'dealAt',
  landed: 'landedAt',
};

function applyPairEvent(p: Projection, e: StatsEvent): void {
  const data = dataOf(e);
  const type = e.type.replace(/^suggestion\./, '');
  if (type === 'suggested') {
    if (p.pairs.has(e.subjectId)) return;
    const achievementId = text(data.achievementId);
    const needId = text(data.needId);
    if (!achievementId || !needId) return;
    const institutionId = p.institutions.get(achievementId) ?? null;
    p.pairs.set(
      e.subjectId,
      newPair({
        pairId: e.subjectId,
        needId,
        achievementId,
        institutionId,
        modelVersion: text(data.modelVersion),
        at: e.at,
      }),
    );
    return;
  }
  const row = p.pairs.get(e.subjectId);
  if (!row) return;
  applyLifecycle(row, type, e, data);
  applyOutcome(row, data, e.at);
  const to = text(data.toStage);
  if (to) {
    row.stage = to;
    const step = stageSteps[to];
    if (step) reach(row, step, stepColumn[step], e.at);
    if (to === 'failed' || to === 'withdrawn' || to === 'declined') firstTime(row, 'endedAt', e.at);
  }
}

/** Routing, claims, decisions and the SLA: who holds the pair and when each of those first happened. */
function applyLifecycle(row: PairRow, type: string, e: StatsEvent, data: Data): void {
  switch (type) {
    case 'routed': {
      const routing = (data.routing ?? {}) as Data;
      row.managerId = text(routing.chosen) ?? row.managerId;
      firstTime(row, 'routedAt', e.at);
      return;
    }
    case 'reassigned':
      row.managerId = text(data.to) ?? row.managerId;
      row.claimBreaches += 1;
      return;
    case 'reassign_failed':
      row.claimBreaches += 1;
      return;
    case 'escalated':
      row.decideBreaches += 1;
      return;
    case 'claimed':
      if (e.actor.startsWith('user:')) row.managerId = e.actor.slice('user:'.length);
      firstTime(row, 'claimedAt', e.at);
      return;
    case 'accepted':
    case 'declined':
      reach(row, 'reviewed', 'decidedAt', e.at);
      return;
  }
}

/**
 * Outcome events (matching/outcomes/), when they carry the outcome's `kind`: a passed PoC is phase 3 passed
 * (the phase a pilot or a deal needs), a passed pilot a passed pilot result; the platform is the first one named.
 */
function applyOutcome(row: PairRow, data: Data, eventAt: Date): void {
  const kind = text(data.kind);
  if (!kind) return;
  const at = eventAt;
  if ((kind === 'poc_started' || kind === 'pilot_started') && row.platformId === null) {
    row.platformId = text(data.platformId);
  }
  if (kind === 'poc_started') reach(row, 'poc_started', 'pocStartedAt', at);
  else if (kind === 'pilot_started') reach(row, 'pilot_started', 'pilotStartedAt', at);
  else if (kind === 'poc_result' && data.result === 'passed' && data.phase === 3)
    reach(row, 'poc_passed', 'pocPassedAt', at);
  else if (kind === 'pilot_result' && data.result === 'passed') reach(row, 'pilot_passed', 'pilotPassedAt', at);
  else if (kind === 'deal') reach(row, 'deal', 'dealAt', at);
  else if (kind === 'landed') reach(row, 'landed', 'landedAt', at);
  else if (kind === 'incubated') {
    reach(row, 'landed', 'landedAt', at);
    firstTime(row, 'incubatedAt', at);
  }
}
