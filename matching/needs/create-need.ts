import { needs } from '../../schema/needs.ts';
import { ForbiddenError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { ingestWork } from '../pipeline/record-ingest.ts';
import { ownerChainColumns } from '../records/chain-choice.ts';
import { assertChainsExist } from '../records/chains.ts';
import { assertRangesOrdered } from '../records/ranges.ts';
import { recordChanged } from '../records/record-event.ts';
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
  const row = await write(deps, async ({ tx, log, jobs }) => {
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
    await jobs([ingestWork('need', inserted.id)]);
    log(recordChanged('need', 'created', inserted, actor, now));
    return inserted;
  });
  return toNeedView('full', row);
}
