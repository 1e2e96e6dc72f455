import { type FieldIssue, ValidationError } from '../core/errors.ts';

type Catalogue = { kind: string; pocType?: string | null | undefined; fields?: readonly string[] | undefined };

/** A specialised PoC centre (专业类) is specialised in something: it names the fields it serves. */
export function assertCatalogueComplete(c: Catalogue): void {
  const issues: FieldIssue[] = [];
  if (c.kind === 'poc_centre' && c.pocType === 'specialised' && (c.fields ?? []).length === 0) {
    issues.push({ field: 'fields', issue: 'required' });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
