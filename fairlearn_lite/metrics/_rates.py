"""Every rate the kit uses, each one formula over the confusion counts.

A rate is a numerator divided by a denominator, both sums of the counts
``tp, fp, fn, tn`` and ``n = tp + fp + fn + tn``. The registry ``RATES`` below
is the single place where these formulas are written down.

When a denominator is 0 for some group (a group with no actual positives has no
true positive rate), the rate is NaN and a ``RuntimeWarning`` names the group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validation import Groups, check_labels, check_same_length, check_sample_weight
from .._warnings import warn
from ._counts import ConfusionCounts, confusion_counts, count_confusion


@dataclass(frozen=True)
class Rate:
    """A rate = sum of the ``numerator`` counts / sum of the ``denominator`` counts."""

    name: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    meaning: str

    @property
    def formula(self) -> str:
        top, bottom = " + ".join(self.numerator), " + ".join(self.denominator)
        bottom = f"({bottom})" if len(self.denominator) > 1 else bottom
        top = f"({top})" if len(self.numerator) > 1 else top
        return f"{top} / {bottom}"


RATES: dict[str, Rate] = {rate.name: rate for rate in [
    Rate("base_rate", ("tp", "fn"), ("n",), "share that is actually positive"),
    Rate("selection_rate", ("tp", "fp"), ("n",), "share predicted positive"),
    Rate("true_positive_rate", ("tp",), ("tp", "fn"),
         "of those actually positive, the share predicted positive (recall, sensitivity)"),
    Rate("false_positive_rate", ("fp",), ("fp", "tn"),
         "of those actually negative, the share wrongly predicted positive"),
    Rate("false_negative_rate", ("fn",), ("tp", "fn"),
         "of those actually positive, the share wrongly predicted negative"),
    Rate("true_negative_rate", ("tn",), ("fp", "tn"),
         "of those actually negative, the share predicted negative (specificity)"),
    Rate("positive_predictive_value", ("tp",), ("tp", "fp"),
         "of those predicted positive, the share actually positive (precision)"),
    Rate("negative_predictive_value", ("tn",), ("tn", "fn"),
         "of those predicted negative, the share actually negative"),
    Rate("false_discovery_rate", ("fp",), ("tp", "fp"),
         "of those predicted positive, the share actually negative"),
    Rate("false_omission_rate", ("fn",), ("tn", "fn"),
         "of those predicted negative, the share actually positive"),
    Rate("accuracy", ("tp", "tn"), ("n",), "share predicted correctly"),
    Rate("fp_per_group_size", ("fp",), ("n",),
         "false positives as a share of the whole group (Aequitas: FP / group size)"),
    Rate("fn_per_group_size", ("fn",), ("n",),
         "false negatives as a share of the whole group (Aequitas: FN / group size)"),
]}

# Why a denominator can be zero, in words, for the warning.
_EMPTY_DENOMINATOR = {
    ("n",): "is empty (or all its weights are 0)",
    ("tp", "fn"): "has no actual positives",
    ("fp", "tn"): "has no actual negatives",
    ("tp", "fp"): "has nobody predicted positive",
    ("tn", "fn"): "has nobody predicted negative",
}


def compute_rates(names, counts: ConfusionCounts) -> dict[str, np.ndarray]:
    """The named rates for every group.

    Where a denominator is 0 the rate is NaN, and one RuntimeWarning names the
    groups and the rates concerned.
    """
    values, undefined = {}, {}
    for name in names:
        rate = RATES[name]
        numerator = sum(counts[c] for c in rate.numerator)
        denominator = sum(counts[c] for c in rate.denominator)
        zero = denominator == 0
        with np.errstate(divide="ignore", invalid="ignore"):
            values[name] = np.where(zero, np.nan, numerator / np.where(zero, 1, denominator))
        if zero.any():
            key = (rate.denominator, tuple(np.flatnonzero(zero)))
            undefined.setdefault(key, []).append(name)
    if undefined:
        warn(_undefined_message(undefined, counts))
    return values


def compute_rate(rate: Rate, counts: ConfusionCounts) -> np.ndarray:
    """One rate for every group (NaN with a warning where its denominator is 0)."""
    return compute_rates([rate.name], counts)[rate.name]


def _undefined_message(undefined: dict, counts: ConfusionCounts) -> str:
    parts = []
    for (denominator, positions), names in undefined.items():
        groups = ", ".join(repr(counts.groups.label(i)) for i in positions)
        verb = "is" if len(names) == 1 else "are"
        parts.append(f"group {groups} {_EMPTY_DENOMINATOR[denominator]} "
                     f"({' + '.join(denominator)} = 0), so {', '.join(names)} {verb} undefined")
    return "; ".join(parts) + ". Returning NaN there."


def rate_frame(counts: ConfusionCounts, names) -> pd.DataFrame:
    """A table of the named rates per group, with the group size ``count`` first."""
    columns = {"count": counts.n}
    columns.update(compute_rates(names, counts))
    return pd.DataFrame(columns, index=counts.groups.index.copy())


def check_metric_names(metrics, *, func: str) -> list[str]:
    """Return the requested rate names; the error lists the valid ones."""
    if metrics is None:
        return list(RATES)
    names = [metrics] if isinstance(metrics, str) else list(metrics)
    unknown = [m for m in names if m not in RATES]
    if unknown or not names:
        raise ValueError(
            f"The 'metrics' parameter of {func} must be names from {', '.join(RATES)}; "
            f"got {unknown or names!r} instead."
        )
    return names


def group_metrics(y_true, y_pred, *, sensitive_features, metrics=None,
                  sample_weight=None) -> pd.DataFrame:
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
    names = check_metric_names(metrics, func="group_metrics")
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features,
                              sample_weight=sample_weight, func="group_metrics")
    return rate_frame(counts, names)


# --- single rates with fairlearn's names ---------------------------------------------------

def _single_rate(name: str, y_true, y_pred, sample_weight, pos_label) -> float:
    """One rate over all rows together, as a single group called 'overall'."""
    y_true = check_labels(y_true, name="y_true", func=name, pos_label=pos_label)
    y_pred = check_labels(y_pred, name="y_pred", func=name, pos_label=pos_label)
    n = check_same_length(name, y_true=y_true, y_pred=y_pred)
    weight = check_sample_weight(sample_weight, n=n, func=name)
    everyone = Groups(np.zeros(n, dtype=np.int64), pd.Index(["overall"]))
    return float(compute_rate(RATES[name], count_confusion(y_true, y_pred, everyone, weight))[0])


def _fairlearn_rate(name: str):
    """Make ``name(y_true, y_pred, *, sample_weight=None, pos_label=None)`` for one rate."""
    rate = RATES[name]

    def metric(y_true, y_pred, *, sample_weight=None, pos_label=None) -> float:
        return _single_rate(name, y_true, y_pred, sample_weight, pos_label)

    metric.__name__ = metric.__qualname__ = name
    metric.__doc__ = (
        f"The {name.replace('_', ' ')}: {rate.meaning}, {rate.formula}.\n\n"
        f"Same name and meaning as ``fairlearn.metrics.{name}``. Labels are 0/1 or bool;\n"
        f"with ``pos_label``, any two values, ``y == pos_label`` being the positive one.\n"
        f"Where fairlearn returns 0 for a zero denominator, this returns NaN with a warning.\n"
    )
    metric.rate_name = name  # lets MetricFrame take the fast path
    return metric


selection_rate = _fairlearn_rate("selection_rate")
true_positive_rate = _fairlearn_rate("true_positive_rate")
false_positive_rate = _fairlearn_rate("false_positive_rate")
false_negative_rate = _fairlearn_rate("false_negative_rate")
true_negative_rate = _fairlearn_rate("true_negative_rate")
