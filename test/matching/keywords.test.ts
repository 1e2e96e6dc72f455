import { describe, expect, it } from 'vitest';
import { extractKeywords, extractKeywordsBundled } from '../../matching/text/keywords.ts';

describe('keyword extraction', () => {
  it('ranks rare pool terms above common ones and skips stop words', () => {
    const idf = (t: string) => (t === '碳刷' ? 5 : 1);
    const kws = extractKeywords('发电机碳刷摩擦引起的振动研究', idf, 3);
    expect(kws[0]?.keyword).toBe('碳刷');
    expect(kws.map((k) => k.keyword)).not.toContain('研究');
    expect(kws).toHaveLength(3);
  });

  it('works without a pool using the bundled idf table', () => {
    const kws = extractKeywordsBundled('发电机碳刷多点全周摩擦引起的不稳定振动分析', 3).map((k) => k.keyword);
    expect(kws).toContain('碳刷');
    expect(kws).not.toContain('的');
  });
});
