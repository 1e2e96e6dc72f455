import type { outcomeReasons } from '../../schema/enums.ts';

export type OutcomeReason = (typeof outcomeReasons)[number];
export type ReasonCategory = 'technical' | 'commercial' | 'other';

/**
 * Why a PoC phase or a pilot did not pass, by what it says about the pair: a technical failure says the
 * achievement did not do what the need asked; a commercial one (price, market, terms) says it did but the deal
 * did not add up; the rest says neither. The learning issue maps the categories to labels.
 */
export const reasonCategory: Record<OutcomeReason, ReasonCategory> = {
  technical_infeasible: 'technical',
  performance_below_target: 'technical',
  process_not_scalable: 'technical',
  price_too_high: 'commercial',
  market_unproven: 'commercial',
  commercial_terms: 'commercial',
  ip_unclear: 'other',
  party_withdrew: 'other',
  other: 'other',
};
