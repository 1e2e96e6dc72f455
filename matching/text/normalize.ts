/**
 * Canonical form for every text that enters matching, so that a need typed on a phone with a
 * full-width IME and an abstract pasted from a PDF produce the same tokens.
 */

const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

// CJK punctuation that has an obvious ASCII twin; folding it lets one punctuation rule serve both.
const PUNCTUATION_FOLD: Record<string, string> = {
  '。': '.',
  '、': ',',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '《': '<',
  '》': '>',
  '【': '[',
  '】': ']',
  '—': '-',
  '–': '-',
  '～': '~',
  '·': ' ',
};

export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === IDEOGRAPHIC_SPACE) out += ' ';
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - FULL_WIDTH_OFFSET);
    else out += PUNCTUATION_FOLD[ch] ?? ch;
  }
  return out;
}

/** NFKC first: it folds compatibility forms (ligatures, circled digits, ㎫) that width folding misses. */
export function normalizeText(text: string): string {
  return toHalfWidth(text.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}
