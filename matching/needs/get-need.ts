import type { WithId } from '../core/verb.ts';
import { logConfidentialReads } from '../disclosure/confidential-reads.ts';
import { loadVisibleNeed } from './load-need.ts';
import { type NeedView, toNeedView } from './need-view.ts';

export async function getNeed({ deps, actor, id }: WithId): Promise<NeedView> {
  const { row, access } = await loadVisibleNeed(deps, actor, id);
  await logConfidentialReads(deps, actor, [{ ...row, kind: 'need', level: access }], 'get');
  return toNeedView(access, row);
}
