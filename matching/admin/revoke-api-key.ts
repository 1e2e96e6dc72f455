import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeys } from '../../schema/api-keys.ts';
import { NotFoundError } from '../core/errors.ts';
import type { WithId } from '../core/verb.ts';
import { assertAdmin } from './assert-admin.ts';

/** Revoking twice is not an error: the key is revoked either way. */
export async function revokeApiKey({ deps, actor, id }: WithId) {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('api_key');
  const [existing] = await deps.db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  if (!existing) throw new NotFoundError('api_key');
  await deps.db
    .update(apiKeys)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return { id, revoked: true as const };
}
