#!/usr/bin/env bash
# What Binder (repo2docker) does with this repository, repeated in a fresh virtual environment:
#   1. no binder/ or .binder/ folder hides the configuration at the top level;
#   2. the packages of environment.yml are installed (here from PyPI under the same names and
#      version bounds, the pip section as it is);
#   3. postBuild runs: it installs the kit and the file-browser settings;
#   4. every lesson and exercise notebook (the folders, globbed) executes in that environment.
# The test runner (pytest with nbval) is added on top: Binder sessions do not get it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -e binder ] || [ -e .binder ]; then
    echo "A binder/ or .binder/ folder would make repo2docker ignore environment.yml and postBuild."
    exit 1
fi
[ -x postBuild ] || { echo "postBuild must be executable."; exit 1; }
kit_python=${PYTHON:-.venv/bin/python}
binder_python=${BINDER_PYTHON:-python3.11}   # environment.yml pins python=3.11
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t requirements < <("$kit_python" tools/environment_requirements.py)
echo "check-binder: installing environment.yml's packages: ${requirements[*]}"
"$binder_python" -m venv "$work/env"
env_python="$work/env/bin/python"
if [ -x .venv/bin/uv ]; then
    install=(.venv/bin/uv pip install --quiet --python "$env_python")
else
    install=("$env_python" -m pip install --quiet --disable-pip-version-check)
fi
"${install[@]}" "${requirements[@]}"
PATH="$work/env/bin:$PATH" bash postBuild
"$env_python" - <<'PY'
import json, sys
from importlib import metadata
from pathlib import Path
import fairlearn_lite as fl
from fairlearn_lite.datasets import load_study_cohort
environment = fl.check_environment()
assert environment["ok"].all(), environment
assert len(load_study_cohort()) == 5000
for tool in ("pytest", "nbval", "ruff", "hypothesis", "playwright", "aequitas", "jupyterhub"):
    assert tool not in {d.metadata["Name"].lower() for d in metadata.distributions()}, tool
config = json.loads((Path(sys.prefix) / "etc/jupyter/jupyter_server_config.json").read_text())
assert "tests" in config["ContentsManager"]["hide_globs"]
print(f"Binder environment: dalex {metadata.version('dalex')}, numpy {metadata.version('numpy')}, "
      f"pandas {metadata.version('pandas')}; no test tools; packages, data and settings OK")
PY
"${install[@]}" "pytest>=8" "nbval>=0.11"
notebooks=(notebooks/*.ipynb exercises/*.ipynb)
echo "check-binder: executing ${#notebooks[@]} notebooks: ${notebooks[*]}"
# shellcheck disable=SC2164
cd "$work" && MPLBACKEND=Agg "$env_python" -m pytest -q --nbval-lax -p no:cacheprovider \
    "${notebooks[@]/#/$OLDPWD/}"
echo "Binder check passed: every lesson and exercise notebook runs with environment.yml's packages."
