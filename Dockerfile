# flowpolicy: build with the dev toolchain, run with production dependencies only, as a non-root user.
#   docker build -t flowpolicy .
#   docker run -p 8080:8080 -v flowpolicy-data:/data flowpolicy                    # embedded PGlite in /data
#   docker run -p 8080:8080 -e DATABASE_URL=postgresql://... flowpolicy            # Postgres (N replicas)

FROM node:24-bookworm-slim AS build
WORKDIR /app
# npm ci's postinstall generates the Prisma client (scripts/prisma-generate.mjs, from prisma/schema.prisma).
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# Applied at start (src/database/migrator.ts reads ../../prisma/migrations from dist/database).
COPY --from=build --chown=root:root /app/prisma ./prisma
# The image's own `node` user (uid 1000); only the data folder is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM reports not-ready for SHUTDOWN_DELAY_MS, drains requests in flight (SHUTDOWN_TIMEOUT_MS) and
# exits 0; node is PID 1 and handles it itself. Node 24 imports the Prisma schema engine's WebAssembly
# without --experimental-wasm-modules (npm start keeps it for Node 20) but still warns that it is experimental.
CMD ["node", "--disable-warning=ExperimentalWarning", "--disable-warning=FSTWRN004", "dist/main.js"]
