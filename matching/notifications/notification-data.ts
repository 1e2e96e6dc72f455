import { toAchievementView } from '../achievements/achievement-view.ts';
import { toNeedView } from '../needs/need-view.ts';
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
 * The notification body for one audience. The institution never gets more of the need than the need view
 * gives it (a desensitised or confidential need: no enterprise identity, no private fields), and the
 * enterprise never more of the achievement than the achievement view. Owners and the manager see both in full.
 */
export function notificationData(ctx: EventContext, type: WebhookEvent, audience: Audience) {
  const { event, suggestion, need, achievement } = ctx;
  const needView = toNeedView(
    audience !== 'institution' ? 'full' : need.confidentiality === 'public' ? 'public' : 'desensitised',
    need,
  );
  const achievementView = toAchievementView(
    audience !== 'enterprise' ? 'full' : achievement.confidentiality === 'public' ? 'public' : 'desensitised',
    achievement,
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
    message: `「${needView.title}」与「${achievementView.title}」的对接${stageNames[stage] ? `：${stageNames[stage]}` : '有新进展'}`,
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
