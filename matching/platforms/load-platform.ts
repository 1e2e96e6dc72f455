import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organisations } from '../../schema/organisations.ts';
import { platforms } from '../../schema/platforms.ts';
import { type Actor, isAdmin } from '../core/actor.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import type { DbOrTransaction } from '../core/event-log.ts';

export const selectPlatforms = (db: DbOrTransaction) =>
  db
    .select({ org: organisations, p: platforms })
    .from(platforms)
    .innerJoin(organisations, eq(organisations.id, platforms.orgId));

/** A platform by its organisation id; a missing or malformed id is the same 404. */
export async function loadPlatform(db: DbOrTransaction, id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('platform');
  const [row] = await selectPlatforms(db).where(eq(platforms.orgId, id)).limit(1);
  if (!row) throw new NotFoundError('platform');
  return row;
}

/** A platform's own people are the users of its organisation, whatever their role; admins act for every platform. */
export const worksAtPlatform = (actor: Actor, platformId: string) => actor.orgId === platformId;

export function assertManagesPlatform(actor: Actor, platformId: string): void {
  if (!isAdmin(actor) && !worksAtPlatform(actor, platformId)) throw new ForbiddenError('platform_staff_only');
}
