import { createHash } from 'node:crypto';
import { normalizeText } from '../text/normalize.ts';
import type { ImportKind } from './import-kinds.ts';

/** Titles match regardless of width, case, spaces and punctuation: 「高盐废水…」 and 高盐废水… are one record. */
const normaliseTitle = (title: string) => normalizeText(title).replace(/[\s\p{P}\p{S}]+/gu, '');

/** ZL202110123456.7, zl 2021 1012 3456.7 and 202110123456.7 are one patent. */
export const normalisePatent = (number: string) =>
  number
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/^ZL/, '');

/**
 * The de-duplication key of an imported record: title + organisation + first patent number, hashed so the
 * unique column stays short. Stable across runs and files, so re-running an import adds nothing twice.
 */
export function importKeyOf(kind: ImportKind, title: string, orgId: string, patentNumber?: string): string {
  const parts = [kind, normaliseTitle(title), orgId, patentNumber ? normalisePatent(patentNumber) : ''];
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}
