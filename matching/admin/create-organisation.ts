import { organisations } from '../../schema/organisations.ts';
import { ConflictError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { assertAdmin } from './assert-admin.ts';
import { createOrganisationInput } from './organisation-input.ts';

export type OrganisationRow = typeof organisations.$inferSelect;

export async function createOrganisation({ deps, actor, input }: WithInput<unknown>): Promise<OrganisationRow> {
  assertAdmin(actor);
  const data = parseInput(createOrganisationInput, input);
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(organisations)
    .values({ ...data, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: organisations.creditCode })
    .returning();
  if (!row) throw new ConflictError('credit_code_taken');
  return row;
}
