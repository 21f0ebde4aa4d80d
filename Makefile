# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1

.PHONY: run warm test bench lint format clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Before the server starts: compute every page's default and demo runs once (skipped when the
# disk cache already holds them for this code), so the first click of a class is instant.
warm: $(VENV)/.runtime
	$(PY) -m lstm_viz.warm

run: warm
	$(PY) -m streamlit run app.py --browser.gatherUsageStats false

test: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m lstm_viz.warm
	$(PY) -m pytest

bench: $(VENV)/.runtime
	$(PY) -m bench

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) build .cache .pytest_cache .ruff_cache

# N Streamlit replicas behind Debian's nginx on this machine (deploy/README.md): make serve-class N=4
N ?= 2
.PHONY: serve-class
serve-class: $(VENV)/.runtime
	PYTHON=$(PY) deploy/serve_class.sh $(N)
