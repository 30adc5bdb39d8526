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
    caller,
    check_choice,
    check_fraction,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_scores,
    check_sensitive_features,
    check_whole_number,
    public,
)
from .confusion import (
    ConfusionCounts,
    compute_rates,
    count_at_thresholds,
    count_confusion,
    rate_frame,
)

__all__ = ["PRESETS", "ScoredGroups", "apply_thresholds", "best_single_threshold",
           "equal_rate_sweep", "group_thresholds", "preset_thresholds", "rate_gap",
           "thresholds_for_target"]

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

    def counts(self) -> ConfusionCounts:
        """The confusion counts at every candidate (a candidates axis, one group)."""
        one = Groups(np.zeros(0, dtype=np.int64), pd.Index(["group"]))
        return ConfusionCounts(tp=self.tp, fp=self.fp, fn=self.positives - self.tp,
                               tn=self.negatives - self.fp, groups=one)

    def metric(self, name: str) -> np.ndarray:
        """A registry rate at every candidate (NaN where undefined, e.g. nobody selected)."""
        return compute_rates([name], self.counts(), warn_undefined=False)[name]


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
    # A threshold halfway between the last selected and the first unselected score, so that
    # `score >= threshold` selects exactly the first k rows (the midpoint itself if rounding
    # would otherwise put it on the unselected score).
    upper = np.r_[s, 0.0][np.maximum(cuts - 1, 0)]
    lower = np.r_[s, 0.0][cuts]
    middle = (upper + lower) / 2
    thresholds = np.where(middle > lower, middle, upper)
    thresholds = np.where(cuts == 0, (s[0] + 1) / 2, thresholds)
    thresholds = np.where(cuts == n, 0.0, thresholds)
    # Selecting nobody needs a threshold above the top score: impossible when it is 1.0.
    keep = ~((cuts == 0) & (s[0] >= 1.0))
    return _Curve(thresholds=thresholds[keep], tp=tp[keep], fp=fp[keep],
                  positives=float(y.sum()), negatives=float(n - y.sum()))


def _prepare(y_true, scores, sensitive_features):
    """The one boundary of the threshold search: labels, scores, groups; a curve per group."""
    y = check_labels(y_true, name="y_true")
    s = check_scores(scores, name="scores")
    n = check_same_length(y_true=y, scores=s)
    groups = check_sensitive_features(sensitive_features, n=n)
    return groups, group_curves(y, s, groups)


def _objective_weights(objective: str, curves) -> tuple[float, float]:
    positives = sum(c.positives for c in curves)
    negatives = sum(c.negatives for c in curves)
    if objective == "accuracy":
        return 1 / (positives + negatives), 1 / (positives + negatives)
    if positives == 0 or negatives == 0:
        missing = "actual positives" if positives == 0 else "actual negatives"
        raise ValueError(
            f"The 'objective' parameter of {caller()} is 'balanced_accuracy', which averages "
            f"the accuracy on actual positives and on actual negatives, but y_true has no "
            f"{missing}. Use objective='accuracy', or data with both outcomes.")
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
            f"The 'y_true' parameter of {caller()} has no {missing} in group "
            f"{groups.label(g)!r}, so that group's {metric} is undefined and {constraint} "
            f"cannot be imposed. Merge it with another group, or choose another constraint.")


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


@public
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
    check_choice(constraint, name="constraint", choices=CONSTRAINTS)
    check_choice(objective, name="objective", choices=OBJECTIVES)
    tolerance = check_fraction(tolerance, name="tolerance")
    groups, curves = _prepare(y_true, scores, sensitive_features)
    return search_thresholds(groups, curves, constraint=constraint, objective=objective,
                             tolerance=tolerance)


def group_curves(y: np.ndarray, s: np.ndarray, groups: Groups) -> list[_Curve]:
    """One candidate curve per group, from validated labels, scores and group codes."""
    return [_curve(y[groups.codes == g], s[groups.codes == g]) for g in range(len(groups))]


def search_thresholds(groups: Groups, curves, *, constraint, objective: str,
                      tolerance: float) -> pd.Series:
    """The search behind :func:`group_thresholds`, on inputs already validated (widgets)."""
    weights = _objective_weights(objective, curves)
    contributions = [_contribution(c, weights) for c in curves]
    if constraint is None:
        return _as_series(groups, curves, [int(np.argmax(c)) for c in contributions])
    metrics = (["true_positive_rate", "false_positive_rate"] if constraint == "equalized_odds"
               else [CONSTRAINED_METRIC[constraint]])
    for m in metrics:
        _check_defined(curves, groups, m, constraint)
    candidates = np.concatenate([
        _target_choices(curves, contributions, metrics),
        _single_threshold_choices(curves, np.unique(np.concatenate([c.thresholds
                                                                    for c in curves])))])
    gaps = _gaps(curves, candidates, metrics)
    totals = sum(contributions[g][candidates[:, g]] for g in range(len(curves)))
    allowed = gaps <= max(tolerance, gaps.min()) + 1e-12
    best = np.flatnonzero(allowed)[np.lexsort((gaps[allowed], -totals[allowed]))[0]]
    return _as_series(groups, curves, candidates[best])


def _target_choices(curves, contributions, metrics) -> np.ndarray:
    """Candidate combinations (one candidate index per group) that aim at common targets."""
    if len(metrics) == 1:
        targets = np.linspace(0, 1, 1001)
        return np.stack([_closest(c.metric(metrics[0]), targets, contribution)
                         for c, contribution in zip(curves, contributions, strict=True)], axis=1)
    # Two rates at once (equalized odds): aim at the largest group's (TPR, FPR) pairs.
    reference = int(np.argmax([c.n for c in curves]))
    targets = np.stack([curves[reference].metric(m) for m in metrics], axis=1)
    targets = targets[np.unique(np.linspace(0, len(targets) - 1, 300).astype(int))]
    choices = []
    for curve, contribution in zip(curves, contributions, strict=True):
        values = np.stack([curve.metric(m) for m in metrics], axis=1)
        distance = np.abs(values[None, :, :] - targets[:, None, :]).max(axis=2)
        distance = np.where(np.isnan(distance), np.inf, distance)
        score = distance - 1e-9 * contribution[None, :] / max(contribution.max(), 1e-12)
        choices.append(np.argmin(score, axis=1))
    return np.stack(choices, axis=1)


def _gaps(curves, candidates: np.ndarray, metrics) -> np.ndarray:
    """For each combination: the largest gap between groups in any of the metrics."""
    gaps = np.zeros(len(candidates))
    for m in metrics:
        values = np.stack([curves[g].metric(m)[candidates[:, g]] for g in range(len(curves))],
                          axis=1)
        undefined = np.isnan(values).any(axis=1)  # e.g. precision when nobody is selected
        filled = np.nan_to_num(values)
        spread = np.where(undefined, np.inf, filled.max(axis=1) - filled.min(axis=1))
        gaps = np.maximum(gaps, spread)
    return gaps


@public
def best_single_threshold(y_true, scores, *,
                          objective: Literal["accuracy", "balanced_accuracy"] = "accuracy") -> float:
    """The one threshold for everyone (group-unaware) that maximises the objective.

    A row is predicted positive when ``score >= threshold``; the threshold
    returned reproduces exactly the selection it was chosen for.

    Examples
    --------
    >>> round(best_single_threshold([1, 1, 0, 0, 1, 0], [0.9, 0.8, 0.6, 0.5, 0.4, 0.2]), 3)
    0.7
    """
    check_choice(objective, name="objective", choices=OBJECTIVES)
    y = check_labels(y_true, name="y_true")
    s = check_scores(scores, name="scores")
    check_same_length(y_true=y, scores=s)
    curve = _curve(y, s)
    best = int(np.argmax(_contribution(curve, _objective_weights(objective, [curve]))))
    return float(curve.thresholds[best])


@public
def thresholds_for_target(y_true, scores, *, sensitive_features,
                          metric: str = "true_positive_rate", target: float = 0.8) -> pd.Series:
    """Per-group thresholds that bring each group's ``metric`` as close as possible to ``target``.

    Useful for sweeps: "if every group had a true positive rate of 0.8, what
    would their precision be?" ``metric`` is one of ``selection_rate``,
    ``true_positive_rate``, ``false_positive_rate``, ``positive_predictive_value``.

    Examples
    --------
    >>> thresholds_for_target([1, 1, 0, 0, 1, 1, 0, 0], [0.9, 0.6, 0.5, 0.1, 0.8, 0.3, 0.7, 0.2],
    ...                       sensitive_features=list("aaaabbbb"), metric="selection_rate",
    ...                       target=0.25).to_dict()
    {'a': 0.75, 'b': 0.75}
    """
    check_choice(metric, name="metric", choices=TARGET_METRICS)
    target = check_fraction(target, name="target")
    groups, curves = _prepare(y_true, scores, sensitive_features)
    _check_defined(curves, groups, metric, f"a target {metric}")
    weights = _objective_weights("accuracy", curves)
    chosen = [int(_closest(c.metric(metric), np.array([target]), _contribution(c, weights))[0])
              for c in curves]
    return _as_series(groups, curves, chosen)


def _as_series(groups: Groups, curves, chosen) -> pd.Series:
    values = [float(curves[g].thresholds[k]) for g, k in enumerate(chosen)]
    return pd.Series(values, index=groups.index.copy(), name="threshold")


def _per_group_thresholds(thresholds, groups: Groups, *, name: str) -> np.ndarray:
    """A threshold for every group, from a dict or Series keyed by group label."""
    func = caller()
    if not isinstance(thresholds, (Mapping, pd.Series)):
        raise TypeError(f"The '{name}' parameter of {func} must be a number, or a dict or "
                        f"Series with a threshold per group; got {thresholds!r} instead.")
    thresholds = dict(thresholds.items())
    labels = [groups.label(g) for g in range(len(groups))]
    missing = [g for g in labels if g not in thresholds]
    if missing:
        raise ValueError(f"The '{name}' parameter of {func} has no threshold for group(s) "
                         f"{missing!r}; got thresholds for {list(thresholds)!r}.")
    return np.array([check_fraction(thresholds[g], name=f"{name}[{g!r}]") for g in labels])


@public
def apply_thresholds(scores, thresholds: Mapping | pd.Series, *,
                     sensitive_features) -> np.ndarray:
    """Predictions with a threshold per group: 1 where the score is at or above it.

    Examples
    --------
    >>> apply_thresholds([0.9, 0.4, 0.6, 0.3], {"a": 0.5, "b": 0.35},
    ...                  sensitive_features=["a", "a", "b", "b"]).tolist()
    [1, 0, 1, 0]
    """
    s = check_scores(scores, name="scores")
    groups = check_sensitive_features(sensitive_features, n=len(s), against="scores")
    per_group = _per_group_thresholds(thresholds, groups, name="thresholds")
    return (s >= per_group[groups.codes]).astype(np.int8)


# --- scores, checked once, thresholded again and again ------------------------------------

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

    @public(name="ScoredGroups")
    def __init__(self, y_true, scores, *, sensitive_features, sample_weight=None):
        self.y_true = check_labels(y_true, name="y_true")
        self.scores = check_scores(scores, name="scores")
        n = check_same_length(y_true=self.y_true, scores=self.scores)
        self.groups = check_sensitive_features(sensitive_features, n=n)
        self.weight = check_sample_weight(sample_weight, n=n)

    @property
    def group_labels(self) -> list:
        return [self.groups.label(i) for i in range(len(self.groups))]

    def _row_thresholds(self, threshold) -> float | np.ndarray:
        """One threshold for everyone, or each row's group threshold."""
        if isinstance(threshold, (Mapping, pd.Series)):
            return _per_group_thresholds(threshold, self.groups, name="threshold")[
                self.groups.codes]
        return check_fraction(threshold, name="threshold")

    @public(name="ScoredGroups.predictions")
    def predictions(self, threshold) -> np.ndarray:
        """0/1 predictions: 1 where the score is at or above the (group's) threshold."""
        return (self.scores >= self._row_thresholds(threshold)).astype(np.int8)

    @public(name="ScoredGroups.counts")
    def counts(self, threshold) -> ConfusionCounts:
        """The confusion counts per group at this threshold."""
        return count_confusion(self.y_true, self.predictions(threshold), self.groups, self.weight)

    @public(name="ScoredGroups.confusion")
    def confusion(self, threshold) -> pd.DataFrame:
        """Like :func:`group_confusion` for the predictions at this threshold."""
        return self.counts(threshold).to_frame()

    @public(name="ScoredGroups.metrics")
    def metrics(self, threshold, metrics=None) -> pd.DataFrame:
        """Like :func:`group_metrics` for the predictions at this threshold."""
        from .metrics._rates import check_metric_names

        return rate_frame(self.counts(threshold), check_metric_names(metrics))

    @public(name="ScoredGroups.counts_at")
    def counts_at(self, thresholds) -> ConfusionCounts:
        """Counts for many common thresholds at once: arrays of shape (thresholds, groups)."""
        grid = np.asarray([check_fraction(t, name="thresholds") for t in np.ravel(thresholds)])
        return count_at_thresholds(self.y_true, self.scores, self.groups, grid, self.weight)

    @public(name="ScoredGroups.histograms")
    def histograms(self, bins: int = 20) -> dict:
        """Score counts per group and actual outcome, on ``bins`` equal bins over [0, 1]."""
        bins = check_whole_number(bins, name="bins", low=1, high=1000)
        edges = np.linspace(0, 1, bins + 1)
        position = np.minimum((self.scores * bins).astype(int), bins - 1)
        key = (self.groups.codes * 2 + self.y_true) * bins + position
        flat = np.bincount(key, weights=self.weight, minlength=len(self.groups) * 2 * bins)
        counts = flat.reshape(len(self.groups), 2, bins)
        return {"edges": edges,
                **{label: {"negative": counts[i, 0], "positive": counts[i, 1]}
                   for i, label in enumerate(self.group_labels)}}


# --- presets: the lesson's named choices of per-group thresholds --------------------------------

PRESETS: dict[str, str | None] = {
    "single threshold": "single",
    "demographic parity": "demographic_parity",
    "equal opportunity": "equal_opportunity",
    "predictive parity": "predictive_parity",
    "best per group": None,
}


def _check_scored(scored, *, name: str = "scored") -> ScoredGroups:
    """``scored`` must be a :class:`ScoredGroups` without sample weights (the search has none)."""
    if not isinstance(scored, ScoredGroups):
        raise TypeError(f"The '{name}' parameter of {caller()} must be a ScoredGroups, made with "
                        f"ScoredGroups(y_true, scores, sensitive_features=...); got "
                        f"{type(scored).__name__} instead.")
    if scored.weight is not None:
        raise ValueError(f"The '{name}' parameter of {caller()} carries sample weights; the "
                         f"threshold search does not use them. Make it without sample_weight.")
    return scored


def preset_from_curves(groups: Groups, curves, name: str, *, cutoff: float, objective: str,
                       tolerance: float) -> pd.Series:
    """One preset's thresholds from curves already made (the widget uses this)."""
    if PRESETS[name] == "single":
        return pd.Series(float(cutoff), index=groups.index.copy(), name="threshold")
    return search_thresholds(groups, curves, constraint=PRESETS[name], objective=objective,
                             tolerance=tolerance)


@public
def preset_thresholds(scored: ScoredGroups, *, cutoff: float,
                      objective: Literal["accuracy", "balanced_accuracy"] = "balanced_accuracy",
                      presets=tuple(PRESETS), tolerance: float = 0.01) -> dict[str, pd.Series]:
    """The per-group thresholds of each preset, chosen on the data in ``scored``.

    Choose them on validation data (out-of-fold scores of the training
    students) and report them on the test data, with
    :func:`fairlearn_lite.criteria.preset_table`.

    ``"single threshold"`` is ``cutoff`` for every group (the operating point
    the lesson states, for instance from
    :func:`fairlearn_lite.operating_point.choose_cutoff`). The others come
    from :func:`group_thresholds` with the objective given: ``"demographic
    parity"`` (equal selection rates), ``"equal opportunity"`` (equal true
    positive rates), ``"predictive parity"`` (equal precision) and ``"best
    per group"`` (no constraint: each group its own best threshold).

    Parameters
    ----------
    scored : ScoredGroups
        Labels, scores and groups of the data to choose on (no sample weights).
    cutoff : float
        The single threshold of the ``"single threshold"`` preset.
    objective : {"accuracy", "balanced_accuracy"}, default "balanced_accuracy"
    presets : sequence of str, default all of ``PRESETS``
    tolerance : float, default 0.01
        The largest gap that counts as meeting a constraint (see :func:`group_thresholds`).

    Returns
    -------
    dict of str to pandas.Series
        The thresholds per group, for each preset asked for.

    References
    ----------
    Hardt, Price & Srebro (2016), Equality of opportunity in supervised learning, NeurIPS.

    Examples
    --------
    >>> scored = ScoredGroups([1, 1, 1, 0, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.2, 0.6, 0.5, 0.4, 0.1],
    ...                       sensitive_features=list("aaaabbbb"))
    >>> found = preset_thresholds(scored, cutoff=0.5, presets=["single threshold",
    ...                                                         "demographic parity"])
    >>> {name: t.round(2).to_dict() for name, t in found.items()}
    {'single threshold': {'a': 0.5, 'b': 0.5}, 'demographic parity': {'a': 0.45, 'b': 0.25}}
    """
    scored = _check_scored(scored)
    cutoff = check_fraction(cutoff, name="cutoff")
    check_choice(objective, name="objective", choices=OBJECTIVES)
    tolerance = check_fraction(tolerance, name="tolerance")
    names = [check_choice(n, name="presets", choices=tuple(PRESETS))
             for n in ([presets] if isinstance(presets, str) else presets)]
    curves = group_curves(scored.y_true, scored.scores, scored.groups)
    return {name: preset_from_curves(scored.groups, curves, name, cutoff=cutoff,
                                     objective=objective, tolerance=tolerance) for name in names}


@public
def rate_gap(scored: ScoredGroups, thresholds, *, metric: str = "true_positive_rate") -> float:
    """The largest minus the smallest value of one rate across groups, at these thresholds.

    The gap a constraint tries to close: compute it on the data the thresholds
    were chosen on, and again on fresh (test) data, to see how much of the
    equality was fitted to the first.

    Examples
    --------
    >>> scored = ScoredGroups([1, 1, 0, 1, 1, 0], [0.9, 0.6, 0.4, 0.8, 0.3, 0.2],
    ...                       sensitive_features=list("aaabbb"))
    >>> rate_gap(scored, {"a": 0.5, "b": 0.5})  # TPR: a finds 2 of 2, b 1 of 2
    0.5
    """
    _check_scored(scored)
    from .metrics._rates import check_metric_names

    check_metric_names(metric)
    values = scored.metrics(thresholds, [metric])[metric]
    return float(values.max() - values.min()) if values.notna().all() else float("nan")


@public
def equal_rate_sweep(scored: ScoredGroups, *, metric: str = "true_positive_rate",
                     targets=(0.5, 0.6, 0.7, 0.8, 0.9)) -> pd.DataFrame:
    """Give every group the same value of ``metric`` (target by target); all rates per group.

    For each target, :func:`thresholds_for_target` picks each group's
    threshold, and the group's rates at those thresholds are recorded. With
    ``metric="true_positive_rate"`` this shows what equal recall does to
    precision and the false positive rate when base rates differ
    (Chouldechova 2017).

    Returns
    -------
    pandas.DataFrame
        One row per (target, group): ``target``, ``group`` and every rate.

    Examples
    --------
    >>> scored = ScoredGroups([1, 1, 0, 0, 1, 1, 0, 0], [0.9, 0.6, 0.5, 0.1, 0.8, 0.3, 0.7, 0.2],
    ...                       sensitive_features=list("aaaabbbb"))
    >>> sweep = equal_rate_sweep(scored, targets=[0.5, 1.0])
    >>> sweep[["target", "group", "true_positive_rate"]].values.tolist()
    [[0.5, 'a', 0.5], [0.5, 'b', 0.5], [1.0, 'a', 1.0], [1.0, 'b', 1.0]]
    """
    _check_scored(scored)
    check_choice(metric, name="metric", choices=TARGET_METRICS)
    targets = [check_fraction(t, name="targets") for t in np.ravel(targets)]
    curves = group_curves(scored.y_true, scored.scores, scored.groups)
    _check_defined(curves, scored.groups, metric, f"a target {metric}")
    contributions = [_contribution(c, _objective_weights("accuracy", curves)) for c in curves]
    rows = []
    for target in targets:  # as thresholds_for_target does, on curves made once
        chosen = [int(_closest(c.metric(metric), np.array([target]), contribution)[0])
                  for c, contribution in zip(curves, contributions, strict=True)]
        rates = scored.metrics(_as_series(scored.groups, curves, chosen))
        rates.insert(0, "group", list(rates.index))
        rates.insert(0, "target", target)
        rows.append(rates.reset_index(drop=True))
    return pd.concat(rows, ignore_index=True)
