# The kit's commands. Everything runs inside a local virtual environment (.venv),
# so the only thing a machine needs is Python 3.10+ with pip.
#
#   make precheck  install (once) and check a laptop is ready: one ✓ or ✗ line per check
#   make lab    install (once) and open JupyterLab on the first lesson
#   make test   install (once) and run every test, notebooks included
#
# Other targets: notebooks, exercises, data, slides, test-browser, check-binder, bench.
# `make help` lists them.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PORT   ?= 8888
IP     ?= 127.0.0.1
START  ?= notebooks/00-start-here.ipynb

# The install is redone only when pyproject.toml changes (or .venv is removed).
STAMP = $(VENV)/.installed-test

.PHONY: help install precheck handouts lab test lint test-package test-notebooks notebooks exercises data bench \
	slides test-browser screenshots check-binder clean

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'
	@echo "Other targets: notebooks (re-execute) exercises data slides handouts test-browser screenshots"
	@echo "               check-binder bench lint clean"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

install: $(STAMP)

# The participants' pre-check at home: Python, the packages, the data, a widget, JupyterLab.
# Without make (Windows): .venv\Scripts\python fairlearn_lite\precheck.py
precheck: install
	$(BIN)/python fairlearn_lite/precheck.py

# Opens a browser only where there is a screen; on a server, open the printed URL yourself.
# (Containers often run as root, which JupyterLab refuses unless told it is intended.)
lab: install
	@echo ""
	@echo "Starting JupyterLab on $(START)"
	@echo "Open the http://$(IP):$(PORT)/lab/... URL printed below (it carries your login token)."
	@echo "Stop with Ctrl+C."
	@echo ""
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" = Darwin ]; then flags=""; else flags="--no-browser"; fi; \
	if [ "$$(id -u)" = 0 ]; then flags="$$flags --allow-root"; fi; \
	$(BIN)/jupyter lab $$flags --ip=$(IP) --port=$(PORT) --ServerApp.root_dir=. $(START)

test: install lint test-package test-notebooks

lint: install
	$(BIN)/ruff check .

test-package: install
	$(BIN)/python -m pytest -q tests fairlearn_lite

test-notebooks: install
	MPLBACKEND=Agg $(BIN)/python -m pytest -q --nbval-lax -p no:cacheprovider notebooks solutions exercises

# Re-execute the lessons and solutions in place (after a change to the code they use),
# then regenerate the student notebooks from the solutions.
# (No MPLBACKEND here: the kernel's inline backend is what puts the figures into the notebooks.)
notebooks: install
	env -u MPLBACKEND $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		notebooks/*.ipynb $$(ls solutions/*.ipynb 2>/dev/null)
	@if ls solutions/*.ipynb >/dev/null 2>&1; then $(MAKE) exercises; fi

# Student notebooks are generated from the solution notebooks.
exercises: install
	$(BIN)/python -m fairlearn_lite.exercises.build solutions exercises --execute

# The shipped CSVs are regenerated from the seeded generators.
data: install
	$(BIN)/python -m fairlearn_lite.datasets.build data

# Slide decks from the lessons for a 1280x720 projector, working offline (the first build fetches
# reveal.js & co. from npm). Widget slides link to notebooks/live/ in `make lab` on $(PORT).
slides: install
	$(BIN)/python tools/build_slides.py --out slides-build --port $(PORT)

# Printable PDFs in handouts/: a handout per lesson (no code) and a one-page cheat sheet,
# printed offline by Debian's chromium (sudo apt-get install chromium).
handouts: install
	$(BIN)/python tools/build_handouts.py --out handouts

# JupyterLab and a slide deck in Debian's chromium, driven by Playwright.
BROWSER_STAMP = $(VENV)/.installed-browser
$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,browser]"
	@touch $@

test-browser: $(BROWSER_STAMP) slides
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
		else echo "Please install Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }
	$(BIN)/python -m pytest -q -p no:cacheprovider tests_browser

# Refresh the screenshots linked from the README (docs/screenshots).
screenshots:
	SCREENSHOT_DIR=docs/screenshots $(MAKE) test-browser

# What Binder does, in a fresh virtual environment: the packages of environment.yml, then postBuild.
check-binder:
	bash tools/check_binder.sh

bench: install
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
