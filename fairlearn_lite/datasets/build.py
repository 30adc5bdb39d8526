"""Regenerate the shipped CSVs and the parameter tables of the data card (`make data`).

    python -m fairlearn_lite.datasets.build data
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

from . import make_grant_check, make_mbo_dropout, make_selection_case, make_study_cohort
from ._cases import GRANT_PARAMETERS, MBO_PARAMETERS, SELECTION_PARAMETERS
from ._cohort import SCENARIO_PARAMETERS
from ._example import dutch_csv_text, make_audit_example
from ._load import FILES
from ._parameters import parameter_table

__all__ = [
    "EXAMPLE_FILE",
    "GENERATORS",
    "PARAMETER_TABLES",
    "calibration_checks",
    "card_with_tables",
    "csv_text",
    "main",
    "markdown_table",
]

EXAMPLE_FILE = "mbo_dropout_scored.csv"  # the example for auditing your own model (notebook 07)
GENERATORS = {
    "study_cohort": make_study_cohort,
    "selection_case": make_selection_case,
    "mbo_dropout": make_mbo_dropout,
    "grant_check": make_grant_check,
}
PARAMETER_TABLES = {
    "study_cohort": SCENARIO_PARAMETERS["realistic"],
    "selection_case": SELECTION_PARAMETERS,
    "mbo_dropout": MBO_PARAMETERS,
    "grant_check": GRANT_PARAMETERS,
}


def csv_text(frame: pd.DataFrame) -> str:
    """The exact text a shipped CSV holds for ``frame``.

    Parameters
    ----------
    frame : pandas.DataFrame
        A generated table.

    Returns
    -------
    str
        CSV without the index, with ``\\n`` line ends and floats written with
        up to 10 significant digits, so the text is the same on every platform.

    Examples
    --------
    >>> print(csv_text(pd.DataFrame({"id": ["S1", "S2"], "grade": [6.5, None]})), end="")
    id,grade
    S1,6.5
    S2,
    """
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.10g")


def markdown_table(frame: pd.DataFrame) -> str:
    """``frame`` as a Markdown table, for the data card.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show; the index is left out.

    Returns
    -------
    str
        A header, a rule and one line per row; ``|`` inside a cell is escaped.

    Examples
    --------
    >>> print(markdown_table(pd.DataFrame({"parameter": ["a|b"], "value": [0.5]})))
    | parameter | value |
    |---|---|
    | a\\|b | 0.5 |
    """
    def cell(value) -> str:
        return str(value).replace("|", "\\|")

    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def _fill(card: str, marker: str, table: str) -> str:
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    return pattern.sub(lambda _: f"{start}\n{table}\n{end}", card)


def card_with_tables(card: str) -> str:
    """The data card with its generated blocks (parameters, calibration) filled in from the code.

    Parameters
    ----------
    card : str
        The text of the data card. Each generated block sits between two markers,
        such as ``<!-- parameters:mbo_dropout -->`` and ``<!-- /parameters:mbo_dropout -->``;
        the text outside the markers is kept as it is.

    Returns
    -------
    str
        The card with every block replaced by the current table, so the card
        cannot disagree with the parameters in the code.

    References
    ----------
    .. [1] The kit's data card, ``data/README.md``.

    Examples
    --------
    >>> card = "Intro.\\n<!-- parameters:mbo_dropout -->\\n<!-- /parameters:mbo_dropout -->"
    >>> print(card_with_tables(card).splitlines()[4])
    | `bol_dropout` | 0.5 | probability | sourced: ~50% of bol level-2 students ...
    """
    for name, parameters in PARAMETER_TABLES.items():
        card = _fill(card, f"parameters:{name}", markdown_table(parameter_table(parameters)))
    return _fill(card, "checks:study_cohort", markdown_table(calibration_checks()))


def calibration_checks(n_students: int = 200_000) -> pd.DataFrame:
    """Public figures against what the realistic generator produces (a large cohort).

    Parameters
    ----------
    n_students : int, default 200000
        Size of the cohort (seed 2024); the data card uses the default.

    Returns
    -------
    pandas.DataFrame
        One row per figure: ``figure``, ``public figure`` and the generated value.

    References
    ----------
    .. [1] The sources of the public figures are listed in the kit's data card,
       ``data/README.md``, section 1 (Vereniging Hogescholen, cohort 2017; VU
       Student Analytics; higher-education monitoring figures).

    Examples
    --------
    >>> checks = calibration_checks(2000)
    >>> checks.columns.tolist()
    ['figure', 'public figure', 'generated (n = 2,000)']
    >>> checks.loc[1, ["figure", "public figure"]].tolist()
    ['... after mbo', '21.5%']
    """
    cohort = make_study_cohort(n_students, random_state=2024)
    dropout = cohort.groupby("prior_education")["dropout_he"].mean()
    by_gender = cohort.groupby("gender")["dropout_he"].mean()
    leaving = (~cohort["retained"]).groupby(cohort["migration_background"]).mean()
    left_he = cohort.groupby("migration_background")["dropout_he"].mean()
    rows = [
        ("first-year dropout from higher education", "15-16%", cohort["dropout_he"].mean()),
        ("... after mbo", "21.5%", dropout["mbo"]),
        ("... after havo", "12.7%", dropout["havo"]),
        ("... after vwo", "6.8%", dropout["vwo"]),
        ("... men", "18.2%", by_gender["male"]),
        ("... women", "13.4%", by_gender["female"]),
        ("left the programme (dropout or switch), non-western", "14-16 points above none",
         leaving["non-western"]),
        ("left the programme (dropout or switch), none", "", leaving["none"]),
        ("left higher education, non-western", "about equal to none", left_he["non-western"]),
        ("left higher education, none", "", left_he["none"]),
        ("switched programme in year 1", "~17%", cohort["switched"].mean()),
        ("studied elsewhere first (switch or second study)", "28-30%",
         cohort["transition"].isin(["switch", "second study"]).mean()),
    ]
    return pd.DataFrame([{"figure": f, "public figure": t, f"generated (n = {n_students:,})":
                          f"{v:.1%}"} for f, t, v in rows])


def main(folder: str = "data") -> None:
    """Write the four CSVs into ``folder``, and fill in the data card there if it has one.

    This is what ``make data`` runs: ``python -m fairlearn_lite.datasets.build data``.

    Parameters
    ----------
    folder : str, default "data"
        The folder to write to; it is created if needed.

    Returns
    -------
    None
        Prints each file it writes.

    References
    ----------
    .. [1] The kit's data card, ``data/README.md``, describes the files.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     main(folder)
    wrote .../study_cohort.csv
    wrote .../selection_case.csv
    wrote .../mbo_dropout.csv
    wrote .../grant_check.csv
    wrote .../mbo_dropout_scored.csv
    """
    target = Path(folder)
    target.mkdir(exist_ok=True)
    for name, generate in GENERATORS.items():
        (target / FILES[name]).write_text(csv_text(generate()))
        print(f"wrote {target / FILES[name]}")
    (target / EXAMPLE_FILE).write_text(dutch_csv_text(make_audit_example()))
    print(f"wrote {target / EXAMPLE_FILE}")
    card = target / "README.md"
    if card.exists():
        card.write_text(card_with_tables(card.read_text()))
        print(f"updated the parameter tables in {card}")


if __name__ == "__main__":
    main(*sys.argv[1:])
