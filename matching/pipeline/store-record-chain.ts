import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import { needs } from '../../schema/needs.ts';
import type { ResolvedChain } from '../classify/resolve-chain.ts';
import type { WriteScope } from '../core/write.ts';
import type { RecordKind } from '../vectors/vector-index.ts';

type StoredChain = { chainId: string | null; chainSource: string | null; chainConfidence: number | null };
export type RecordChain = { recordId: string; stored: StoredChain; resolved: ResolvedChain | null };

type ChainWrite = { set: StoredChain; onlyIf: 'legacy_user' | 'not_users' };

/** What the record should say about its chain, given what the ingest step resolved; null when it already does. */
export function chainWrite({ stored, resolved }: RecordChain): ChainWrite | null {
  if (resolved?.source === 'user') {
    // A chain written before chain_source existed: the owner's, now labelled so.
    if (stored.chainSource === 'user' && stored.chainConfidence === 1) return null;
    return { set: { chainId: resolved.chainId, chainSource: 'user', chainConfidence: 1 }, onlyIf: 'legacy_user' };
  }
  const set: StoredChain = resolved
    ? { chainId: resolved.chainId, chainSource: 'classified', chainConfidence: resolved.confidence }
    : { chainId: null, chainSource: null, chainConfidence: null };
  const same =
    stored.chainId === set.chainId &&
    stored.chainSource === set.chainSource &&
    Math.abs((stored.chainConfidence ?? -1) - (set.chainConfidence ?? -1)) < 1e-6;
  return same ? null : { set, onlyIf: 'not_users' };
}

/**
 * Stores the classifier's chain on the record (chain_source 'classified'), so views, filters and routing read
 * it from the record; labels a legacy owner's chain 'user'. Guarded in the WHERE so an owner's PATCH that
 * committed since the ingest read the row always wins. `updated_at` is left alone on purpose: the version
 * (ETag) is the owner's edits, and a background classification must not make the owner's If-Match fail.
 * Each stored chain is a `<kind>.classified` event by `system:ingest`, with the chain, source and confidence.
 */
export async function storeRecordChains(scope: WriteScope, kind: RecordKind, chains: readonly RecordChain[], at: Date) {
  const { tx } = scope;
  const table = kind === 'need' ? needs : achievements;
  // In id order, so two batches that share records lock their rows in the same order.
  for (const chain of [...chains].sort((a, b) => a.recordId.localeCompare(b.recordId))) {
    const write = chainWrite(chain);
    if (!write) continue;
    const guard: SQL | undefined =
      write.onlyIf === 'legacy_user'
        ? and(isNull(table.chainSource), eq(table.chainId, write.set.chainId ?? ''))
        : or(eq(table.chainSource, 'classified'), and(isNull(table.chainSource), isNull(table.chainId)));
    const stored = await tx
      .update(table)
      .set(write.set)
      .where(and(eq(table.id, chain.recordId), guard))
      .returning({ orgId: table.orgId });
    for (const row of stored) {
      scope.log({
        actor: 'system:ingest',
        subject: { kind, id: chain.recordId },
        orgId: row.orgId,
        type: `${kind}.classified`,
        data: { ...write.set, previousChainId: chain.stored.chainId },
        at,
      });
    }
  }
}
