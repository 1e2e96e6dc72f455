import { createHash } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { idempotencyKeys } from '../../schema/idempotency-keys.ts';
import type { Deps } from './deps.ts';
import { ConflictError, ValidationError } from './errors.ts';

/**
 * `Idempotency-Key` (IETF draft "The Idempotency-Key HTTP Header Field"): the first successful answer to a
 * creating request is kept per caller, route and key, and a retry gets it again instead of creating twice.
 *
 * Why claim / complete / release and not one transaction with the creation: the verbs own their transactions,
 * and threading a key through each of them would couple every verb to this concern. Instead the key is claimed
 * first (an in-flight row; the primary key makes every concurrent duplicate lose), the verb runs, and its answer
 * is stored afterwards. A request that fails is released, so a retry can proceed: nothing was created, the
 * verbs roll their own work back. The gap this leaves: if the process dies between the creation and the
 * completion, the claim stays in flight and retries get 409 until it expires — never a second creation.
 */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;

export type IdempotencyClaim = { userId: string; scope: string; key: string; requestHash: string };

/** A finished answer as kept; a secret-bearing one keeps only the created id (see `secretWithheld`). */
export type KeptAnswer =
  | { kind: 'answer'; status: number; contentType: string; text: string }
  | { kind: 'secret_withheld'; status: number; resourceId: string };

export type ClaimOutcome = { claimed: true } | { claimed: false; answer: Extract<KeptAnswer, { kind: 'answer' }> };

const storedBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), contentType: z.string(), text: z.string() }),
  z.object({ kind: z.literal('secret_withheld'), resourceId: z.string() }),
]);

/** 1–255 printable ASCII characters, the draft's structured-field string without its quotes. */
const validKey = /^[\x20-\x7e]{1,255}$/;

/** A fingerprint of the request, so a retry (same request) is told from a reuse of the key (another one). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('base64url');
}

/** JSON with sorted keys: the same body sent with its fields in another order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const byClaim = (claim: IdempotencyClaim) =>
  and(
    eq(idempotencyKeys.userId, claim.userId),
    eq(idempotencyKeys.scope, claim.scope),
    eq(idempotencyKeys.key, claim.key),
  );

/**
 * Claims the key for this request, or answers for an earlier one: its kept answer (a replay), or a conflict
 * when the key was used for another request, is still in flight, or guarded a secret that was not kept.
 */
export async function claimIdempotencyKey({ deps, claim }: { deps: Deps; claim: IdempotencyClaim }) {
  if (!validKey.test(claim.key)) {
    throw new ValidationError([{ field: 'Idempotency-Key', issue: 'invalid_idempotency_key' }]);
  }
  const now = deps.clock.now();
  // Expired keys are forgotten here: only this caller's, which the primary key's leading column finds cheaply.
  await deps.db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.userId, claim.userId),
        lt(idempotencyKeys.createdAt, new Date(now.getTime() - idempotencyKeyLifetimeMs)),
      ),
    );
  // A claim released between our insert and our read leaves nothing to read: try again, briefly.
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await deps.db
      .insert(idempotencyKeys)
      .values({ ...claim, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return { claimed: true } satisfies ClaimOutcome;
    const [existing] = await deps.db.select().from(idempotencyKeys).where(byClaim(claim)).limit(1);
    if (!existing) continue;
    if (existing.requestHash !== claim.requestHash) throw new ConflictError('idempotency_key_reused');
    if (existing.status === null) throw new ConflictError('idempotency_key_in_flight');
    const kept = storedBody.parse(existing.body);
    if (kept.kind === 'secret_withheld') {
      throw new ConflictError('idempotency_key_secret_not_replayable', { id: kept.resourceId });
    }
    return { claimed: false, answer: { ...kept, status: existing.status } } satisfies ClaimOutcome;
  }
  throw new ConflictError('idempotency_key_in_flight');
}

/** Keeps the answer of a request that succeeded; only the claim that is still in flight is completed. */
export async function completeIdempotencyKey({
  deps,
  claim,
  answer,
}: {
  deps: Deps;
  claim: IdempotencyClaim;
  answer: KeptAnswer;
}): Promise<void> {
  const { status, ...body } = answer;
  await deps.db
    .update(idempotencyKeys)
    .set({ status, body })
    .where(and(byClaim(claim), eq(idempotencyKeys.requestHash, claim.requestHash), isNull(idempotencyKeys.status)));
}

/** Gives the key back after a request that failed, so a retry runs afresh. */
export async function releaseIdempotencyKey({ deps, claim }: { deps: Deps; claim: IdempotencyClaim }) {
  await deps.db
    .delete(idempotencyKeys)
    .where(and(byClaim(claim), eq(idempotencyKeys.requestHash, claim.requestHash), isNull(idempotencyKeys.status)));
}
