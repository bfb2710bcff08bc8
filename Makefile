# Markedsplassen — the two commands a newcomer needs: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site serve test check lint forms-check lock bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## check the example catalogue (and any edits you made)
check: $(STAMP)
	$(BIN)/markedsplass check

## check the data, then build the site into site/ (writes nothing if the check fails)
site: $(STAMP)
	$(BIN)/markedsplass build --out site

## build the site into site/, serve it on http://127.0.0.1:8000 and rebuild when a record changes
serve: $(STAMP)
	$(BIN)/markedsplass serve --out site

## the whole test suite (installs what it needs first): lint, format, types, import
## contracts, workflow audit, then pytest with the coverage floor
test: lint
	$(BIN)/zizmor --offline .github/workflows
	$(BIN)/python -m pytest -q --cov --cov-report=term:skip-covered

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## the issue forms in .github/ISSUE_TEMPLATE/ match generator/data/
forms-check: $(STAMP)
	$(BIN)/markedsplass github forms --check --out .github/ISSUE_TEMPLATE

## the hashed lock of the runtime dependencies (and setuptools, to build the package
## without fetching anything unpinned), installed with --require-hashes by the
## workflows that publish or judge
lock: $(STAMP)
	echo "setuptools>=69" | $(BIN)/uv pip compile pyproject.toml - --generate-hashes \
	    --python-version 3.11 --quiet --custom-compile-command "make lock" -o requirements.lock

bench: $(STAMP)
	$(BIN)/python benchmarks/check_vs_parse.py

## the README's screenshots of the example site (needs Debian's chromium)
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) site site.tmp .pytest_cache .mypy_cache
