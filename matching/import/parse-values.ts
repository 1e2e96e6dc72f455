import { cooperationModes } from '../../schema/enums.ts';

/** Lenient readers for spreadsheet cells. Each returns a value, or `{ issue }` with a stable code. */
export type Parsed<T> = { value: T } | { issue: string; params?: Record<string, string | number> };

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
export const isBlank = blank;

const text = (v: unknown) => String(v).normalize('NFKC').trim();

/** Lists in one cell: Chinese and English separators; arrays (JSONL) pass through. */
export function splitList(v: unknown): string[] {
  const items = Array.isArray(v) ? v.map(String) : String(v).split(/[,，、;；|\n]+/);
  return items.map((s) => s.trim()).filter(Boolean);
}

export function parseInteger(v: unknown): Parsed<number> {
  if (typeof v === 'number') return Number.isInteger(v) ? { value: v } : { issue: 'not_an_integer' };
  const match = /^(?:trl)?\s*(\d+)\s*(?:级)?$/i.exec(text(v));
  return match ? { value: Number(match[1]) } : { issue: 'not_an_integer' };
}

/** "5-8", "5~8", "5至8" → both ends; "6", "≥6", "6以上" → a lower bound only. */
export function parseIntRange(v: unknown): Parsed<{ min?: number; max?: number }> {
  if (typeof v === 'number') return Number.isInteger(v) ? { value: { min: v } } : { issue: 'not_an_integer' };
  const t = text(v).replace(/trl/gi, '').replace(/级/g, '');
  const range = /^(\d+)\s*(?:-|~|至|到|—)\s*(\d+)$/.exec(t);
  if (range) return { value: { min: Number(range[1]), max: Number(range[2]) } };
  const single = /^(?:>=|≥)?\s*(\d+)\s*(?:以上|及以上)?$/.exec(t);
  return single ? { value: { min: Number(single[1]) } } : { issue: 'invalid_range' };
}

// Money is stored in 万元; cells say 万/万元 (or nothing), 元, 千元 or 亿.
const unitFactor = (unit: string) =>
  unit.startsWith('亿') ? 10_000 : unit.startsWith('千') ? 0.1 : unit.startsWith('元') ? 0.0001 : 1;
const negotiable = /^(面议|协商|议价|待定|negotiable|n\/a|-)$/i;

/** "50-100万", "50~100", "1.5亿", "800000元", "100" (万元) or 面议 (no figure). */
export function parseMoneyRange(v: unknown): Parsed<{ min?: number; max?: number }> {
  if (typeof v === 'number') return { value: { min: v, max: v } };
  const t = text(v).replace(/,/g, '').replace(/\s+/g, '');
  if (negotiable.test(t)) return { value: {} };
  const m =
    /^(\d+(?:\.\d+)?)(万元|万|千元|元|亿元|亿)?(?:(?:-|~|至|到|—)(\d+(?:\.\d+)?)(万元|万|千元|元|亿元|亿)?)?$/.exec(t);
  if (!m) return { issue: 'invalid_money' };
  // "50-100万": a unit written once applies to both ends.
  const lowUnit = m[2] ?? m[4] ?? '';
  const highUnit = m[4] ?? m[2] ?? '';
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  const min = round(Number(m[1]) * unitFactor(lowUnit));
  const max = m[3] ? round(Number(m[3]) * unitFactor(highUnit)) : min;
  return { value: { min, max } };
}

export function parseMoney(v: unknown): Parsed<number> {
  const range = parseMoneyRange(v);
  if ('issue' in range) return range;
  return range.value.min === undefined ? { issue: 'invalid_money' } : { value: range.value.min };
}

type Mode = (typeof cooperationModes)[number];
const modeNames: Record<string, Mode> = {
  转让: 'transfer',
  技术转让: 'transfer',
  专利转让: 'transfer',
  许可: 'licence',
  专利许可: 'licence',
  普通许可: 'licence',
  独占许可: 'licence',
  排他许可: 'licence',
  实施许可: 'licence',
  作价入股: 'equity',
  技术入股: 'equity',
  入股: 'equity',
  合作开发: 'joint_development',
  联合开发: 'joint_development',
  委托开发: 'commissioned_development',
  技术开发: 'commissioned_development',
  先用后转: 'use_first_pay_later',
  先使用后付费: 'use_first_pay_later',
  license: 'licence',
};

/** 转化方式 in Chinese or as ids; several per cell. Unknown names are errors, not silently dropped. */
export function parseModes(v: unknown): Parsed<Mode[]> {
  const ids: Mode[] = [];
  // Modes are single words, so slashes and spaces separate them too ("合作开发 / 委托开发").
  for (const name of splitList(v)
    .flatMap((part) => part.split(/[\s/／]+/))
    .filter(Boolean)) {
    const lower = name.toLowerCase();
    const id = modeNames[name] ?? (cooperationModes as readonly string[]).find((m) => m === lower);
    if (!id) return { issue: 'unknown_mode', params: { values: name } };
    if (!ids.includes(id as Mode)) ids.push(id as Mode);
  }
  return { value: ids };
}

function lookup<T extends string>(table: Record<string, T>, issue: string) {
  return (v: unknown): Parsed<T> => {
    const t = text(v);
    const id = table[t] ?? (Object.values(table).includes(t.toLowerCase() as T) ? (t.toLowerCase() as T) : undefined);
    return id ? { value: id } : { issue, params: { values: t } };
  };
}

export const parseIpStatus = lookup(
  {
    已授权: 'granted',
    授权: 'granted',
    有效: 'granted',
    申请中: 'pending',
    已受理: 'pending',
    实审: 'pending',
    实质审查: 'pending',
    公开: 'pending',
    无: 'none',
    暂无: 'none',
    不明: 'unclear',
    不清楚: 'unclear',
    未知: 'unclear',
  },
  'unknown_value',
);

export const parseConfidentiality = lookup(
  {
    公开: 'public',
    脱敏: 'desensitised',
    脱敏公开: 'desensitised',
    保密: 'confidential',
    机密: 'confidential',
    desensitized: 'desensitised',
  },
  'unknown_value',
);

/** Dates as typed in China: 2027-06-30, 2027/6/30, 2027.6.30, 2027年6月30日; Excel date cells; ISO timestamps. */
export function parseDate(v: unknown): Parsed<string> {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return { value: v.toISOString().slice(0, 10) };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(text(v));
  if (!m) return { issue: 'invalid_date' };
  const iso = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso
    ? { issue: 'invalid_date' }
    : { value: iso };
}
