import { listChains } from '../../matching/admin/list-chains.ts';
import type { Deps } from '../../matching/core/deps.ts';
import type { ChainNames } from './record-views.tsx';

/** The taxonomy's names by id, for filters and record fields (a few dozen rows, read per page). */
export async function chainNames(deps: Deps): Promise<ChainNames> {
  const chains = await listChains({ deps });
  return new Map(chains.map((chain) => [chain.id, chain.name]));
}
