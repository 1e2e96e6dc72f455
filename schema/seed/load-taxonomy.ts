import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db.ts';
import { chainTiers } from '../enums.ts';
import { industryChains } from '../industry-chains.ts';

const taxonomyFile = z.object({
  taxonomy: z.string().min(1),
  name: z.string().optional(),
  chains: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
        name: z.string().min(1),
        tier: z.enum(chainTiers).default('other'),
        keywords: z.array(z.string().min(1)).default([]),
      }),
    )
    .min(1),
});

export type Taxonomy = z.infer<typeof taxonomyFile>;

export const defaultTaxonomyPath = new URL('./chains-huzhou-1366.json', import.meta.url).pathname;

export function readTaxonomy(path: string): Taxonomy {
  const parsed = taxonomyFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`taxonomy file ${path} is invalid at: ${where}`);
  }
  return parsed.data;
}

/** Upserts the taxonomy's chains; ids are stable so needs and managers keep pointing at the same chain. */
export async function loadTaxonomy(db: Db, taxonomy: Taxonomy): Promise<number> {
  for (const [index, chain] of taxonomy.chains.entries()) {
    const values = { ...chain, taxonomy: taxonomy.taxonomy, sortOrder: index };
    await db.insert(industryChains).values(values).onConflictDoUpdate({ target: industryChains.id, set: values });
  }
  return taxonomy.chains.length;
}

/** First start only: an empty chain table gets the configured taxonomy (Huzhou 1366 unless told otherwise). */
export async function seedTaxonomyIfEmpty(db: Db, path = defaultTaxonomyPath): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(industryChains);
  if ((row?.n ?? 0) > 0) return false;
  await loadTaxonomy(db, readTaxonomy(path));
  return true;
}
