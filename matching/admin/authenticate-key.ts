import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../../schema/api-keys.ts';
import { users } from '../../schema/users.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { errorLogFields } from '../core/error-log-fields.ts';
import { hashKeySecret, keyPrefix } from './api-key-secret.ts';

/** Resolves a presented key to its user, or null for an unknown, malformed or revoked key. */
export async function authenticateKey({ deps, secret }: { deps: Deps; secret: string }): Promise<Actor | null> {
  if (!secret.startsWith(keyPrefix) || secret.length > 200) return null;
  const [row] = await deps.db
    .select({ keyId: apiKeys.id, userId: users.id, orgId: users.orgId, role: users.role })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.hash, hashKeySecret(secret)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  void deps.db
    .update(apiKeys)
    .set({ lastUsedAt: deps.clock.now() })
    .where(eq(apiKeys.id, row.keyId))
    .catch((error: unknown) => deps.logger.warn({ error: errorLogFields(error) }, 'could not record key use'));
  return { userId: row.userId, orgId: row.orgId, role: row.role };
}
