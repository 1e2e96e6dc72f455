import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getAchievement } from '../../matching/achievements/get-achievement.ts';
import { recordVersion } from '../../matching/core/record-version.ts';
import type { AppEnv } from '../env.ts';
import { etagHeader, formatEtag } from '../etag.ts';
import { achievementSchema, bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/achievements/{id}',
  operationId: 'getAchievement',
  tags: ['achievements'],
  summary: '查看成果 Read an achievement',
  description:
    "Others' achievements are shown when published and not confidential; desensitised ones without team or patents.",
  security: bearer,
  request: { params: idParam },
  responses: {
    200: { ...jsonOk(achievementSchema, 'The achievement as this caller may see it'), headers: etagHeader },
    ...problems(401, 404),
  },
});

export function registerGetAchievement(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const achievement = await getAchievement({
      deps: c.get('deps'),
      actor: c.get('actor'),
      id: c.req.valid('param').id,
    });
    c.header('etag', formatEtag(recordVersion('achievement', achievement)));
    return c.json(achievement, 200);
  });
}
