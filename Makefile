# The two set-up commands of the README: `make run` and `make test`.
# Everything installs into .venv from pyproject.toml, pinned by constraints.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install lock bench quality clean stop

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit("policykg needs Python >= 3.11, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## Load the bundled samples and serve the API on http://127.0.0.1:8000 on the embedded store;
## Ctrl-C stops both. Loading is idempotent: a second `make run` adds nothing.
run: $(STAMP)
	$(BIN)/policykg serve $(foreach f,$(wildcard samples/*.txt),--load $(f))

## The whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest

## Extraction quality against the gold annotations of the five samples and of the dev set
## (tests/documents/dev, unseen; precision / recall), and the indicator matcher against its gold.
quality: $(STAMP)
	$(BIN)/python -m tests.quality
	$(BIN)/python -m tests.quality_indicators

## Benchmarks (scripts, not timed tests): loader throughput and memory; graph load and queries
## at national scale (ten synthetic cascades: about 10 minutes and a few GB of memory); the
## API under 32 connections with wrk (Debian package `wrk`; without it an async client stands
## in) on one national cascade, loaded once into /var/tmp/policykg-bench and reused.
bench: $(STAMP)
	$(BIN)/python scripts/bench_loaders.py
	$(BIN)/python scripts/bench_graph.py
	$(BIN)/python scripts/bench_api.py
	$(BIN)/python scripts/bench_sparql.py
	$(BIN)/python scripts/bench_explorer.py

## Stop an embedded store left running by `policykg store start`.
stop: $(STAMP)
	$(BIN)/policykg store stop

## Re-resolve the pinned versions (needs the package index).
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/python -m pip install --quiet -e '.[dev]'
	.lockvenv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
