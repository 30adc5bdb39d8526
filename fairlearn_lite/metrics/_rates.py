"""Rates per group, and single rates with fairlearn's names.

Every rate is one entry of the registry :data:`fairlearn_lite.confusion.RATES`
(a sum of confusion counts over a sum of counts). When a denominator is 0 for
some group, the rate is NaN and an ``UndefinedRateWarning`` names the group.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import (
    Groups,
    caller,
    check_count,
    check_labels,
    check_pos_label,
    check_same_length,
    check_sample_weight,
    public,
)
from ..confusion import (
    RATES,
    ConfusionCounts,
    compute_rates,
    confusion_counts,
    count_confusion,
    rate_frame,
)

__all__ = ["false_negative_rate", "false_positive_rate", "group_metrics", "rates_from_counts",
           "selection_rate", "true_negative_rate", "true_positive_rate"]


def check_metric_names(metrics) -> list[str]:
    """Return the requested rate names; the error lists the valid ones."""
    func = caller()
    if metrics is None:
        return list(RATES)
    names = [metrics] if isinstance(metrics, str) else list(metrics)
    unknown = [m for m in names if not isinstance(m, str) or m not in RATES]
    if unknown or not names:
        raise ValueError(
            f"The 'metrics' parameter of {func} must be names from {', '.join(RATES)}; "
            f"got {unknown or names!r} instead."
        )
    return names


@public
def group_metrics(y_true, y_pred, *, sensitive_features, sample_weight=None,
                  metrics=None) -> pd.DataFrame:
    """Compute the group size and every rate for each group, in one pass.

    The rates, all computed from the confusion counts per group:

    =========================  ==================  ==================================
    column                     formula             reads as
    =========================  ==================  ==================================
    base_rate                  (tp + fn) / n       share actually positive
    selection_rate             (tp + fp) / n       share predicted positive
    true_positive_rate         tp / (tp + fn)      recall, sensitivity
    false_positive_rate        fp / (fp + tn)
    false_negative_rate        fn / (tp + fn)
    true_negative_rate         tn / (fp + tn)      specificity
    positive_predictive_value  tp / (tp + fp)      precision
    negative_predictive_value  tn / (tn + fn)
    false_discovery_rate       fp / (tp + fp)
    false_omission_rate        fn / (tn + fn)
    accuracy                   (tp + tn) / n
    fp_per_group_size          fp / n              Aequitas "FP / group size"
    fn_per_group_size          fn / n              Aequitas "FN / group size"
    =========================  ==================  ==================================

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
        Actual outcome and prediction per row.
    sensitive_features : array-like, Series, DataFrame or dict
        Group of each row; several columns give intersectional groups.
    metrics : list of str, optional
        Which rates to return (default: all of the above).
    sample_weight : array-like, optional
        Non-negative weight per row.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``count`` (group size, the sum of weights if given) and the rates.

    Notes
    -----
    A rate whose denominator is 0 in some group is NaN there, with a
    ``RuntimeWarning`` naming the group. ``fp_per_group_size`` and
    ``fn_per_group_size`` follow the Aequitas fairness tree (Saleiro et al. 2018):
    "the chance that a random member of the group is wrongly flagged".

    Examples
    --------
    >>> table = group_metrics([1, 1, 0, 0, 1, 0, 1, 0], [1, 0, 0, 1, 1, 0, 1, 1],
    ...                       sensitive_features=list("ffffmmmm"),
    ...                       metrics=["selection_rate", "true_positive_rate", "accuracy"])
    >>> table
                         count  selection_rate  true_positive_rate  accuracy
    sensitive_feature_0
    f                        4            0.50                 0.5      0.50
    m                        4            0.75                 1.0      0.75
    """
    names = check_metric_names(metrics)
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features,
                              sample_weight=sample_weight)
    return rate_frame(counts, names)


@public
def rates_from_counts(*, tp: float, fp: float, fn: float, tn: float) -> pd.Series:
    """Every rate of the registry for one confusion matrix given as counts.

    Examples
    --------
    >>> rates = rates_from_counts(tp=30, fn=10, fp=20, tn=40)
    >>> rates[["accuracy", "true_positive_rate", "positive_predictive_value"]]
    accuracy                     0.70
    true_positive_rate           0.75
    positive_predictive_value    0.60
    dtype: float64
    """
    counts = {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
    for name, value in counts.items():
        check_count(value, name=name)
    one = Groups(np.zeros(0, dtype=np.int64), pd.Index(["all"]))
    table = ConfusionCounts(*(np.array([float(counts[c])]) for c in ("tp", "fp", "fn", "tn")),
                            groups=one)
    return pd.Series({name: values[0] for name, values in compute_rates(RATES, table).items()})


# --- single rates with fairlearn's names ---------------------------------------------------

def _single_rate(name: str, y_true, y_pred, sample_weight, pos_label) -> float:
    """One rate over all rows together, as a single group called 'overall'."""
    check_pos_label(pos_label, y_true, y_pred)
    y_true = check_labels(y_true, name="y_true", pos_label=pos_label)
    y_pred = check_labels(y_pred, name="y_pred", pos_label=pos_label)
    n = check_same_length(y_true=y_true, y_pred=y_pred)
    weight = check_sample_weight(sample_weight, n=n)
    everyone = Groups(np.zeros(n, dtype=np.int64), pd.Index(["overall"]))
    counts = count_confusion(y_true, y_pred, everyone, weight)
    return float(compute_rates([name], counts)[name][0])


# tp = 1, fn = 1, fp = 1, tn = 2 (the docstring example), by hand.
_EXAMPLE_VALUES = {"selection_rate": 2 / 5, "true_positive_rate": 1 / 2,
                   "false_positive_rate": 1 / 3, "false_negative_rate": 1 / 2,
                   "true_negative_rate": 2 / 3}


def _fairlearn_rate(name: str):
    """Make ``name(y_true, y_pred, *, sample_weight=None, pos_label=None)`` for one rate."""
    rate = RATES[name]

    def metric(y_true, y_pred, *, sample_weight=None, pos_label=None) -> float:
        return _single_rate(name, y_true, y_pred, sample_weight, pos_label)

    metric.__name__ = metric.__qualname__ = name
    metric = public(metric)
    value = round(_EXAMPLE_VALUES[name], 3)
    metric.__doc__ = (
        f"The {name.replace('_', ' ')}: {rate.meaning}.\n\n"
        f"Formula: {rate.formula} over the confusion counts of all rows.\n\n"
        f"Labels are 0/1 or bool; with ``pos_label``, any two values, ``y == pos_label``\n"
        f"being the positive one (it must occur in y_true or y_pred). Where a denominator\n"
        f"is 0 the rate is NaN with an ``UndefinedRateWarning`` (fairlearn returns 0).\n\n"
        f"References\n----------\n"
        f"Same name and meaning as ``fairlearn.metrics.{name}``.\n\n"
        f"Examples\n--------\n"
        f"One true positive, one false negative, one false positive, two true negatives:\n\n"
        f">>> round({name}([1, 1, 0, 0, 0], [1, 0, 1, 0, 0]), 3)\n{value}\n"
    )
    metric.rate_name = name  # lets MetricFrame take the fast path
    return metric


selection_rate = _fairlearn_rate("selection_rate")
true_positive_rate = _fairlearn_rate("true_positive_rate")
false_positive_rate = _fairlearn_rate("false_positive_rate")
false_negative_rate = _fairlearn_rate("false_negative_rate")
true_negative_rate = _fairlearn_rate("true_negative_rate")
