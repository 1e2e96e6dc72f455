/**
 * Text PostgreSQL cannot store faithfully: `text` rejects U+0000 outright (the query fails), and a lone
 * surrogate (U+D800–U+DFFF without its pair) is not Unicode at all, so the driver silently turns it into U+FFFD.
 * Every entry point that takes text from outside (HTTP, bulk import) refuses it before the database sees it.
 */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const loneSurrogates = new RegExp(loneSurrogate.source, 'g');

export const unsafeTextIssue = 'unsafe_text';

export function isUnsafeText(text: string): boolean {
  return text.includes('\0') || loneSurrogate.test(text);
}

/** The text with each unsafe character replaced by U+FFFD, for echoing a field name or a title in a report. */
export function displaySafe(text: string): string {
  return text.replaceAll('\0', '\ufffd').replace(loneSurrogates, '\ufffd');
}

const maxReported = 20;

/**
 * Dotted paths (`keywords.2`, `team.lead`) of every string in a JSON-like value, key or value, that is unsafe
 * text; `prefix` names the value itself. Walked with an explicit stack, so deeply nested input cannot overflow.
 */
export function findUnsafeText(value: unknown, prefix = ''): string[] {
  const found: string[] = [];
  const stack: { path: string; value: unknown }[] = [{ path: prefix, value }];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0 && found.length < maxReported) {
    const item = stack.pop();
    if (!item) break;
    if (typeof item.value === 'string') {
      if (isUnsafeText(item.value)) found.push(item.path || '(body)');
    } else if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--)
        stack.push({ path: join(item.path, String(i)), value: item.value[i] });
    } else if (typeof item.value === 'object' && item.value !== null) {
      const entries = Object.entries(item.value).reverse();
      for (const [key, child] of entries) {
        const path = join(item.path, displaySafe(key));
        if (isUnsafeText(key)) found.push(path);
        else stack.push({ path, value: child });
      }
    }
  }
  return found.slice(0, maxReported);
}
