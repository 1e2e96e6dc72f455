import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listNeedSuggestions } from '../../matching/queue/list-need-suggestions.ts';
import { partyPairsInput } from '../../matching/queue/party-input.ts';
import type { AppEnv } from '../env.ts';
import { needSuggestionsPageSchema } from '../queue-schemas.ts';
import { bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/needs/{id}/suggestions',
  operationId: 'listNeedSuggestions',
  tags: ['needs'],
  summary: '需求的推荐成果 Achievements accepted for my need (enterprise)',
  description:
    'Pairs a manager has accepted, with the reasons and how far each has got. Achievements are shown by their ' +
    'confidentiality: desensitised without the institution, team and patents; confidential as id and chain only. ' +
    '`progress` says the need is being worked: candidates under review and accepted pairs under way. Candidates ' +
    'a manager turned down are neither listed nor counted.',
  security: bearer,
  request: { params: idParam, query: partyPairsInput },
  responses: {
    200: jsonOk(needSuggestionsPageSchema, 'Best score first, with the progress summary'),
    ...problems(400, 401, 404),
  },
});

export function registerListNeedSuggestions(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const input = c.req.valid('query');
    const page = await listNeedSuggestions({ deps: c.get('deps'), actor: c.get('actor'), id, input });
    return c.json(page, 200);
  });
}
