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

// Every code unit toHalfWidth changes; one regex pass leaves the rest of the text as it is, instead of rebuilding
// the string character by character (that loop was a fifth of the analysis time of an abstract).
const FOLDED = /[\u3000\uff01-\uff5e。、“”‘’《》【】—–～·]/g;

export function toHalfWidth(text: string): string {
  return text.replace(FOLDED, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === IDEOGRAPHIC_SPACE) return ' ';
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - FULL_WIDTH_OFFSET);
    return PUNCTUATION_FOLD[ch] ?? ch;
  });
}

/** NFKC first: it folds compatibility forms (ligatures, circled digits, ㎫) that width folding misses. */
export function normalizeText(text: string): string {
  return toHalfWidth(text.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}
