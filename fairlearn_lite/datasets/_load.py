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
    """The first-year cohort of 5,000 students (``make_study_cohort()`` with its defaults)."""
    return _read("study_cohort")


def load_selection_case() -> pd.DataFrame:
    """The 170 applicants of the selective nursing programme (``make_selection_case()``)."""
    return _read("selection_case")


def load_mbo_dropout() -> pd.DataFrame:
    """The mbo level-2 intake of 3,000 students (``make_mbo_dropout()``)."""
    return _read("mbo_dropout")


def load_grant_check() -> pd.DataFrame:
    """The 20,000 grant recipients of the fraud-check case (``make_grant_check()``)."""
    return _read("grant_check")
