import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { assistExplainPair } from '../../matching/assist/explain/explain-pair-assist.ts';
import { pairAssistSchema } from '../assist-schemas.ts';
import type { AppEnv } from '../env.ts';
import { bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/suggestions/{id}/assist/explain',
  operationId: 'assistExplainPair',
  tags: ['assist'],
  summary: '匹配说明与联络草稿 Explain a pair and draft the first messages (manager)',
  description:
    'For the pair’s assigned manager or an admin: a Chinese account of why the achievement fits the need, and a ' +
    'first message to each party. A model’s draft is used only if every figure and term it cites occurs in the ' +
    'records (each message: in what its reader may see of the pair), and is cached per pair and model version; ' +
    'otherwise, or for confidential records, the offline account built from the ranker’s explanation answers. ' +
    'Changes nothing about the pair.',
  security: bearer,
  request: { params: idParam },
  responses: { 200: jsonOk(pairAssistSchema, 'The explanation and drafts'), ...problems(401, 403, 404) },
});

export function registerAssistExplain(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const assist = await assistExplainPair({ deps: c.get('deps'), actor: c.get('actor'), id });
    return c.json(assist, 200);
  });
}
