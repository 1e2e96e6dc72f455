import { describe, expect, it } from 'vitest';
import { discloseExplanation } from '../../matching/disclosure/disclose-explanation.ts';
import type { Explanation } from '../../matching/ranking/explanation.ts';
import {
  type AchievementProfile,
  achievementProfile,
  type NeedProfile,
  needProfile,
} from '../../matching/ranking/pair-profiles.ts';
import { rankAchievementsForNeed } from '../../matching/ranking/rank-candidates.ts';
import { isFigure } from '../../matching/text/figures.ts';
import { isPlaceName } from '../../matching/text/place-names.ts';
import { occursAsWord, textWords } from '../../matching/text/word-occurrence.ts';

// The misleading pairs a tester met (issue 8), planted with the real profile builders.
const catheter = needProfile({
  id: 'n-catheter',
  title: '医用导尿管亲水涂层开发',
  description:
    '我司生产硅胶导尿管，现有亲水涂层耐磨性差、插入时摩擦力大，批量涂覆良率85%左右。' +
    '希望合作开发低摩擦、耐久的亲水润滑涂层，满足医疗器械注册要求。',
  keywords: ['亲水涂层', '导尿管', '医用涂层'],
  trlMin: 5,
  trlMax: 7,
});
const weldSeam = needProfile({
  id: 'n-weld',
  title: '焊接机器人焊缝跟踪',
  description:
    '公司位于安吉，生产钢结构件。焊接机器人在中厚板焊接时焊缝偏移，需要基于激光视觉的焊缝识别与实时跟踪技术。',
  keywords: ['焊接机器人', '焊缝跟踪'],
});
const leadCarbon = needProfile({
  id: 'n-lead',
  title: '铅炭电池循环寿命提升',
  description: '我司生产储能用铅炭电池，负极硫酸盐化导致循环寿命不足，希望改进负极炭材料和添加剂配方。',
  keywords: ['铅炭电池', '循环寿命'],
});

const conversionFilm = achievementProfile({
  id: 'a-film',
  title: '稀土转光膜及其制备方法',
  abstract: '以稀土配合物为转光剂，将紫外光转换为作物可利用的红橙光，量子效率>85%，用于农用大棚膜，提高作物产量。',
});
const saggerCoating = achievementProfile({
  id: 'a-sagger',
  title: '锂电正极材料烧结用匣钵涂层',
  abstract: '在匣钵表面制备抗碱侵蚀涂层，延长匣钵使用寿命，降低锂电正极材料烧结成本。',
});
const teaPicker = achievementProfile({
  id: 'a-tea',
  title: '安吉白茶采摘机器人',
  abstract: '面向安吉白茶名优茶采摘，研制基于深度学习视觉的嫩芽识别与机械臂采摘机器人，识别准确率95%。',
});
const sodiumCathode = achievementProfile({
  id: 'a-sodium',
  title: '钠离子电池层状氧化物正极材料',
  abstract: '开发低成本钠离子电池层状氧化物正极材料，循环2000次容量保持率90%以上，适用于储能电池。',
});
// The pair the catheter need should get: no keywords of its own, so 亲水涂层 must be found in the text.
const hydrophilicCoating = achievementProfile({
  id: 'a-hydrophilic',
  title: '医用导管亲水润滑涂层',
  abstract:
    '开发了一种用于导尿管、血管导管的亲水涂层，涂层摩擦系数降低90%，经500次摩擦测试不脱落，已完成生物相容性检测。',
  trl: 6,
});

/** The explanation the ranker stores for one pair. */
function explain(need: NeedProfile, achievement: AchievementProfile): Explanation {
  const [s] = rankAchievementsForNeed(need, [{ achievement, signals: { lexical: 3.2 } }]);
  if (!s) throw new Error('no suggestion');
  return s.explanation;
}

const WEAK = '匹配依据较弱';
const nothingHidden = { need: [], achievement: [] };

describe('shared terms are words of both records', () => {
  it('does not name a bare number (良率85% against 量子效率>85%)', () => {
    const e = explain(catheter, conversionFilm);
    expect(e.sharedTerms).not.toContain('85');
    expect(e.summary).not.toContain('85');
    expect(e.summary).toContain(`${WEAK}：双方没有共同的专业词语，建议人工核实`);
  });

  it('does not name a need keyword the achievement shares only a bigram of (亲水涂层 ↔ 匣钵涂层)', () => {
    const e = explain(catheter, saggerCoating);
    expect(e.sharedTerms).not.toContain('亲水涂层');
    expect(e.sharedTerms).toContain('涂层');
    expect(e.summary).not.toContain('「亲水涂层」上');
    expect(e.summary).toContain(WEAK);
  });

  it('does not name a keyword the achievement lacks, nor the region both are in (焊缝跟踪 ↔ 白茶采摘)', () => {
    const e = explain(weldSeam, teaPicker);
    expect(e.sharedTerms).not.toContain('焊接机器人');
    expect(e.sharedTerms).not.toContain('安吉');
    expect(e.sharedTerms).toContain('机器人');
    expect(e.summary).not.toContain('安吉');
    expect(e.summary).toContain('成果未涉及需求关键词「焊接机器人」「焊缝跟踪」');
    expect(e.summary).toContain(WEAK);
  });

  it('does not name 铅炭电池 for a sodium-ion cathode, and says the match is weak', () => {
    const e = explain(leadCarbon, sodiumCathode);
    expect(e.sharedTerms).not.toContain('铅炭电池');
    expect(e.sharedTerms).toContain('电池');
    expect(e.summary).toContain(WEAK);
  });

  it('names what a well-founded pair truly shares and does not call it weak', () => {
    const e = explain(catheter, hydrophilicCoating);
    expect(e.sharedTerms.slice(0, 2)).toEqual(['亲水涂层', '导尿管']);
    // The need's keyword 医用涂层 is not in the achievement (only 医用 and 涂层 apart).
    expect(e.sharedTerms).not.toContain('医用涂层');
    expect(e.summary).toMatch(/^双方都涉及「亲水涂层」「导尿管」/);
    expect(e.summary).toContain('成果成熟度 TRL 6，符合需求期望 TRL 5–7');
    expect(e.summary).not.toContain(WEAK);
  });

  it('explains a need profile stored before it carried the enterprise keywords', () => {
    const { userKeywords: _absent, ...stored } = leadCarbon;
    const e = explain(stored, sodiumCathode);
    expect(e.sharedTerms).toEqual(explain(leadCarbon, sodiumCathode).sharedTerms);
    expect(e.summary).not.toContain('成果未涉及需求关键词');
  });

  it('keeps the coverage feature as it was: only the words shown changed', () => {
    // keywordOverlap still counts 亲水涂层 ⊃ 涂层 (the eval is tuned on it); the explanation no longer claims it.
    const [s] = rankAchievementsForNeed(catheter, [{ achievement: saggerCoating, signals: { lexical: 1 } }]);
    expect(s?.features.keywordOverlap).toBeCloseTo(3 / catheter.keyTerms.length);
  });
});

describe('what counts as a word, a figure, a place', () => {
  it('accepts whole words and runs of words, not a sequence cut across words', () => {
    const text = '医用亲水涂层与锂电池';
    const words = textWords(text);
    expect(occursAsWord('亲水涂层', text, words)).toBe(true);
    expect(occursAsWord('涂层', text, words)).toBe(true);
    expect(occursAsWord('水涂', text, words)).toBe(false);
    expect(occursAsWord('层与', text, words)).toBe(false);
  });

  it('treats numbers, percentages and measured values as figures, codes as names', () => {
    for (const f of ['85', '3.5', '85%', '500mpa', '10-20kv']) expect(isFigure(f)).toBe(true);
    for (const c of ['5g', 'ti6al4v', 'mcf-7', 'sic']) expect(isFigure(c)).toBe(false);
  });

  it('knows the local places jieba mistakes for names', () => {
    for (const p of ['安吉', '德清', '湖州', '长兴县', '浙江湖州']) expect(isPlaceName(p)).toBe(true);
    for (const w of ['机器人', '碳化硅', '亲水涂层']) expect(isPlaceName(w)).toBe(false);
  });
});

describe('each audience gets its own copy', () => {
  const e = explain(catheter, hydrophilicCoating);

  it('gives a party the sentences without the score line or feature bars', () => {
    const party = discloseExplanation(e, nothingHidden, 'party');
    const terms = e.sharedTerms.map((t) => `「${t}」`).join('');
    expect(party.summary).toBe(`双方都涉及${terms}；成果成熟度 TRL 6，符合需求期望 TRL 5–7。`);
    expect(party.summary).not.toContain('主要得分');
    expect(party.summary).not.toContain('权重');
    expect(party.parts).toEqual([]);
    expect(party.sharedTerms).toEqual(e.sharedTerms);
  });

  it('gives managers the score line and the feature bars', () => {
    const staff = discloseExplanation(e, nothingHidden);
    expect(staff.summary).toContain('主要得分：文本相关度 1.00（权重 0.55）');
    expect(staff.parts.length).toBeGreaterThan(0);
  });

  it('still never quotes a field hidden from the party', () => {
    const party = discloseExplanation(e, { need: ['trlMin', 'trlMax'], achievement: [] }, 'party');
    expect(party.summary).not.toContain('TRL');
    expect(party.summary).toContain('双方都涉及「亲水涂层」');
    expect(party.redacted).toBe(true);
  });

  it('drops the score line from a summary stored before sentences existed', () => {
    const old: Explanation = {
      summary: '共同关键词：亲水涂层；主要得分：文本相关度 1.00（权重 0.55）。',
      sharedTerms: ['亲水涂层'],
      parts: e.parts,
    };
    expect(discloseExplanation(old, nothingHidden, 'party').summary).toBe('共同关键词：亲水涂层。');
    expect(discloseExplanation(old, nothingHidden).summary).toBe(old.summary);
  });
});
