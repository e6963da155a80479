# syntax=docker/dockerfile:1
# Multi-stage: build with dev dependencies, run compiled JavaScript with production ones only.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# AdminJS writes its component bundle here; a folder without a leading dot (Express 5 refuses dot-folders).
ENV ADMIN_JS_TMP_DIR=/app/adminjs-bundle
RUN mkdir -p /app/adminjs-bundle && chown node:node /app/adminjs-bundle
USER node
EXPOSE 3000
# The compose file runs the server and the worker from this one image with different commands.
CMD ["node", "dist/src/cli/start.js"]
