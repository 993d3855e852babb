# Winkelpraat: `make run` serves the app, `make test` runs every test. Both set up what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PWA_SOURCES := $(shell find pwa/src pwa/public -type f 2>/dev/null) \
	$(wildcard pwa/index.html pwa/vite.config.ts pwa/tsconfig*.json pwa/package.json)

.PHONY: run test test-python test-pwa bench lint format openapi chromium clean

## make run: install, build the app, migrate, seed demo data, serve on HOST:PORT
run: $(VENV)/.installed pwa/dist/index.html
	$(BIN)/winkelpraat migrate
	$(BIN)/winkelpraat seed-demo
	$(BIN)/winkelpraat serve --host $(HOST) --port $(PORT)

## make test: install what is missing (Chromium included) and run every test
test: $(VENV)/.installed-dev pwa/dist/index.html chromium lint test-pwa test-python

test-python: $(VENV)/.installed-dev
	$(BIN)/python -m pytest --cov --cov-report=term

# The shell's size budget (60 KB of JS+CSS gzipped) fails the tests, not just the benchmark.
test-pwa: pwa/node_modules/.installed pwa/dist/index.html
	cd pwa && npm run typecheck && npm test && npm run size

## make bench: speed figures as numbers and ratios (no pass/fail on time)
bench: $(VENV)/.installed-dev pwa/dist/index.html chromium bench/lighthouse/node_modules/.installed
	$(BIN)/python -m bench

# Lighthouse is big and only the benchmark uses it: its own package, out of every `make test`.
bench/lighthouse/node_modules/.installed: bench/lighthouse/package.json bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund
	touch $@

lint: $(VENV)/.installed-dev pwa/node_modules/.installed
	$(BIN)/ruff check api tests bench alembic
	$(BIN)/ruff format --check api tests bench alembic
	$(BIN)/mypy
	cd pwa && npm run typecheck

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix api tests bench alembic
	$(BIN)/ruff format api tests bench alembic

## make openapi: refresh pwa/openapi.json and the PWA's generated API types
openapi: $(VENV)/.installed pwa/node_modules/.installed
	$(BIN)/winkelpraat openapi > pwa/openapi.json
	cd pwa && npm run gen:api

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

pwa/node_modules/.installed: pwa/package.json pwa/package-lock.json
	cd pwa && npm ci --no-audit --no-fund
	touch $@

pwa/dist/index.html: pwa/node_modules/.installed $(PWA_SOURCES)
	cd pwa && npm run build
	touch $@

# Debian's Chromium drives the browser tests; nothing downloads a browser of its own.
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-liberation; }

clean:
	rm -rf $(VENV) pwa/node_modules bench/lighthouse/node_modules pwa/dist var .pytest_cache .mypy_cache .ruff_cache .coverage
