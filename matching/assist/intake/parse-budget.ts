/** A budget in 万元 (the unit of needs' budgetMin/budgetMax), as far as the text states it. */
export type StatedBudget = { budgetMin?: number; budgetMax?: number; clause: string };

const CUE = /预算|经费|资金|投入|费用|报价|出资|支付|价格|budget|fund|pay|spend/;
const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const UNIT = '(亿元|亿|万元|万|千元|元|million|rmb|cny|yuan|k|w)';
const RANGE = new RegExp(String.raw`${NUMBER}\s*${UNIT}?\s*(?:-|~|到|至)\s*${NUMBER}\s*${UNIT}`);
const SINGLE = new RegExp(String.raw`${NUMBER}\s*${UNIT}`);
const AT_MOST = /以内|以下|之内|不超过|不高于|最多|上限|封顶|within|up to|under|at most|no more than|max/;
const AT_LEAST = /以上|不低于|不少于|至少|起|at least|minimum|min\b/;

/** 万元 per unit; a bare `w` is the common shorthand for 万. */
const TO_WAN: Record<string, number> = {
  亿元: 10_000,
  亿: 10_000,
  万元: 1,
  万: 1,
  w: 1,
  千元: 0.1,
  k: 0.1,
  million: 100,
  元: 0.0001,
  rmb: 0.0001,
  cny: 0.0001,
  yuan: 0.0001,
};

const wan = (value: string, unit: string | undefined) =>
  Math.round(Number(value) * (TO_WAN[unit ?? ''] ?? 1) * 100) / 100;

/**
 * The first clause that talks about money and states an amount with a unit: `预算50-200万元`, `经费不超过
 * 3000万`, `投入至少1.5亿`, `budget of 2 million yuan`. A clause without a money cue is not a budget: 年产值5亿
 * is the enterprise's size. `clauses` are normalised (lower case, half-width) text.
 */
export function parseBudget(clauses: readonly string[]): StatedBudget | undefined {
  for (const clause of clauses) {
    if (!CUE.test(clause)) continue;
    const range = RANGE.exec(clause);
    if (range) {
      const unit = range[4];
      const low = wan(range[1] ?? '', range[2] ?? unit);
      const high = wan(range[3] ?? '', unit);
      return { budgetMin: Math.min(low, high), budgetMax: Math.max(low, high), clause };
    }
    const single = SINGLE.exec(clause);
    if (!single) continue;
    const amount = wan(single[1] ?? '', single[2]);
    if (AT_LEAST.test(clause) && !AT_MOST.test(clause)) return { budgetMin: amount, clause };
    return { budgetMax: amount, clause };
  }
  return undefined;
}
