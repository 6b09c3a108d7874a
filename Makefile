# Two entry points, both of which set up what they need on a fresh machine:
#   make build   - install revpack in .venv and build the sample sources into out/
#   make test    - install revpack with its test tools and run the tests and the linter
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: build test bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(VENV)/bin/revpack build sources -o out

test: $(VENV)/.installed
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

bench: $(VENV)/.installed
	$(PY) benchmarks/bench.py
	$(PY) benchmarks/bench_html.py
	$(PY) benchmarks/warm.py
	$(PY) benchmarks/chart.py
	$(PY) benchmarks/year_group.py

clean:
	rm -rf out $(VENV)
