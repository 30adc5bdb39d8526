"""Check that this Python has what the lessons need (used by lesson 00)."""

from __future__ import annotations

import sys
from importlib import metadata

import pandas as pd
from packaging.requirements import Requirement


def check_environment() -> pd.DataFrame:
    """One row per required package: the version found, the version required, and OK or not.

    The requirements are read from the kit's own package metadata (pyproject.toml),
    so this never disagrees with what ``make lab`` installs.
    """
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
    return pd.DataFrame(rows).set_index("package")
