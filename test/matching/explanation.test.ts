import { describe, expect, it } from 'vitest';
import { explainPair, formatTrlRange } from '../../matching/ranking/explanation.ts';
import { achievementProfile, needProfile } from '../../matching/ranking/pair-profiles.ts';
import { rankAchievementsForNeed } from '../../matching/ranking/rank-candidates.ts';
import { rankerV1 } from '../../matching/ranking/ranker-v1.ts';

const chainNames: Record<string, string> = { semiconductor: '半导体及光电', nev: '新能源汽车' };
const chainName = (id: string) => chainNames[id];

const need = needProfile({
  id: 'n1',
  title: '车规级碳化硅功率器件散热',
  description: '主驱逆变器碳化硅模块温度过高，需要高导热陶瓷基板。',
  chainId: 'semiconductor',
  keywords: ['碳化硅', '散热', '陶瓷基板'],
  trlMin: 5,
  trlMax: 8,
  cooperationModes: ['licence', 'transfer'],
});

const achievement = achievementProfile({
  id: 'a1',
  title: '高导热碳化硅陶瓷基板',
  abstract: '采用碳化硅复合陶瓷制备高导热基板，适用于功率器件封装散热。',
  chainId: 'semiconductor',
  trl: 7,
  transferModes: ['licence', 'equity'],
});

function suggest(a = achievement, n = need) {
  const [s] = rankAchievementsForNeed(n, [{ achievement: a, signals: { lexical: 8.2 } }], { chainName });
  if (!s) throw new Error('no suggestion');
  return s;
}

describe('suggestion explanation', () => {
  it('builds the stored suggestion object', () => {
    const s = suggest();
    expect(s).toMatchObject({ needId: 'n1', achievementId: 'a1', modelVersion: 'ranker-v1' });
    expect(s.score).toBeCloseTo(s.explanation.parts.reduce((sum, p) => sum + p.contribution, 0));
    expect(Object.keys(s.features)).toHaveLength(s.explanation.parts.length);
    for (const p of s.explanation.parts) {
      expect(p.value).toBe(s.features[p.feature]);
      expect(p.weight).toBe(rankerV1.weights[p.feature]);
    }
    // Largest contribution first.
    const contributions = s.explanation.parts.map((p) => p.contribution);
    expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
  });

  it('reads as Chinese a manager understands', () => {
    const { summary, sharedTerms } = suggest().explanation;
    expect(sharedTerms.slice(0, 3)).toEqual(['碳化硅', '散热', '陶瓷基板']);
    expect(sharedTerms.length).toBeLessThanOrEqual(5);
    expect(summary).toMatch(/^双方都涉及「碳化硅」「散热」「陶瓷基板」/);
    expect(summary).not.toContain('匹配依据较弱');
    expect(summary).toContain('产业链：同属「半导体及光电」');
    expect(summary).toContain('成果成熟度 TRL 7，符合需求期望 TRL 5–8');
    expect(summary).toContain('合作方式匹配：双方均接受许可');
    expect(summary).toContain('主要得分：文本相关度 1.00（权重 0.55）');
    expect(summary.endsWith('。')).toBe(true);
  });

  it('says where the pair does not fit', () => {
    const early = { ...achievement, chainId: 'nev', trl: 3, transferModes: ['equity'] };
    const { summary } = suggest(early).explanation;
    expect(summary).toContain('产业链不同：需求属「半导体及光电」，成果属「新能源汽车」');
    expect(summary).toContain('成果成熟度 TRL 3，低于需求期望 TRL 5–8');
    expect(summary).toContain('合作方式不一致：需求期望许可、转让，成果提供作价入股');
  });

  it('leaves out what neither record states', () => {
    const bare = needProfile({ id: 'n2', title: '茶饮料风味改良', description: '' });
    const plain = achievementProfile({ id: 'a2', title: '茶多酚提取工艺', abstract: '' });
    const [s] = rankAchievementsForNeed(bare, [{ achievement: plain, signals: { lexical: 1 } }]);
    expect(s?.explanation.summary).not.toMatch(/产业链|成熟度|合作方式/);
    expect(s?.explanation.summary).toContain('主要得分');
  });

  it('formats TRL ranges, open ends included', () => {
    expect(formatTrlRange(5, 8)).toBe('TRL 5–8');
    expect(formatTrlRange(6, 6)).toBe('TRL 6');
    expect(formatTrlRange(5, null)).toBe('TRL 5 及以上');
    expect(formatTrlRange(null, null)).toBeUndefined();
  });

  it('falls back to chain ids without a name lookup', () => {
    const s = suggest();
    const { summary } = explainPair({
      need,
      achievement,
      features: s.features as Parameters<typeof explainPair>[0]['features'],
      parts: s.explanation.parts,
      sharedTerms: [],
    });
    expect(summary).toContain('同属「semiconductor」');
    expect(summary).toContain('匹配依据较弱：双方没有共同的专业词语');
  });
});
