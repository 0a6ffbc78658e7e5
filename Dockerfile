# syntax=docker/dockerfile:1
# Production image: compiled JavaScript, runtime dependencies only, a non-root user. One image for
# both roles: the web service (the default command) and `node dist/src/main/worker.js`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a code change does not reinstall them. npm ci runs our postinstall,
# scripts/prisma-generate.js, which generates the Prisma client from prisma/schema.prisma into
# src/db/generated (no engine binary is needed or downloaded for that).
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.js ./scripts/
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
COPY scripts ./scripts
# tsc compiles the generated client with the rest (dist/src/db/generated); then dev dependencies go.
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
RUN mkdir -p /data && chown node:node /data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at every start: the schema and migrations (applied through the WebAssembly schema engine in
# node_modules/@prisma/schema-engine-wasm) and the seed's documents. The code finds them by
# walking up from dist/ to the folder holding prisma/schema.prisma.
COPY --from=build /app/prisma ./prisma
USER node
# Members' files (and the embedded database when DATABASE_URL is unset).
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node directly, not through npm, so that `docker stop`'s SIGTERM reaches the service, which
# finishes what it holds and exits.
# Migrations and the seed run at every start, under a PostgreSQL advisory lock shared by all
# instances (web and worker alike), before anything is served.
CMD ["node", "dist/src/main/web.js"]
