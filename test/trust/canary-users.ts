import { eq } from 'drizzle-orm';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { createUser } from '../../matching/admin/create-user.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { ValidationError } from '../../matching/core/errors.ts';
import { managers } from '../../schema/managers.ts';
import { organisations } from '../../schema/organisations.ts';
import { users } from '../../schema/users.ts';
import type { Persona } from '../support/factories.ts';

const refusesManagersHere = (error: unknown) =>
  error instanceof ValidationError && error.fields.some((f) => f.issue === 'role_org_mismatch');

/**
 * A manager account inside a party's organisation, covering the pair's chain. createUser refuses managers in
 * an enterprise today; such rows can still exist (imported, or from before the rule), and the owner rule must
 * not let them read the enterprise's confidential records, so the row is then written directly.
 */
export async function managerInside(deps: Deps, orgId: string, chain: string): Promise<Persona> {
  const [org] = await deps.db.select().from(organisations).where(eq(organisations.id, orgId));
  const name = `内部经理人-${org?.kind ?? 'org'}`;
  let userId: string;
  try {
    const user = await createUser({
      deps,
      actor: 'system',
      input: { orgId, name, role: 'manager', manager: { chains: [chain] } },
    });
    userId = user.id;
  } catch (error) {
    if (!refusesManagersHere(error)) throw error;
    const [user] = await deps.db.insert(users).values({ orgId, name, role: 'manager' }).returning();
    if (!user) throw new Error('no user');
    await deps.db.insert(managers).values({ userId: user.id, chains: [chain] });
    userId = user.id;
  }
  const key = await createApiKey({ deps, actor: 'system', userId, input: {} });
  return { userId, orgId, role: 'manager', key: key.key, name };
}
