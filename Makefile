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

# The main job on the bundled sample list: ingest, analyze, digest, email (to the outbox).
DEMO_ENV := ANALYZER_OUTPUT_REPORTS=reports/demo ANALYZER_OUTPUT_OUTBOX=reports/demo/outbox
DEMO_WEEK := 2025-W46

demo: install
	@mkdir -p reports/demo
	$(BIN)/analyzer -q --store $(DEMO_STORE) ingest corpora/sample/chapter-leaders
	$(BIN)/analyzer -q --store $(DEMO_STORE) analyze
	$(BIN)/analyzer --store $(DEMO_STORE) stats
	$(BIN)/analyzer --store $(DEMO_STORE) officials -n 8
	$(DEMO_ENV) $(BIN)/analyzer -q --store $(DEMO_STORE) digest --week $(DEMO_WEEK)
	$(DEMO_ENV) $(BIN)/analyzer --store $(DEMO_STORE) send --week $(DEMO_WEEK) --to staff@example.org
	@echo
	@echo "Digest:  reports/demo/chapter-leaders/$(DEMO_WEEK)/digest.html (also .md, .txt, .json, events.ics)"
	@echo "Charts:  reports/demo/chapter-leaders/$(DEMO_WEEK)/charts/"
	@echo "Email:   reports/demo/outbox/ (no SMTP host configured, so the .eml lands there)"

# Each script writes its own sections of benchmarks/RESULTS.md; corpora and stores are
# generated once and cached in benchmarks/.data/ (the 1M corpus takes ~3 min and 2 GB).
BENCH_SCALE ?= 10000,100000,1000000
bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench,dask]'
	$(BIN)/python benchmarks/bench_ingest.py --scale $(BENCH_SCALE)
	$(BIN)/python benchmarks/bench_anatomy.py
	$(BIN)/python benchmarks/bench_nlp.py
	$(BIN)/python benchmarks/bench_digest.py

score: install
	$(BIN)/python benchmarks/score_dev.py

sample: install
	$(BIN)/python tools/generate_sample.py

clean:
	rm -rf $(VENV) reports .pytest_cache .ruff_cache
