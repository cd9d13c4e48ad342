# One task runner for README, CI and developers (architecture §8.7).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_STORE := reports/demo/analyzer.sqlite

.PHONY: install test lint demo bench score sample clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check analyzer tests tools benchmarks

test: lint
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
