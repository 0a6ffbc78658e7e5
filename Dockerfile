# syntax=docker/dockerfile:1
# Production image: compiled JavaScript, runtime dependencies only, a non-root user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a code change does not reinstall them. postinstall generates the Prisma
# client from prisma/schema.prisma (no engine binary is downloaded).
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.js ./scripts/
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
RUN mkdir -p /data && chown node:node /data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Migrations, the schema and the seed's documents are read at start.
COPY --from=build /app/prisma ./prisma
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations and the seed run at every start, under a lock shared by all instances.
CMD ["node", "dist/src/main/web.js"]
