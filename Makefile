# localgbf: `make run` serves the demo, `make test` runs every check. Both set up .venv first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
UV := $(BIN)/uv
HOST ?= 127.0.0.1
PORT ?= 8000
export LOCALGBF_VAR_DIR ?= $(CURDIR)/var
DEBIAN_PACKAGES := chromium fonts-noto-cjk gettext

.PHONY: run test bench lint typecheck contracts pytest install install-dev install-bench \
        debian-packages messages translations demo clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.run-installed: requirements/run.lock pyproject.toml | $(BIN)/python
	$(UV) pip install --quiet --python $(BIN)/python -r requirements/run.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock pyproject.toml | $(BIN)/python
	$(UV) pip install --quiet --python $(BIN)/python -r requirements/dev.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@ $(VENV)/.run-installed

$(VENV)/.bench-installed: requirements/bench.lock pyproject.toml | $(BIN)/python
	$(UV) pip install --quiet --python $(BIN)/python -r requirements/bench.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@ $(VENV)/.dev-installed $(VENV)/.run-installed

install: $(VENV)/.run-installed translations
install-dev: $(VENV)/.dev-installed translations
install-bench: $(VENV)/.bench-installed translations

## Debian packages the suite needs: installed when we are root, otherwise the command is printed.
debian-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages. Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

## Compile the .po catalogues in the repository into .mo files (pure Python, no gettext needed).
translations: | $(BIN)/python
	@$(BIN)/python -m localgbf.web.i18n_compile

## Extract UI strings into the .po catalogues (needs gettext's xgettext), fill the Chinese from
## tools/i18n/zh_hans/*.yaml, and compile. Lists the msgids that still need a translation.
messages: install-dev
	cd src/localgbf/web && ../../../$(BIN)/localgbf manage makemessages -l zh_Hans -l en --no-location --ignore "*/migrations/*"
	$(BIN)/python tools/i18n/fill_po.py src/localgbf/web/locale/zh_Hans/LC_MESSAGES/django.po tools/i18n/zh_hans/*.yaml
	$(BIN)/python -m localgbf.web.i18n_compile

run: install
	$(BIN)/localgbf manage migrate --no-input
	$(BIN)/localgbf demo
	$(BIN)/localgbf serve --host $(HOST) --port $(PORT) --with-worker

lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

CORE_PACKAGES := frameworks index spatial species assess batch reporting
CORE_DIRS = $(patsubst %/__init__.py,%,$(wildcard $(foreach p,$(CORE_PACKAGES),src/localgbf/$(p)/__init__.py)))

typecheck: install-dev
	$(BIN)/mypy src/localgbf/provenance.py $(CORE_DIRS)

contracts: install-dev
	$(BIN)/lint-imports --no-cache

pytest: install-dev debian-packages
	$(BIN)/pytest -n 2 --dist loadgroup

test: lint typecheck contracts pytest

bench: install-bench
	$(BIN)/python -m benchmarks

## Re-resolve the locked versions after a change to pyproject.toml.
lock: | $(BIN)/python
	$(UV) pip compile pyproject.toml -q --universal --python-version 3.11 -o requirements/run.lock
	$(UV) pip compile pyproject.toml -q --universal --python-version 3.11 --extra dev -o requirements/dev.lock
	$(UV) pip compile pyproject.toml -q --universal --python-version 3.11 --extra dev --extra bench -o requirements/bench.lock

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
