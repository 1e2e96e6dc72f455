import { confidentialityLevels, cooperationModes } from '../../../schema/enums.ts';
import type { ChainDefinition } from '../../classify/taxonomy.ts';
import type { ChatJsonRequest, JsonSchema } from '../chat-model.ts';
import { dataLine, fenced, newFence } from '../prompt-data.ts';

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const strings = { type: 'array', items: { type: 'string' } };

/** Strict structured output: every key present, `null` for what the text does not state. */
export const needDraftSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'title',
    'description',
    'chainId',
    'keywords',
    'trlMin',
    'trlMax',
    'budgetMin',
    'budgetMax',
    'deadline',
    'cooperationModes',
    'constraints',
    'suggestedConfidentiality',
    'confidentialityReason',
    'questions',
  ],
  properties: {
    title: { type: 'string', description: '一句话标题，不超过40字' },
    description: { type: 'string', description: '整理后的需求描述：现状、目标指标、应用场景' },
    chainId: nullable('string', { description: '产业链 id，只能取给定列表中的值' }),
    keywords: { ...strings, description: '3-8个技术关键词，取自原文' },
    trlMin: nullable('integer', { description: '期望的最低技术成熟度 1-9' }),
    trlMax: nullable('integer'),
    budgetMin: nullable('number', { description: '预算下限，单位万元，仅当原文写明' }),
    budgetMax: nullable('number', { description: '预算上限，单位万元，仅当原文写明' }),
    deadline: nullable('string', { description: '截止日期 YYYY-MM-DD，仅当原文写明' }),
    cooperationModes: { type: 'array', items: { type: 'string', enum: [...cooperationModes] } },
    constraints: { ...strings, description: '原文中的硬性约束与指标' },
    suggestedConfidentiality: { type: 'string', enum: [...confidentialityLevels] },
    confidentialityReason: nullable('string'),
    questions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'question'],
        properties: { field: { type: 'string' }, question: { type: 'string' } },
      },
    },
  },
};

/** The intake prompt: instructions and the chain list in the system message, the text only in the data fence. */
export function intakeRequest(
  text: string,
  taxonomy: readonly ChainDefinition[],
  today: string,
): Omit<ChatJsonRequest, 'maxTokens'> {
  const fence = newFence();
  const chains = taxonomy.map((c) => `${c.id}：${c.name}`).join('\n');
  const system = [
    '你是湖州科技成果转化平台的需求采集助手。把企业用自然语言写的技术需求整理成结构化需求草稿，供企业确认后发布。',
    fence.rule,
    '规则：只使用原文中写明的信息；预算（换算为万元）、截止日期、成熟度只在原文写明时填写，否则填 null；不要编造数字。',
    '关键词取原文中的技术名词。文本涉及配方、工艺参数等商业秘密时，suggestedConfidentiality 取 confidential 并说明原因。',
    '缺少关键信息（现状、指标、应用场景、产业链）时，在 questions 中用中文提出追问，field 取需求字段名。',
    `今天是 ${today}。产业链只能取以下 id 之一，无法判断时填 null：\n${chains}`,
  ].join('\n');
  return {
    schemaName: 'need_draft',
    schema: needDraftSchema,
    system,
    user: fenced(fence, [dataLine('需求原文', text)]),
  };
}
