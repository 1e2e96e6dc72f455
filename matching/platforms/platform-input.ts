import { z } from 'zod';
import { platformKinds, platformLevels, pocCentreTypes } from '../../schema/enums.ts';
import { pageInput } from '../core/pagination.ts';

const label = z.string().trim().min(1).max(100);
const labels = z.array(label).max(50);
/** The three PoC phases: 1 scientific, 2 technical and process, 3 product/scenario and commercial feasibility. */
export const pocPhaseField = z.number().int().min(1).max(3);

/** What any platform has; the kind-specific fields follow. */
const common = {
  name: z.string().trim().min(2).max(200),
  district: z.string().trim().min(1).max(50).nullable().optional(),
  city: z.string().trim().min(1).max(50).nullable().optional(),
  level: z.enum(platformLevels),
  fields: labels.default([]),
  chains: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  capacity: z.number().int().min(1).max(10_000),
  description: z.string().trim().min(1).max(2000).nullable().optional(),
};

export const createPlatformInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('poc_centre'),
    ...common,
    pocType: z.enum(pocCentreTypes),
    pocPhases: z.array(pocPhaseField).min(1).max(3),
  }),
  z.strictObject({
    kind: z.literal('pilot_platform'),
    ...common,
    equipment: labels.default([]),
    processes: labels.min(1),
    batchScale: z.string().trim().min(1).max(100).nullable().optional(),
  }),
]);

/**
 * Any catalogue field; those of the other kind are refused by updatePlatform naming the field. No defaults:
 * a field left out stays as it is.
 */
export const updatePlatformInput = z
  .strictObject({
    ...common,
    fields: labels,
    chains: common.chains.unwrap(),
    pocType: z.enum(pocCentreTypes),
    pocPhases: z.array(pocPhaseField).min(1).max(3),
    equipment: labels,
    processes: labels.min(1),
    batchScale: z.string().trim().min(1).max(100).nullable(),
  })
  .partial();

export const pocOnlyFields = ['pocType', 'pocPhases'] as const;
export const pilotOnlyFields = ['equipment', 'processes', 'batchScale'] as const;

export const listPlatformsInput = pageInput.extend({
  kind: z.enum(platformKinds).optional(),
  level: z.enum(platformLevels).optional(),
  chain: z.string().trim().max(64).optional(),
  phase: z.coerce.number().int().min(1).max(3).optional(),
  field: z.string().trim().max(100).optional(),
  district: z.string().trim().max(50).optional(),
});

export type CreatePlatformInput = z.input<typeof createPlatformInput>;
export type UpdatePlatformInput = z.input<typeof updatePlatformInput>;
export type ListPlatformsInput = z.input<typeof listPlatformsInput>;
