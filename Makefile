# The kit's commands. Everything runs inside the kit's own virtual environment (.venv),
# so the only thing a machine needs is Python 3.10+. Each target calls tools/kit.py, the launcher
# that also works without make (Windows: py tools\kit.py lab), so there is one implementation.
#
#   make lab    install what the lessons need (once) and open JupyterLab on lesson 00
#   make test   add the test tools (once) and run every test, notebooks included
#
# Other targets: precheck, wheelhouse, test-offline, check-binder, test-hub, notebooks, exercises,
# data, slides, handouts, test-browser, bench. `make help` lists them.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PORT   ?= 8888
IP     ?= 127.0.0.1
KIT     = KIT_VENV=$(VENV) $(PYTHON) tools/kit.py

.PHONY: help install install-test precheck handouts lab test lint test-package test-notebooks notebooks \
	exercises data bench slides test-browser screenshots check-binder wheelhouse test-offline test-hub \
	bench-setup clean

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'
	@echo "Other targets: precheck wheelhouse test-offline check-binder test-hub notebooks exercises"
	@echo "               data slides handouts test-browser screenshots bench bench-setup lint clean"

# Installs are no-ops when nothing changed (kit.py keeps a record in .venv).
install:
	@$(KIT) install

install-test:
	@$(KIT) install --extras test

# The participants' pre-check at home: Python, the packages, the data, a widget, JupyterLab.
# Without make: py tools\kit.py precheck (Windows), python3 tools/kit.py precheck (macOS, Linux).
precheck:
	@$(KIT) precheck

# Opens a browser only where there is a screen; on a server, open the printed address yourself.
lab:
	@$(KIT) lab --ip $(IP) --port $(PORT)

test:
	@$(KIT) test

lint:
	@$(KIT) test lint

test-package:
	@$(KIT) test package

test-notebooks:
	@$(KIT) test notebooks

# Every wheel the lessons need, for Linux, macOS (Intel, Apple silicon) and Windows and every
# supported Python, in wheelhouse/ (a USB stick for a room without internet).
# Narrow it with: make wheelhouse PLATFORMS=linux PYTHONS=3.11
PLATFORMS ?= linux,macos-intel,macos-arm,windows
PYTHONS   ?= 3.10,3.11,3.12,3.13
wheelhouse:
	@$(KIT) wheelhouse --platforms $(PLATFORMS) --pythons $(PYTHONS)

# A fresh clone installs from wheelhouse/ and starts JupyterLab with the network cut off (unshare -n).
test-offline:
	PYTHON=$(PYTHON) bash tools/test_offline.sh

# Re-execute the lessons and solutions in place (after a change to the code they use),
# then regenerate the student notebooks from the solutions.
# (No MPLBACKEND here: the kernel's inline backend is what puts the figures into the notebooks.)
notebooks: install-test
	env -u MPLBACKEND $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		notebooks/*.ipynb $$(ls solutions/*.ipynb 2>/dev/null)
	@if ls solutions/*.ipynb >/dev/null 2>&1; then $(MAKE) exercises; fi

# Student notebooks are generated from the solution notebooks.
exercises: install-test
	$(BIN)/python -m fairlearn_lite.exercises.build solutions exercises --execute

# The shipped CSVs are regenerated from the seeded generators.
data: install-test
	$(BIN)/python -m fairlearn_lite.datasets.build data

# Slide decks from the lessons for a 1280x720 projector, working offline (the first build fetches
# reveal.js & co. from npm). Widget slides link to notebooks/live/ in `make lab` on $(PORT).
slides: install-test
	$(BIN)/python tools/build_slides.py --out slides-build --port $(PORT)

# Printable PDFs in handouts/: a handout per lesson (no code) and a one-page cheat sheet,
# printed offline by Debian's chromium (sudo apt-get install chromium).
handouts: install-test
	$(BIN)/python tools/build_handouts.py --out handouts

# JupyterLab and a slide deck in Debian's chromium, driven by Playwright.
test-browser: slides
	@$(KIT) install --extras test,browser
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
		else echo "Please install Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }
	$(BIN)/python -m pytest -q -p no:cacheprovider tests_browser

# Refresh the screenshots linked from the README (docs/screenshots).
screenshots:
	SCREENSHOT_DIR=docs/screenshots $(MAKE) test-browser

# What Binder does, in a fresh virtual environment: the packages of environment.yml, then postBuild.
check-binder: install-test
	bash tools/check_binder.sh

bench:
	@$(KIT) install --extras test,bench
	$(BIN)/python benchmarks/run.py

# Time from a fresh clone until JupyterLab answers: uv, pip, and the wheelhouse offline.
bench-setup:
	$(PYTHON) benchmarks/setup_time.py

# A real JupyterHub on 127.0.0.1 (hub/): several users log in, each runs lesson 02.
test-hub:
	@$(KIT) install --extras test,hub
	$(BIN)/python hub/test_hub.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
