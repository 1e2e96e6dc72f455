import { z } from '@hono/zod-openapi';
import { transitions } from '../matching/queue/stage-machine.ts';
import { declineReasons, suggestionStages } from '../schema/enums.ts';
import { achievementSchema, needSchema, pageOf } from './schemas.ts';

/** Response shapes of the manager queue, the pair views and routing. Request shapes come from the domain. */
const timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-22T08:00:00.000Z' });
const stage = z.enum(suggestionStages);

const stageMachine = Object.entries(transitions)
  .map(([from, to]) => `${from} → ${to.length > 0 ? to.join(' | ') : '(final)'}`)
  .join('; ');

export const explanationSchema = z
  .object({
    summary: z.string().openapi({ example: '共同关键词：印染废水、纳滤；产业链：同属「现代纺织」。' }),
    sharedTerms: z.array(z.string()),
    parts: z.array(z.object({ feature: z.string(), value: z.number(), weight: z.number(), contribution: z.number() })),
    sentences: z
      .array(z.object({ text: z.string(), uses: z.array(z.string()) }))
      .optional()
      .openapi({ description: 'The summary’s sentences, each with the record fields it quotes' }),
    redacted: z.boolean().optional().openapi({
      description:
        'True when sentences, shared terms or score parts were left out because they quote fields this caller may not see',
    }),
  })
  .openapi('Explanation');

/** Records seen from the other side of a pair may be reduced to id, chain, status and dates (confidential). */
// Built from the shapes rather than `.extend`, which would emit allOf[Need, …] and so still forbid the nulls.
export const pairNeedSchema = z
  .object({ ...needSchema.shape, title: z.string().nullable(), description: z.string().nullable() })
  .openapi('PairNeed', {
    description:
      'A need as one side of a pair sees it: in full for the assigned manager; private fields hidden for public ' +
      'needs; also without the enterprise for desensitised ones; only id, chain, status and dates for confidential ones.',
  });

export const pairAchievementSchema = z
  .object({
    ...achievementSchema.shape,
    title: z.string().nullable(),
    abstract: z.string().nullable(),
    ipStatus: achievementSchema.shape.ipStatus.nullable(),
  })
  .openapi('PairAchievement', {
    description: 'An achievement as one side of a pair sees it (same levels as PairNeed)',
  });

export const queueItemSchema = z
  .object({
    id: z.uuid(),
    stage,
    score: z.number(),
    priority: z.number().nullable().openapi({ description: 'score + deadline urgency (≤0.3) + waiting (≤0.1)' }),
    modelVersion: z.string(),
    explanation: explanationSchema,
    chainId: z.string().nullable(),
    managerId: z.uuid().nullable(),
    escalatedTo: z.uuid().nullable(),
    routedAt: timestamp.nullable(),
    claimedAt: timestamp.nullable(),
    decidedAt: timestamp.nullable(),
    escalatedAt: timestamp.nullable(),
    declineReason: z.enum(declineReasons).nullable(),
    declineNote: z.string().nullable(),
    allowedMoves: z.array(stage).openapi({ description: `Legal next stages. The machine: ${stageMachine}` }),
    createdAt: timestamp,
    updatedAt: timestamp,
    need: pairNeedSchema,
    achievement: pairAchievementSchema,
  })
  .openapi('QueueItem');

export const queueGroupSchema = z
  .object({
    need: pairNeedSchema,
    pairs: z.array(queueItemSchema.omit({ need: true }).openapi('QueueGroupPair')).openapi({
      description: 'Every pair of this need that matches the filters, highest priority first',
    }),
  })
  .openapi('QueueGroup', {
    description: 'One need and its pairs side by side; the need as the caller sees it in the most open of them',
  });

/** A page of pairs, or with `groupBy=need` a page of needs each with its pairs (`total` then counts needs). */
export const pairListPageSchema = z.union([pageOf(queueItemSchema), pageOf(queueGroupSchema)]);

export const suggestionEventSchema = z
  .object({
    id: z.uuid(),
    suggestionId: z.uuid(),
    actorId: z.uuid().nullable().openapi({ description: 'Null for the system (router, SLA sweep)' }),
    type: z.string().openapi({ example: 'claimed' }),
    fromStage: z.string().nullable(),
    toStage: z.string().nullable(),
    data: z.unknown(),
    at: timestamp,
  })
  .openapi('SuggestionEvent');

export const needSuggestionSchema = z
  .object({
    id: z.uuid(),
    stage,
    score: z.number(),
    explanation: explanationSchema,
    modelVersion: z.string(),
    managerId: z.uuid().nullable(),
    decidedAt: timestamp.nullable(),
    updatedAt: timestamp,
    disclosedToMe: z
      .boolean()
      .openapi({ description: 'The institution has disclosed its achievement to you for this pair' }),
    achievement: pairAchievementSchema,
  })
  .openapi('NeedSuggestion');

export const achievementPairSchema = z
  .object({
    id: z.uuid(),
    stage,
    score: z.number(),
    // A union, not `.nullable()`: on a registered schema that emits allOf[$ref, …], which forbids the null.
    explanation: z.union([explanationSchema, z.null()]).openapi({
      description: 'Cut down to what this caller may see of the need (see `redacted`)',
    }),
    disclosedToMe: z.boolean().openapi({ description: 'The enterprise has disclosed its need to you for this pair' }),
    managerId: z.uuid().nullable(),
    decidedAt: timestamp.nullable(),
    updatedAt: timestamp,
    need: pairNeedSchema,
  })
  .openapi('AchievementPair');

export const unroutedSchema = z
  .object({
    id: z.uuid(),
    needId: z.uuid(),
    achievementId: z.uuid(),
    score: z.number(),
    routing: z.unknown().openapi({ description: 'Chain, candidates considered and why each was excluded' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('UnroutedSuggestion');

export const needProgressSchema = z
  .object({
    inReview: z.number().int().openapi({
      description: 'Candidates waiting for or under a manager’s review (proposed, routed, claimed)',
    }),
    inProgress: z.number().int().openapi({
      description: 'Pairs a manager accepted that are still being worked (accepted … deal)',
    }),
  })
  .openapi('NeedProgress', {
    description: 'That the need is being worked. Candidates a manager turned down are neither counted nor shown.',
  });

export const needSuggestionsPageSchema = pageOf(needSuggestionSchema).extend({ progress: needProgressSchema });
