"""Per-group thresholds: one cut-off per group, chosen to equalise a fairness metric.

A single threshold treats every score alike, yet can give groups very
different error rates. Per-group thresholds can equalise the metric you
choose (post-processing, Hardt, Price & Srebro 2016) — at a cost in accuracy,
and by treating equal scores unequally, which is itself a choice to defend.

How this differs from ``fairlearn.postprocessing.ThresholdOptimizer``:
fairlearn meets the constraint exactly by *randomising* — for some students it
flips a weighted coin between two thresholds, so two students with the same
score in the same group can get different decisions. Here every group gets
**one deterministic threshold**: the same score in the same group always gives
the same decision, which is easier to explain and audit, and the constraint is
met as closely as the data allow (with 1,500 students, to within a percentage
point or so) rather than exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ._validation import (
    Groups,
    check_choice,
    check_fraction,
    check_labels,
    check_same_length,
    check_scores,
    check_sensitive_features,
)

Constraint = Literal["demographic_parity", "equal_opportunity", "equalized_odds",
                     "predictive_parity"]
CONSTRAINTS = ("demographic_parity", "equal_opportunity", "equalized_odds", "predictive_parity",
               None)
OBJECTIVES = ("accuracy", "balanced_accuracy")
CONSTRAINED_METRIC = {"demographic_parity": "selection_rate",
                      "equal_opportunity": "true_positive_rate",
                      "predictive_parity": "positive_predictive_value"}
TARGET_METRICS = ("selection_rate", "true_positive_rate", "false_positive_rate",
                  "positive_predictive_value")
MAX_CANDIDATES = 1000


@dataclass(frozen=True)
class _Curve:
    """For one group: candidate thresholds and the confusion counts at each."""

    thresholds: np.ndarray
    tp: np.ndarray
    fp: np.ndarray
    positives: float
    negatives: float

    @property
    def n(self) -> float:
        return self.positives + self.negatives

    def metric(self, name: str) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            if name == "selection_rate":
                return (self.tp + self.fp) / self.n
            if name == "true_positive_rate":
                return self.tp / self.positives if self.positives else self.tp * np.nan
            if name == "false_positive_rate":
                return self.fp / self.negatives if self.negatives else self.fp * np.nan
            selected = self.tp + self.fp
            return np.where(selected > 0, self.tp / np.maximum(selected, 1), np.nan)


def _curve(y: np.ndarray, s: np.ndarray, max_candidates: int = MAX_CANDIDATES) -> _Curve:
    """Counts when the top-k scores are selected, for every k where the score changes."""
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    n = len(s)
    cuts = np.flatnonzero(np.r_[True, s[1:] != s[:-1], True])  # select the first k rows
    if len(cuts) > max_candidates:
        cuts = np.unique(np.r_[cuts[np.linspace(0, len(cuts) - 1, max_candidates).astype(int)]])
    tp_all = np.r_[0, np.cumsum(y)]
    tp = tp_all[cuts].astype(float)
    fp = cuts - tp
    # A threshold halfway between the last selected and the first unselected score.
    upper = np.r_[s, 0.0][np.maximum(cuts - 1, 0)]
    lower = np.r_[s, 0.0][cuts]
    thresholds = np.where(cuts == 0, np.minimum((s[0] + 1) / 2, 1.0), (upper + lower) / 2)
    thresholds = np.where(cuts == n, 0.0, thresholds)
    return _Curve(thresholds=thresholds, tp=tp, fp=fp, positives=float(y.sum()),
                  negatives=float(n - y.sum()))


def _prepare(y_true, scores, sensitive_features, func):
    y = check_labels(y_true, name="y_true", func=func)
    s = check_scores(scores, name="scores", func=func)
    n = check_same_length(func, y_true=y, scores=s)
    groups = check_sensitive_features(sensitive_features, n=n, func=func)
    curves = [_curve(y[groups.codes == g], s[groups.codes == g]) for g in range(len(groups))]
    return y, s, groups, curves


def _objective_weights(objective: str, curves) -> tuple[float, float]:
    positives = sum(c.positives for c in curves)
    negatives = sum(c.negatives for c in curves)
    if objective == "accuracy":
        return 1 / (positives + negatives), 1 / (positives + negatives)
    return 0.5 / positives, 0.5 / negatives


def _contribution(curve: _Curve, weights) -> np.ndarray:
    """Each candidate's share of the objective: weighted true positives and true negatives."""
    return weights[0] * curve.tp + weights[1] * (curve.negatives - curve.fp)


def _check_defined(curves, groups: Groups, metric: str, constraint: str) -> None:
    for g, curve in enumerate(curves):
        if metric == "true_positive_rate" and curve.positives == 0:
            missing = "actual positives"
        elif metric == "false_positive_rate" and curve.negatives == 0:
            missing = "actual negatives"
        else:
            continue
        raise ValueError(
            f"Group {groups.label(g)!r} has no {missing}, so its {metric} is undefined and "
            f"{constraint} cannot be imposed. Merge it with another group, or choose another "
            f"constraint.")


def _closest(metric_values: np.ndarray, targets: np.ndarray, contribution: np.ndarray):
    """For each target, the candidate whose metric is closest (ties: the best objective)."""
    distance = np.abs(metric_values[None, :] - targets[:, None])
    distance = np.where(np.isnan(distance), np.inf, distance)
    # Among near-equal distances prefer the larger contribution to the objective.
    score = distance - 1e-9 * contribution[None, :] / max(np.abs(contribution).max(), 1e-12)
    return np.argmin(score, axis=1)


def _single_threshold_choices(curves, grid: np.ndarray) -> np.ndarray:
    """For each common threshold in ``grid``: every group's candidate at or just below it."""
    return np.stack([np.clip(np.searchsorted(-c.thresholds, -grid, side="left"), 0,
                             len(c.thresholds) - 1) for c in curves], axis=1)


def group_thresholds(y_true, scores, *, sensitive_features,
                     constraint: Constraint | None = "demographic_parity",
                     objective: Literal["accuracy", "balanced_accuracy"] = "accuracy",
                     tolerance: float = 0.01) -> pd.Series:
    """One threshold per group that meets a fairness constraint while optimising accuracy.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
    scores : array-like of float in [0, 1]
    sensitive_features : array-like or Series
    constraint : {"demographic_parity", "equal_opportunity", "equalized_odds",
        "predictive_parity", None}
        What to make equal across groups: the selection rate; the true positive
        rate; both the true and the false positive rate; the positive
        predictive value; or nothing (each group's own best threshold).
    objective : {"accuracy", "balanced_accuracy"}
        What to maximise overall among the thresholds that meet the constraint.
    tolerance : float, default 0.01
        The largest gap between groups that counts as meeting the constraint
        (for equalized odds: in both rates). When no thresholds get that
        close, the smallest gap the data allow is used instead.

    Returns
    -------
    pandas.Series
        The threshold per group; a row is predicted positive when its score is
        at or above its group's threshold (see :func:`apply_thresholds`).

    Notes
    -----
    The search: for each group, the candidate thresholds are the points where
    its scores change (at most 1,000 per group). For a grid of target values of
    the constrained metric, each group takes the candidate closest to the
    target; every common (single) threshold is tried as well. Among the choices
    whose gap is within the tolerance, the one with the best objective wins, so
    the result is never worse than the best single threshold that meets the
    constraint. See the module docstring for the difference with fairlearn's
    randomised ``ThresholdOptimizer``.

    Examples
    --------
    Group a: 3 of 4 pass; group b: 2 of 4. With equal selection rates, selecting
    the top 3 of each group is the most accurate choice (7 of 8 right):

    >>> y = [1, 1, 1, 0, 1, 0, 1, 0]
    >>> s = [0.9, 0.8, 0.7, 0.2, 0.6, 0.5, 0.4, 0.1]
    >>> group_thresholds(y, s, sensitive_features=list("aaaabbbb"),
    ...                  constraint="demographic_parity").round(2).to_dict()
    {'a': 0.45, 'b': 0.25}
    """
    func = "group_thresholds"
    check_choice(constraint, name="constraint", func=func, choices=CONSTRAINTS)
    check_choice(objective, name="objective", func=func, choices=OBJECTIVES)
    tolerance = check_fraction(tolerance, name="tolerance", func=func)
    _, _, groups, curves = _prepare(y_true, scores, sensitive_features, func)
    weights = _objective_weights(objective, curves)
    contributions = [_contribution(c, weights) for c in curves]

    if constraint is None:
        chosen = [int(np.argmax(c)) for c in contributions]
        return _as_series(groups, curves, chosen)

    if constraint == "equalized_odds":
        metrics = ["true_positive_rate", "false_positive_rate"]
        for m in metrics:
            _check_defined(curves, groups, m, constraint)
        reference = int(np.argmax([c.n for c in curves]))
        targets = np.stack([curves[reference].metric(m) for m in metrics], axis=1)
        targets = targets[np.unique(np.linspace(0, len(targets) - 1, 300).astype(int))]
        choices = []
        for curve, contribution in zip(curves, contributions, strict=True):
            values = np.stack([curve.metric(m) for m in metrics], axis=1)
            distance = np.abs(values[None, :, :] - targets[:, None, :]).max(axis=2)
            score = distance - 1e-9 * contribution[None, :] / max(contribution.max(), 1e-12)
            choices.append(np.argmin(score, axis=1))
        candidates = np.stack(choices, axis=1)
    else:
        metrics = [CONSTRAINED_METRIC[constraint]]
        _check_defined(curves, groups, metrics[0], constraint)
        targets = np.linspace(0, 1, 1001)
        candidates = np.stack([_closest(c.metric(metrics[0]), targets, contribution)
                               for c, contribution in zip(curves, contributions, strict=True)],
                              axis=1)
    grid = np.unique(np.concatenate([c.thresholds for c in curves]))
    candidates = np.concatenate([candidates, _single_threshold_choices(curves, grid)])

    gaps = np.zeros(len(candidates))
    for m in metrics:
        values = np.stack([curves[g].metric(m)[candidates[:, g]] for g in range(len(curves))],
                          axis=1)
        undefined = np.isnan(values).any(axis=1)  # e.g. precision when nobody is selected
        spread = np.where(undefined, np.inf,
                          np.max(np.nan_to_num(values), axis=1) - np.min(np.nan_to_num(values), axis=1))
        gaps = np.maximum(gaps, spread)
    totals = sum(contributions[g][candidates[:, g]] for g in range(len(curves)))
    allowed = gaps <= max(tolerance, gaps.min()) + 1e-12
    best = np.flatnonzero(allowed)[np.lexsort((gaps[allowed], -totals[allowed]))[0]]
    return _as_series(groups, curves, candidates[best])


def best_single_threshold(y_true, scores, *,
                          objective: Literal["accuracy", "balanced_accuracy"] = "accuracy") -> float:
    """The one threshold for everyone (group-unaware) that maximises the objective.

    Examples
    --------
    >>> round(best_single_threshold([1, 1, 0, 0, 1, 0], [0.9, 0.8, 0.6, 0.5, 0.4, 0.2]), 3)
    0.7
    """
    func = "best_single_threshold"
    check_choice(objective, name="objective", func=func, choices=OBJECTIVES)
    y = check_labels(y_true, name="y_true", func=func)
    s = check_scores(scores, name="scores", func=func)
    check_same_length(func, y_true=y, scores=s)
    curve = _curve(y, s)
    best = int(np.argmax(_contribution(curve, _objective_weights(objective, [curve]))))
    return float(curve.thresholds[best])


def thresholds_for_target(y_true, scores, *, sensitive_features,
                          metric: str = "true_positive_rate", target: float = 0.8) -> pd.Series:
    """Per-group thresholds that bring each group's ``metric`` as close as possible to ``target``.

    Useful for sweeps: "if every group had a true positive rate of 0.8, what
    would their precision be?" ``metric`` is one of ``selection_rate``,
    ``true_positive_rate``, ``false_positive_rate``, ``positive_predictive_value``.
    """
    func = "thresholds_for_target"
    check_choice(metric, name="metric", func=func, choices=TARGET_METRICS)
    target = check_fraction(target, name="target", func=func)
    _, _, groups, curves = _prepare(y_true, scores, sensitive_features, func)
    _check_defined(curves, groups, metric, f"a target {metric}")
    weights = _objective_weights("accuracy", curves)
    chosen = [int(_closest(c.metric(metric), np.array([target]), _contribution(c, weights))[0])
              for c in curves]
    return _as_series(groups, curves, chosen)


def _as_series(groups: Groups, curves, chosen) -> pd.Series:
    values = [float(curves[g].thresholds[k]) for g, k in enumerate(chosen)]
    return pd.Series(values, index=groups.index.copy(), name="threshold")


def apply_thresholds(scores, thresholds: Mapping | pd.Series, *,
                     sensitive_features) -> np.ndarray:
    """Predictions with a threshold per group: 1 where the score is at or above it.

    Examples
    --------
    >>> apply_thresholds([0.9, 0.4, 0.6, 0.3], {"a": 0.5, "b": 0.35},
    ...                  sensitive_features=["a", "a", "b", "b"]).tolist()
    [1, 0, 1, 0]
    """
    func = "apply_thresholds"
    s = check_scores(scores, name="scores", func=func)
    groups = check_sensitive_features(sensitive_features, n=len(s), func=func)
    thresholds = dict(thresholds.items()) if isinstance(thresholds, (Mapping, pd.Series)) \
        else None
    if thresholds is None:
        raise TypeError(f"The 'thresholds' parameter of {func} must be a dict or Series with a "
                        f"threshold per group.")
    labels = [groups.label(g) for g in range(len(groups))]
    missing = [g for g in labels if g not in thresholds]
    if missing:
        raise ValueError(f"The 'thresholds' parameter of {func} has no threshold for group(s) "
                         f"{missing!r}; got thresholds for {list(thresholds)!r}.")
    per_group = np.array([check_fraction(thresholds[g], name=f"thresholds[{g!r}]", func=func)
                          for g in labels])
    return (s >= per_group[groups.codes]).astype(np.int8)
