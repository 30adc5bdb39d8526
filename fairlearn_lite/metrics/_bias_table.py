"""The bias table: the fairness check for several sensitive variables at once, one row per group.

For every sensitive variable, each group is compared with the privileged
group (the largest, unless given) on dalex's five metrics. The table counts
how many ratios fall below the band (negative bias: with a favourable
positive class, such as a positive BSA, the group gets less of it) and how
many above (positive bias), and marks groups whose verdict the data cannot
support: groups that are too small; groups with a ratio outside the band
whose confidence interval reaches back into it (the bias may be noise); and
groups with a ratio inside the band whose interval spans the whole band (the
data cannot tell).

The confidence interval of a ratio of two proportions p1 / p2 is the usual
log method (Katz et al. 1978): exp(log(p1 / p2) ± z · se), with
se² = (1 - p1) / (n1 · p1) + (1 - p2) / (n2 · p2), where n is each rate's
denominator (for example, the actual positives for the true positive rate).
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import NormalDist

import numpy as np
import pandas as pd

from .._tolerance import at_least, at_most
from .._validation import (
    caller,
    check_fraction,
    check_keys,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_sensitive_features,
    check_whole_number,
    public,
)
from ..confusion import RATES, ConfusionCounts, count_confusion
from ..uncertainty import katz_interval
from ._fairness_check import CHECKED_METRICS, FairnessCheckResult, check_from_counts

__all__ = ["bias_table"]

VERDICTS = {(False, False): "no bias", (True, False): "negative bias",
            (False, True): "positive bias", (True, True): "mixed"}


def _columns(sensitive_features) -> dict:
    if isinstance(sensitive_features, pd.DataFrame):
        return {str(c): sensitive_features[c] for c in sensitive_features.columns}
    if isinstance(sensitive_features, Mapping):
        return {str(k): v for k, v in sensitive_features.items()}
    raise TypeError(f"The 'sensitive_features' parameter of {caller()} must be a DataFrame (or "
                    "dict) with one column per sensitive variable; got "
                    f"{type(sensitive_features).__name__} instead.")


@public
def bias_table(y_true, y_pred, *, sensitive_features, sample_weight=None,
               privileged: Mapping | None = None, epsilon: float = 0.8,
               min_group_size: int = 50, confidence: float = 0.95) -> pd.DataFrame:
    """One row per sensitive variable and group: size, biased metrics, verdict, certainty.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
        Outcome and prediction; positive should be the favourable outcome.
    sensitive_features : DataFrame or dict
        One column per sensitive variable (gender, migration background, ...).
    privileged : dict, optional
        The reference group per variable, e.g. ``{"gender": "male"}``; a
        variable not named uses its largest group. Unknown variables are an error.
    epsilon : float, default 0.8
        The band is ``[epsilon, 1 / epsilon]``, as in :func:`fairness_check`.
    min_group_size : int, default 50
        Smaller groups are marked uncertain whatever their ratios.
    confidence : float, default 0.95
        Level of the confidence intervals for the ratios.
    sample_weight : array-like, optional
        Non-negative weight per row.

    Returns
    -------
    pandas.DataFrame
        Columns ``variable, group, n, share, below, above, verdict, uncertain,
        reason``; ``below`` and ``above`` list how many of the five metrics
        (TPR, ACC, PPV, FPR, STP) fall below or above the band. ``verdict`` is
        "reference", "no bias", "negative bias", "positive bias" or "mixed".

    Notes
    -----
    The interval of a ratio of two rates is Katz's log method
    (:func:`fairlearn_lite.uncertainty.ratio_interval`), with each rate's own
    numerator and denominator from the rate registry.

    Examples
    --------
    Group m has lower TPR, accuracy, precision and selection rate than f (four
    ratios below 0.8) and the same FPR. At 60 students per group only the TPR
    gap is clearly outside the band:

    >>> table = bias_table([1, 1, 0, 0] * 30, [1, 1, 1, 0] * 15 + [1, 0, 1, 0] * 15,
    ...                    sensitive_features={"gender": ["f"] * 60 + ["m"] * 60})
    >>> table[["group", "n", "below", "above", "verdict", "uncertain"]]
      group   n  below  above        verdict  uncertain
    0     f  60      0      0      reference      False
    1     m  60      4      0  negative bias       True
    >>> table.loc[1, "reason"].split("; ")[0]
    'ACC: outside the band, but its interval reaches into it'
    """
    epsilon = check_fraction(epsilon, name="epsilon", low_open=True)
    confidence = check_fraction(confidence, name="confidence", low_open=True, high=0.999)
    min_group_size = check_whole_number(min_group_size, name="min_group_size")
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    n = check_same_length(y_true=y_true, y_pred=y_pred)
    weight = check_sample_weight(sample_weight, n=n)
    columns = _columns(sensitive_features)
    privileged = check_keys(privileged, name="privileged", valid=list(columns))
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    rows = []
    for variable, column in columns.items():
        counts = count_confusion(y_true, y_pred, check_sensitive_features(column, n=n), weight)
        check = check_from_counts(counts, privileged=privileged.get(variable), epsilon=epsilon)
        rows += _variable_rows(variable, counts, check, min_group_size=min_group_size, z=z)
    return pd.DataFrame(rows)


def _variable_rows(variable: str, counts: ConfusionCounts, check: FairnessCheckResult, *,
                   min_group_size: int, z: float) -> list[dict]:
    """The rows of one sensitive variable: its reference group first in group order."""
    rows, sizes, epsilon = [], counts.n, check.epsilon
    reference = list(counts.groups.index).index(check.privileged)
    for g in range(len(counts.groups)):
        group = counts.groups.label(g)
        row = {"variable": variable, "group": group, "n": _number(sizes[g]),
               "share": float(sizes[g] / sizes.sum())}
        if g == reference:
            rows.append({**row, "below": 0, "above": 0, "verdict": "reference",
                         "uncertain": False, "reason": ""})
            continue
        ratios = check.ratios.loc[group]
        below = int((~at_least(ratios, epsilon) & ratios.notna()).sum())
        above = int((~at_most(ratios, 1 / epsilon) & ratios.notna()).sum())
        reasons = [f"fewer than {min_group_size} people"] if sizes[g] < min_group_size else []
        reasons += _interval_reasons(counts, g, reference, check.flagged.loc[group], epsilon, z)
        rows.append({**row, "below": below, "above": above,
                     "verdict": VERDICTS[(below > 0, above > 0)],
                     "uncertain": bool(reasons), "reason": "; ".join(reasons)})
    return rows


def _interval_reasons(counts: ConfusionCounts, g: int, reference: int, flagged: pd.Series,
                      epsilon: float, z: float) -> list[str]:
    """Why the verdict on each of the five ratios is uncertain, from its interval."""
    reasons = []
    for short, long in CHECKED_METRICS.items():
        numerator, denominator = RATES[long].parts(counts)
        low, high = katz_interval(numerator[g], denominator[g], numerator[reference],
                                  denominator[reference], z=z)
        outside = bool(flagged[short])
        if np.isnan(low):
            reasons.append(f"{short}: no interval (a count of 0)")
        elif outside and (low <= 1 / epsilon and high >= epsilon):
            reasons.append(f"{short}: outside the band, but its interval reaches into it")
        elif not outside and low < epsilon and high > 1 / epsilon:
            reasons.append(f"{short}: its interval spans the whole band")
    return reasons


def _number(value: float):
    """A count as int when whole (unweighted), else the weighted float."""
    return int(value) if float(value).is_integer() else float(value)
