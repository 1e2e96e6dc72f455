import type { DisclosureLevel } from '../../disclosure/levels.ts';
import { hiddenFields, redact } from '../../disclosure/policy.ts';
import type { AchievementRow, NeedRow } from '../../disclosure/record-rows.ts';
import { formatTrlRange } from '../../ranking/explanation.ts';
import { modeLabel } from '../../ranking/labels.ts';
import { dataLine } from '../prompt-data.ts';

type Names = ReadonlyMap<string, string>;
const list = (items: readonly string[]) => items.join('、');
const range = (min: number | null, max: number | null) =>
  min !== null && max !== null
    ? `${min}-${max}`
    : min !== null
      ? `${min}以上`
      : max !== null
        ? `${max}以内`
        : undefined;

/** Only fields with something in them, so a hidden field leaves no line (not even its label) behind. */
function lines(entries: [string, string | undefined][]): string[] {
  return entries.flatMap(([label, value]) => (value && value.trim() !== '' ? [dataLine(label, value)] : []));
}

/**
 * A need as `label：value` lines at a disclosure level: what a prompt, or a party's message, may draw on. The
 * fields are cut by policy.ts like every other view of the record.
 */
export function needLines(row: NeedRow, level: DisclosureLevel, names: Names): string[] {
  const n = redact(row, hiddenFields('need', row, level));
  return lines([
    ['需求标题', n.title ?? undefined],
    ['需求描述', n.description ?? undefined],
    ['需求关键词', list(n.keywords ?? [])],
    ['需求产业链', n.chainId ? (names.get(n.chainId) ?? n.chainId) : undefined],
    ['需求期望成熟度', formatTrlRange(n.trlMin, n.trlMax)],
    ['需求预算（万元）', range(n.budgetMin, n.budgetMax)],
    ['需求截止日期', n.deadline ?? undefined],
    ['需求合作方式', list((n.cooperationModes ?? []).map(modeLabel))],
  ]);
}

/** An achievement as `label：value` lines at a disclosure level. */
export function achievementLines(row: AchievementRow, level: DisclosureLevel, names: Names): string[] {
  const a = redact(row, hiddenFields('achievement', row, level));
  const team = a.team && typeof a.team === 'object' ? (a.team as { lead?: string; members?: string[] }) : {};
  return lines([
    ['成果标题', a.title ?? undefined],
    ['成果摘要', a.abstract ?? undefined],
    ['成果关键词', list(a.keywords ?? [])],
    ['成果产业链', a.chainId ? (names.get(a.chainId) ?? a.chainId) : undefined],
    ['成果成熟度', a.trl !== null ? `TRL ${a.trl}` : undefined],
    ['成果转化方式', list((a.transferModes ?? []).map(modeLabel))],
    ['成果价格（万元）', range(a.priceMin, a.priceMax)],
    ['成果团队', [team.lead, ...(team.members ?? [])].filter(Boolean).join('、') || undefined],
    ['成果专利', list((a.patents ?? []).map((p) => [p.number, p.title].filter(Boolean).join(' ')))],
  ]);
}
