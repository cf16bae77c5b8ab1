# The SAFEGUARD bot as a container image: `npm run start:bot` (the outbox worker in process),
# listening on 3978, its health probe on /readyz. Not built on the machine this was written on
# (no container daemon there): its steps are the ones test/e2e/production-install.test.ts runs and
# checks on every test run (a built tree, `npm ci --omit=dev --ignore-scripts`, the SQLite addon
# from the full install), so what it proves holds here too.

# ---- 1. build: the full install, compiled (lib/) and the tab built (dist/tab) --------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt addon; the compilers are there for when none fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts scripts
COPY src src
COPY tab tab
COPY content content
COPY cards cards
RUN npm run build

# ---- 2. production: only what runs, as the production-install test makes it -----------------------
FROM node:20-bookworm-slim AS production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/lib lib
COPY --from=build /app/dist dist
COPY --from=build /app/content content
COPY --from=build /app/cards cards
COPY --from=build /app/scripts scripts
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# The addon the full install built for this Node, instead of running install scripts again.
COPY --from=build /app/node_modules/better-sqlite3/build node_modules/better-sqlite3/build

# ---- 3. the image: node and the production tree, run as a user who cannot change the code ---------
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PLAYGROUND=off \
    PORT=3978
WORKDIR /app
COPY --from=production --chown=root:root /app /app
# The data folder (a SQLite database and its local key, when DATABASE_URL is not PostgreSQL) is
# the only place the bot writes; the bot keeps it 0700.
RUN mkdir -p /app/data && chown node:node /app/data && chmod 0700 /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node runs as PID 1, with no npm or shell in between, so SIGTERM reaches the bot's graceful shutdown.
# The same as `npm run start:bot`; `npm run doctor` is `node scripts/start.mjs doctor` here.
CMD ["node", "--max-old-space-size=160", "scripts/start.mjs"]
