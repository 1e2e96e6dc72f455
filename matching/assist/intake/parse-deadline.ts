/** A deadline as `YYYY-MM-DD`, with the clause it was read from. */
export type StatedDeadline = { deadline: string; clause: string };

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const monthEnd = (y: number, m: number) => iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
const count = (raw: string) => (raw === '半' ? 0.5 : (CN_DIGITS[raw] ?? Number(raw)));

function addMonths(now: Date, months: number): string {
  const d = new Date(now.getTime());
  if (months < 1) d.setUTCDate(d.getUTCDate() + Math.round(months * 30));
  else d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

type Rule = { pattern: RegExp; date: (m: RegExpExecArray, year: number, now: Date) => string | undefined };

/** Most specific first; every rule reads normalised text (lower case, half-width digits). */
const RULES: Rule[] = [
  {
    pattern: /(\d{4})(?:年|-|\/)(\d{1,2})(?:月|-|\/)(\d{1,2})日?/,
    date: (m) => iso(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  { pattern: /(\d{4})年(\d{1,2})月/, date: (m) => monthEnd(Number(m[1]), Number(m[2])) },
  { pattern: /(\d{4})年上半年/, date: (m) => iso(Number(m[1]), 6, 30) },
  { pattern: /(\d{4})年(?:下半年|底|末|年底|年末|前|之前|以前|内)/, date: (m) => iso(Number(m[1]), 12, 31) },
  {
    pattern: /(\d{4})年第?([一二三四1-4])季度/,
    date: (m) => monthEnd(Number(m[1]), 3 * count(m[2] ?? '4')),
  },
  { pattern: /明年(\d{1,2})月/, date: (m, year) => monthEnd(year + 1, Number(m[1])) },
  { pattern: /明年(?:上半年)/, date: (_m, year) => iso(year + 1, 6, 30) },
  { pattern: /明年/, date: (_m, year) => iso(year + 1, 12, 31) },
  { pattern: /今年(\d{1,2})月/, date: (m, year) => monthEnd(year, Number(m[1])) },
  {
    pattern: /([\d一二两三四五六七八九十半]+)个?(月|年|周|天)(?:内|之内|以内)/,
    date: (m, _year, now) => {
      const n = count(m[1] ?? '');
      if (!Number.isFinite(n) || n <= 0) return undefined;
      const months = m[2] === '年' ? n * 12 : m[2] === '月' ? n : m[2] === '周' ? (n * 7) / 30 : n / 30;
      return addMonths(now, months);
    },
  },
  { pattern: /(?:今年)?(?:年底|年末|年内|今年内|今年底)/, date: (_m, year) => iso(year, 12, 31) },
  { pattern: /(?:by|before) (?:the )?end of (\d{4})/, date: (m) => iso(Number(m[1]), 12, 31) },
  {
    pattern: /(?:by|before) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{4})/,
    date: (m) => monthEnd(Number(m[2]), MONTHS.indexOf(m[1] ?? '') + 1),
  },
  {
    pattern: /within (\d+) (month|year|week)s?/,
    date: (m, _year, now) => {
      const n = Number(m[1]);
      return addMonths(now, m[2] === 'year' ? n * 12 : m[2] === 'month' ? n : (n * 7) / 30);
    },
  },
];

const isRealDate = (value: string) => {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

/**
 * The first date in the text that can be a deadline: 2027年6月 (its last day), 2027-06-30, 年底, 明年3月,
 * 半年内, 3个月内, by the end of 2027. A date before today is history (成立于2015年3月), not a deadline.
 */
export function parseDeadline(clauses: readonly string[], now: Date): StatedDeadline | undefined {
  const today = now.toISOString().slice(0, 10);
  const year = now.getUTCFullYear();
  for (const clause of clauses) {
    for (const rule of RULES) {
      const match = rule.pattern.exec(clause);
      if (!match) continue;
      const date = rule.date(match, year, now);
      if (date && isRealDate(date) && date >= today) return { deadline: date, clause };
    }
  }
  return undefined;
}
