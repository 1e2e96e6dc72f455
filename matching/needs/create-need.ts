import { needs } from '../../schema/needs.ts';
import { ForbiddenError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { recordIngest } from '../pipeline/record-ingest.ts';
import { ownerChainColumns } from '../records/chain-choice.ts';
import { assertChainsExist } from '../records/chains.ts';
import { assertRangesOrdered } from '../records/ranges.ts';
import { type CreateNeedInput, createNeedInput } from './need-input.ts';
import { type NeedView, toNeedView } from './need-view.ts';

export async function createNeed({ deps, actor, input }: WithInput<CreateNeedInput | unknown>): Promise<NeedView> {
  if (actor.role !== 'enterprise') throw new ForbiddenError('only_enterprises_post_needs');
  const data = parseInput(createNeedInput, input);
  assertRangesOrdered([
    ['trlMin', data.trlMin, data.trlMax],
    ['budgetMin', data.budgetMin, data.budgetMax],
  ]);
  await assertChainsExist(deps.db, 'chainId', [data.chainId]);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(needs)
      .values({
        ...data,
        ...ownerChainColumns(data.chainId),
        orgId: actor.orgId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await recordIngest(tx, 'need', inserted.id);
    return inserted;
  });
  return toNeedView('full', row);
}
