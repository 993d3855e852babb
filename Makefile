# Winkelpraat: `make run` serves the app, `make test` runs every test. Both set up what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every Python package comes from the lock files in requirements/ (versions and hashes), installed
# by uv, which itself comes from the package registry at the version and hashes in
# requirements/uv.txt (no download script). `make lock` and `make upgrade` write them.
UV := .tools/bin/uv
UV_VERSION := $(shell sed -n 's/^uv==\([0-9.]*\).*/\1/p' requirements/uv.txt)
UV_STAMP := .tools/.uv-$(UV_VERSION)
LOCKS := requirements/app.txt requirements/dev.txt
# One lock for every platform (Linux, macOS, the image) and every file's hash; no index address.
COMPILE := $(UV) pip compile --quiet --universal --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock"
# $(call write_locks,FOLDER,FLAGS): app.txt, then dev.txt at the same versions, into FOLDER.
write_locks = $(COMPILE) pyproject.toml $(2) -o $(1)/app.txt && \
	$(COMPILE) pyproject.toml --group dev -c $(1)/app.txt $(2) -o $(1)/dev.txt
UV_PIP := $(UV) pip --quiet
# A .venv that uv did not make (pip-era, or another Python's) is made anew.
UV_VENV := grep -qs '^uv = ' $(VENV)/pyvenv.cfg || \
	{ rm -rf $(VENV) && $(UV) venv --quiet --python $(PYTHON) $(VENV); }
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PWA_SOURCES := $(shell find pwa/src pwa/public -type f 2>/dev/null) \
	$(wildcard pwa/index.html pwa/vite.config.ts pwa/tsconfig*.json pwa/package.json)

.PHONY: run test test-python test-clock-ahead test-pwa bench lint format openapi chromium clean lock upgrade

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
	$(BIN)/lint-imports --no-cache
	cd pwa && npm run typecheck
	cd pwa && npm run lint:layers

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix api tests bench alembic
	$(BIN)/ruff format api tests bench alembic

## make openapi: refresh pwa/openapi.json and the PWA's generated API types
openapi: $(VENV)/.installed pwa/node_modules/.installed
	$(BIN)/winkelpraat openapi > pwa/openapi.json
	cd pwa && npm run gen:api

$(UV_STAMP): requirements/uv.txt
	rm -rf .tools
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/uv.txt
	touch $@

# Stops the install when pyproject.toml asks for something the locks do not pin as they are:
# resolves again preferring the locked versions and compares them (hashes are checked on install).
.tools/.locks-match: pyproject.toml $(LOCKS) $(UV_STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && cp $(LOCKS) "$$tmp"/ && \
	$(call write_locks,"$$tmp") && \
	pins() { grep -o '^[^ #][^ ]*==[^ ;]*' "$$1"; } && \
	for lock in $(LOCKS); do \
	  diff <(pins $$lock) <(pins "$$tmp/$$(basename $$lock)") >&2 || { \
	    echo "$$lock does not match pyproject.toml: run 'make lock' and commit both." >&2; \
	    exit 1; }; \
	done
	touch $@

# The app's packages; `uv pip install` leaves the dev tools of an earlier `make test` in place.
$(VENV)/.installed: .tools/.locks-match
	$(UV_VENV)
	$(UV_PIP) install --python $(BIN)/python --require-hashes -r requirements/app.txt
	$(UV_PIP) install --python $(BIN)/python --no-deps -e .
	touch $@

# The app and the dev tools exactly as locked: `uv pip sync` removes anything else.
$(VENV)/.installed-dev: .tools/.locks-match
	$(UV_VENV)
	$(UV_PIP) sync --python $(BIN)/python --require-hashes requirements/dev.txt
	$(UV_PIP) install --python $(BIN)/python --no-deps -e .
	touch $@ $(VENV)/.installed

## make lock: write the locks after editing pyproject.toml (keeps every version it can)
lock: $(UV_STAMP)
	$(call write_locks,requirements)
	@echo "Locks written: run make test, then commit pyproject.toml and requirements/ together."

## make upgrade: move every package, uv included, to its newest allowed version
## (make upgrade PACKAGE=fastapi moves one); a deliberate, committed change
upgrade: $(UV_STAMP)
	$(if $(PACKAGE),,echo uv | $(COMPILE) - --upgrade -o requirements/uv.txt)
	$(call write_locks,requirements,$(if $(PACKAGE),--upgrade-package $(PACKAGE),--upgrade))
	@echo "Locks written: run make test, then commit requirements/ (and pyproject.toml)."

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
