import { and, eq, sql } from 'drizzle-orm';
import { assistTokenUsage } from '../../schema/assist.ts';
import type { Deps } from '../core/deps.ts';

/** Roughly one token per CJK character and per four latin characters: an upper bound for the reservation. */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    if (/[\u3000-\u9fff\uff00-\uffef]/.test(ch)) cjk++;
    else other++;
  }
  return cjk + Math.ceil(other / 3);
}

const utcDay = (deps: Pick<Deps, 'clock'>) => deps.clock.now().toISOString().slice(0, 10);

/**
 * Reserves `tokens` of the organisation's day in one statement that refuses to pass the cap, so concurrent
 * requests cannot overspend it between a read and a write. False when the day's budget cannot take it.
 */
export async function reserveTokens(deps: Deps, orgId: string, tokens: number, cap: number): Promise<boolean> {
  if (tokens > cap) return false;
  const day = utcDay(deps);
  const rows = await deps.db
    .insert(assistTokenUsage)
    .values({ orgId, day, tokens, requests: 1 })
    .onConflictDoUpdate({
      target: [assistTokenUsage.orgId, assistTokenUsage.day],
      set: {
        tokens: sql`${assistTokenUsage.tokens} + excluded.tokens`,
        requests: sql`${assistTokenUsage.requests} + 1`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${assistTokenUsage.tokens} + excluded.tokens <= ${cap}`,
    })
    .returning({ tokens: assistTokenUsage.tokens });
  return rows.length > 0;
}

/** Replaces a reservation by what the provider billed (0 refunds it: the call never reached the model). */
export async function settleTokens(deps: Deps, orgId: string, reserved: number, billed: number): Promise<void> {
  const delta = billed - reserved;
  if (delta === 0) return;
  await deps.db
    .update(assistTokenUsage)
    .set({ tokens: sql`greatest(0, ${assistTokenUsage.tokens} + ${delta})`, updatedAt: sql`now()` })
    .where(and(eq(assistTokenUsage.orgId, orgId), eq(assistTokenUsage.day, utcDay(deps))));
}

/** Tokens the organisation has spent today, for tests and operations views. */
export async function tokensSpentToday(deps: Deps, orgId: string): Promise<number> {
  const [row] = await deps.db
    .select({ tokens: assistTokenUsage.tokens })
    .from(assistTokenUsage)
    .where(and(eq(assistTokenUsage.orgId, orgId), eq(assistTokenUsage.day, utcDay(deps))));
  return row?.tokens ?? 0;
}
