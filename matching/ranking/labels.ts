import type { cooperationModes } from '../../schema/enums.ts';
import type { FeatureName } from './features.ts';

/** How a manager reads each feature; wording kept short enough for a list view. */
export const FEATURE_LABELS: Record<FeatureName, string> = {
  lexical: '文本相关度',
  dense: '语义相似度',
  keywordOverlap: '关键词重合度',
  chainAgreement: '产业链一致性',
  maturityFit: '成熟度匹配',
  modeCompatibility: '合作方式匹配',
  region: '地域邻近',
  institutionTrackRecord: '机构转化记录',
  similarPairOutcomes: '相似对接结果',
};

export const MODE_LABELS: Record<(typeof cooperationModes)[number], string> = {
  transfer: '转让',
  licence: '许可',
  equity: '作价入股',
  joint_development: '合作开发',
  commissioned_development: '委托开发',
  use_first_pay_later: '先用后转',
};

export const modeLabel = (mode: string): string => (MODE_LABELS as Record<string, string>)[mode] ?? mode;
