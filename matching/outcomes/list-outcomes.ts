import type { WithId } from '../core/verb.ts';
import type { Stage } from '../queue/stage-machine.ts';
import { readerAccess } from './outcome-access.ts';
import { describeNext, nextOutcomes } from './outcome-rules.ts';
import { type OutcomeView, toOutcomeView } from './outcome-view.ts';
import { pairOutcomeRows } from './pair-outcomes.ts';
import { type Counterpart, counterpartOf, type PairManager, pairManager } from './pair-parties.ts';

export type PairOutcomes = {
  suggestionId: string;
  stage: Stage;
  /** What this caller may record next; empty for the parties, who follow. */
  allowedOutcomes: string[];
  manager: PairManager;
  /** The other side, for a party; null for managers, admins and platforms. */
  counterpart: Counterpart | null;
  items: OutcomeView[];
};

/**
 * A pair's outcomes in recording order, as this caller may see them: everything for the people working it; the
 * enterprise and the institution each without the other's private figures (outcome-view.ts), with the other
 * side and the manager's name; a platform only the runs at its platform.
 */
export async function listOutcomes({ deps, actor, id }: WithId): Promise<PairOutcomes> {
  const { row, audience } = await readerAccess(deps, actor, id);
  const history = await pairOutcomeRows(deps.db, row.s.id);
  const shown = audience === 'platform' ? history.filter((o) => o.platformId === actor.orgId) : history;
  const recorder = audience === 'worker' || audience === 'platform';
  const next = recorder ? nextOutcomes(row.s.stage, history) : [];
  return {
    suggestionId: row.s.id,
    stage: row.s.stage,
    allowedOutcomes: (audience === 'platform' ? next.filter((n) => n.kind.endsWith('_result')) : next).map(
      describeNext,
    ),
    manager: await pairManager(deps, row),
    counterpart: await counterpartOf(deps, actor, row, audience),
    items: shown.map((o) => toOutcomeView(o, audience)),
  };
}
