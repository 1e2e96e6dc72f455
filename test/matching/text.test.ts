import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../matching/text/analyze.ts';
import { cjkBigrams, cjkChars, cjkRuns } from '../../matching/text/bigrams.ts';
import { normalizeText, toHalfWidth } from '../../matching/text/normalize.ts';
import { segmentWords } from '../../matching/text/segment.ts';
import { isStopWord } from '../../matching/text/stopwords.ts';

describe('normalizeText', () => {
  it('folds full-width latin, digits and spaces to half-width', () => {
    expect(toHalfWidth('ＳｉＣ　５００ＭＰａ')).toBe('SiC 500MPa');
  });

  it('lowercases latin, collapses whitespace and folds CJK punctuation', () => {
    expect(normalizeText('  高强度  ＳｉＣ\n陶瓷。《材料》  ')).toBe('高强度 sic 陶瓷.<材料>');
  });
});

describe('segmentWords', () => {
  it('keeps mixed latin/digit codes intact', () => {
    const words = segmentWords(normalizeText('抗拉强度达500MPa的SiC陶瓷用于5G基站和MCF-7细胞'));
    expect(words).toEqual(expect.arrayContaining(['500mpa', 'sic', '5g', 'mcf-7']));
    expect(words).not.toContain('500');
    expect(words).not.toContain('mcf');
  });

  it('cuts in search mode: long words and their dictionary sub-words', () => {
    const words = segmentWords('人乳腺癌细胞的增殖');
    expect(words).toEqual(expect.arrayContaining(['乳腺癌', '乳腺', '细胞', '增殖']));
  });

  it('drops punctuation', () => {
    expect(segmentWords('碳刷,摩擦.')).toEqual(['碳刷', '摩擦']);
  });
});

describe('character n-grams', () => {
  it('splits CJK runs at punctuation and latin', () => {
    expect(cjkRuns('碳化硅sic陶瓷,基站')).toEqual(['碳化硅', '陶瓷', '基站']);
  });

  it('makes overlapping bigrams within each run, keeping one-character runs', () => {
    expect(cjkBigrams('碳化硅,瓷')).toEqual(['碳化', '化硅', '瓷']);
  });

  it('lists single CJK characters', () => {
    expect(cjkChars('阳桃a树')).toEqual(['阳', '桃', '树']);
  });
});

describe('stop words', () => {
  it('knows function words and not topic words', () => {
    expect(isStopWord('的')).toBe(true);
    expect(isStopWord('研究')).toBe(true);
    expect(isStopWord('陶瓷')).toBe(false);
  });

  it('are removed from words but not from bigrams', () => {
    const a = analyzeText('陶瓷的研究');
    expect(a.words).toEqual(['陶瓷']);
    expect(a.bigrams).toEqual(['陶瓷', '瓷的', '的研', '研究']);
  });
});

describe('analyzeText', () => {
  it('adds latin codes to the bigram field', () => {
    expect(analyzeText('５Ｇ基站').bigrams).toEqual(['基站', '5g']);
  });
});
