/**
 * Words of technical writing that any two records may share whatever they are about: what is done (开发, 提升),
 * to what in general (材料, 技术, 系统) and who asks (企业, 我司). They are real words and stay in the index,
 * where IDF weighs them; shown to a reader as "both are about 开发" they would claim a common topic that is not
 * there. Kept short: a word that names a field (电池, 涂层, 识别) is not listed.
 */
const WORDS = [
  '开发',
  '研发',
  '研制',
  '提升',
  '提高',
  '降低',
  '改进',
  '改善',
  '优化',
  '实现',
  '解决',
  '满足',
  '需要',
  '希望',
  '要求',
  '用于',
  '适用',
  '使用',
  '生产',
  '制备',
  '技术',
  '系统',
  '工艺',
  '设备',
  '装置',
  '产品',
  '材料',
  '方案',
  '应用',
  '性能',
  '问题',
  '效果',
  '效率',
  '成本',
  '质量',
  '过程',
  '方式',
  '领域',
  '行业',
  '市场',
  '能力',
  '水平',
  '现有',
  '目前',
  '新型',
  '合作',
  '企业',
  '公司',
  '我司',
  '项目',
] as const;

const GENERIC: ReadonlySet<string> = new Set(WORDS);

export function isGenericWord(word: string): boolean {
  return GENERIC.has(word);
}
