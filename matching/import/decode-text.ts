export type TextEncodingName = 'utf-8' | 'gb18030';

/**
 * CSV files arrive as UTF-8 (with or without a BOM) or, when saved by Excel on a Chinese Windows ("CSV (逗号分隔)"),
 * as GBK. Strict UTF-8 decoding fails on GBK bytes, so a failure means GBK; GB18030 is its superset and is
 * what Node's ICU decodes. A UTF-8 BOM is dropped either way.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
