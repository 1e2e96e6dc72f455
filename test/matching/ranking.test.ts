import { describe, expect, it } from 'vitest';
import { computePairFeatures } from '../../matching/ranking/compute-features.ts';
import {
  chainAgreement,
  denseFeature,
  lexicalFeature,
  maturityFit,
  modeCompatibility,
  regionFit,
} from '../../matching/ranking/feature-functions.ts';
import { FEATURE_NAMES } from '../../matching/ranking/features.ts';
import { needTermCoverage } from '../../matching/ranking/key-terms.ts';
import { achievementProfile, needProfile } from '../../matching/ranking/pair-profiles.ts';
import { rankAchievementsForNeed, rankNeedsForAchievement } from '../../matching/ranking/rank-candidates.ts';
import { scoreFeatures } from '../../matching/ranking/ranker.ts';
import { rankerV1 } from '../../matching/ranking/ranker-v1.ts';

const need = needProfile({
  id: 'n1',
  orgId: 'ent',
  title: '车规级碳化硅功率器件散热',
  description: '新能源汽车主驱逆变器中碳化硅MOSFET模块温度过高，需要高导热封装基板。',
  chainId: 'semiconductor',
  keywords: ['碳化硅', '散热'],
  trlMin: 5,
  trlMax: 8,
  cooperationModes: ['licence', 'transfer'],
});

const sic = achievementProfile({
  id: 'a-sic',
  orgId: 'uni',
  title: '高导热氮化硅陶瓷基板及其制备方法',
  abstract: '采用碳化硅和氮化硅复合陶瓷制备高导热基板，热导率达90W/mK，适用于功率器件封装散热。',
  chainId: 'semiconductor',
  trl: 7,
  transferModes: ['licence'],
  team: { lead: '王教授' },
});

const tea = achievementProfile({
  id: 'a-tea',
  title: '茶多酚提取工艺',
  abstract: '以乙醇为溶剂提取绿茶多酚，考察温度和时间对得率的影响。',
});

describe('feature functions', () => {
  it('normalises lexical against the best candidate of the query', () => {
    expect(lexicalFeature(12, 24)).toBe(0.5);
    expect(lexicalFeature(24, 24)).toBe(1);
    expect(lexicalFeature(0, 0)).toBe(0);
  });

  it('maps cosine to [0,1] and is neutral without an embedding', () => {
    expect(denseFeature(1)).toBe(1);
    expect(denseFeature(-1)).toBe(0);
    expect(denseFeature(undefined)).toBe(0.5);
  });

  it('scores chain agreement 1 / 0.5 / 0', () => {
    expect(chainAgreement('nev', 'nev')).toBe(1);
    expect(chainAgreement('nev', null)).toBe(0.5);
    expect(chainAgreement('nev', 'textile')).toBe(0);
  });

  it('fits maturity inside the range and decays outside, faster when too early', () => {
    expect(maturityFit(7, 5, 8)).toBe(1);
    expect(maturityFit(4, 5, 8)).toBe(0.5);
    expect(maturityFit(3, 5, 8)).toBe(0.25);
    expect(maturityFit(9, 5, 8)).toBe(0.75);
    expect(maturityFit(9, 5, null)).toBe(1);
    expect(maturityFit(null, 5, 8)).toBe(0.5);
    expect(maturityFit(6, null, null)).toBe(0.5);
  });

  it('needs one shared cooperation mode, neutral when either side is silent', () => {
    expect(modeCompatibility(['transfer', 'licence'], ['licence'])).toBe(1);
    expect(modeCompatibility(['transfer'], ['equity'])).toBe(0);
    expect(modeCompatibility([], ['equity'])).toBe(0.5);
  });

  it('treats region as a proximity bonus only', () => {
    expect(regionFit({ city: '湖州市', district: '吴兴区' }, { city: '湖州市', district: '吴兴区' })).toBe(1);
    expect(regionFit({ city: '湖州市', district: '吴兴区' }, { city: '湖州市', district: '德清县' })).toBe(0.75);
    expect(regionFit({ province: '浙江', city: '湖州市' }, { province: '浙江', city: '杭州市' })).toBe(0.6);
    expect(regionFit({ city: '湖州市' }, { city: '北京市' })).toBe(0.5);
    expect(regionFit(undefined, { city: '湖州市' })).toBe(0.5);
  });

  it('measures how much of the need the achievement covers, by key term or text', () => {
    const cov = needTermCoverage(['锂电池', '热管理', '液冷'], { keyTerms: ['锂电'], text: '电池包液冷板设计' });
    expect(cov?.covered).toEqual(['锂电池', '液冷']);
    expect(cov?.value).toBeCloseTo(2 / 3);
    expect(needTermCoverage([], { keyTerms: ['x'], text: '' })).toBeNull();
  });
});

describe('pair features and ranker-v1', () => {
  it('computes every named feature in [0,1], neutral where data is missing', () => {
    const { features, sharedTerms } = computePairFeatures({
      need,
      achievement: sic,
      signals: { lexical: 8 },
      bestLexical: 10,
    });
    expect(Object.keys(features).sort()).toEqual([...FEATURE_NAMES].sort());
    for (const v of Object.values(features)) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of Object.values(features)) expect(v).toBeLessThanOrEqual(1);
    expect(features).toMatchObject({
      lexical: 0.8,
      dense: 0.5,
      chainAgreement: 1,
      maturityFit: 1,
      modeCompatibility: 1,
      region: 0.5,
      institutionTrackRecord: 0.5,
      similarPairOutcomes: 0.5,
    });
    expect(features.keywordOverlap).toBeGreaterThan(0.3);
    expect(sharedTerms).toContain('碳化硅');
  });

  it('is versioned data whose weights sum to 1 with lexical dominant', () => {
    expect(rankerV1.version).toBe('ranker-v1');
    const weights = Object.values(rankerV1.weights);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    const others = FEATURE_NAMES.filter((f) => f !== 'lexical').map((f) => rankerV1.weights[f]);
    expect(rankerV1.weights.lexical).toBeGreaterThan(Math.max(...others) * 3);
  });

  it('scores Σ wᵢ·fᵢ with one part per feature', () => {
    const features = Object.fromEntries(FEATURE_NAMES.map((f) => [f, 1])) as Record<
      (typeof FEATURE_NAMES)[number],
      number
    >;
    const { score, parts } = scoreFeatures({ ...features, lexical: 0.5 }, rankerV1);
    expect(score).toBeCloseTo(1 - rankerV1.weights.lexical / 2);
    expect(parts.find((p) => p.feature === 'lexical')?.contribution).toBeCloseTo(rankerV1.weights.lexical / 2);
  });

  it('lets a clear text match beat a weaker one that fits on every other feature', () => {
    const fits = { ...sic, id: 'a-fits' };
    const other = { ...sic, id: 'a-other', chainId: 'nev', trl: 2, transferModes: ['equity'] };
    const ranked = rankAchievementsForNeed(need, [
      { achievement: fits, signals: { lexical: 4 } },
      { achievement: other, signals: { lexical: 10 } },
    ]);
    expect(ranked.map((s) => s.achievementId)).toEqual(['a-other', 'a-fits']);
  });

  it('lets pair fit decide between close text matches', () => {
    const misfit = { ...sic, id: 'a-misfit', chainId: 'nev', trl: 2, transferModes: ['equity'] };
    const ranked = rankAchievementsForNeed(need, [
      { achievement: misfit, signals: { lexical: 10 } },
      { achievement: sic, signals: { lexical: 9 } },
    ]);
    expect(ranked.map((s) => s.achievementId)).toEqual(['a-sic', 'a-misfit']);
  });

  it('gives a pair that shares no key term relevance 0, however far it stands out', () => {
    // On a small pool a candidate resting on stray characters (车, 高) stands out from a crowd of one.
    const picker = achievementProfile({
      id: 'a-picker',
      title: '白茶采摘机器人',
      abstract: '基于视觉识别的茶叶嫩芽采摘车，机械臂定位精度高。',
    });
    const ranked = rankAchievementsForNeed(need, [
      { achievement: picker, signals: { lexical: 3 } },
      { achievement: { ...picker, id: 'a-picker-2' }, signals: { lexical: 0.2 } },
    ]);
    expect(ranked[0]?.explanation.sharedTerms).toEqual([]);
    expect(ranked.map((s) => s.relevance)).toEqual([0, 0]);
    const real = rankAchievementsForNeed(need, [
      { achievement: sic, signals: { lexical: 3 } },
      { achievement: tea, signals: { lexical: 0.2 } },
    ]);
    expect(real[0]?.relevance).toBeGreaterThan(0.5);
  });

  it('ranks in both directions with the same features and roles swapped', () => {
    const forward = rankAchievementsForNeed(need, [
      { achievement: sic, signals: { lexical: 10 } },
      { achievement: tea, signals: { lexical: 1 } },
    ]);
    const other = needProfile({ id: 'n2', title: '茶饮料风味改良', description: '提升绿茶饮料口感' });
    const backward = rankNeedsForAchievement(sic, [
      { need: other, signals: { lexical: 1 } },
      { need, signals: { lexical: 10 } },
    ]);
    expect(forward[0]).toMatchObject({ needId: 'n1', achievementId: 'a-sic', modelVersion: 'ranker-v1' });
    expect(backward[0]).toMatchObject({ needId: 'n1', achievementId: 'a-sic' });
    expect(backward[0]?.features).toEqual(forward[0]?.features);
    expect(backward[0]?.score).toBeCloseTo(forward[0]?.score ?? 0);
  });
});
