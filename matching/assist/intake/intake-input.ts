import { z } from 'zod';
import { confidentialityField } from '../../records/fields.ts';

export const needIntakeInput = z.strictObject({
  /** The enterprise's own words, Chinese or English. */
  text: z.string().trim().min(4).max(5000),
  /** Set when the enterprise already knows the text is confidential: it then never leaves for a model. */
  confidentiality: confidentialityField.optional(),
});

export type NeedIntakeInput = z.input<typeof needIntakeInput>;
