import type { z } from 'zod';
import { achievements } from '../../schema/achievements.ts';
import { needs } from '../../schema/needs.ts';
import type { createAchievementInput } from '../achievements/achievement-input.ts';
import type { Deps } from '../core/deps.ts';
import { write } from '../core/write.ts';
import type { createNeedInput } from '../needs/need-input.ts';
import { ingestWork } from '../pipeline/record-ingest.ts';
import type { ImportKind } from './import-kinds.ts';

export type ReadyRow = { row: number; data: Record<string, unknown>; orgId: string; importKey: string };

/**
 * Inserts a batch and records each new row's ingest job, in one transaction: either the rows and their work
 * both exist or neither does, so an interrupted import never leaves a record the pipeline will not see.
 * Rows whose import key exists already (an earlier run, or earlier in this file) are skipped by the unique
 * key; the answer is the set of keys this batch actually inserted. Each new record is a `<kind>.created`
 * event by `system:import`, like one created through the API (status, chain, confidentiality; no text).
 */
export async function insertBatch(deps: Deps, kind: ImportKind, batch: ReadyRow[]): Promise<Set<string>> {
  if (batch.length === 0) return new Set();
  const now = deps.clock.now();
  const common = (r: ReadyRow) => ({ orgId: r.orgId, importKey: r.importKey, createdAt: now, updatedAt: now });
  return write(deps, async ({ tx, log, jobs }) => {
    // convertRow parsed each row's data with this kind's create schema; the casts name that schema's output.
    const inserted =
      kind === 'achievement'
        ? await tx
            .insert(achievements)
            .values(
              batch.map((r) => ({
                ...(r.data as z.output<typeof createAchievementInput>),
                ...common(r),
              })),
            )
            .onConflictDoNothing({ target: achievements.importKey })
            .returning(returned(achievements))
        : await tx
            .insert(needs)
            .values(
              batch.map((r) => ({
                ...(r.data as z.output<typeof createNeedInput>),
                ...common(r),
              })),
            )
            .onConflictDoNothing({ target: needs.importKey })
            .returning(returned(needs));
    for (const row of inserted) {
      log({
        actor: 'system:import',
        subject: { kind, id: row.id },
        orgId: row.orgId,
        type: `${kind}.created`,
        data: { status: row.status, chainId: row.chainId, confidentiality: row.confidentiality, via: 'import' },
        at: now,
      });
    }
    await jobs(inserted.map((row) => ingestWork(kind, row.id, 'bulk')));
    return new Set(inserted.flatMap((row) => (row.importKey ? [row.importKey] : [])));
  });
}

const returned = (table: typeof needs | typeof achievements) => ({
  id: table.id,
  importKey: table.importKey,
  orgId: table.orgId,
  status: table.status,
  chainId: table.chainId,
  confidentiality: table.confidentiality,
});
