import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { updateAchievementInput } from '../../matching/achievements/achievement-input.ts';
import { updateAchievement } from '../../matching/achievements/update-achievement.ts';
import { recordVersion } from '../../matching/core/record-version.ts';
import type { AppEnv } from '../env.ts';
import { etagHeader, formatEtag, ifMatchHeader, parseIfMatch, preconditionFailed } from '../etag.ts';
import { achievementSchema, bearer, idParam, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'patch',
  path: '/v1/achievements/{id}',
  operationId: 'updateAchievement',
  tags: ['achievements'],
  summary: '修改成果 Update an achievement (own institution)',
  description: 'Send the ETag of your last read as If-Match to update only that version (412 otherwise).',
  security: bearer,
  request: {
    params: idParam,
    headers: ifMatchHeader,
    body: jsonBody(updateAchievementInput, 'Only the fields to change; the others keep their values.', {
      trl: 8,
      priceMax: 240,
    }),
  },
  responses: {
    200: { ...jsonOk(achievementSchema, 'The updated achievement'), headers: etagHeader },
    ...problems(400, 401, 404, 409, 413, 415),
    ...preconditionFailed,
  },
});

export function registerUpdateAchievement(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const ifVersion = parseIfMatch(c.req.header('if-match'));
    const achievement = await updateAchievement({
      deps: c.get('deps'),
      actor: c.get('actor'),
      id: c.req.valid('param').id,
      input,
      ifVersion,
    });
    c.header('etag', formatEtag(recordVersion('achievement', achievement)));
    return c.json(achievement, 200);
  });
}
