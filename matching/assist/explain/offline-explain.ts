import { disclosePair } from '../../disclosure/disclose-pair.ts';
import type { Explanation } from '../../ranking/explanation.ts';
import type { PairAssistContent } from './explain-result.ts';
import type { ExplainPair } from './load-explain-pair.ts';

const CLOSING = '如有意向，我们可以安排双方进一步沟通，期待您的回复。';

/** Titles a party may not see (a confidential record seen from the other side) are named by kind only. */
const titleOr = (title: string | null, placeholder: string) => (title ? `「${title}」` : placeholder);

/**
 * The deterministic account: the ranker's own explanation (explanation.ts, stored with the pair) for the
 * manager, and for each party a message built from the pair as that party may see it — the explanation cut by
 * the same rule (disclosure/), so neither message says more than its reader could read on the pair.
 */
export function offlineExplain(pair: ExplainPair): PairAssistContent {
  const { s, n, a } = pair.row;
  const stored = s.explanation as Explanation;
  const explanation = `成果「${a.title}」与需求「${n.title}」的匹配情况：${stored.summary || '暂无可引用的共同要素。'}`;
  const forEnterprise = disclosePair(
    { need: n, achievement: a, explanation: stored },
    { need: 'full', achievement: pair.partyLevels.achievementForEnterprise },
    'party',
  );
  const forInstitution = disclosePair(
    { need: n, achievement: a, explanation: stored },
    { need: pair.partyLevels.needForInstitution, achievement: 'full' },
    'party',
  );
  return {
    explanation,
    citedTerms: [...stored.sharedTerms],
    messages: {
      toEnterprise:
        `您好！平台为贵方需求「${n.title}」找到一项可能合适的科技成果` +
        `${titleOr(forEnterprise.achievement.title, '（成果方要求保密，详情待双方签署保密协议后提供）')}。` +
        `${forEnterprise.explanation.summary}${CLOSING}`,
      toInstitution:
        `您好！贵方成果「${a.title}」与一项企业技术需求` +
        `${titleOr(forInstitution.need.title, '（需求方要求保密，详情待双方签署保密协议后提供）')}可能匹配。` +
        `${forInstitution.explanation.summary}${CLOSING}`,
    },
  };
}
