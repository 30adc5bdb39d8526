"""The set-up promises for Binder and conda: environment.yml holds what the lessons need and nothing
for tests or benchmarks, pins what matters, and the README's badge follows pyproject.toml."""

import importlib.util
import re
from importlib import metadata
from pathlib import Path

import pytest
import yaml

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; CI runs 3.11

ROOT = Path(__file__).resolve().parents[1]
CONDA_ONLY = {"python", "pip"}  # the interpreter and installer, not packages of the kit


def load_kit():
    """tools/kit.py, the launcher (a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("kit", ROOT / "tools" / "kit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def name(requirement: str) -> str:
    """'pandas>=2.0,<3' -> 'pandas' (normalised as pip does)."""
    bare = re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", bare).lower()


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def environment() -> tuple[dict[str, str], dict[str, str]]:
    """environment.yml as {name: requirement} for the conda packages and for the pip section."""
    entries = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    conda = {name(e): e for e in entries if isinstance(e, str) and name(e) not in CONDA_ONLY}
    pip = {name(r): r for e in entries if isinstance(e, dict) for r in e["pip"]}
    return conda, pip


def dependencies_of(package: str) -> set[str]:
    return {name(r) for r in metadata.requires(package) or [] if "extra ==" not in r}


def environment_problems(conda: dict, pip: dict) -> list[str]:
    """What is wrong with an environment.yml's packages, against pyproject.toml."""
    lessons = {name(r) for r in project()["dependencies"]}
    tools = {name(r) for extra in project()["optional-dependencies"].values() for r in extra}
    listed = set(conda) | set(pip)
    # Beyond the lesson packages only dependencies of the pip packages (served by conda-forge so
    # that pip does not replace them).
    helpers = set().union(*(dependencies_of(p) for p in pip))
    return ([f"lesson package missing: {p}" for p in sorted(lessons - listed)]
            + [f"tool for tests, benchmarks, browser or hub: {p}" for p in sorted(listed & tools)]
            + [f"neither a lesson package nor a helper: {p}"
               for p in sorted(listed - lessons - tools - helpers)])


def test_environment_yml_has_every_lesson_package_and_nothing_for_tests():
    assert environment_problems(*environment()) == []


def test_the_parity_check_catches_a_test_tool_a_stray_and_a_missing_lesson_package():
    conda, pip = environment()
    conda = {**conda, "pytest": "pytest>=8", "aequitas": "aequitas"}
    del conda["pandas"]
    assert environment_problems(conda, pip) == [
        "lesson package missing: pandas", "tool for tests, benchmarks, browser or hub: aequitas",
        "tool for tests, benchmarks, browser or hub: pytest"]
    assert environment_problems({**conda, "pandas": "pandas", "seaborn": "seaborn"}, pip) == [
        "tool for tests, benchmarks, browser or hub: aequitas",
        "tool for tests, benchmarks, browser or hub: pytest",
        "neither a lesson package nor a helper: seaborn"]


def test_dalex_comes_from_pypi_at_a_version_that_works_with_numpy_2():
    conda, pip = environment()
    assert "dalex" not in conda, "conda-forge's newest dalex (1.7.0) breaks lesson 04's plots"
    assert re.search(r">=\s*1\.8", pip["dalex"]), pip["dalex"]
    lesson = next(r for r in project()["dependencies"] if name(r) == "dalex")
    assert re.search(r">=\s*1\.8", lesson)


@pytest.mark.parametrize("package", ["numpy", "pandas", "scikit-learn", "matplotlib", "ipywidgets",
                                     "jupyterlab"])
def test_versions_that_matter_have_an_upper_bound_below_the_next_major(package):
    conda, _ = environment()
    assert "<" in conda[package], conda[package]


def test_name_normalisation():
    assert name("scikit-learn>=1.3") == "scikit-learn"
    assert name("Jupyter_Lab >= 4") == "jupyter-lab"
    assert name("pandas>=2.0,<3") == "pandas"


def test_binder_installs_the_package_and_the_file_browser_settings():
    post_build = (ROOT / "postBuild").read_text()
    assert re.search(r"pip install .*-e \.", post_build)
    assert "tools/kit.py jupyter-config" in post_build
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_check_binder_executes_every_lesson_and_exercise_folder_by_glob():
    script = (ROOT / "tools" / "check_binder.sh").read_text()
    assert "notebooks/*.ipynb" in script and "exercises/*.ipynb" in script


def test_readme_binder_badge_is_the_one_generated_from_pyproject():
    kit = load_kit()
    badge = kit.binder_badge(project()["urls"]["Repository"])
    assert badge in (ROOT / "README.md").read_text()
    assert badge.endswith("/HEAD?urlpath=lab/tree/notebooks/00-start-here.ipynb)")


@pytest.mark.parametrize("url, slug", [
    ("https://github.com/fair-ml-study-data/kit", "fair-ml-study-data/kit"),
    ("https://github.com/a-lecturer/kit-fork.git", "a-lecturer/kit-fork"),
])
def test_binder_badge_follows_the_repository_url(url, slug):
    assert f"https://mybinder.org/v2/gh/{slug}/HEAD?urlpath=" in load_kit().binder_badge(url)


def test_binder_badge_refuses_a_url_that_is_not_github():
    with pytest.raises(ValueError, match="Repository URL must be https://github.com/"):
        load_kit().binder_badge("https://gitlab.com/a/b")
