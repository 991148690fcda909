# Two commands do everything: `make serve` and `make test`. See README.md.
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
export NO_MKDOCS_2_WARNING = 1

.DEFAULT_GOAL := help
.PHONY: help install lock serve build test test-fast lint format validate review-ages bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# Every Python package comes from requirements.lock, each file checked against its hash;
# the project itself is then installed without resolving anything again (--no-deps).
$(STAMP): pyproject.toml requirements.lock package.json package-lock.json
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP) ## Create/refresh the local virtual environment and node_modules

lock: $(STAMP) ## Pin every Python package (with hashes) in requirements.lock after changing pyproject.toml
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --generate-hashes \
	  --python-version 3.11 --quiet -o requirements.lock

serve: $(STAMP) ## Build and serve the site on http://127.0.0.1:8000 with live reload
	$(PY) hooks/mkdocs_cli.py serve --livereload --dev-addr 127.0.0.1:8000

# A published site must name its own address, never the preview's 127.0.0.1: no default here.
# All or nothing: the site is built beside site/ and takes its place only when the build
# succeeded, so a failed build leaves the previous good site/ as it was. Even when killed:
# a build stopped between its two renames leaves the last good site in .site.old, and the
# next build first puts it back (tests/site/test_build_killed.py stops one at each step).
build: $(STAMP) ## Build the site into site/ in strict mode, for SITE_URL (site/ changes only on success)
	@if [ ! -d site ] && [ -d .site.old ]; then mv .site.old site; echo "make build: put back site/ from .site.old (a build had been stopped)"; fi
	@test -n "$$SITE_URL" || { echo "make build: SITE_URL is not set. Say where the site will be published: SITE_URL=https://example.org/ make build (to look at it on this computer: make serve)"; exit 2; }; echo "make build: building for $$SITE_URL"
	rm -rf .site.new .site.old
	$(PY) hooks/mkdocs_cli.py build --strict --site-dir .site.new || { rm -rf .site.new; exit 1; }
	if [ -d site ]; then mv site .site.old; fi
	mv .site.new site
	rm -rf .site.old

validate: $(STAMP) ## Check every data file, the firm's details and every criteria file without building the site
	$(PY) hooks/validate.py

review-ages: $(STAMP) ## List pages by the date they were last reviewed, oldest first
	$(PY) hooks/review_ages.py

chromium: ## Make sure Debian's chromium is there (installs it when run as root)
	@test -x "$(CHROMIUM)" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "No Chromium at $(CHROMIUM): run 'sudo apt-get install chromium' or set CHROMIUM=/path/to/chromium"; exit 1; fi; }

test: $(STAMP) chromium ## Install what the tests need and run all of them (browser included)
	$(VENV)/bin/ruff check hooks bench tests
	$(VENV)/bin/pytest

test-fast: $(STAMP) ## Quick local loop: everything but the real-browser tests
	$(VENV)/bin/pytest -m "not browser"

lint: $(STAMP) ## Lint the Python code
	$(VENV)/bin/ruff check hooks bench tests
	$(VENV)/bin/ruff format --check hooks bench tests

format: $(STAMP) ## Format the Python code
	$(VENV)/bin/ruff format hooks bench tests
	$(VENV)/bin/ruff check --fix hooks bench tests

bench: $(STAMP) chromium ## Measure page weight, Lighthouse scores, hook overhead and scale against the budgets
	$(PY) bench/bench.py

clean: ## Remove the built site, the build cache and the virtual environment
	rm -rf site .cache $(VENV) node_modules artifacts
