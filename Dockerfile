# Production image: the built PWA plus the API. Used by docker-compose.yml for api and worker.
FROM node:20-bookworm-slim AS pwa
WORKDIR /src/pwa
COPY pwa/package.json pwa/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY pwa/ ./
# openapi.json is committed, so the build needs no Python.
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# The same locks as `make run`: uv at its locked version and hashes, then exactly the app's
# locked packages, then the app itself without resolving anything.
COPY requirements/ requirements/
RUN pip install --no-cache-dir --require-hashes -r requirements/uv.txt \
    && uv pip install --system --no-cache --require-hashes -r requirements/app.txt
COPY pyproject.toml README.md ./
COPY api/ api/
COPY alembic/ alembic/
COPY alembic.ini ./
RUN uv pip install --system --no-cache --no-deps . \
    && useradd --system --uid 10001 --home /app winkelpraat \
    && mkdir -p /app/var && chown winkelpraat /app/var
COPY --from=pwa /src/pwa/dist /app/pwa/dist
ENV WINKELPRAAT_PWA_DIST=/app/pwa/dist WINKELPRAAT_VAR_DIR=/app/var
USER winkelpraat
EXPOSE 8000
CMD ["winkelpraat", "serve", "--host", "0.0.0.0", "--port", "8000"]
