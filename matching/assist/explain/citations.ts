import { normalizeText } from '../../text/normalize.ts';

/**
 * What a draft cites that its sources do not contain. Cited means: every number (85, 3.5, 2027), every quoted
 * span (「…」, “…”, "…"), every latin or code token (IP67, TRL, Ti6Al4V) and every term the model listed as
 * cited. Chinese prose between them is the model's own wording and is not checked; figures and terms are
 * what a reader takes as facts, so one that occurs in neither record rejects the whole draft.
 */
export function uncitedIn(draft: string, cited: readonly string[], sources: readonly string[]): string[] {
  const source = normalizeText(sources.join('\n'));
  const text = normalizeText(draft);
  const missing = new Set<string>();
  const occurs = (term: string) => source.includes(normalizeText(term));
  for (const n of text.match(/\d+(?:\.\d+)?/g) ?? []) {
    if (!new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d]|\\.\\d)`).test(source)) missing.add(n);
  }
  for (const match of draft.matchAll(/「([^」]+)」|“([^”]+)”|"([^"]+)"/g)) {
    const quoted = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (quoted && !occurs(quoted)) missing.add(quoted);
  }
  for (const token of text.match(/[a-z][a-z0-9-]*[a-z0-9]/g) ?? []) if (!source.includes(token)) missing.add(token);
  for (const term of cited) if (term.trim() && !occurs(term)) missing.add(term);
  return [...missing];
}
