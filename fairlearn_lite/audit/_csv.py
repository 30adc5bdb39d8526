"""Reading a participant's CSV: commas or semicolons, decimal points or commas (Dutch Excel)."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import numpy as np
import pandas as pd

from .._validation import caller, public

__all__ = ["columns_overview", "read_table"]

DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")
ENCODINGS = ("utf-8-sig", "cp1252")  # Excel on Windows saves "CSV" in cp1252, "CSV UTF-8" with BOM


def _text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # never fails: every byte is a character


def _separator(text: str) -> tuple[str, str]:
    """The separator, and the text without Excel's ``sep=;`` line if it has one.

    ``;`` when the header line has more semicolons than commas (and tabs), else ``,`` or tab.
    """
    header, _, rest = text.partition("\n")
    if header.strip().lower().startswith("sep=") and len(header.strip()) == 5:
        return header.strip()[4], rest
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ",")), text


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Names and text cells without surrounding spaces; Excel's empty trailing columns dropped."""
    frame.columns = [str(c).strip() for c in frame.columns]
    empty = [c for c in frame.columns if c.startswith("Unnamed: ") and frame[c].isna().all()]
    frame = frame.drop(columns=empty)
    for name in frame.columns:
        if frame[name].dtype == object:
            frame[name] = frame[name].map(lambda v: v.strip() if isinstance(v, str) else v)
            frame[name] = frame[name].replace("", np.nan)
    return frame


def _decimal_commas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns whose every value is a number with a decimal comma become numbers."""
    for name in frame.columns:
        values = frame[name].dropna()
        if frame[name].dtype == object and len(values) and \
                values.astype(str).str.match(DECIMAL_COMMA.pattern).all():
            frame[name] = pd.to_numeric(frame[name].str.replace(",", ".", regex=False))
    return frame


@public
def read_table(path) -> pd.DataFrame:
    """Read a CSV file as exported by Excel, in English or Dutch settings.

    The separator is a comma, a semicolon or a tab (whichever the header
    line has most of, or what Excel's ``sep=;`` first line says); numbers may
    use a decimal point or a decimal comma (``0,73``); ``WAAR``/``ONWAAR`` are
    read as True/False; the file may be UTF-8 (with or without Excel's
    byte-order mark) or Windows' cp1252. Spaces around column names and text
    cells are removed, and Excel's empty trailing columns dropped.

    Parameters
    ----------
    path : str or Path
        The CSV file.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "nl.csv"), "w") as f:
    ...     _ = f.write("left;risk;gender\\n1;0,73;v\\n0;0,2;m\\n")
    >>> read_table(os.path.join(folder, "nl.csv"))
       left  risk gender
    0     1  0.73      v
    1     0  0.20      m
    """
    if not isinstance(path, (str, Path)):
        raise TypeError(f"The 'path' parameter of {caller()} must be a file name; got "
                        f"{type(path).__name__} instead.")
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"The 'path' parameter of {caller()} must name an existing file; "
                         f"{str(file)!r} does not exist (working folder: {Path.cwd()}).")
    separator, text = _separator(_text(file))
    try:
        frame = pd.read_csv(StringIO(text), sep=separator, decimal="," if separator == ";" else ".",
                            true_values=["WAAR", "waar"], false_values=["ONWAAR", "onwaar"])
    except (pd.errors.EmptyDataError, pd.errors.ParserError) as error:
        raise ValueError(f"The 'path' parameter of {caller()} names {str(file)!r}, which cannot "
                         f"be read as a table: {str(error).strip()}") from None
    return _decimal_commas(_tidy(frame))


@public
def columns_overview(data: pd.DataFrame) -> pd.DataFrame:
    """One row per column: its kind, how many distinct values, a few examples, how many missing.

    It helps to choose the audit's columns: the outcome has two values, a score
    lies between 0 and 1, a sensitive column has a handful of groups.

    Parameters
    ----------
    data : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Indexed by column name: ``kind`` ("two values", "score 0-1", "number",
        "groups" or "text"), ``distinct``, ``examples``, ``missing``.

    Examples
    --------
    >>> overview = columns_overview(pd.DataFrame({"left": ["yes", "no", "no", "no"],
    ...                                           "risk": [0.2, 0.9, 0.4, None],
    ...                                           "gender": ["f", "m", "x", "f"]}))
    >>> overview[["kind", "distinct", "missing"]]
                 kind  distinct  missing
    left   two values         2        0
    risk    score 0-1         3        1
    gender     groups         3        0
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"The 'data' parameter of {caller()} must be a pandas DataFrame; got "
                        f"{type(data).__name__} instead.")
    rows = {}
    for name in data.columns:
        values = data[name].dropna()
        distinct = values.unique()
        rows[str(name)] = {"kind": _kind(values, len(distinct)), "distinct": len(distinct),
                           "examples": ", ".join(map(str, distinct[:4])),
                           "missing": int(data[name].isna().sum())}
    return pd.DataFrame.from_dict(rows, orient="index")


def _kind(values: pd.Series, distinct: int) -> str:
    if distinct == 2:
        return "two values"
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if numeric and len(values) and values.min() >= 0 and values.max() <= 1:
        return "score 0-1"
    if numeric:
        return "number"
    return "groups" if distinct <= 12 else "text"
