import { impressions } from '../../schema/impressions.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { errorLogFields } from '../core/error-log-fields.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import type { PairGroup } from './pair-list.ts';
import type { QueueItem } from './queue-item.ts';

export type ImpressionSurface = 'api' | 'page';
type Shown = Pick<QueueItem, 'id' | 'stage' | 'score' | 'modelVersion'>;

/** The rows of one served page: rank in the whole list (page offset included), and place within a need. */
export function impressionRows(
  userId: string,
  page: Page<QueueItem> | Page<PairGroup>,
  surface: ImpressionSurface,
  shownAt: Date,
) {
  const offset = pageOffset(page);
  const row = (pair: Shown, position: number, groupPosition: number | null, list: string) => ({
    userId,
    suggestionId: pair.id,
    list,
    surface,
    position,
    groupPosition,
    stage: pair.stage,
    score: pair.score,
    modelVersion: pair.modelVersion,
    shownAt,
  });
  return page.items.flatMap((item, i) =>
    'pairs' in item
      ? item.pairs.map((pair, j) => row(pair, offset + i + 1, j + 1, 'queue_by_need'))
      : [row(item, offset + i + 1, null, 'queue')],
  );
}

/**
 * Records what a manager was just shown. A lost impression only blurs learning's position correction a little,
 * so a failure is logged and the list is still served — a manager's queue never fails for want of telemetry.
 */
export async function recordImpressions(
  deps: Deps,
  actor: Actor,
  page: Page<QueueItem> | Page<PairGroup>,
  surface: ImpressionSurface,
) {
  const rows = impressionRows(actor.userId, page, surface, deps.clock.now());
  if (rows.length === 0) return;
  await deps.db
    .insert(impressions)
    .values(rows)
    .catch((error: unknown) => deps.logger.warn({ error: errorLogFields(error) }, 'could not record impressions'));
}
