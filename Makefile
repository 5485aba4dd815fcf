# Two commands do everything: `make build` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
# Material 9.7+ prints an end-of-life banner about MkDocs 2; we pin mkdocs<2 on purpose.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: build test lint serve check urls new-page translated bench lock chromium clean

build: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP) chromium lint
	$(BIN)/python -m pytest

# Code style and types, run first by `make test`: ruff (lint, then format check) and mypy --strict on src/.
lint: $(STAMP)
	$(BIN)/ruff check src hooks tests bench
	$(BIN)/ruff format --check src hooks tests bench
	$(BIN)/mypy

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Editors: the strict build, readability, spelling, quizzes, links, translations; each as
# docs/page.md:LINE: message. `make check STRICT_REVIEW=1` also fails on a review_due date in the
# past, and on a translation that no longer follows its English page.
check: $(STAMP)
	$(BIN)/python -m therapy_site.check $(if $(filter 1 yes true,$(STRICT_REVIEW)),--strict-review)

# Add the addresses of new pages, sections and quizzes to published-urls.txt (never removes one).
urls: $(STAMP)
	$(BIN)/python -m therapy_site.urls

# Start a page from page-template.md: make new-page NAME=my-topic TITLE="My topic"
new-page: $(STAMP)
	$(BIN)/python -m therapy_site.newpage "$(NAME)" "$(TITLE)"

# Translators: record that a translated page says what its English page says now:
# make translated PAGE=docs/about.es.md (make check warns when the English page changes later).
translated: $(STAMP)
	$(BIN)/python -m therapy_site.translated "$(PAGE)"

# Performance benchmark, not part of `make test` (slow): bench/results.json and the table in
# bench/README.md. Lighthouse comes from bench/package-lock.json. BENCH_ARGS="--only lighthouse" etc.
bench: $(STAMP) chromium
	cd bench && { test -d node_modules || npm ci --no-audit --no-fund; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The browser suite needs Debian's chromium; install it when we can, stop with one clear line when we can't.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null || exit 1; \
	  else \
	    echo "make test needs Chromium: run 'sudo apt-get install -y chromium' and try again." >&2; exit 1; \
	  fi; \
	fi

# Rewrite the lock file from pyproject.toml (needs the network to PyPI).
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --extra test --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf site .pytest_cache
