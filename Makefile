# Winkelpraat: `make run` serves the app, `make test` runs every test. Both set up what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv installs every Python package at the version in uv.lock. It comes from the package registry at
# this pinned version into a small venv of its own (no download script); pyproject.toml requires it.
UV_VERSION := 0.13.10
UV := .tools/bin/uv
UV_STAMP := .tools/.uv-$(UV_VERSION)
# --locked: stop with an error when pyproject.toml and uv.lock disagree, never re-resolve quietly.
UV_SYNC := $(UV) sync --locked --python $(PYTHON)
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PWA_SOURCES := $(shell find pwa/src pwa/public -type f 2>/dev/null) \
	$(wildcard pwa/index.html pwa/vite.config.ts pwa/tsconfig*.json pwa/package.json)

.PHONY: run test test-python test-clock-ahead test-pwa bench lint format openapi chromium clean lock

## make run: install, build the app, migrate, seed demo data, serve on HOST:PORT
run: $(VENV)/.installed pwa/dist/index.html
	$(BIN)/winkelpraat migrate
	$(BIN)/winkelpraat seed-demo
	$(BIN)/winkelpraat serve --host $(HOST) --port $(PORT)

## make test: install what is missing (Chromium included) and run every test, then the Python
## suite again with the clock CLOCK_AHEAD_DAYS ahead (no test may depend on today's date)
test: $(VENV)/.installed-dev pwa/dist/index.html chromium lint test-pwa test-python test-clock-ahead

CLOCK_AHEAD_DAYS ?= 400

test-python: $(VENV)/.installed-dev
	$(BIN)/python -m pytest --cov --cov-report=term

# The browser tests stay on the real clock: Chromium's own clock cannot be moved with Python's.
test-clock-ahead: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -m "not e2e" --clock-shift-days=$(CLOCK_AHEAD_DAYS) -p no:cacheprovider

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

$(UV_STAMP):
	rm -rf .tools
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	touch $@

# The app alone; --inexact leaves the dev tools of an earlier `make test` in place.
$(VENV)/.installed: pyproject.toml uv.lock $(UV_STAMP)
	$(UV_SYNC) --no-dev --inexact
	touch $@

# The app and the dev group, exactly as locked (anything else in .venv is removed).
$(VENV)/.installed-dev: pyproject.toml uv.lock $(UV_STAMP)
	$(UV_SYNC)
	touch $@ $(VENV)/.installed

## make lock: move Python packages to their newest allowed versions (a deliberate, committed change)
lock: $(UV_STAMP)
	$(UV) lock --upgrade --python $(PYTHON)
	@echo "uv.lock updated: run make test, then commit pyproject.toml and uv.lock together."

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
	rm -rf $(VENV) .tools pwa/node_modules bench/lighthouse/node_modules pwa/dist var .pytest_cache .mypy_cache .ruff_cache .coverage
