# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot migrate step (docker-compose.yml picks the command).
# Three stages: dependencies as the lock file says, the TypeScript build, and a runtime with production
# dependencies and dist/ only (no compiler, no tsx, no sources). ADR 0010 says why.
# Pinned to a release, not `22`: a rebuild next month must not change Node under the app. Bump deliberately.
ARG NODE_IMAGE=node:22.22.0-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm ci` fails on any drift between package.json and the lock; there is no fallback to `npm install`.
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY api ./api
COPY matching ./matching
COPY schema ./schema
COPY scripts ./scripts
COPY workers ./workers
RUN npm run build

FROM deps AS production-deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data \
    LOG_FORMAT=json
WORKDIR /app
# package.json marks the project root (a relative DATA_DIR resolves against it) and says "type": "module".
COPY --chown=root:root package.json ./
COPY --from=production-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The code and dependencies stay root-owned and read-only to the app; only the embedded data folder is its own.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# PID 1 is node itself (compose adds `init: true` for signal forwarding and zombie reaping), so SIGTERM
# reaches the app's shutdown handler; never `npm start`, which does not pass signals on.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/scripts/start.js"]
