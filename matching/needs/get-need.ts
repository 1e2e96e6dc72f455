import type { WithId } from '../core/verb.ts';
import { loadVisibleNeed } from './load-need.ts';
import { type NeedView, toNeedView } from './need-view.ts';

export async function getNeed({ deps, actor, id }: WithId): Promise<NeedView> {
  const { row, access } = await loadVisibleNeed(deps, actor, id);
  return toNeedView(access, row);
}
