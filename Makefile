# The two commands of the README: `make run` (install, load the bundled corpus, report)
# and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/pst load data/corpus
	$(BIN)/pst query plan-summary

# The type check: mypy on pstkg/, loaders/ and api/ under their package names (tests/typecheck.py).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m tests.typecheck
	$(BIN)/python -m pytest

# The benchmarks of bench/ (issue #7): regions of 250 and 1,000 plans, results in bench/results/.
bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
