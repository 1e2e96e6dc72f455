/** Where a record's stored chain came from (needs/achievements.chain_source). */
export type ChainSource = 'user' | 'classified';
export const chainSources = ['user', 'classified'] as const satisfies readonly ChainSource[];

type ChainColumns = { chainId: string | null; chainSource: string | null };

/**
 * The chain the owner chose, if any. Rows written before chain_source existed (bulk import, old releases)
 * carry a chain and no source: only owners set chains then, so those count as the owner's too. A chain the
 * classifier stored is not the owner's choice, so re-classifying the record may replace it.
 */
export function ownersChain(row: ChainColumns): string | null {
  return row.chainSource === 'classified' ? null : row.chainId;
}

/**
 * The chain columns an owner's create or PATCH writes: a chain given is theirs (confidence 1); `chainId: null`
 * hands the record back to the classifier, which fills the chain in on the next ingest. Absent: no change.
 */
export function ownerChainColumns(chainId: string | null | undefined) {
  if (chainId === undefined) return {};
  if (chainId === null) return { chainId: null, chainSource: null, chainConfidence: null };
  return { chainId, chainSource: 'user' as const, chainConfidence: 1 };
}
