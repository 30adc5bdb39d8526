"""The audit's boundary: columns of one table, checked once, with errors in the auditor's words.

Every message names the parameter of :func:`audit` (``label``, ``score``,
``sensitive``, ...), what was expected and what was found. The command line
turns "The 'label' parameter of audit" into "--label".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validation import _show, caller, check_sample_weight, check_scores
from .._warnings import warn

TRUE_WORDS = {"true", "1", "yes", "ja", "y", "j", "waar"}  # WAAR/ONWAAR: Dutch Excel
FALSE_WORDS = {"false", "0", "no", "nee", "n", "onwaar"}
MAX_GROUPS = 30  # more than this is an identifier or a number, not a sensitive attribute


@dataclass(frozen=True)
class AuditInputs:
    """The checked columns: labels and predictions as 0/1, scores, the sensitive columns."""

    y: np.ndarray
    scores: np.ndarray | None
    prediction: np.ndarray | None
    sensitive: dict[str, pd.Series]
    privileged: dict
    weight: np.ndarray | None


def check_frame(data) -> pd.DataFrame:
    """The data as a DataFrame with string column names (a new object; the caller's is untouched)."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"The 'data' parameter of {caller()} must be a pandas DataFrame (one row "
                        f"per person, for example from read_table('file.csv')); got "
                        f"{type(data).__name__} instead.")
    if len(data) == 0:
        raise ValueError(f"The 'data' parameter of {caller()} has no rows; it needs at least one.")
    return data.rename(columns=str)


def column(data: pd.DataFrame, name, *, parameter: str) -> pd.Series:
    """The column ``name``; the error lists the columns that exist."""
    if not isinstance(name, str) or name not in data.columns:
        raise ValueError(f"The '{parameter}' parameter of {caller()} must name a column of the "
                         f"data; got {name!r}, but the columns are: {', '.join(data.columns)}.")
    return data[name]


def same_value(found, wanted) -> bool:
    """``found == wanted``, also when ``wanted`` is text typed on a command line ("1", "true")."""
    if isinstance(found, (bool, np.bool_)) and isinstance(wanted, str):
        words = TRUE_WORDS if found else FALSE_WORDS
        return wanted.strip().lower() in words
    try:
        if found == wanted:
            return True
    except (TypeError, ValueError):
        return False
    return isinstance(wanted, str) and str(found).strip().lower() == wanted.strip().lower()


def _no_missing(values: pd.Series, *, parameter: str) -> None:
    missing = int(values.isna().sum())
    if missing:
        raise ValueError(f"The '{parameter}' parameter of {caller()} names column "
                         f"{values.name!r}, which has {missing} missing value(s) of {len(values)}; "
                         f"drop or fill those rows first.")


def binary_column(values: pd.Series, positive, *, parameter: str, allow_absent: bool = False
                  ) -> np.ndarray:
    """A two-valued column as 0/1, with ``positive`` as 1."""
    _no_missing(values, parameter=parameter)
    found = list(pd.unique(values))
    if len(found) > 2:
        raise ValueError(f"The '{parameter}' parameter of {caller()} names column "
                         f"{values.name!r}, which must hold two values (yes/no, 0/1); it holds "
                         f"{len(found)}: {_show(found, 8)}.")
    if len(found) < 2 and not allow_absent:
        raise ValueError(f"The '{parameter}' parameter of {caller()} names column "
                         f"{values.name!r}, which holds only one value, {_show(found)}; an audit "
                         f"needs people with both outcomes.")
    hits = [v for v in found if same_value(v, positive)]
    if not hits and not allow_absent:
        default = " (the default; say which value counts as positive)" if positive is True \
            else ""
        raise ValueError(f"The 'positive' parameter of {caller()} must be one of the values of "
                         f"column {values.name!r}: {_show(found)}; got {positive!r}{default}.")
    return np.array([any(v is h or v == h for h in hits) for v in values], dtype=np.int8) \
        if hits else np.zeros(len(values), dtype=np.int8)


def prediction_column(values: pd.Series, positive, label_values) -> np.ndarray:
    """Predictions as 0/1: 0/1 or True/False as they are, or the label's own values."""
    _no_missing(values, parameter="prediction")
    found = set(pd.unique(values))
    labels_binary = all(not isinstance(v, str) and v in (0, 1) for v in label_values)
    if found <= {0, 1} and not any(isinstance(v, str) for v in found) and not labels_binary:
        return values.to_numpy().astype(np.int8)  # 0/1 decisions for a yes/no outcome: 1 = selected
    strange = [v for v in found if not any(same_value(v, lv) for lv in label_values)]
    if strange:
        raise ValueError(f"The 'prediction' parameter of {caller()} names column "
                         f"{values.name!r}, which must hold 0/1, True/False or the label's values "
                         f"{_show(list(label_values))}; it also holds {_show(strange)}.")
    return binary_column(values, positive, parameter="prediction", allow_absent=True)


def sensitive_columns(data: pd.DataFrame, sensitive) -> dict[str, pd.Series]:
    """Each sensitive column, checked for missing values (which must become a group of their own)."""
    names = [sensitive] if isinstance(sensitive, str) else sensitive
    if not isinstance(names, (list, tuple)) or not names:
        raise TypeError(f"The 'sensitive' parameter of {caller()} must be a column name or a "
                        f"list of them; got {sensitive!r} instead.")
    columns = {}
    for name in names:
        values = column(data, name, parameter="sensitive")
        missing = int(values.isna().sum())
        if missing:
            raise ValueError(f"The 'sensitive' parameter of {caller()} names column {name!r}, "
                             f"which has {missing} missing value(s) of {len(values)}. Give them "
                             f"an explicit group, for example "
                             f"data[{name!r}] = data[{name!r}].fillna('unknown').")
        _check_groups(values, name)
        columns[name] = values
    return columns


def _check_groups(values: pd.Series, name: str) -> None:
    """A handful of groups, and no two that differ only in capitals or spaces."""
    groups = list(pd.unique(values))
    if len(groups) > MAX_GROUPS:
        raise ValueError(f"The 'sensitive' parameter of {caller()} names column {name!r}, which "
                         f"has {len(groups)} different values; a sensitive column has a handful "
                         f"of groups (at most {MAX_GROUPS}). Is it an identifier or a number? "
                         f"Make bands first (for example age bands).")
    spelled = {}
    for group in groups:
        spelled.setdefault(str(group).strip().lower(), []).append(group)
    doubles = [variants for variants in spelled.values() if len(variants) > 1]
    if doubles:
        warn(f"Column {name!r} has groups that differ only in capitals or spaces: "
             f"{'; '.join(_show(v) for v in doubles)}. They are counted as different groups; "
             f"write them the same way if they are the same.", UserWarning)


def reference_groups(privileged, columns: Mapping[str, pd.Series]) -> dict:
    """The reference group per variable: the value as it occurs in the column."""
    if privileged is None:
        return {}
    if not isinstance(privileged, Mapping):
        raise TypeError(f"The 'privileged' parameter of {caller()} must be a dict such as "
                        f"{{'gender': 'male'}}; got {privileged!r} instead.")
    chosen = {}
    for name, wanted in privileged.items():
        if name not in columns:
            raise ValueError(f"The 'privileged' parameter of {caller()} names {name!r}, which "
                             f"is not one of the sensitive columns {_show(list(columns))}.")
        groups = list(pd.unique(columns[name]))
        hits = [g for g in groups if same_value(g, wanted)]
        exact = [g for g in hits if g == wanted]
        if len(hits) > 1 and len(exact) != 1:
            raise ValueError(f"The 'privileged' parameter of {caller()} gives {wanted!r} for "
                             f"{name!r}, which matches several groups: {_show(hits)}; write "
                             f"the group exactly as it is in the data.")
        hits = exact or hits
        if not hits:
            raise ValueError(f"The 'privileged' parameter of {caller()} gives {wanted!r} for "
                             f"{name!r}, which has the groups {_show(groups, 12)}.")
        chosen[name] = hits[0]
    return chosen


def _scores(values: pd.Series) -> np.ndarray:
    _no_missing(values, parameter="score")
    numbers = pd.to_numeric(values, errors="coerce")
    if numbers.notna().all() and 1 < numbers.max() <= 100 and numbers.min() >= 0:
        raise ValueError(f"The 'score' parameter of {caller()} names column {values.name!r}, "
                         f"whose values run from {numbers.min():g} to {numbers.max():g}: "
                         f"percentages, it seems. Scores must lie between 0 and 1: divide them "
                         f"by 100 first.")
    return check_scores(values, name="score")


def check_inputs(data: pd.DataFrame, *, label, score, prediction, sensitive, positive,
                 privileged, sample_weight) -> AuditInputs:
    """Every column the audit uses, checked once."""
    if (score is None) == (prediction is None):
        raise ValueError(f"{caller()} needs exactly one of the parameters 'score' (a column of "
                         f"scores between 0 and 1) and 'prediction' (a column of decisions); got "
                         f"{'both' if score is not None else 'neither'}.")
    labels = column(data, label, parameter="label")
    y = binary_column(labels, positive, parameter="label")
    scores = predicted = None
    if score is not None:
        scores = _scores(column(data, score, parameter="score"))
    else:
        predicted = prediction_column(column(data, prediction, parameter="prediction"),
                                      positive, pd.unique(labels))
    columns = sensitive_columns(data, sensitive)
    weight = check_sample_weight(sample_weight, n=len(data))
    return AuditInputs(y, scores, predicted, columns, reference_groups(privileged, columns),
                       weight)
