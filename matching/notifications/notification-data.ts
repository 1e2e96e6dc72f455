import { pairSideLevel } from '../disclosure/audience.ts';
import type { DisclosureLevel } from '../disclosure/levels.ts';
import { discloseRecord } from '../disclosure/policy.ts';
import type { EventContext } from './event-context.ts';
import type { WebhookEvent } from './notify-events.ts';

/** Who a notification is written for: each side sees the other side as the record views would show it. */
export type Audience = 'enterprise' | 'institution' | 'manager';

const stageNames: Record<string, string> = {
  accepted: '已采纳',
  contacted: '已对接',
  poc: '概念验证',
  pilot: '中试',
  deal: '签约成交',
  landed: '转化落地',
  failed: '未成功',
  withdrawn: '已撤回',
};

/**
 * The notification body (inbox row and webhook body alike) for one audience, at the same levels as the pair
 * views (disclosure/audience.ts): each party sees its own record in full and the other side's as its
 * confidentiality allows — a confidential record only as "a confidential need (or achievement)", without its
 * title, unless its owner disclosed it for this pair. The assigned manager sees both in full.
 */
export function notificationData(ctx: EventContext, type: WebhookEvent, audience: Audience) {
  const { event, suggestion, need, achievement } = ctx;
  const side = (ownSide: Audience, confidentiality: typeof need.confidentiality, disclosed: boolean): DisclosureLevel =>
    pairSideLevel({ owner: audience === ownSide, assignedManager: audience === 'manager', confidentiality, disclosed });
  const needView = discloseRecord('need', need, side('enterprise', need.confidentiality, ctx.disclosed.need));
  const achievementView = discloseRecord(
    'achievement',
    achievement,
    side('institution', achievement.confidentiality, ctx.disclosed.achievement),
  );
  const organisation = (orgId: string | null) => (orgId ? { id: orgId, name: ctx.orgNames.get(orgId) ?? null } : null);
  const stage = event.toStage ?? suggestion.stage;
  return {
    type,
    eventId: event.id,
    suggestionId: suggestion.id,
    fromStage: event.fromStage,
    stage,
    at: event.at.toISOString(),
    message: `${recordName('need', needView)}与${recordName('achievement', achievementView)}的对接${stageNames[stage] ? `：${stageNames[stage]}` : '有新进展'}`,
    need: {
      id: needView.id,
      title: needView.title,
      chainId: needView.chainId,
      trlMin: needView.trlMin,
      trlMax: needView.trlMax,
      budgetMin: needView.budgetMin,
      budgetMax: needView.budgetMax,
      organisation: organisation(needView.orgId),
      redacted: needView.redacted,
    },
    achievement: {
      id: achievementView.id,
      title: achievementView.title,
      chainId: achievementView.chainId,
      trl: achievementView.trl,
      priceMin: achievementView.priceMin,
      priceMax: achievementView.priceMax,
      organisation: organisation(achievementView.orgId),
      redacted: achievementView.redacted,
    },
  };
}

export type NotificationData = ReturnType<typeof notificationData>;

/** A record by its title, or by what it is when the title is hidden from this audience. */
function recordName(kind: 'need' | 'achievement', view: { title: string | null; confidentiality: string }) {
  if (view.title !== null) return `「${view.title}」`;
  const what = kind === 'need' ? '技术需求' : '科技成果';
  return view.confidentiality === 'confidential' ? `一项保密${what}` : `一项${what}`;
}
