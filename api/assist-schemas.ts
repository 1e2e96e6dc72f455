import { z } from '@hono/zod-openapi';
import { llmFailureReasons } from '../matching/assist/chat-model.ts';
import { confidentialityLevels, cooperationModes } from '../schema/enums.ts';

/** Response shapes of AI assistance. Request shapes come from the domain (matching/assist/). */
const offlineReasons = [
  'not_configured',
  'confidential',
  'budget_exhausted',
  ...llmFailureReasons,
  'invalid_output',
  'uncited_content',
] as const;

const provenance = {
  source: z.enum(['llm', 'offline']).openapi({ description: 'Which path produced this answer' }),
  model: z.string().optional().openapi({ description: 'The model, when `source` is `llm`' }),
  reason: z
    .enum(offlineReasons)
    .optional()
    .openapi({
      description:
        'Why the offline path answered: no model configured; confidential text or records (LLM_ALLOW_CONFIDENTIAL ' +
        'is off); the organisation’s daily tokens spent; the model call timed out, was rate limited, failed or was ' +
        'refused; or its answer was broken, truncated, invalid, or cited something the records do not contain',
    }),
};

const needDraftSchema = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    chainId: z.string().nullable().optional(),
    keywords: z.array(z.string()).optional(),
    trlMin: z.number().int().nullable().optional(),
    trlMax: z.number().int().nullable().optional(),
    budgetMin: z.number().nullable().optional().openapi({ description: '万元' }),
    budgetMax: z.number().nullable().optional().openapi({ description: '万元' }),
    deadline: z.string().nullable().optional().openapi({ format: 'date' }),
    cooperationModes: z.array(z.enum(cooperationModes)).optional(),
    confidentiality: z.enum(confidentialityLevels).optional(),
    privateFields: z.array(z.string()).optional(),
  })
  .openapi('NeedDraft', {
    description: 'A body for `POST /v1/needs`: each field present is valid there. Absent fields were not stated.',
  });

export const needIntakeSchema = z
  .object({
    ...provenance,
    draft: needDraftSchema,
    complete: z.boolean().openapi({ description: 'True when the draft can be posted to `POST /v1/needs` as it is' }),
    constraints: z.array(z.string()).openapi({ description: 'Requirements with figures read from the text' }),
    suggestedConfidentiality: z
      .object({ level: z.enum(confidentialityLevels), reason: z.string() })
      .nullable()
      .openapi({ description: 'A stricter level to consider when the text reads like a trade secret' }),
    chain: z
      .object({ chainId: z.string(), confidence: z.number() })
      .nullable()
      .openapi({ description: "The chain classifier's guess (in the draft only when confident enough)" }),
    questions: z.array(z.object({ field: z.string(), question: z.string(), essential: z.boolean() })),
    dropped: z
      .array(z.object({ field: z.string(), reason: z.string() }))
      .openapi({ description: 'Fields a model proposed that were invalid, unknown or not stated in the text' }),
  })
  .openapi('NeedIntake');

export const pairAssistSchema = z
  .object({
    ...provenance,
    cached: z
      .boolean()
      .openapi({ description: 'True when a model’s earlier answer for this pair and model was reused' }),
    explanation: z.string().openapi({ description: 'For the manager: why the achievement fits the need, in Chinese' }),
    citedTerms: z.array(z.string()).openapi({ description: 'Terms and figures cited; each occurs in the records' }),
    messages: z
      .object({ toEnterprise: z.string(), toInstitution: z.string() })
      .openapi({ description: 'First messages to each party, citing only what that party may see of the pair' }),
  })
  .openapi('PairAssist');
