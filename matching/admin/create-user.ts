import { eq } from 'drizzle-orm';
import { managers } from '../../schema/managers.ts';
import { organisations } from '../../schema/organisations.ts';
import { users } from '../../schema/users.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { ConflictError, ValidationError } from '../core/errors.ts';
import { actorOrSystem } from '../core/event-log.ts';
import { parseInput } from '../core/validate.ts';
import { write } from '../core/write.ts';
import { assertChainsExist } from '../records/chains.ts';
import { assertAdmin } from './assert-admin.ts';
import { kindsForRole, roleFitsOrg } from './role-fits-org.ts';
import { createUserInput } from './user-input.ts';

export type UserRow = typeof users.$inferSelect;
export type ManagerRow = typeof managers.$inferSelect;

export async function createUser({
  deps,
  actor,
  input,
}: {
  deps: Deps;
  actor: Actor | 'system';
  input: unknown;
}): Promise<UserRow & { manager: ManagerRow | null }> {
  if (actor !== 'system') assertAdmin(actor);
  const data = parseInput(createUserInput, input);
  const [org] = await deps.db.select().from(organisations).where(eq(organisations.id, data.orgId)).limit(1);
  if (!org) throw new ValidationError([{ field: 'orgId', issue: 'unknown_organisation' }]);
  if (!roleFitsOrg(data.role, org.kind)) {
    throw new ValidationError([
      { field: 'role', issue: 'role_org_mismatch', params: { values: kindsForRole(data.role).join(', ') } },
    ]);
  }
  if (data.manager && data.role !== 'manager') {
    throw new ValidationError([{ field: 'manager', issue: 'manager_profile_needs_manager_role' }]);
  }
  const profile =
    data.role === 'manager' ? (data.manager ?? parseInput(createUserInput.shape.manager.unwrap(), {})) : null;
  if (profile) await assertChainsExist(deps.db, 'manager.chains', profile.chains);
  const now = deps.clock.now();
  return write(deps, async ({ tx, log }) => {
    const [user] = await tx
      .insert(users)
      .values({ orgId: data.orgId, name: data.name, email: data.email ?? null, role: data.role })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) throw new ConflictError('email_taken');
    // The role and organisation, not the name or e-mail: the log is no place for personal data.
    log({
      actor: actorOrSystem(actor, 'system:admin-cli'),
      subject: { kind: 'user', id: user.id },
      orgId: user.orgId,
      type: 'user.created',
      data: { role: user.role, manager: profile ? { chains: profile.chains, capacity: profile.capacity } : null },
      at: now,
    });
    if (!profile) return { ...user, manager: null };
    const [manager] = await tx
      .insert(managers)
      .values({ userId: user.id, ...profile })
      .returning();
    return { ...user, manager: manager ?? null };
  });
}
