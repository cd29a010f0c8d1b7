# The two set-up commands of the README: `make run` and `make test`. Each makes .venv if missing.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_HOME := $(CURDIR)/.demo
PORT   ?= 8000

.PHONY: run test lint format bench bytecode demo clean help

help:
	@echo "make run    demo network in .demo/, today's open next steps, web UI on http://127.0.0.1:$(PORT)"
	@echo "make test   dev install, linters, the whole suite (SQLite; PostgreSQL too if WEAKTIES_TEST_POSTGRES is set)"
	@echo "make lint   ruff (format and check) and mypy"
	@echo "make bench  benchmarks that print medians and ratios"
	@echo "make bytecode  byte-compile weakties (run, test and bench do it first)"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when the packaging changes. setup.py builds the optional C kernel of
# the graph engine (weakties/graph/_kernel.c), so editing it reinstalls and recompiles too.
PACKAGING := pyproject.toml setup.py weakties/graph/_kernel.c

$(VENV)/.installed: $(BIN)/python $(PACKAGING)
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# Byte-compile our modules, as pip does when it installs a package but not for an editable
# install: where PYTHONDONTWRITEBYTECODE is set, every command would compile them all again
# (0.1 s each time). Quick when nothing changed; a stale file is simply compiled in memory.
bytecode:
	@$(BIN)/python -m compileall -q weakties

$(VENV)/.installed-dev: $(BIN)/python $(PACKAGING)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

# The benchmarks compare against other graph libraries (the optional extra "bench").
$(VENV)/.installed-bench: $(BIN)/python $(PACKAGING)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $@ $(VENV)/.installed-dev $(VENV)/.installed

run: $(VENV)/.installed bytecode
	@mkdir -p $(DEMO_HOME)
	@# The demo keeps its own data folder (.demo/, ignored by git): a user's real network is never touched.
	@if WEAKTIES_HOME=$(DEMO_HOME) DATABASE_URL= $(BIN)/weakties list --limit 1 --json | grep -q '"id"'; then \
		echo "Demo network already loaded in .demo/"; \
	else \
		WEAKTIES_HOME=$(DEMO_HOME) DATABASE_URL= $(BIN)/weakties demo; \
	fi
	@WEAKTIES_HOME=$(DEMO_HOME) DATABASE_URL= $(BIN)/weakties today
	WEAKTIES_HOME=$(DEMO_HOME) DATABASE_URL= $(BIN)/weakties serve --port $(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff format --check weakties tests bench
	$(BIN)/ruff check weakties tests bench
	$(BIN)/mypy

format: $(VENV)/.installed-dev
	$(BIN)/ruff format weakties tests bench
	$(BIN)/ruff check --fix weakties tests bench

# The suite runs on SQLite, then again on PostgreSQL when WEAKTIES_TEST_POSTGRES names a server
# (for example postgres://postgres@127.0.0.1:5432/postgres). CI requires both and the browser.
test: lint bytecode
	@if [ "$${WEAKTIES_REQUIRE_POSTGRES:-0}" = 1 ] && [ -z "$${WEAKTIES_TEST_POSTGRES:-}" ]; then \
		echo "WEAKTIES_REQUIRE_POSTGRES=1 but WEAKTIES_TEST_POSTGRES is not set"; exit 1; fi
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest -q
	@if [ -n "$${WEAKTIES_TEST_POSTGRES:-}" ]; then \
		echo "== test suite on PostgreSQL =="; \
		DATABASE_URL="$$WEAKTIES_TEST_POSTGRES" $(BIN)/pytest -q -p no:cacheprovider; \
	else \
		echo "(PostgreSQL run skipped: set WEAKTIES_TEST_POSTGRES to run the suite on PostgreSQL too)"; \
	fi

bench: $(VENV)/.installed-bench bytecode
	@for script in bench/*.py; do echo "== $$script =="; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache *.egg-info
