#!/usr/bin/env bash
# What Binder (repo2docker) does with this repository, repeated in a fresh virtual environment:
#   1. no binder/ or .binder/ folder hides the configuration at the top level;
#   2. the packages of environment.yml are installed (here with pip, under the same names);
#   3. postBuild runs, and installs the kit itself;
#   4. the kit imports and finds its data, and lesson 00 - where the Binder badge opens - runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -e binder ] || [ -e .binder ]; then
    echo "A binder/ or .binder/ folder would make repo2docker ignore environment.yml and postBuild."
    exit 1
fi
[ -x postBuild ] || { echo "postBuild must be executable."; exit 1; }
python=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/env"
"$work/env/bin/python" -m pip install --quiet --upgrade "pip>=23"
# shellcheck disable=SC2046
"$work/env/bin/python" -m pip install --quiet $("$python" tools/environment_requirements.py)
PATH="$work/env/bin:$PATH" bash postBuild
"$work/env/bin/python" - <<'PY'
import fairlearn_lite as fl
from fairlearn_lite.datasets import load_study_cohort
environment = fl.check_environment()
assert environment["ok"].all(), environment
assert len(load_study_cohort()) == 5000
print("Binder environment: packages and data OK")
PY
cd "$work" && MPLBACKEND=Agg "$work/env/bin/python" -m pytest -q --nbval-lax -p no:cacheprovider \
    "$OLDPWD/notebooks/00-start-here.ipynb"
echo "Binder check passed: the badge opens notebooks/00-start-here.ipynb in JupyterLab."
