"""Check that this Python has what the lessons need: lesson 00's table and the home pre-check.

The pre-check runs before a workshop, at home, with one command::

    make precheck                                   (Linux, macOS)
    .venv\\Scripts\\python fairlearn_lite\\precheck.py  (Windows, or anywhere without make)

Each line says ✓, or ✗ and what to do; the exit code is 0 when everything is
ready and 1 otherwise. This module imports only the standard library at the
top, so the pre-check still reports clearly when a package is missing.
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

INSTALL = ("run `make install` (Windows: `.venv\\Scripts\\python -m pip install -e .`) "
           "with internet, then run this check again")


@dataclass(frozen=True)
class Check:
    """One line of the pre-check: what was checked, whether it passed, and what to do if not."""

    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        """The line as printed: ``✓ name: detail`` or ``✗ name: detail — fix``."""
        if self.ok:
            return f"✓ {self.name}: {self.detail}"
        return f"✗ {self.name}: {self.detail} — {self.fix}"


def _requirement_rows() -> list[dict]:
    """Python and every required package: installed version, required range, ok."""
    from packaging.requirements import Requirement

    rows = [{"package": "python", "installed": sys.version.split()[0], "required": ">=3.10",
             "ok": sys.version_info >= (3, 10)}]
    for line in metadata.requires("fairlearn-lite") or []:
        requirement = Requirement(line)
        if requirement.marker is not None:  # an optional extra, such as [test]
            continue
        try:
            installed = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            installed = None
        ok = installed is not None and requirement.specifier.contains(installed, prereleases=True)
        rows.append({"package": requirement.name, "installed": installed or "missing",
                     "required": str(requirement.specifier) or "any", "ok": ok})
    return rows


def check_environment():
    """One row per required package: the version found, the version required, and OK or not.

    The requirements are read from the kit's own package metadata (pyproject.toml),
    so this never disagrees with what ``make lab`` installs. A package is OK when
    it is installed and its version satisfies the requirement, for example
    ``pandas 2.2.3`` satisfies ``<3,>=2.0``. Optional extras (such as the test
    tools) are left out. Python itself is the first row and needs 3.10 or newer.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``package``, with the columns ``installed`` (the version, or
        ``"missing"``), ``required`` (the version range, or ``"any"``) and
        ``ok`` (True or False).

    References
    ----------
    .. [1] PEP 508, Dependency specification for Python software packages,
       and PEP 440, Version identification and dependency specification
       (the rules ``packaging`` applies to compare the versions).

    Examples
    --------
    >>> from fairlearn_lite import check_environment
    >>> table = check_environment()
    >>> list(table.columns)
    ['installed', 'required', 'ok']
    >>> table.index[0], table.loc["python", "required"]
    ('python', '>=3.10')
    >>> "pandas" in table.index
    True

    In lesson 00, ``table[~table["ok"]]`` lists what still needs installing.
    """
    import pandas as pd

    return pd.DataFrame(_requirement_rows()).set_index("package")


def _check_packages() -> list[Check]:
    """Python and the packages, one line each (one line only if the kit is not installed)."""
    python = sys.version.split()[0]
    lines = [Check("Python", sys.version_info >= (3, 10), python,
                   "install Python 3.10 or newer (python.org), then rebuild the .venv")]
    try:
        rows = _requirement_rows()[1:]
    except metadata.PackageNotFoundError:
        return [*lines, Check("the kit", False, "fairlearn-lite is not installed", INSTALL)]
    except ImportError as error:
        return [*lines, Check("packages", False, f"cannot compare versions ({error})", INSTALL)]
    for row in rows:
        lines.append(Check(row["package"], row["ok"],
                           f"{row['installed']} (needs {row['required']})", INSTALL))
    return lines


def _check_data() -> Check:
    """The four shipped datasets load."""
    try:
        from fairlearn_lite import datasets

        sizes = [len(load()) for load in (datasets.load_study_cohort, datasets.load_selection_case,
                                          datasets.load_mbo_dropout, datasets.load_grant_check)]
    except Exception as error:  # noqa: BLE001 - any failure is reported, not raised
        return Check("data files", False, f"{type(error).__name__}: {error}",
                     "download the kit again (the data/ folder must be complete)")
    return Check("data files", True, f"4 datasets load ({sum(sizes)} rows)")


def _check_widget() -> Check:
    """A slider and the kit's selection widget can be built."""
    try:
        import matplotlib

        matplotlib.use("Agg")  # no window: this only builds the widget
        import ipywidgets

        from fairlearn_lite.widgets import SelectionWidget

        ipywidgets.IntSlider(value=1)
        SelectionWidget()
    except Exception as error:  # noqa: BLE001 - any failure is reported, not raised
        return Check("widgets", False, f"{type(error).__name__}: {error}", INSTALL)
    return Check("widgets", True, "a slider and the selection widget can be built")


def _check_lab() -> Check:
    """JupyterLab and its widget extension are installed, and its command is there."""
    try:
        versions = [metadata.version("jupyterlab"), metadata.version("jupyterlab_widgets")]
    except metadata.PackageNotFoundError as error:
        return Check("JupyterLab", False, f"{error.name or error} is missing", INSTALL)
    scripts = Path(sysconfig.get_path("scripts"))
    command = shutil.which("jupyter-lab", path=str(scripts)) or shutil.which("jupyter-lab")
    if command is None:
        return Check("JupyterLab", False, f"{versions[0]} installed, but no jupyter-lab command",
                     INSTALL)
    return Check("JupyterLab", True, f"{versions[0]} with the widget extension {versions[1]}")


def precheck() -> list[Check]:
    """Every check of the pre-check, in the order it prints them.

    Returns
    -------
    list of Check
        Python and each required package, the data files, a widget, JupyterLab.

    Examples
    --------
    >>> from fairlearn_lite._environment import precheck
    >>> [c.name for c in precheck()][-3:]
    ['data files', 'widgets', 'JupyterLab']
    """
    return [*_check_packages(), _check_data(), _check_widget(), _check_lab()]


def main() -> int:
    """Print the pre-check, one line per check, and return the exit code (0 ready, 1 not)."""
    for stream in (sys.stdout, sys.stderr):  # ✓ and ✗ also on a Windows console
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    checks = precheck()
    print("Pre-check for the workshop 'Fair machine learning with study data'\n")
    for check in checks:
        print(check.line())
    failed = [c for c in checks if not c.ok]
    if failed:
        print(f"\n{len(failed)} of {len(checks)} checks failed: do what the ✗ lines say. "
              f"Still stuck? Mail the output above to the lecturer.")
        return 1
    print(f"\nAll {len(checks)} checks passed: you are ready. Start the lessons with `make lab`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
