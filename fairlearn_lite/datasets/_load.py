"""Read the shipped CSVs (no download, no network: they are part of the kit)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FILES = {
    "study_cohort": "study_cohort.csv",
    "selection_case": "selection_case.csv",
    "mbo_dropout": "mbo_dropout.csv",
    "grant_check": "grant_check.csv",
}


def data_dir() -> Path:
    """The folder with the shipped CSVs: inside an installed package, or the kit's data/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parents[1] / "data"):
        if (candidate / FILES["study_cohort"]).exists():
            return candidate
    raise FileNotFoundError(
        "The kit's data files were not found next to the package or in its data/ folder. "
        "Run `make data` in the kit's folder to regenerate them."
    )


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(data_dir() / FILES[name], keep_default_na=False, na_values=[""])


def load_study_cohort() -> pd.DataFrame:
    """The first-year cohort of 5,000 students, as shipped with the kit.

    Reads ``study_cohort.csv`` from the kit (no download, no network). The file holds
    exactly what ``make_study_cohort()`` with its defaults (scenario ``"realistic"``,
    seed 0) returns; a test checks that they agree.

    Returns
    -------
    pandas.DataFrame
        One row per student; the data card describes the columns.

    See Also
    --------
    make_study_cohort : generate a cohort of another size, scenario, seed or parameters.

    References
    ----------
    .. [1] The kit's data card, ``data/README.md``, section 1: the columns,
       how the data are generated, and the source of every parameter.

    Examples
    --------
    >>> cohort = load_study_cohort()
    >>> cohort.shape
    (5000, 14)
    >>> cohort["dropout_he"].dtype
    dtype('bool')
    """
    return _read("study_cohort")


def load_selection_case() -> pd.DataFrame:
    """The 170 applicants of the selective nursing programme, as shipped with the kit.

    Reads ``selection_case.csv`` from the kit (no download, no network). The file holds
    exactly what ``make_selection_case()`` with its default seed 0 returns; a test
    checks that they agree.

    Returns
    -------
    pandas.DataFrame
        One row per applicant; the data card describes the columns.

    See Also
    --------
    make_selection_case : generate the case with another seed.

    References
    ----------
    .. [1] The kit's data card, ``data/README.md``, section 2: the columns,
       how the data are generated, and the source of every parameter.

    Examples
    --------
    >>> case = load_selection_case()
    >>> case.shape
    (170, 9)
    >>> int(case["admitted"].sum())
    126
    """
    return _read("selection_case")


def load_mbo_dropout() -> pd.DataFrame:
    """The mbo level-2 intake of 3,000 students, as shipped with the kit.

    Reads ``mbo_dropout.csv`` from the kit (no download, no network). The file holds
    exactly what ``make_mbo_dropout()`` with its defaults (seed 0) returns; a test
    checks that they agree.

    Returns
    -------
    pandas.DataFrame
        One row per student; the data card describes the columns.

    See Also
    --------
    make_mbo_dropout : generate an intake of another size, seed or parameters.

    References
    ----------
    .. [1] The kit's data card, ``data/README.md``, section 3: the columns,
       how the data are generated, and the source of every parameter.

    Examples
    --------
    >>> mbo = load_mbo_dropout()
    >>> mbo.shape
    (3000, 10)
    >>> mbo["team"].nunique()
    12
    """
    return _read("mbo_dropout")


def load_grant_check() -> pd.DataFrame:
    """The 20,000 grant recipients of the fraud-check case, as shipped with the kit.

    Reads ``grant_check.csv`` from the kit (no download, no network). The file holds
    exactly what ``make_grant_check()`` with its defaults (seed 0) returns; a test
    checks that they agree.

    Returns
    -------
    pandas.DataFrame
        One row per recipient; the data card describes the columns.

    See Also
    --------
    make_grant_check : generate recipients of another number, seed or parameters.

    References
    ----------
    .. [1] The kit's data card, ``data/README.md``, section 4: the columns,
       how the data are generated, and the source of every parameter.

    Examples
    --------
    >>> grants = load_grant_check()
    >>> grants.shape
    (20000, 10)
    >>> sorted(grants["origin"].unique())
    ['Dutch', 'European', 'non-European']
    """
    return _read("grant_check")
