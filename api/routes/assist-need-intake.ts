import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { needIntakeInput } from '../../matching/assist/intake/intake-input.ts';
import { intakeNeed } from '../../matching/assist/intake/intake-need.ts';
import { needIntakeSchema } from '../assist-schemas.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/assist/need-intake',
  operationId: 'assistNeedIntake',
  tags: ['assist'],
  summary: '需求智能采集 Draft a need from free text (enterprise)',
  description:
    'Turns a paragraph (Chinese or English) into a proposed need under `draft`, ready for `POST /v1/needs` once ' +
    'the enterprise has checked it; nothing is saved. With a model configured the draft comes from it under a ' +
    'JSON schema and is checked like `POST /v1/needs`; otherwise, for confidential text, past the daily token ' +
    'budget, or when the model fails, from deterministic rules (keywords, chain classifier, budgets, dates). ' +
    '`source` says which, `reason` why offline.',
  security: bearer,
  request: {
    body: jsonBody(needIntakeInput, 'The enterprise’s own words; `confidentiality` keeps the text from any model.', {
      text: '我司生产动力电池包，现有铝制液冷板重4.2kg，希望减重30%且通过IP67测试，预算50-200万元，2027年6月前完成，倾向联合开发。',
    }),
  },
  responses: { 200: jsonOk(needIntakeSchema, 'The proposed need'), ...problems(400, 401, 403, 413, 415) },
});

export function registerNeedIntake(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const intake = await intakeNeed({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('json') });
    return c.json(intake, 200);
  });
}
