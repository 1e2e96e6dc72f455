import { z } from '@hono/zod-openapi';
import { outcomeKinds, outcomeReasons, outcomeResults, suggestionStages } from '../schema/enums.ts';
import { pairAchievementSchema, pairNeedSchema } from './queue-schemas.ts';

const timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-22T08:00:00.000Z' });

export const outcomeSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(outcomeKinds),
    phase: z.number().int().nullable().openapi({ description: 'PoC phase 1–3' }),
    platformId: z.uuid().nullable().openapi({ description: 'The PoC centre or pilot platform of the run' }),
    runId: z.uuid().nullable().openapi({ description: 'For a result: the poc_started / pilot_started it closes' }),
    result: z.enum(outcomeResults).nullable(),
    reasonCode: z.enum(outcomeReasons).nullable(),
    reasonCategory: z
      .string()
      .nullable()
      .openapi({
        enum: ['technical', 'commercial', 'other', null],
        description: 'What the reason says about the pair',
      }),
    details: z.record(z.string(), z.unknown()).openapi({
      description:
        'Kind-specific figures: metrics, cost and voucher (万元) for runs; batchSize, batchUnit, yieldPercent for ' +
        'pilots; mode, amount (万元), paymentTerms, trialMonths, managerShare (%) for deals; district, enterprise, ' +
        'product, investment (万元) for landings',
    }),
    note: z.string().nullable().openapi({ description: 'The recorder’s note; for the people working the pair only' }),
    recordedBy: z.uuid(),
    at: timestamp,
    recordedAt: timestamp,
    hidden: z.array(z.string()).openapi({ description: "The other side's private figures, left out for this caller" }),
  })
  .openapi('Outcome');

const allowedOutcomes = z.array(z.string()).openapi({
  description: 'What this caller may record next, e.g. `poc_started phase 2`, `poc_result phase 1`, `deal`',
});

export const recordedOutcomeSchema = z
  .object({
    outcome: outcomeSchema,
    stage: z.enum(suggestionStages),
    allowedOutcomes,
    warnings: z.array(
      z.object({
        code: z.literal('manager_share_below_minimum'),
        field: z.literal('managerShare'),
        minimum: z.number(),
      }),
    ),
  })
  .openapi('RecordedOutcome');

const counterpartSchema = z
  .object({
    side: z.enum(['need', 'achievement']),
    recordId: z.uuid(),
    title: z.string().nullable(),
    organisation: z.object({ id: z.uuid(), name: z.string(), district: z.string().nullable() }).nullable(),
    teamLead: z.string().nullable(),
    contactRoute: z.enum(['direct', 'via_manager']).openapi({
      description: 'direct: contact the organisation (自主联系对接); via_manager: its identity is not disclosed',
    }),
    redacted: z.array(z.string()),
  })
  .openapi('Counterpart');

export const pairOutcomesSchema = z
  .object({
    suggestionId: z.uuid(),
    stage: z.enum(suggestionStages),
    allowedOutcomes,
    manager: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    counterpart: counterpartSchema.nullable(),
    items: z.array(outcomeSchema),
  })
  .openapi('PairOutcomes');

export const platformPairSchema = z
  .object({
    suggestionId: z.uuid(),
    stage: z.enum(suggestionStages),
    chainId: z.string().nullable(),
    need: pairNeedSchema,
    achievement: pairAchievementSchema,
    runs: z.array(outcomeSchema),
  })
  .openapi('PlatformPair');
