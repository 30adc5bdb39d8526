"""Check that this Python has what the lessons need (used by lesson 00)."""

from __future__ import annotations

import sys
from importlib import metadata

import pandas as pd
from packaging.requirements import Requirement


def check_environment() -> pd.DataFrame:
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
