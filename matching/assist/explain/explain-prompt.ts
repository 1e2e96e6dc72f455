import type { ChatJsonRequest, JsonSchema } from '../chat-model.ts';
import { dataLine, fenced, newFence } from '../prompt-data.ts';

/** Bumped whenever the prompt or schema changes, so cached answers of the old prompt are not served. */
export const EXPLAIN_PROMPT_VERSION = 'explain-v1';

export const pairAssistSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['explanation', 'citedTerms', 'toEnterprise', 'toInstitution'],
  properties: {
    explanation: { type: 'string', description: '给技术经理人的中文说明，200字以内' },
    citedTerms: { type: 'array', items: { type: 'string' }, description: '引用的术语与指标，均须原样出现在记录中' },
    toEnterprise: { type: 'string', description: '给需求方企业的第一封联系消息' },
    toInstitution: { type: 'string', description: '给成果方的第一封联系消息' },
  },
};

export type PairPromptData = {
  need: string[];
  achievement: string[];
  sharedTerms: readonly string[];
  /** What each party may see of the other side, when it is less than the prompt's copy. */
  achievementForEnterprise?: string[] | undefined;
  needForInstitution?: string[] | undefined;
};

export function explainRequest(data: PairPromptData): Omit<ChatJsonRequest, 'maxTokens'> {
  const fence = newFence();
  const system = [
    '你是湖州科技成果转化平台的技术经理人助手。根据数据区中的一项企业技术需求和一项科技成果，用中文撰写：',
    'explanation：向技术经理人说明这项成果为何适合这项需求，也指出不匹配之处；',
    'toEnterprise：给需求方企业的第一封联系消息；toInstitution：给成果方的第一封联系消息。',
    fence.rule,
    '规则：只能引用数据区记录中原样出现的数字、指标、术语和名称，引用的术语用「」括起并列入 citedTerms；',
    '不得编造任何数字、单位、机构、人名或结论。不要使用英文单词，记录中出现的型号、代号除外。',
    '数据区若有“需求方可见的成果信息”，toEnterprise 只能提及其中的成果内容；若有“成果方可见的需求信息”，toInstitution 只能提及其中的需求内容。',
  ].join('\n');
  const sections = [
    '【需求】',
    ...data.need,
    '【成果】',
    ...data.achievement,
    ...(data.sharedTerms.length > 0 ? [dataLine('双方共同词语', data.sharedTerms.join('、'))] : []),
    ...(data.achievementForEnterprise ? ['【需求方可见的成果信息】', ...data.achievementForEnterprise] : []),
    ...(data.needForInstitution ? ['【成果方可见的需求信息】', ...data.needForInstitution] : []),
  ];
  return { schemaName: 'pair_assist', schema: pairAssistSchema, system, user: fenced(fence, sections) };
}
