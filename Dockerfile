# The app's container: the web process (`npm run docker-start`: migrations, then the server) or, with the
# command `npm run worker`, a worker. docs/production.md ("Containers") shows a deploy with PostgreSQL and Redis.

# Build: every dependency, the Prisma client and the production build, then the dev-only packages pruned.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund \
  && npm run build \
  && npm prune --omit=dev --no-audit --no-fund

# Run: what the build left, as the unprivileged `node` user, which owns it (`npm run setup` regenerates the
# Prisma client at start) and data/, PGlite's folder when DATABASE_URL names no PostgreSQL.
FROM node:22-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
RUN mkdir -p -m 700 /app/data
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["npm", "run", "docker-start"]
