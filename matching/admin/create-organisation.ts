import { organisations } from '../../schema/organisations.ts';
import type { Actor } from '../core/actor.ts';
import { ConflictError } from '../core/errors.ts';
import { actorOrSystem } from '../core/event-log.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { assertAdmin } from './assert-admin.ts';
import { createOrganisationInput } from './organisation-input.ts';

export type OrganisationRow = typeof organisations.$inferSelect;

/** An admin's verb; `'system'` is the admin CLI creating the bureau's own organisation for the first admin. */
export async function createOrganisation({
  deps,
  actor,
  input,
}: Omit<WithInput<unknown>, 'actor'> & { actor: Actor | 'system' }): Promise<OrganisationRow> {
  if (actor !== 'system') assertAdmin(actor);
  const data = parseInput(createOrganisationInput, input);
  const now = deps.clock.now();
  return write(deps, async ({ tx, log }) => {
    const [row] = await tx
      .insert(organisations)
      .values({ ...data, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: organisations.creditCode })
      .returning();
    if (!row) throw new ConflictError('credit_code_taken');
    log({
      actor: actorOrSystem(actor, 'system:admin-cli'),
      subject: { kind: 'organisation', id: row.id },
      orgId: row.id,
      type: 'organisation.created',
      data: { kind: row.kind, name: row.name },
      at: now,
    });
    return row;
  });
}
