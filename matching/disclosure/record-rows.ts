import type { achievements } from '../../schema/achievements.ts';
import type { needs } from '../../schema/needs.ts';

export type NeedRow = typeof needs.$inferSelect;
export type AchievementRow = typeof achievements.$inferSelect;
