import { assertAdmin } from '../admin/assert-admin.ts';
import type { Actor } from '../core/actor.ts';
import type { Page } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { isOwner, pairSideLevel } from '../disclosure/audience.ts';
import { logConfidentialReads, type RecordRead } from '../disclosure/confidential-reads.ts';
import { pairFilterWhere } from './pair-filters.ts';
import { listPairs, type PairGroup } from './pair-list.ts';
import { pairReads } from './pair-reads.ts';
import { type ListSuggestionsInput, listSuggestionsInput } from './queue-input.ts';
import { type PairRow, pairItemAt, type QueueItem } from './queue-item.ts';

/**
 * Every pair, for admins: the queue's filters and order, plus whose queue it sits in, which achievement, and
 * pairs no manager holds. Admins make no moves (claims and decisions are the managers'), so `allowedMoves` is
 * empty; the records are shown at the level the disclosure rule gives the caller.
 */
export async function listSuggestions({
  deps,
  actor,
  input,
}: WithInput<ListSuggestionsInput | unknown>): Promise<Page<QueueItem> | Page<PairGroup>> {
  assertAdmin(actor);
  const query = parseInput(listSuggestionsInput, input);
  const where = pairFilterWhere(query, null, deps.clock.now());
  const reads: RecordRead[] = [];
  const page = await listPairs(deps, where, query, (row, priority) => {
    const levels = levelsFor(actor, row);
    reads.push(...pairReads(row, levels));
    return pairItemAt(row, levels, [], priority);
  });
  await logConfidentialReads(deps, actor, reads, 'suggestions');
  return page;
}

/** Each side as the rule shows it to this caller (an admin is treated as every record's owner: full). */
function levelsFor(actor: Actor, row: PairRow) {
  const side = (record: PairRow['n'] | PairRow['a'], ownerRole: 'enterprise' | 'institution') =>
    pairSideLevel({
      owner: isOwner(actor, record, ownerRole),
      assignedManager: false,
      confidentiality: record.confidentiality,
      disclosed: false,
    });
  return { need: side(row.n, 'enterprise'), achievement: side(row.a, 'institution') };
}
