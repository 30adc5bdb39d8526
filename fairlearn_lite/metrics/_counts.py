"""The one table everything else is computed from: confusion counts per group.

For every group we count four kinds of rows:

=================  ====================  ====================
                   predicted positive    predicted negative
=================  ====================  ====================
actually positive  tp (true positive)    fn (false negative)
actually negative  fp (false positive)   tn (true negative)
=================  ====================  ====================

The counting is one vectorised pass: each row gets the number
``4 * group + 2 * y_true + y_pred`` and ``np.bincount`` counts those numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validation import (
    Groups,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_sensitive_features,
)

COUNT_COLUMNS = ("tp", "fp", "fn", "tn", "n")


@dataclass(frozen=True)
class ConfusionCounts:
    """Confusion counts per group (weighted sums when sample weights were given)."""

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
        return ConfusionCounts(*(self[c].sum(keepdims=True) for c in ("tp", "fp", "fn", "tn")),
                               groups=one)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({c: self[c] for c in COUNT_COLUMNS}, index=self.groups.index.copy())


def count_confusion(y_true: np.ndarray, y_pred: np.ndarray, groups: Groups,
                    weight: np.ndarray | None = None) -> ConfusionCounts:
    """Count tp, fp, fn and tn per group from validated 0/1 arrays, in one pass."""
    cell = 2 * y_true + y_pred  # 0 = tn, 1 = fp, 2 = fn, 3 = tp
    key = groups.codes * 4 + cell
    flat = np.bincount(key, weights=weight, minlength=4 * len(groups))
    tn, fp, fn, tp = flat.reshape(-1, 4).T
    return ConfusionCounts(tp=tp, fp=fp, fn=fn, tn=tn, groups=groups)


def confusion_counts(y_true, y_pred, *, sensitive_features, sample_weight=None,
                     func: str) -> ConfusionCounts:
    """Validate the public arguments of ``func`` and count the confusion table."""
    y_true = check_labels(y_true, name="y_true", func=func)
    y_pred = check_labels(y_pred, name="y_pred", func=func)
    n = check_same_length(func, y_true=y_true, y_pred=y_pred)
    groups = check_sensitive_features(sensitive_features, n=n, func=func)
    weight = check_sample_weight(sample_weight, n=n, func=func)
    return count_confusion(y_true, y_pred, groups, weight)


def group_confusion(y_true, y_pred, *, sensitive_features, sample_weight=None) -> pd.DataFrame:
    """Count true/false positives and negatives for each group.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        What actually happened (for example: passed the first year).
    y_pred : array-like of 0/1 or bool
        What the model or procedure predicted.
    sensitive_features : array-like, Series, DataFrame or dict
        The group of each row. Several columns give intersectional groups
        (for example gender x migration background), indexed by a MultiIndex.
    sample_weight : array-like, optional
        Non-negative weight per row; counts become sums of weights.

    Returns
    -------
    pandas.DataFrame
        One row per group; columns ``tp, fp, fn, tn`` and ``n`` (their sum).

    Notes
    -----
    Groups are ordered alphabetically, or in category order when the column is a
    pandas Categorical. Categories that never occur are left out.

    Examples
    --------
    >>> group_confusion([1, 1, 0, 0, 1, 0], [1, 0, 0, 1, 1, 0],
    ...                 sensitive_features=["f", "f", "f", "m", "m", "m"])
                       tp  fp  fn  tn  n
    sensitive_feature_0
    f                   1   0   1   1  3
    m                   1   1   0   1  3
    """
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features,
                              sample_weight=sample_weight, func="group_confusion")
    return counts.to_frame()
