import type { WithId } from '../core/verb.ts';
import { loadPlatform } from './load-platform.ts';
import { type PlatformView, toPlatformView } from './platform-view.ts';

/** One platform's catalogue; public to anyone signed in, like the list. */
export async function getPlatform({ deps, id }: WithId): Promise<PlatformView> {
  const { org, p } = await loadPlatform(deps.db, id);
  return toPlatformView(org, p);
}
