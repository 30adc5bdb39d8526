"""The set-up promise: pyproject.toml and environment.yml list the same packages."""

import re
from pathlib import Path

import pytest
import yaml

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; CI runs 3.11

ROOT = Path(__file__).resolve().parents[1]
CONDA_ONLY = {"python", "pip"}  # the interpreter and installer, not packages of the kit


def name(requirement: str) -> str:
    """'pandas>=2.0,<3' -> 'pandas' (normalised as pip does)."""
    bare = re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", bare).lower()


def pyproject_packages() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    return {name(r) for r in requirements}


def environment_packages() -> set[str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    packages = set()
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            packages |= {name(r) for r in entry["pip"] if not r.startswith("-")}
        else:
            packages.add(name(entry))
    return packages - CONDA_ONLY


def test_environment_yml_lists_the_same_packages_as_pyproject():
    in_pyproject, in_environment = pyproject_packages(), environment_packages()
    assert in_pyproject - in_environment == set(), "missing from environment.yml"
    assert in_environment - in_pyproject == set(), "missing from pyproject.toml"


def test_name_normalisation():
    assert name("scikit-learn>=1.3") == "scikit-learn"
    assert name("Jupyter_Lab >= 4") == "jupyter-lab"
    assert name("pandas>=2.0,<3") == "pandas"


def test_binder_installs_the_package_itself():
    post_build = (ROOT / "postBuild").read_text()
    assert re.search(r"pip install .*-e \.", post_build)
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_readme_binder_badge_opens_lesson_00_of_this_repository():
    readme = (ROOT / "README.md").read_text()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    repository = project["urls"]["Repository"].removeprefix("https://github.com/")
    badge = re.search(r"https://mybinder\.org/v2/gh/([^)\s]+)", readme)
    assert badge, "README has no Binder badge"
    assert badge.group(1).startswith(f"{repository}/HEAD?urlpath=lab/tree/")
    assert badge.group(1).endswith("notebooks/00-start-here.ipynb")
