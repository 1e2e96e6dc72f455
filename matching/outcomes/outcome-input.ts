import { z } from 'zod';
import { cooperationModes, outcomeReasons } from '../../schema/enums.ts';

/** Money in 万元 (10,000 CNY), as everywhere else. */
const money = z.number().min(0).max(10_000_000);
const note = z.string().trim().min(1).max(2000);
/** When it happened, if not today. */
const at = z.iso.date();
const phase = z.number().int().min(1).max(3);
const metrics = z
  .record(z.string().trim().min(1).max(50), z.number())
  .refine((m) => Object.keys(m).length <= 20, { message: 'at most 20 metrics' });

/** The payment terms of a deal; the amounts and schedule in detail stay in the contract. */
export const paymentTerms = ['lump_sum', 'instalments', 'milestones', 'royalty', 'equity_only'] as const;

const pocStarted = z.strictObject({
  kind: z.literal('poc_started'),
  phase,
  platformId: z.uuid(),
  at: at.optional(),
  note: note.optional(),
});

const pocResult = z.strictObject({
  kind: z.literal('poc_result'),
  phase,
  result: z.enum(['passed', 'failed', 'inconclusive']),
  reasonCode: z.enum(outcomeReasons).optional(),
  metrics: metrics.optional(),
  cost: money.optional(),
  /** 科技创新券 used to pay for it, 万元. */
  voucher: money.optional(),
  /** A failed phase ends the pair (→ failed) instead of leaving it open for a retry at another centre. */
  endsPair: z.boolean().optional(),
  at: at.optional(),
  note: note.optional(),
});

const pilotStarted = z.strictObject({
  kind: z.literal('pilot_started'),
  platformId: z.uuid(),
  at: at.optional(),
  note: note.optional(),
});

const pilotResult = z.strictObject({
  kind: z.literal('pilot_result'),
  result: z.enum(['passed', 'failed']),
  reasonCode: z.enum(outcomeReasons).optional(),
  batchSize: z.number().positive().max(1e9),
  batchUnit: z.string().trim().min(1).max(20),
  /** 良率 / 收率, percent. */
  yieldPercent: z.number().min(0).max(100).optional(),
  metrics: metrics.optional(),
  cost: money.optional(),
  voucher: money.optional(),
  endsPair: z.boolean().optional(),
  at: at.optional(),
  note: note.optional(),
});

const deal = z.strictObject({
  kind: z.literal('deal'),
  mode: z.enum(cooperationModes),
  amount: money,
  paymentTerms: z.enum(paymentTerms),
  /** 先用后转: how long the enterprise uses the result before it pays or hands it back. */
  trialMonths: z.number().int().min(1).max(60).optional(),
  /** The manager's share of net licensing proceeds, percent (the plan allows ≥ 10 %). */
  managerShare: z.number().min(0).max(100),
  at: at.optional(),
  note: note.optional(),
});

const landing = {
  district: z.string().trim().min(1).max(50),
  enterprise: z.string().trim().min(2).max(200),
  /** The product or production line it went into. */
  product: z.string().trim().min(1).max(200),
  investment: money,
  at,
  note: note.optional(),
};

export const outcomeInput = z.discriminatedUnion('kind', [
  pocStarted,
  pocResult,
  pilotStarted,
  pilotResult,
  deal,
  z.strictObject({ kind: z.literal('landed'), ...landing }),
  /** 孵化: a new company set up around the result. */
  z.strictObject({ kind: z.literal('incubated'), ...landing }),
]);

export type OutcomeInput = z.infer<typeof outcomeInput>;
