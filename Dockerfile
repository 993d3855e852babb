# Production image: the built PWA plus the API. Used by docker-compose.yml for api and worker.
FROM node:20-bookworm-slim AS pwa
WORKDIR /src/pwa
COPY pwa/package.json pwa/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY pwa/ ./
# openapi.json is committed, so the build needs no Python.
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
WORKDIR /app
# The uv the Makefile pins installs exactly what uv.lock says, without the dev group.
RUN pip install --no-cache-dir uv==0.13.10
COPY pyproject.toml uv.lock README.md ./
COPY api/ api/
COPY alembic/ alembic/
COPY alembic.ini ./
RUN uv sync --locked --no-dev --no-editable --no-cache \
    && useradd --system --uid 10001 --home /app winkelpraat \
    && mkdir -p /app/var && chown winkelpraat /app/var
COPY --from=pwa /src/pwa/dist /app/pwa/dist
ENV WINKELPRAAT_PWA_DIST=/app/pwa/dist WINKELPRAAT_VAR_DIR=/app/var PATH=/app/.venv/bin:$PATH
USER winkelpraat
EXPOSE 8000
CMD ["winkelpraat", "serve", "--host", "0.0.0.0", "--port", "8000"]
