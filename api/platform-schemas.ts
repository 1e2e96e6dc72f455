import { z } from '@hono/zod-openapi';
import { platformKinds, platformLevels, pocCentreTypes } from '../schema/enums.ts';

const timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-22T08:00:00.000Z' });

export const platformSchema = z
  .object({
    id: z.uuid().openapi({ description: "The platform's organisation id" }),
    name: z.string().openapi({ example: '湖州市新材料概念验证中心' }),
    kind: z.enum(platformKinds),
    district: z.string().nullable(),
    city: z.string().nullable(),
    pocType: z.enum(pocCentreTypes).nullable().openapi({
      description: 'PoC centres: comprehensive (综合类) or specialised (专业类); null for pilot platforms',
    }),
    level: z.enum(platformLevels),
    fields: z.array(z.string()),
    chains: z.array(z.string()),
    pocPhases: z.array(z.number().int()).openapi({
      description:
        'PoC centres: phases served (1 scientific, 2 technical and process, 3 product/commercial feasibility)',
    }),
    equipment: z.array(z.string()),
    processes: z.array(z.string()),
    batchScale: z.string().nullable(),
    capacity: z.number().int().openapi({ description: 'Projects it can run at once' }),
    description: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Platform');
