"""Scores turned into predictions by a threshold, recounted cheaply for every new threshold.

A model gives each student a score between 0 and 1 (for example the predicted
chance of a positive BSA). A threshold turns scores into predictions: a score
at or above the threshold means "predicted positive". Moving the threshold
trades one kind of error for the other.

:class:`ScoredGroups` validates labels, scores and groups once, so that a
widget can recount the confusion table for a new threshold in about a
millisecond, even for 100,000 students.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._validation import (
    Groups,
    check_fraction,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_scores,
    check_sensitive_features,
)
from ._counts import ConfusionCounts, count_confusion
from ._rates import RATES, check_metric_names, compute_rates


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
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or value < 0:
            raise ValueError(f"The '{name}' parameter of rates_from_counts must be a "
                             f"non-negative number; got {value!r} instead.")
    one = Groups(np.zeros(0, dtype=np.int64), pd.Index(["all"]))
    table = ConfusionCounts(*(np.array([float(counts[c])]) for c in ("tp", "fp", "fn", "tn")),
                            groups=one)
    return pd.Series({name: values[0] for name, values in compute_rates(RATES, table).items()})


class ScoredGroups:
    """Labels, scores and groups, checked once, ready to be thresholded again and again.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        The actual outcome.
    scores : array-like of float in [0, 1]
        The model's score per row (``predict_proba(X)[:, 1]``).
    sensitive_features : array-like, Series or DataFrame
        Group of each row.
    sample_weight : array-like, optional

    Notes
    -----
    A row is predicted positive when ``score >= threshold`` (the convention of
    dalex and of ``scikit-learn``'s ``predict`` at 0.5 for probabilities).
    A threshold can be one number for everyone, or a dict with one threshold
    per group (per-group thresholds, lesson 03).

    Examples
    --------
    >>> scored = ScoredGroups([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.2],
    ...                       sensitive_features=["a", "a", "b", "b"])
    >>> scored.confusion(0.5)
                         tp  fp  fn  tn  n
    sensitive_feature_0
    a                     1   1   0   0  2
    b                     0   0   1   1  2
    >>> scored.confusion({"a": 0.7, "b": 0.3})["tp"].tolist()
    [1, 1]
    """

    def __init__(self, y_true, scores, *, sensitive_features, sample_weight=None):
        func = "ScoredGroups"
        self.y_true = check_labels(y_true, name="y_true", func=func)
        self.scores = check_scores(scores, name="scores", func=func)
        n = check_same_length(func, y_true=self.y_true, scores=self.scores)
        self.groups = check_sensitive_features(sensitive_features, n=n, func=func)
        self.weight = check_sample_weight(sample_weight, n=n, func=func)

    @property
    def group_labels(self) -> list:
        return [self.groups.label(i) for i in range(len(self.groups))]

    def _row_thresholds(self, threshold) -> float | np.ndarray:
        """One threshold for everyone, or each row's group threshold."""
        if isinstance(threshold, Mapping):
            missing = [g for g in self.group_labels if g not in threshold]
            if missing:
                raise ValueError(
                    f"The 'threshold' parameter of ScoredGroups must give a threshold for every "
                    f"group; missing {missing!r} (groups: {self.group_labels!r}).")
            per_group = np.array([check_fraction(threshold[g], name=f"threshold[{g!r}]",
                                                 func="ScoredGroups")
                                  for g in self.group_labels])
            return per_group[self.groups.codes]
        return check_fraction(threshold, name="threshold", func="ScoredGroups")

    def predictions(self, threshold) -> np.ndarray:
        """0/1 predictions: 1 where the score is at or above the (group's) threshold."""
        return (self.scores >= self._row_thresholds(threshold)).astype(np.int8)

    def counts(self, threshold) -> ConfusionCounts:
        return count_confusion(self.y_true, self.predictions(threshold), self.groups, self.weight)

    def confusion(self, threshold) -> pd.DataFrame:
        """Like :func:`group_confusion` for the predictions at this threshold."""
        return self.counts(threshold).to_frame()

    def metrics(self, threshold, metrics=None) -> pd.DataFrame:
        """Like :func:`group_metrics` for the predictions at this threshold."""
        names = check_metric_names(metrics, func="ScoredGroups.metrics")
        counts = self.counts(threshold)
        table = pd.DataFrame(compute_rates(names, counts), index=counts.groups.index.copy())
        table.insert(0, "count", counts.n)
        return table

    def histograms(self, bins: int = 20) -> dict:
        """Score counts per group and actual outcome, on ``bins`` equal bins over [0, 1]."""
        edges = np.linspace(0, 1, bins + 1)
        position = np.minimum((self.scores * bins).astype(int), bins - 1)
        key = (self.groups.codes * 2 + self.y_true) * bins + position
        flat = np.bincount(key, weights=self.weight, minlength=len(self.groups) * 2 * bins)
        counts = flat.reshape(len(self.groups), 2, bins)
        return {"edges": edges,
                **{label: {"negative": counts[i, 0], "positive": counts[i, 1]}
                   for i, label in enumerate(self.group_labels)}}
