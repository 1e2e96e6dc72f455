import { z } from '@hono/zod-openapi';

export const disclosureSchema = z
  .object({
    id: z.uuid(),
    suggestionId: z.uuid(),
    side: z.enum(['need', 'achievement']).openapi({ description: 'Whose record is disclosed to the counterpart' }),
    note: z.string().nullable(),
    grantedBy: z.uuid(),
    grantedAt: z.string().openapi({ format: 'date-time' }),
    revokedBy: z.uuid().nullable(),
    revokedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('PairDisclosure');
