import { z } from 'zod';

export const pageInput = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export type PageInput = z.infer<typeof pageInput>;
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

export const pageOffset = (p: PageInput) => (p.page - 1) * p.pageSize;
