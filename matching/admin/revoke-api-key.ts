import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeys } from '../../schema/api-keys.ts';
import { NotFoundError } from '../core/errors.ts';
import { userActor } from '../core/event-log.ts';
import type { WithId } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { assertAdmin } from './assert-admin.ts';

/** Revoking twice is not an error: the key is revoked either way. */
export async function revokeApiKey({ deps, actor, id }: WithId) {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('api_key');
  const [existing] = await deps.db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  if (!existing) throw new NotFoundError('api_key');
  const now = deps.clock.now();
  await write(deps, async ({ tx, log }) => {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    // A repeated revoke changes nothing, so it is no event.
    if (revoked.length === 0) return;
    log({
      actor: userActor(actor),
      subject: { kind: 'api_key', id },
      orgId: null,
      type: 'api_key.revoked',
      data: { userId: existing.userId },
      at: now,
    });
  });
  return { id, revoked: true as const };
}
