# Lanting: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LANTING := $(BIN)/lanting
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint serve messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the dependencies change; an editable install picks up code edits by itself.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

# The demo is served as production serves (granian, two workers): what a newcomer tries is
# what runs. PORT=8080 make demo serves on another port.
demo: $(VENV)/.installed-serve
	$(LANTING) migrate --no-input
	$(LANTING) collectstatic --no-input --verbosity 0
	$(LANTING) load_demo
	@echo "Serving the Lanting demo on http://$(HOST):$(PORT)/ with its job worker (Ctrl-C stops both)"
	$(LANTING) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/granian --interface wsgi lanting.wsgi:application --workers 2 --blocking-threads 1 \
	  --host $(HOST) --port $(PORT) --no-ws

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy lanting
	$(LANTING) makemigrations --check --dry-run

# The web-standards tests' checkers, from npm: the Nu HTML checker (runs on Java) and axe-core.
TOOLS := var/tools
$(TOOLS)/.installed: Makefile
	mkdir -p $(TOOLS)
	npm install --no-save --no-audit --no-fund --loglevel=error --prefix $(TOOLS) \
	  vnu-jar@26.9.27 axe-core@4.14.1
	touch $@

test: lint $(TOOLS)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

# Rebuild the Chinese catalogue after changing user-facing strings.
APPS_WITH_TEXT := pagecache markup jobs notifications reactions favorites messages core accounts moderation portal forum polls search archiver api demo importers/discuz
messages: $(VENV)/.installed-dev
	for app in $(APPS_WITH_TEXT); do \
	  mkdir -p lanting/$$app/locale && \
	  (cd lanting/$$app && $(abspath $(LANTING)) makemessages --locale zh_Hans --ignore "tests/*" \
	    --no-obsolete --no-location --add-location=never) || exit 1; \
	done
	$(LANTING) compilemessages --locale zh_Hans --ignore ".venv" --ignore "bench"

clean:
	rm -rf $(VENV) var/static

# Production-style serving: the app server the benchmark found faster (README, Benchmarks).
.PHONY: bench bench-quick bench-misago-venv
$(VENV)/.installed-serve: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[serve]"
	touch $@ $(VENV)/.installed

serve: $(VENV)/.installed-serve
	$(LANTING) collectstatic --no-input --verbosity 0
	$(LANTING) migrate --no-input
	$(LANTING) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/granian --interface wsgi lanting.wsgi:application --workers 2 --blocking-threads 1 \
	  --host $(HOST) --port $(PORT) --no-ws

# Benchmarks (bench/run.py): wrk and nginx from Debian (apt-get install -y wrk nginx),
# PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379.
$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	touch $@ $(VENV)/.installed $(VENV)/.installed-serve

# The peer, Misago, in its own virtual environment (its pinned Django is not ours).
bench/.venv-misago/.installed: bench/misago/requirements.txt
	$(PYTHON) -m venv bench/.venv-misago
	bench/.venv-misago/bin/python -m pip install --quiet -r bench/misago/requirements.txt
	touch $@

bench-misago-venv: bench/.venv-misago/.installed

bench-quick: $(VENV)/.installed-bench
	$(MAKE) bench-misago-venv || echo "Misago could not be installed: the peer is reported unavailable"
	$(BIN)/python bench/run.py --scale small --duration 5 --warmup 1

bench: $(VENV)/.installed-bench
	$(MAKE) bench-misago-venv || echo "Misago could not be installed: the peer is reported unavailable"
	$(BIN)/python bench/run.py --scale full --duration 15 --warmup 3
