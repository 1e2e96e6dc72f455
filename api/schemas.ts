import { z } from '@hono/zod-openapi';
import { chainSources } from '../matching/records/chain-choice.ts';
import {
  achievementStatuses,
  confidentialityLevels,
  ipStatuses,
  needStatuses,
  orgKinds,
  roles,
} from '../schema/enums.ts';

/** Response shapes for the OpenAPI document. Request shapes come from the domain's own zod schemas. */
const timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-22T08:00:00.000Z' });
const redacted = z
  .array(z.string())
  .openapi({ description: 'Fields hidden from this caller by the owner (private or desensitised); shown as null/[]' });

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: '/problems/validation_failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ description: 'Stable machine-readable code', example: 'validation_failed' }),
    requestId: z.string(),
    reason: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** A record's stored chain and where it came from (the owner's choice or the classifier's). */
const chainColumns = {
  chainId: z.string().nullable(),
  // A string in the types (the column is text; only these values are written), an enum in the document.
  chainSource: z
    .string()
    .nullable()
    .openapi({
      enum: [...chainSources, null],
      description: 'user: the owner chose the chain; classified: the classifier did; null: no chain yet',
    }),
  chainConfidence: z
    .number()
    .nullable()
    .openapi({ description: "The classifier's confidence in [0, 1]; 1 for the owner's choice" }),
};

export const needSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid().nullable(),
    createdBy: z.uuid().nullable(),
    title: z.string().openapi({ example: '动力电池包液冷板轻量化设计' }),
    description: z.string(),
    ...chainColumns,
    keywords: z.array(z.string()),
    trlMin: z.number().int().nullable(),
    trlMax: z.number().int().nullable(),
    budgetMin: z.number().nullable().openapi({ description: '万元' }),
    budgetMax: z.number().nullable().openapi({ description: '万元' }),
    deadline: z.string().nullable().openapi({ format: 'date' }),
    cooperationModes: z.array(z.string()),
    confidentiality: z.enum(confidentialityLevels),
    privateFields: z.array(z.string()),
    status: z.enum(needStatuses),
    matchState: z
      .string()
      .nullable()
      .openapi({
        enum: ['matched', 'no_match_yet', null],
        description: "The last match's verdict; owner and admins only (null for others)",
      }),
    matchedAt: timestamp.nullable().openapi({ description: 'When it was last matched; owner and admins only' }),
    managerId: z
      .uuid()
      .nullable()
      .openapi({ description: 'The technology manager working this need; owner and admins only' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    redacted,
  })
  .openapi('Need');

export const achievementSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid().nullable(),
    createdBy: z.uuid().nullable(),
    title: z.string(),
    abstract: z.string(),
    ...chainColumns,
    keywords: z.array(z.string()),
    patents: z.array(z.object({ number: z.string(), title: z.string().optional(), status: z.string().optional() })),
    ipStatus: z.enum(ipStatuses),
    trl: z.number().int().nullable(),
    team: z.object({ lead: z.string().optional(), members: z.array(z.string()).optional() }).nullable(),
    transferModes: z.array(z.string()),
    priceMin: z.number().nullable(),
    priceMax: z.number().nullable(),
    confidentiality: z.enum(confidentialityLevels),
    status: z.enum(achievementStatuses),
    createdAt: timestamp,
    updatedAt: timestamp,
    redacted,
  })
  .openapi('Achievement');

export const organisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(orgKinds),
    district: z.string().nullable(),
    city: z.string().nullable(),
    creditCode: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Organisation');

const managerSchema = z.object({
  userId: z.uuid(),
  chains: z.array(z.string()),
  capacity: z.number().int(),
  isChief: z.boolean(),
  active: z.boolean(),
  createdAt: timestamp,
});

export const userSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    role: z.enum(roles),
    createdAt: timestamp,
    manager: managerSchema.nullable(),
  })
  .openapi('User');

export const createdKeySchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    key: z.string().openapi({ description: 'The secret. Shown only in this response; store it now.' }),
    createdAt: timestamp,
  })
  .openapi('CreatedApiKey');

export const chainSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    tier: z.string(),
    taxonomy: z.string(),
    keywords: z.array(z.string()),
    sortOrder: z.number().int(),
  })
  .openapi('IndustryChain');

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, format: 'uuid' }) });

const problemContent = { 'application/problem+json': { schema: problemSchema } };
const problemText: Record<number, string> = {
  400: 'Invalid input; `errors` names each bad field',
  401: 'Missing or invalid API key',
  403: 'Your role may not do this',
  404: 'Not found (also for records you may not see)',
  409: 'Conflicts with the current state',
  413: 'Body over the configured limit',
  415: 'Body is not application/json',
};

/**
 * The problem responses an operation's own checks can give, for its OpenAPI entry. 429 and 500, which every
 * route can give, are added to every operation in one place (api/openapi-document.ts).
 */
export function problems(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415)[]) {
  type Entry = { description: string; content: typeof problemContent };
  const entries: [number, Entry][] = statuses.map((s) => [
    s,
    { description: problemText[s] ?? 'Error', content: problemContent },
  ]);
  return Object.fromEntries(entries) as Record<number, Entry>;
}

/** A JSON request body; the example is typed by the schema's input, so it cannot drift from what is accepted. */
export const jsonBody = <T extends z.ZodType>(
  schema: T,
  description: string,
  example: z.input<T>,
  required = true,
) => ({
  description,
  required,
  content: { 'application/json': { schema, example } },
});

export const jsonOk = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const bearer = [{ bearerAuth: [] }];
