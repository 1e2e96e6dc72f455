import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeys } from '../../schema/api-keys.ts';
import { users } from '../../schema/users.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { NotFoundError } from '../core/errors.ts';
import { actorOrSystem } from '../core/event-log.ts';
import { parseInput } from '../core/validate.ts';
import { write } from '../core/write.ts';
import { displayPrefix, generateKeySecret, hashKeySecret } from './api-key-secret.ts';
import { assertAdmin } from './assert-admin.ts';

export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1).max(100).default('default'),
});

export type CreatedApiKey = { id: string; userId: string; name: string; prefix: string; key: string; createdAt: Date };

/** The returned `key` is the only time the secret exists outside the caller's hands. */
export async function createApiKey({
  deps,
  actor,
  userId,
  input,
}: {
  deps: Deps;
  actor: Actor | 'system';
  userId: string;
  input: unknown;
}): Promise<CreatedApiKey> {
  if (actor !== 'system') assertAdmin(actor);
  const data = parseInput(createApiKeyInput, input ?? {});
  if (!z.uuid().safeParse(userId).success) throw new NotFoundError('user');
  const [user] = await deps.db
    .select({ id: users.id, orgId: users.orgId })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user) throw new NotFoundError('user');
  const key = generateKeySecret();
  const now = deps.clock.now();
  const row = await write(deps, async ({ tx, log }) => {
    const [inserted] = await tx
      .insert(apiKeys)
      .values({ userId, name: data.name, prefix: displayPrefix(key), hash: hashKeySecret(key), createdAt: now })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    // The display prefix only: neither the secret nor its hash goes into the log.
    log({
      actor: actorOrSystem(actor, 'system:admin-cli'),
      subject: { kind: 'api_key', id: inserted.id },
      orgId: user.orgId,
      type: 'api_key.created',
      data: { userId, name: inserted.name, prefix: inserted.prefix },
      at: now,
    });
    return inserted;
  });
  return { id: row.id, userId, name: row.name, prefix: row.prefix, key, createdAt: row.createdAt };
}
