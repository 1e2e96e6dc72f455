import { randomBytes } from 'node:crypto';

/** One planted token and where it was planted ("need.title"), so a hit names the source field. */
export type Canary = { label: string; token: string };

/** Where a token turned up: a JSON path into a body, a header name, a log line's field. */
export type Finding = { field: string; canary: string };

/**
 * `CANARY` + 16 upper-case hex digits, at least one a letter. N, R and Y are no hex digits, so no uuid,
 * hash or number can contain the token by chance, and the search stays case-insensitive (the text
 * pipeline lower-cases what it indexes).
 */
export function asciiCanary(): string {
  for (;;) {
    const hex = randomBytes(8).toString('hex').toUpperCase();
    if (/[A-F]/.test(hex)) return `CANARY${hex}`;
  }
}

// Sixteen rare bird characters, one per hex digit: a Chinese-looking token no real text contains.
const rareHan = [...'鸂鶒鹔鹴鵁鶄鸀鷞鹍鹓鶢鷟鸑鷩鹖鶡'];

/** `金丝雀` + ten rare characters: what a Chinese tokenizer and bigram index see as ordinary Han text. */
export function hanCanary(): string {
  const digits = [...randomBytes(5).toString('hex')].map((h) => rareHan[Number.parseInt(h, 16)] ?? '鸂');
  return `金丝雀${digits.join('')}`;
}

export const labelsIn = (text: string, canaries: readonly Canary[]): string[] => {
  const lower = text.toLowerCase();
  return canaries.filter((c) => lower.includes(c.token.toLowerCase())).map((c) => c.label);
};

/** Every string (and key) under `value` that holds a token, with its JSON path. */
export function findInJson(value: unknown, canaries: readonly Canary[], path = '$'): Finding[] {
  if (typeof value === 'string') return labelsIn(value, canaries).map((canary) => ({ field: path, canary }));
  if (Array.isArray(value)) return value.flatMap((item, i) => findInJson(item, canaries, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...labelsIn(key, canaries).map((canary) => ({ field: `${path} (key ${key})`, canary })),
    ...findInJson(item, canaries, `${path}.${key}`),
  ]);
}

/** A body as the client got it: parsed JSON is walked for field paths, anything else searched as text. */
export function findInBody(body: unknown, canaries: readonly Canary[]): Finding[] {
  if (typeof body !== 'string') return findInJson(body, canaries);
  try {
    return findInJson(JSON.parse(body), canaries);
  } catch {
    return labelsIn(body, canaries).map((canary) => ({ field: 'body (text)', canary }));
  }
}

export function findInHeaders(headers: Headers, canaries: readonly Canary[]): Finding[] {
  const found: Finding[] = [];
  headers.forEach((value, name) => {
    for (const canary of labelsIn(`${name}: ${value}`, canaries)) found.push({ field: `header ${name}`, canary });
  });
  return found;
}
