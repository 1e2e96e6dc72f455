import { eq } from 'drizzle-orm';
import { organisations } from '../../schema/organisations.ts';
import { users } from '../../schema/users.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { partySidePairs } from '../queue/party-side.ts';
import type { PairRow } from '../queue/queue-item.ts';
import type { OutcomeAudience } from './outcome-view.ts';

/**
 * The other side of an accepted pair as a party sees it, for 自主联系对接: the record, its organisation and (for
 * an achievement) the team lead when disclosure/ lets the identity show — then the parties contact each other
 * directly — else only the manager, who relays. Nothing here decides visibility: it reads what
 * queue/party-side.ts (disclosure/audience.ts `pairSideLevel`) left unredacted.
 */
export type Counterpart = {
  side: 'need' | 'achievement';
  recordId: string;
  title: string | null;
  organisation: { id: string; name: string; district: string | null } | null;
  teamLead: string | null;
  contactRoute: 'direct' | 'via_manager';
  redacted: string[];
};

export type PairManager = { id: string; name: string } | null;

export async function pairManager(deps: Deps, row: PairRow): Promise<PairManager> {
  if (!row.s.managerId) return null;
  const [user] = await deps.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, row.s.managerId))
    .limit(1);
  return user ?? null;
}

export async function counterpartOf(
  deps: Deps,
  actor: Actor,
  row: PairRow,
  audience: OutcomeAudience,
): Promise<Counterpart | null> {
  if (audience !== 'enterprise' && audience !== 'institution') return null;
  const own = audience === 'enterprise' ? 'need' : 'achievement';
  const [seen] = await partySidePairs(deps, actor, [row], own);
  if (!seen) return null;
  const record = own === 'need' ? seen.shown.achievement : seen.shown.need;
  const orgId = record.orgId as string | null;
  const [org] = orgId
    ? await deps.db
        .select({ id: organisations.id, name: organisations.name, district: organisations.district })
        .from(organisations)
        .where(eq(organisations.id, orgId))
        .limit(1)
    : [];
  const team = 'team' in record ? (record.team as { lead?: string } | null) : null;
  return {
    side: own === 'need' ? 'achievement' : 'need',
    recordId: record.id,
    title: record.title,
    organisation: org ?? null,
    teamLead: team?.lead ?? null,
    contactRoute: org ? 'direct' : 'via_manager',
    redacted: record.redacted,
  };
}
