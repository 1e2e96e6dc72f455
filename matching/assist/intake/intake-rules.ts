import type { confidentialityLevels, cooperationModes } from '../../../schema/enums.ts';

type Mode = (typeof cooperationModes)[number];
type Level = (typeof confidentialityLevels)[number];

/** Clauses of normalised text; a full stop between digits is a decimal point, not the end of a clause. */
export const clausesOf = (normalized: string) =>
  normalized
    .split(/[,;!?:\n]|\.(?!\d)/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);

const MODE_CUES: [Mode, RegExp][] = [
  ['transfer', /技术转让|成果转让|买断|转让|technology transfer|buy out|acquire the (?:patent|technology)/],
  ['licence', /许可|授权使用|licen[cs]e/],
  ['equity', /入股|作价投资|股权合作|技术入股|equity/],
  ['joint_development', /联合开发|合作开发|共同研发|联合研发|联合攻关|joint(?:ly)? develop|co-develop/],
  ['commissioned_development', /委托开发|委托研发|定制开发|外包研发|commission|contract research/],
  ['use_first_pay_later', /先使用后付费|先用后付|use first,? pay later/],
];

export function cooperationModesIn(normalized: string): Mode[] {
  return MODE_CUES.filter(([, cue]) => cue.test(normalized)).map(([mode]) => mode);
}

/** Desired maturity: an explicit TRL, else what a stage word implies as the least acceptable. */
export function maturityIn(normalized: string): { trlMin?: number; trlMax?: number } {
  const range = /trl\s*([1-9])\s*(?:-|~|到|至)\s*([1-9])/.exec(normalized);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    return { trlMin: Math.min(a, b), trlMax: Math.max(a, b) };
  }
  const single = /trl\s*([1-9])/.exec(normalized);
  if (single) return { trlMin: Number(single[1]) };
  if (/量产|批量生产|产业化|规模化|直接应用|成熟技术|mass production|industriali[sz]/.test(normalized))
    return { trlMin: 7 };
  if (/中试|pilot/.test(normalized)) return { trlMin: 5 };
  return {};
}

const SECRET_CUES =
  /商业秘密|保密|机密|不公开|不便公开|不宜公开|配方|工艺参数|专有技术|know-how|nda|trade secret|confidential|proprietary/;
const ANONYMOUS_CUES = /匿名|不透露(?:公司|企业)?名称|隐去(?:公司|企业)名称|不公开(?:公司|企业)名称|anonymous/;

/** A level to suggest when the text reads like a trade secret (or asks to stay anonymous), with the words why. */
export function suggestedConfidentialityIn(normalized: string): { level: Level; reason: string } | undefined {
  const anonymous = ANONYMOUS_CUES.exec(normalized);
  if (anonymous) return { level: 'desensitised', reason: `文本提及「${anonymous[0]}」，建议隐去企业身份` };
  const secret = SECRET_CUES.exec(normalized);
  if (secret) return { level: 'confidential', reason: `文本提及「${secret[0]}」，可能涉及商业秘密` };
  return undefined;
}

const CONSTRAINT_CUE =
  /要求|必须|满足|符合|通过|兼容|达到|不超过|不低于|不大于|不小于|小于|大于|低于|高于|以内|以上|耐|寿命|≤|≥|<|>|must|at least|no more than|less than|more than/;
const MAX_CONSTRAINTS = 8;

/** Clauses that state a requirement with a figure (重量不超过3kg, 通过IP67), apart from budget and deadline. */
export function constraintsIn(clauses: readonly string[], exclude: readonly string[]): string[] {
  return clauses
    .filter((c) => !exclude.includes(c) && /\d/.test(c) && CONSTRAINT_CUE.test(c))
    .map((c) => Array.from(c).slice(0, 120).join(''))
    .slice(0, MAX_CONSTRAINTS);
}

const INTENT_PREFIX =
  /^(?:我们|我司|本公司|我公司|公司|我厂|本厂|本企业|我单位|企业)?(?:目前|现在|现|正在|急需|亟需|想要|希望|需要|拟|计划|想|寻求|寻找|征集|引进)*/;
/** Characters: 40 for Chinese, twice that for latin text, whose words are longer. */
const MAX_TITLE = 40;

/**
 * A title from the first clause, without the "我司希望寻找" that opens most needs; cut to length.
 * Undefined when the clause is too short to name anything.
 */
export function titleFrom(visible: string): string | undefined {
  const first = visible.split(/[。！？!?\n；;，,：:]|\.\s/)[0]?.trim() ?? '';
  const stripped = first.replace(INTENT_PREFIX, '').trim();
  const chosen = Array.from(stripped).length >= 4 ? stripped : first;
  const chars = Array.from(chosen);
  if (chars.length < 2) return undefined;
  const max = /[\u3400-\u9fff]/.test(chosen) ? MAX_TITLE : MAX_TITLE * 2;
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chosen;
}
