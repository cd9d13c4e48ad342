# One task runner for README, CI and developers (architecture §8.7).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_STORE := reports/demo/analyzer.sqlite

.PHONY: install test lint demo bench score sample clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check analyzer tests tools benchmarks

# Headless Chromium for tests/test_render_chromium.py: Debian's package, installed once (root).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

test: lint chromium
	$(BIN)/python -m pytest -q

demo: install
	@mkdir -p reports/demo
	$(BIN)/analyzer -q --store $(DEMO_STORE) ingest corpora/sample/chapter-leaders
	$(BIN)/analyzer --store $(DEMO_STORE) stats
	$(BIN)/analyzer --store $(DEMO_STORE) threads -n 10
	$(BIN)/analyzer --store $(DEMO_STORE) export messages -o reports/demo/messages.csv
	$(BIN)/analyzer --store $(DEMO_STORE) export threads -o reports/demo/threads.csv
	@echo
	@echo "Demo store:   $(DEMO_STORE)"
	@echo "Exports:      reports/demo/messages.csv, reports/demo/threads.csv"

bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bench_ingest.py

score: install
	$(BIN)/python benchmarks/score_dev.py

sample: install
	$(BIN)/python tools/generate_sample.py

clean:
	rm -rf $(VENV) reports .pytest_cache .ruff_cache
