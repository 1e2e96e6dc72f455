import { OpenAPIHono } from '@hono/zod-openapi';
import { except } from 'hono/combine';
import { HTTPException } from 'hono/http-exception';
import type { Deps } from '../matching/core/deps.ts';
import { errorLogFields } from '../matching/core/error-log-fields.ts';
import { DomainError } from '../matching/core/errors.ts';
import { toFieldIssues } from '../matching/core/validate.ts';
import { adminJobsPage } from './admin-jobs-page.ts';
import { requireApiKey } from './auth.ts';
import { renderDocsPage } from './docs-page.ts';
import type { AppEnv } from './env.ts';
import { limitBody, requireJsonBody } from './guards.ts';
import { type AppMetrics, httpMetrics, routeLabel } from './metrics.ts';
import {
  completeDocument,
  documentServers,
  documentTags,
  type OpenApiDocument,
  registerDocumentParts,
} from './openapi-document.ts';
import { createPagesApp, pageHeaders } from './pages/pages-app.tsx';
import { domainProblem, problem } from './problem.ts';
import { type RateLimitOptions, rateLimits } from './rate-limit.ts';
import { rejectUnsafeText } from './reject-unsafe-text.ts';
import { requestContext } from './request-context.ts';
import { registerHealthLive } from './routes/health-live.ts';
import { registerHealthReady } from './routes/health-ready.ts';
import { v1Routes } from './routes/index.ts';
import { registerMetrics } from './routes/metrics.ts';
import { pageNonce, securityHeaders } from './security-headers.ts';

export type AppOptions = {
  bodyLimitBytes: number;
  /** This process's metrics, built by the composition root and shared with its job runner. */
  metrics: AppMetrics;
  /** Per-key, per-address and failed-authentication limits; nothing is limited when absent. */
  rateLimit?: RateLimitOptions;
};

const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: '成果转化智能体 Conversion Agent API',
    version: '0.1.0',
    description:
      'Enterprises post technical needs, institutions publish achievements, technology managers work matches. ' +
      'Authenticate with `Authorization: Bearer <key>`. Errors are RFC 9457 problem documents with a stable ' +
      '`code`; messages follow `Accept-Language` (Chinese by default, English available). Every answer carries ' +
      '`X-Request-Id`.',
  },
  servers: documentServers,
  tags: documentTags,
};

export function createApp(deps: Deps, options: AppOptions) {
  const app = new OpenAPIHono<AppEnv>({
    // Request validation failures become the same problem document as domain validation errors.
    defaultHook: (result, c) => {
      if (!result.success)
        return problem(c, { status: 400, code: 'validation_failed', fields: toFieldIssues(result.error) });
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });

  const { metrics } = options;
  metrics.watch({ db: deps.db, jobQueue: deps.jobQueue, logger: deps.logger });
  app.use('*', httpMetrics(metrics));
  // The web pages send their own CSP (their forms post back here); outside the app-wide headers, so it wins.
  app.use('/app/*', pageHeaders);
  app.use('*', securityHeaders());
  app.use('*', requestContext(deps));
  const limits = rateLimits(options.rateLimit);
  app.use('*', limits.byIp);
  app.use('*', limitBody(options.bodyLimitBytes));
  // Page forms post form bodies to their own sub-app; everything else stays JSON-only.
  app.use('*', except('/app/*', requireJsonBody));
  app.use('*', rejectUnsafeText);
  registerHealthLive(app);
  registerHealthReady(app);
  registerMetrics(app, metrics);
  app.use('/v1/*', requireApiKey, limits.byKey);
  for (const register of v1Routes) register(app);
  registerDocumentParts(app);

  // Built on first use, once every route is registered; the routes do not change while the process runs.
  let document: OpenApiDocument | undefined;
  const openApiDocument = () => {
    document ??= completeDocument(app.getOpenAPI31Document(openApiInfo));
    return document;
  };
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/docs', (c) => c.html(renderDocsPage(openApiDocument(), pageNonce(c))));
  app.get('/admin/jobs', (c) => c.html(adminJobsPage(pageNonce(c))));
  app.get('/', (c) => c.redirect('/docs'));
  app.route('/app', createPagesApp());

  app.notFound((c) =>
    problem(c, {
      status: 404,
      code: 'route_not_found',
      reason: 'route',
      params: { method: c.req.method, path: c.req.path },
    }),
  );
  app.onError((error, c) => {
    if (error instanceof DomainError) return domainProblem(c, error);
    if (error instanceof HTTPException) return httpProblem(c, error);
    // Class, code, request id, method and route pattern only: a driver error's message quotes the query's parameters.
    deps.logger.error(
      { error: errorLogFields(error), requestId: c.get('requestId'), method: c.req.method, route: routeLabel(c) },
      'unhandled error',
    );
    return problem(c, { status: 500, code: 'internal_error' });
  });
  return app;
}

/** Hono raises HTTPException for unreadable bodies; those are the caller's fault, never a 500. */
function httpProblem(c: Parameters<typeof problem>[0], error: HTTPException) {
  if (error.status === 400) return problem(c, { status: 400, code: 'malformed_json' });
  if (error.status === 413) return problem(c, { status: 413, code: 'payload_too_large' });
  return problem(c, {
    status: error.status === 401 ? 401 : 400,
    code: error.status === 401 ? 'unauthorized' : 'validation_failed',
  });
}

export type App = ReturnType<typeof createApp>;
