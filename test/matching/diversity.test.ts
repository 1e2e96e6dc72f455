import { describe, expect, it } from 'vitest';
import { diversify, groupItems } from '../../matching/ranking/diversity.ts';
import { achievementProfile, needProfile } from '../../matching/ranking/pair-profiles.ts';
import { rankAchievementsForNeed } from '../../matching/ranking/rank-candidates.ts';
import { jaccard, titleBigrams } from '../../matching/ranking/title-similarity.ts';

interface Item {
  id: string;
  orgId?: string;
  teamLead?: string;
  title: string;
}

// One team's ten variants of one patent, ranked first by text score, then eight unrelated others.
const teamPatents: Item[] = Array.from({ length: 10 }, (_, i) => ({
  id: `team-${i}`,
  orgId: 'zju',
  teamLead: '李明',
  title: `一种高导热碳化硅陶瓷基板的制备方法（${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i]}）`,
}));
const others: Item[] = [
  '氮化铝陶瓷覆铜板烧结工艺',
  '功率模块银烧结互连技术',
  '金刚石铜复合散热片',
  '液冷板微通道结构设计',
  '石墨烯导热界面材料',
  '相变储热材料封装',
  '低温共烧陶瓷基板',
  '铜线键合可靠性评估',
].map((title, i) => ({ id: `other-${i}`, orgId: `org-${i}`, teamLead: `lead-${i}`, title }));
const ranked = [...teamPatents, ...others];

describe('diversify', () => {
  it('keeps at most two of one team in the top 10 and pushes the rest down, not out', () => {
    const out = diversify(ranked, (x) => x);
    const top = out.slice(0, 10);
    expect(top.filter((x) => x.id.startsWith('team-'))).toHaveLength(2);
    expect(top.map((x) => x.id)).toEqual(['team-0', 'team-1', ...others.map((o) => o.id)]);
    expect(out).toHaveLength(ranked.length);
    expect(out.slice(10).map((x) => x.id)).toEqual(teamPatents.slice(2).map((x) => x.id));
  });

  it('groups near-duplicate titles across teams and same team across different titles', () => {
    const items = [
      { title: '一种高导热碳化硅陶瓷基板的制备方法', orgId: 'a', teamLead: 'x' },
      { title: '一种高导热碳化硅陶瓷基板的制备方法及应用', orgId: 'b', teamLead: 'y' },
      { title: '茶多酚提取工艺', orgId: 'a', teamLead: 'x' },
      { title: '茶多酚提取工艺', orgId: 'a' },
      { title: '风电叶片检测', orgId: 'c', teamLead: 'x' },
    ];
    const groups = groupItems(items);
    expect(groups[1]).toBe(groups[0]);
    expect(groups[2]).toBe(groups[0]);
    // Identical title joins the group too; same lead name at another organisation does not.
    expect(groups[3]).toBe(groups[0]);
    expect(groups[4]).not.toBe(groups[0]);
  });

  it('leaves an already diverse list alone', () => {
    expect(diversify(others, (x) => x)).toEqual(others);
  });

  it('measures title similarity on CJK bigrams', () => {
    expect(jaccard(titleBigrams('碳化硅陶瓷基板'), titleBigrams('碳化硅陶瓷基板'))).toBe(1);
    expect(jaccard(titleBigrams('碳化硅陶瓷基板'), titleBigrams('茶多酚提取'))).toBe(0);
    expect(jaccard(titleBigrams(''), titleBigrams(''))).toBe(0);
  });
});

describe('ranking with diversity', () => {
  it('diversifies suggestions by team and can be switched off', () => {
    const need = needProfile({ id: 'n', title: '高导热陶瓷基板', description: '功率器件散热' });
    const candidates = ranked.map((x, i) => ({
      achievement: achievementProfile({
        id: x.id,
        orgId: x.orgId,
        title: x.title,
        abstract: '陶瓷基板',
        team: { lead: x.teamLead },
      }),
      signals: { lexical: 100 - i },
    }));
    const diverse = rankAchievementsForNeed(need, candidates).slice(0, 10);
    expect(diverse.filter((s) => s.achievementId.startsWith('team-'))).toHaveLength(2);
    const plain = rankAchievementsForNeed(need, candidates, { diversity: false }).slice(0, 10);
    expect(plain.filter((s) => s.achievementId.startsWith('team-'))).toHaveLength(10);
  });
});
