# newsbot: `make chat` to talk to the bot in a terminal, `make test` to check everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: setup chat run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@ $(DEV_STAMP) $(STAMP)

setup: $(DEV_STAMP) ## create .venv with the project and its dev tools
	@test -f .env || { cp .env.example .env; echo "created .env from .env.example: put your token in it"; }

chat: $(STAMP) ## chat with the bot in this terminal (no token needed)
	@$(BIN)/newsbot chat

run: $(STAMP) ## run the Telegram bot (token from .env)
	@$(BIN)/newsbot run

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: lint ## ruff, mypy and pytest
	$(BIN)/pytest -q

bench: $(BENCH_STAMP) ## benchmarks: table on stdout, JSON under bench-results/
	$(BIN)/python -m tests.benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache bench-results
