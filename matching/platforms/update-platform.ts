import { eq } from 'drizzle-orm';
import { organisations } from '../../schema/organisations.ts';
import { platforms } from '../../schema/platforms.ts';
import { ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { assertChainsExist } from '../records/chains.ts';
import { assertCatalogueComplete } from './catalogue-rules.ts';
import { assertManagesPlatform, loadPlatform } from './load-platform.ts';
import { platformEvent } from './platform-event.ts';
import { pilotOnlyFields, pocOnlyFields, type UpdatePlatformInput, updatePlatformInput } from './platform-input.ts';
import { type PlatformView, toPlatformView } from './platform-view.ts';

const otherKindFields = { poc_centre: pilotOnlyFields, pilot_platform: pocOnlyFields } as const;

/**
 * Changes a platform's name, place or catalogue: admins, and the platform's own people. A field of the other
 * kind (equipment on a PoC centre, phases on a pilot platform) is refused by name.
 */
export async function updatePlatform({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<UpdatePlatformInput | unknown>): Promise<PlatformView> {
  const changes = parseInput(updatePlatformInput, input);
  const current = await loadPlatform(deps.db, id);
  assertManagesPlatform(actor, current.p.orgId);
  const foreign = otherKindFields[current.p.kind].filter((f) => f in changes);
  if (foreign.length > 0) {
    throw new ValidationError(
      foreign.map((field) => ({ field, issue: 'not_for_platform_kind', params: { values: current.p.kind } })),
    );
  }
  const { name, district, city, ...catalogue } = changes;
  assertCatalogueComplete({ ...current.p, ...catalogue });
  await assertChainsExist(deps.db, 'chains', catalogue.chains ?? []);
  const now = deps.clock.now();
  return write(deps, async ({ tx, log }) => {
    const orgChanges = { name, district, city };
    const [org] = await tx
      .update(organisations)
      .set({ ...orgChanges, updatedAt: now })
      .where(eq(organisations.id, current.org.id))
      .returning();
    const [row] = await tx
      .update(platforms)
      .set({ ...catalogue, updatedAt: now })
      .where(eq(platforms.orgId, current.p.orgId))
      .returning();
    if (!org || !row) throw new Error('platform update returned no row');
    log(platformEvent('platform.updated', row, actor, now, Object.keys(changes)));
    return toPlatformView(org, row);
  });
}
