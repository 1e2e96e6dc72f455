import type { z } from 'zod';
import { createNeedInput } from '../../needs/need-input.ts';
import { keywordsField, modesField } from '../../records/fields.ts';

/** A proposed need: fields of `POST /v1/needs`, each one already valid there; absent means "not stated". */
export type NeedDraft = Partial<z.output<typeof createNeedInput>>;

export type DroppedField = {
  field: string;
  reason: 'invalid' | 'unknown_field' | 'unknown_chain' | 'not_stated' | 'range_order';
};

const shape = createNeedInput.shape;
type Field = keyof typeof shape;
const isField = (key: string): key is Field => Object.hasOwn(shape, key);

/** Lists keep their valid items: one invented cooperation mode does not cost the enterprise the others. */
function validItems(field: 'keywords' | 'cooperationModes', value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const element = field === 'keywords' ? keywordsField.element : modesField.element;
  const kept = [
    ...new Set(
      value.flatMap((item) => {
        const parsed = element.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  ];
  return kept.slice(0, field === 'keywords' ? 20 : undefined);
}

/**
 * Keeps the fields of `candidate` that `POST /v1/needs` accepts, one by one, and names the rest: unknown
 * fields, invalid values, chains outside the taxonomy, and reversed ranges. Nulls mean "not stated" and are
 * left out. Whatever comes back passes createNeedInput once title and description are present.
 */
export function checkDraft(
  candidate: Record<string, unknown>,
  chainIds: ReadonlySet<string>,
): { draft: NeedDraft; dropped: DroppedField[] } {
  const draft: Record<string, unknown> = {};
  const dropped: DroppedField[] = [];
  for (const [key, raw] of Object.entries(candidate)) {
    if (raw === null || raw === undefined) continue;
    if (!isField(key)) {
      dropped.push({ field: key, reason: 'unknown_field' });
      continue;
    }
    const value = key === 'keywords' || key === 'cooperationModes' ? validItems(key, raw) : raw;
    const parsed = shape[key].safeParse(value);
    if (!parsed.success) dropped.push({ field: key, reason: 'invalid' });
    else if (key === 'chainId' && !chainIds.has(String(parsed.data)))
      dropped.push({ field: key, reason: 'unknown_chain' });
    else draft[key] = parsed.data;
  }
  for (const [low, high] of [
    ['trlMin', 'trlMax'],
    ['budgetMin', 'budgetMax'],
  ] as const) {
    const [a, b] = [draft[low], draft[high]];
    if (typeof a === 'number' && typeof b === 'number' && a > b) {
      delete draft[low];
      delete draft[high];
      dropped.push({ field: low, reason: 'range_order' }, { field: high, reason: 'range_order' });
    }
  }
  return { draft: draft as NeedDraft, dropped };
}

/** True when the draft can be posted to `POST /v1/needs` as it is. */
export const isCompleteDraft = (draft: NeedDraft) => createNeedInput.safeParse(draft).success;
