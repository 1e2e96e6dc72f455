import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { isOwner, pairSideLevel } from '../disclosure/audience.ts';
import { logConfidentialReads, type RecordRead } from '../disclosure/confidential-reads.ts';
import { disclosePair } from '../disclosure/disclose-pair.ts';
import { type DisclosedSide, disclosureKey, liveDisclosures } from '../disclosure/pair-grants.ts';
import type { PairRow } from './queue-item.ts';

const ownerRole = { need: 'enterprise', achievement: 'institution' } as const;
const otherSide = { need: 'achievement', achievement: 'need' } as const;

/**
 * A party's pairs as that party sees them: its own record in full, the counterpart's by its confidentiality
 * (disclosure/audience.ts `pairSideLevel`), widened where the counterpart disclosed it for the pair; the
 * explanation cut down to match. One grants lookup for the page. A confidential counterpart shown is a read
 * in the event log (disclosure/confidential-reads.ts), whatever level it was shown at.
 */
export async function partySidePairs(deps: Deps, actor: Actor, rows: readonly PairRow[], own: DisclosedSide) {
  const other = otherSide[own];
  const disclosed = await liveDisclosures(
    deps.db,
    rows.map((r) => r.s.id),
  );
  const reads: RecordRead[] = [];
  const pairs = rows.map((row) => {
    const counterpart = other === 'need' ? row.n : row.a;
    const disclosedToMe = disclosed.has(disclosureKey(row.s.id, other));
    const level = pairSideLevel({
      owner: isOwner(actor, counterpart, ownerRole[other]),
      assignedManager: false,
      confidentiality: counterpart.confidentiality,
      disclosed: disclosedToMe,
    });
    reads.push({ ...counterpart, kind: other, level });
    const shown = disclosePair(
      { need: row.n, achievement: row.a, explanation: row.s.explanation },
      own === 'need' ? { need: 'full', achievement: level } : { need: level, achievement: 'full' },
      'party',
    );
    return { s: row.s, shown, disclosedToMe };
  });
  await logConfidentialReads(deps, actor, reads, `party:${own}`);
  return pairs;
}
