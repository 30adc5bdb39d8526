"""The bottom of the kit: confusion counts per group, and the one registry of rates.

For every group we count four kinds of rows:

=================  ====================  ====================
                   predicted positive    predicted negative
=================  ====================  ====================
actually positive  tp (true positive)    fn (false negative)
actually negative  fp (false positive)   tn (true negative)
=================  ====================  ====================

The counting is one vectorised pass: each row gets the number
``4 * group + 2 * y_true + y_pred`` and ``np.bincount`` counts those numbers.

Every rate anywhere in the kit is one entry of :data:`RATES`: a sum of counts
divided by a sum of counts. The counts may carry extra axes in front of the
group axis (thresholds x groups for a threshold search, replicates x groups for
the bootstrap); a rate is then computed for every cell at once.

When a denominator is 0 for some group (a group with no actual positives has no
true positive rate), the rate is NaN and an :class:`UndefinedRateWarning` names
the group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validation import (
    Groups,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_sensitive_features,
)
from ._warnings import UndefinedRateWarning, warn

__all__ = ["COUNT_COLUMNS", "RATES", "ConfusionCounts", "Rate", "UndefinedRateWarning",
           "compute_rates", "confusion_counts", "count_at_thresholds", "count_confusion",
           "overall_rates", "rate_frame"]

COUNT_COLUMNS = ("tp", "fp", "fn", "tn", "n")


@dataclass(frozen=True)
class ConfusionCounts:
    """Confusion counts per group (weighted sums when sample weights were given).

    Each count is an array whose last axis is the group; extra axes in front
    (thresholds, bootstrap replicates) are allowed.

    Examples
    --------
    >>> counts = confusion_counts([1, 1, 0, 0], [1, 0, 1, 0], sensitive_features=list("aabb"))
    >>> counts.tp.tolist(), counts.n.tolist(), counts.total().tp.tolist()
    ([1, 0], [2, 2], [1])
    """

    tp: np.ndarray
    fp: np.ndarray
    fn: np.ndarray
    tn: np.ndarray
    groups: Groups

    @property
    def n(self) -> np.ndarray:
        return self.tp + self.fp + self.fn + self.tn

    def __getitem__(self, name: str) -> np.ndarray:
        return getattr(self, name)

    def total(self) -> ConfusionCounts:
        """The same counts for everyone together, as a single group called 'overall'."""
        one = Groups(np.zeros(0, dtype=np.int64), pd.Index(["overall"]))
        return ConfusionCounts(*(self[c].sum(axis=-1, keepdims=True)
                                 for c in ("tp", "fp", "fn", "tn")), groups=one)

    def to_frame(self) -> pd.DataFrame:
        """The counts as a table, one row per group (counts without extra axes only)."""
        return pd.DataFrame({c: self[c] for c in COUNT_COLUMNS}, index=self.groups.index.copy())


@dataclass(frozen=True)
class Rate:
    """A rate = sum of the ``numerator`` counts / sum of the ``denominator`` counts.

    Examples
    --------
    >>> RATES["positive_predictive_value"].formula
    'tp / (tp + fp)'
    >>> RATES["accuracy"].meaning
    'share predicted correctly'
    """

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

    def parts(self, counts: ConfusionCounts) -> tuple[np.ndarray, np.ndarray]:
        """The numerator and the denominator, summed from the counts."""
        return (sum(counts[c] for c in self.numerator),
                sum(counts[c] for c in self.denominator))


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


def count_confusion(y_true: np.ndarray, y_pred: np.ndarray, groups: Groups,
                    weight: np.ndarray | None = None) -> ConfusionCounts:
    """Count tp, fp, fn and tn per group from validated 0/1 arrays, in one pass.

    Each row gets the number ``4 * group + 2 * y_true + y_pred``; ``np.bincount``
    counts them (with ``weight``: sums the weights). No validation: use
    :func:`confusion_counts` for a user's data.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from fairlearn_lite._validation import Groups
    >>> groups = Groups(np.array([0, 0, 1, 1]), pd.Index(["a", "b"]))
    >>> count_confusion(np.array([1, 0, 1, 0]), np.array([1, 1, 0, 0]), groups).fp.tolist()
    [1, 0]
    """
    cell = 2 * y_true + y_pred  # 0 = tn, 1 = fp, 2 = fn, 3 = tp
    key = groups.codes * 4 + cell
    flat = np.bincount(key, weights=weight, minlength=4 * len(groups))
    tn, fp, fn, tp = flat.reshape(-1, 4).T
    return ConfusionCounts(tp=tp, fp=fp, fn=fn, tn=tn, groups=groups)


def confusion_counts(y_true, y_pred, *, sensitive_features, sample_weight=None
                     ) -> ConfusionCounts:
    """The one boundary for ``(y_true, y_pred, *, sensitive_features, sample_weight)``.

    Validates every argument once (error messages name the public function
    the user called) and counts the table that everything else is computed from.

    Examples
    --------
    >>> confusion_counts([1, 1, 0, 0], [1, 0, 1, 0], sensitive_features=list("abab")).to_frame()
                         tp  fp  fn  tn  n
    sensitive_feature_0
    a                     1   1   0   0  2
    b                     0   0   1   1  2
    """
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    n = check_same_length(y_true=y_true, y_pred=y_pred)
    groups = check_sensitive_features(sensitive_features, n=n)
    weight = check_sample_weight(sample_weight, n=n)
    return count_confusion(y_true, y_pred, groups, weight)


def count_at_thresholds(y_true: np.ndarray, scores: np.ndarray, groups: Groups,
                        thresholds: np.ndarray, weight: np.ndarray | None = None
                        ) -> ConfusionCounts:
    """Counts with a thresholds axis: ``[t, g]`` are group g's counts at ``scores >= thresholds[t]``.

    ``thresholds`` has shape (T,) (one threshold for every group) or (T, G)
    (a threshold per group). One sort and one cumulative sum per group, so
    thousands of thresholds cost about as much as one.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from fairlearn_lite._validation import Groups
    >>> one = Groups(np.zeros(4, dtype=np.int64), pd.Index(["all"]))
    >>> counts = count_at_thresholds(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.6, 0.1]),
    ...                              one, np.array([0.0, 0.5, 1.0]))
    >>> counts.tp[:, 0].tolist(), counts.fp[:, 0].tolist()
    ([2.0, 1.0, 0.0], [2.0, 1.0, 0.0])
    """
    thresholds = np.asarray(thresholds, dtype=float)
    per_group = thresholds if thresholds.ndim == 2 else \
        np.repeat(thresholds[:, None], len(groups), axis=1)
    w = np.ones(len(y_true)) if weight is None else weight
    shape = per_group.shape
    tp, fp = np.zeros(shape), np.zeros(shape)
    pos, neg = np.zeros(shape[1]), np.zeros(shape[1])
    for g in range(len(groups)):
        rows = groups.codes == g
        s, y, wg = scores[rows], y_true[rows], w[rows]
        order = np.argsort(s, kind="stable")
        s, y, wg = s[order], y[order], wg[order]
        above_pos = np.r_[np.cumsum((wg * y)[::-1])[::-1], 0.0]  # weight at index k and above
        above_neg = np.r_[np.cumsum((wg * (1 - y))[::-1])[::-1], 0.0]
        first = np.searchsorted(s, per_group[:, g], side="left")  # first score >= threshold
        tp[:, g], fp[:, g] = above_pos[first], above_neg[first]
        pos[g], neg[g] = above_pos[0], above_neg[0]
    return ConfusionCounts(tp=tp, fp=fp, fn=pos - tp, tn=neg - fp, groups=groups)


def compute_rates(names, counts: ConfusionCounts, *, warn_undefined: bool = True
                  ) -> dict[str, np.ndarray]:
    """The named rates for every group (and every cell of any extra axes).

    Where a denominator is 0 the rate is NaN; with ``warn_undefined`` one
    :class:`UndefinedRateWarning` names the groups and the rates concerned.

    Examples
    --------
    >>> counts = confusion_counts([1, 1, 0, 0], [1, 0, 1, 0], sensitive_features=list("aabb"))
    >>> compute_rates(["true_positive_rate"], counts, warn_undefined=False)
    {'true_positive_rate': array([0.5, nan])}
    """
    values, undefined = {}, {}
    for name in names:
        rate = RATES[name]
        numerator, denominator = rate.parts(counts)
        zero = np.asarray(denominator == 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            values[name] = np.where(zero, np.nan, numerator / np.where(zero, 1, denominator))
        per_group = zero.reshape(-1, zero.shape[-1]).any(axis=0) if zero.ndim else zero
        if per_group.any():
            key = (rate.denominator, tuple(np.flatnonzero(per_group)))
            undefined.setdefault(key, []).append(name)
    if undefined and warn_undefined:
        warn(_undefined_message(undefined, counts), UndefinedRateWarning)
    return values


def _undefined_message(undefined: dict, counts: ConfusionCounts) -> str:
    parts = []
    for (denominator, positions), names in undefined.items():
        groups = ", ".join(repr(counts.groups.label(i)) for i in positions)
        verb = "is" if len(names) == 1 else "are"
        parts.append(f"group {groups} {_EMPTY_DENOMINATOR[denominator]} "
                     f"({' + '.join(denominator)} = 0), so {', '.join(names)} {verb} undefined")
    return "; ".join(parts) + ". Returning NaN there."


def overall_rates(y_true: np.ndarray, y_pred: np.ndarray, names, weight=None
                  ) -> dict[str, float]:
    """Registry rates over all rows together, from 0/1 (or bool) arrays already checked.

    For the package's own summaries (a model's accuracy, its share predicted
    positive); undefined rates are NaN without a warning.

    Examples
    --------
    >>> import numpy as np
    >>> overall_rates(np.array([1, 1, 0, 0]), np.array([1, 0, 1, 1]),
    ...               ["selection_rate", "accuracy"])
    {'selection_rate': 0.75, 'accuracy': 0.25}
    """
    everyone = Groups(np.zeros(len(y_true), dtype=np.int64), pd.Index(["all"]))
    counts = count_confusion(np.asarray(y_true, dtype=np.int8), np.asarray(y_pred, dtype=np.int8),
                             everyone, weight)
    return {name: float(values[0])
            for name, values in compute_rates(names, counts, warn_undefined=False).items()}


def rate_frame(counts: ConfusionCounts, names, *, warn_undefined: bool = True) -> pd.DataFrame:
    """A table of the named rates per group, with the group size ``count`` first.

    Examples
    --------
    >>> counts = confusion_counts([1, 1, 0, 0], [1, 0, 1, 0], sensitive_features=list("abab"))
    >>> rate_frame(counts, ["selection_rate", "accuracy"])
                         count  selection_rate  accuracy
    sensitive_feature_0
    a                        2             1.0       0.5
    b                        2             0.0       0.5
    """
    columns = {"count": counts.n}
    columns.update(compute_rates(names, counts, warn_undefined=warn_undefined))
    return pd.DataFrame(columns, index=counts.groups.index.copy())
