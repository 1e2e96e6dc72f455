import { organisations } from '../../schema/organisations.ts';
import { platforms } from '../../schema/platforms.ts';
import { assertAdmin } from '../admin/assert-admin.ts';
import { userActor } from '../core/event-log.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { assertChainsExist } from '../records/chains.ts';
import { assertCatalogueComplete } from './catalogue-rules.ts';
import { platformEvent } from './platform-event.ts';
import { type CreatePlatformInput, createPlatformInput } from './platform-input.ts';
import { type PlatformView, toPlatformView } from './platform-view.ts';

/**
 * Registers a PoC centre or a pilot platform (admins): its organisation, of the platform's kind, and its service
 * catalogue, in one write. The platform's own people are then created as users of that organisation.
 */
export async function createPlatform({
  deps,
  actor,
  input,
}: WithInput<CreatePlatformInput | unknown>): Promise<PlatformView> {
  assertAdmin(actor);
  const data = parseInput(createPlatformInput, input);
  assertCatalogueComplete(data);
  await assertChainsExist(deps.db, 'chains', data.chains);
  const now = deps.clock.now();
  const { name, district, city, kind, ...catalogue } = data;
  return write(deps, async ({ tx, log }) => {
    const [org] = await tx
      .insert(organisations)
      .values({ name, kind, district: district ?? null, city: city ?? null, createdAt: now, updatedAt: now })
      .returning();
    if (!org) throw new Error('organisation insert returned no row');
    const [row] = await tx
      .insert(platforms)
      .values({ orgId: org.id, kind, ...catalogue, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('platform insert returned no row');
    log({
      actor: userActor(actor),
      subject: { kind: 'organisation', id: org.id },
      orgId: org.id,
      type: 'organisation.created',
      data: { kind: org.kind, name: org.name },
      at: now,
    });
    log(platformEvent('platform.registered', row, actor, now));
    return toPlatformView(org, row);
  });
}
