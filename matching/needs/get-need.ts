import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { loadVisibleNeed } from './load-need.ts';
import { type NeedView, toNeedView } from './need-view.ts';

export async function getNeed({ deps, actor, id }: { deps: Deps; actor: Actor; id: string }): Promise<NeedView> {
  const { row, access } = await loadVisibleNeed(deps, actor, id);
  return toNeedView(access, row);
}
