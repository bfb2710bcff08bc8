# Markedsplassen — the two commands a newcomer needs: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site serve test check lint bench clean

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

## the whole test suite (installs what it needs first)
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/zizmor --offline .github/workflows
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/check_vs_parse.py

clean:
	rm -rf $(VENV) site site.tmp .pytest_cache .mypy_cache
