"""The three families of group-fairness criteria, and a tree for choosing a metric.

========================  =============================  ==========================================
criterion                 equal across groups            whose interest (in a BSA prognosis)
========================  =============================  ==========================================
independence              selection rate                 society: equal outcomes
separation                TPR and FPR (error rates)      the student: fewest wrongly stopped
sufficiency               PPV and NPV (calibration)      the institution: fewest wrongly continuing
========================  =============================  ==========================================

When groups have different base rates, no classifier can meet all three (a
perfect one still fails independence), and in non-trivial cases not even two
(Kleinberg, Mullainathan & Raghavan 2016; Chouldechova 2017). The names follow
Barocas, Hardt & Narayanan, *Fairness and Machine Learning*. Choosing a metric
with the fairness tree: :mod:`fairlearn_lite.fairness_tree`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

from ._tolerance import at_most, within_band
from ._validation import (
    caller,
    check_choice,
    check_fraction,
    check_group_present,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_scores,
    check_sensitive_features,
    check_whole_number,
    public,
)
from ._warnings import warn
from .confusion import ConfusionCounts, compute_rates, count_confusion

__all__ = ["CRITERIA", "CriteriaReport", "calibration_by_group", "criteria_report",
           "implied_false_positive_rate", "preset_table", "rates_by_variant",
           "report_from_counts"]

CRITERIA: dict[str, list[str]] = {
    "independence": ["selection_rate"],
    "separation": ["true_positive_rate", "false_positive_rate"],
    "sufficiency": ["positive_predictive_value", "negative_predictive_value"],
}
HIGHER_IS_BETTER = {"selection_rate": True, "true_positive_rate": True,
                    "false_positive_rate": False, "positive_predictive_value": True,
                    "negative_predictive_value": True}
Rule = Literal["difference", "ratio"]


@dataclass(frozen=True)
class CriteriaReport:
    """The outcome of :func:`criteria_report`.

    Attributes
    ----------
    values : DataFrame
        The five rates per group.
    privileged : Series
        The reference group for each rate.
    differences, ratios : DataFrame
        Each group's rate minus, and divided by, the reference group's rate.
    checks : DataFrame
        Per criterion and rate: the largest gap and whether it is within the tolerance.
    calibration : DataFrame or None
        Per group and score bin: the mean score and the observed positive rate
        (only when scores were given).
    """

    values: pd.DataFrame
    privileged: pd.Series
    differences: pd.DataFrame
    ratios: pd.DataFrame
    checks: pd.DataFrame
    rule: str
    tolerance: float
    epsilon: float
    calibration: pd.DataFrame | None = None

    @property
    def holds(self) -> pd.Series:
        """For each criterion: True when all its rates are within the tolerance."""
        return self.checks.groupby("criterion", sort=False)["within"].all()

    @property
    def summary(self) -> str:
        band = (f"differences of at most {self.tolerance:.2f}" if self.rule == "difference"
                else f"ratios within {self.epsilon:.2f} to {1 / self.epsilon:.2f}")
        lines = [f"Tolerance: {band}."]
        for criterion, holds in self.holds.items():
            rows = self.checks[self.checks["criterion"] == criterion]
            detail = ", ".join(f"{r.metric} {r.worst_gap:+.3f}" if self.rule == "difference"
                               else f"{r.metric} {r.worst_gap:.3f}" for r in rows.itertuples())
            lines.append(f"{'✓' if holds else '✗'} {criterion}: {detail}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary

    def _repr_html_(self) -> str:
        return "<pre>" + self.summary + "</pre>"


def _reference_groups(values: pd.DataFrame, privileged, counts: ConfusionCounts) -> pd.Series:
    """The reference group per rate: the largest group, the best one, or the one given."""
    if privileged is None:
        return pd.Series([counts.groups.label(int(np.argmax(counts.n)))] * values.shape[1],
                         index=values.columns, dtype=object)
    if isinstance(privileged, str) and privileged == "best":
        best = {}
        for m in values.columns:
            column = values[m].reset_index(drop=True)
            if column.isna().all():
                warn(f"{m} is undefined in every group, so there is no best group to compare "
                     f"with: its gaps are NaN.")
                best[m] = None
                continue
            position = column.idxmax() if HIGHER_IS_BETTER[m] else column.idxmin()
            best[m] = counts.groups.label(int(position))
        return pd.Series(best, dtype=object)
    position = check_group_present(privileged, counts.groups, name="privileged")
    return pd.Series([counts.groups.label(position)] * values.shape[1], index=values.columns,
                     dtype=object)


@public
def criteria_report(y_true, y_pred, *, sensitive_features, sample_weight=None, scores=None,
                    privileged=None, rule: Rule = "difference", tolerance: float = 0.05,
                    epsilon: float = 0.8, n_bins: int = 5) -> CriteriaReport:
    """Independence, separation and sufficiency per group, each checked against a tolerance.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
    sensitive_features : array-like, Series or DataFrame
        Group of each row (a DataFrame of several columns gives intersections).
    scores : array-like of float in [0, 1], optional
        With scores, calibration by group is added (``n_bins`` quantile bins).
    privileged : None, "best" or a group label
        Compare with the largest group (None), with the best group per rate
        (highest, or lowest for the false positive rate), or with a chosen group.
    rule : {"difference", "ratio"}
        Judge gaps as differences (at most ``tolerance``) or as ratios (inside
        the band ``epsilon`` to ``1 / epsilon``).
    tolerance : float, default 0.05
        The largest difference that counts as equal, with ``rule="difference"``.
    epsilon : float, default 0.8
        The band's lower edge, with ``rule="ratio"``.
    sample_weight : array-like, optional

    Returns
    -------
    CriteriaReport
        ``.values``, ``.differences``, ``.ratios``, ``.checks``, ``.holds`` and
        a plain ``.summary`` with ✓/✗ per criterion.

    Examples
    --------
    >>> report = criteria_report([1, 1, 0, 0, 1, 0, 0, 0], [1, 1, 0, 0, 1, 1, 0, 0],
    ...                          sensitive_features=list("aaaabbbb"))
    >>> report.holds.to_dict()
    {'independence': True, 'separation': False, 'sufficiency': False}
    """
    check_choice(rule, name="rule", choices=("difference", "ratio"))
    tolerance = check_fraction(tolerance, name="tolerance", low_open=True)
    epsilon = check_fraction(epsilon, name="epsilon", low_open=True)
    n_bins = check_whole_number(n_bins, name="n_bins", low=2)
    y = check_labels(y_true, name="y_true")
    predicted = check_labels(y_pred, name="y_pred")
    n = check_same_length(y_true=y, y_pred=predicted)
    groups = check_sensitive_features(sensitive_features, n=n)
    counts = count_confusion(y, predicted, groups, check_sample_weight(sample_weight, n=n))
    report = report_from_counts(counts, privileged=privileged, rule=rule, tolerance=tolerance,
                                epsilon=epsilon)
    if scores is None:
        return report
    if sample_weight is not None:
        raise ValueError(
            f"The 'sample_weight' parameter of {caller()} cannot be combined with 'scores': "
            f"calibration by group is computed without weights. Leave out one of the two, or "
            f"call calibration_by_group separately.")
    s = check_scores(scores, name="scores")
    check_same_length(y_true=y, scores=s)
    return replace(report, calibration=_calibration(y, s, groups, n_bins))


def report_from_counts(counts: ConfusionCounts, *, privileged=None, rule: Rule = "difference",
                       tolerance: float = 0.05, epsilon: float = 0.8) -> CriteriaReport:
    """The criteria report from confusion counts already made (widgets use this).

    Examples
    --------
    >>> from fairlearn_lite.confusion import confusion_counts
    >>> counts = confusion_counts([1, 1, 0, 0, 1, 0, 0, 0], [1, 1, 0, 0, 1, 1, 0, 0],
    ...                           sensitive_features=list("aaaabbbb"))
    >>> report_from_counts(counts, privileged="a").holds.to_dict()
    {'independence': True, 'separation': False, 'sufficiency': False}
    """
    if len(counts.groups) < 2:
        raise ValueError(f"{caller()} compares groups, so the 'sensitive_features' parameter "
                         f"must hold at least two; got only {counts.groups.label(0)!r}.")
    names = [m for metrics in CRITERIA.values() for m in metrics]
    values = pd.DataFrame(compute_rates(names, counts), index=counts.groups.index.copy())
    ref = _reference_groups(values, privileged, counts)
    labels = [counts.groups.label(i) for i in range(len(counts.groups))]
    base = pd.Series({m: (values[m].iloc[labels.index(ref[m])] if ref[m] is not None
                          else np.nan) for m in names})
    differences = values - base
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = values / base.where(base != 0)
    rows = [{"criterion": criterion, "metric": metric, "privileged": ref[metric],
             **_worst_gap(differences[metric], ratios[metric], rule, tolerance, epsilon)}
            for criterion, metrics in CRITERIA.items() for metric in metrics]
    return CriteriaReport(values=values, privileged=ref, differences=differences, ratios=ratios,
                          checks=pd.DataFrame(rows), rule=rule, tolerance=tolerance,
                          epsilon=epsilon)


def _worst_gap(differences: pd.Series, ratios: pd.Series, rule: str, tolerance: float,
               epsilon: float) -> dict:
    """The largest gap of one rate and whether it is within the tolerance.

    When any group's gap is undefined (NaN), so is the comparison: NaN, and not within.
    """
    gaps = (differences if rule == "difference" else ratios).reset_index(drop=True)
    if gaps.isna().any():  # a group without this rate: the comparison is undefined, not "equal"
        return {"worst_gap": np.nan, "within": False}
    if rule == "difference":
        worst = gaps.iloc[int(gaps.abs().to_numpy().argmax())]
        return {"worst_gap": worst, "within": bool(at_most(abs(worst), tolerance))}
    worst = gaps.iloc[int(np.abs(np.log(gaps.clip(lower=1e-12))).to_numpy().argmax())]
    return {"worst_gap": worst, "within": bool(within_band(worst, epsilon, 1 / epsilon))}


@public
def calibration_by_group(y_true, scores, *, sensitive_features, n_bins: int = 5) -> pd.DataFrame:
    """Calibration per group: in each score bin, the mean score and the observed positive rate.

    A calibrated model has observed rate ≈ mean score in every bin, for every
    group: a score of 0.7 then means "7 in 10 such students pass", whatever
    the group. Bins are quantiles of each group's scores (scikit-learn's
    ``calibration_curve(..., strategy="quantile")``).

    Examples
    --------
    >>> table = calibration_by_group([0, 1, 0, 1, 0, 1, 1, 1], [.2, .8, .3, .7, .1, .9, .6, .8],
    ...                              sensitive_features=list("aaaabbbb"), n_bins=2)
    >>> table[["group", "bin", "observed_rate"]].values.tolist()
    [['a', 1, 0.0], ['a', 2, 1.0], ['b', 1, 0.5], ['b', 2, 1.0]]
    """
    n_bins = check_whole_number(n_bins, name="n_bins", low=2)
    y = check_labels(y_true, name="y_true")
    s = check_scores(scores, name="scores")
    n = check_same_length(y_true=y, scores=s)
    return _calibration(y, s, check_sensitive_features(sensitive_features, n=n), n_bins)


def _calibration(y: np.ndarray, s: np.ndarray, groups, n_bins: int) -> pd.DataFrame:
    """Calibration per group from validated labels, scores and group codes."""
    from sklearn.calibration import calibration_curve

    frames = []
    for position in range(len(groups)):
        rows = groups.codes == position
        observed, predicted = calibration_curve(y[rows], s[rows], n_bins=n_bins,
                                                strategy="quantile")
        frames.append(pd.DataFrame({"group": [groups.label(position)] * len(observed),
                                    "bin": np.arange(1, len(observed) + 1),
                                    "mean_score": predicted, "observed_rate": observed}))
    return pd.concat(frames, ignore_index=True)


# --- lesson 03: the presets table, the impossibility identity, a comparison of two scorings ---

def objective_value(counts: ConfusionCounts, objective: str) -> float:
    """Accuracy, or balanced accuracy ((TPR + TNR) / 2), for everyone together."""
    rates = compute_rates(["accuracy", "true_positive_rate", "true_negative_rate"],
                          counts.total(), warn_undefined=False)
    if objective == "accuracy":
        return float(rates["accuracy"][0])
    return float((rates["true_positive_rate"][0] + rates["true_negative_rate"][0]) / 2)


@public
def preset_table(scored, presets, *, objective: str = "balanced_accuracy",
                 tolerance: float = 0.05) -> pd.DataFrame:
    """Each preset's thresholds applied to the data in ``scored``: the cost and the three criteria.

    Pass the test data here, and thresholds chosen elsewhere (on validation
    data, with :func:`fairlearn_lite.thresholds.preset_thresholds`): then the
    table reports what the choices do on students they were not chosen on.

    Parameters
    ----------
    scored : fairlearn_lite.thresholds.ScoredGroups
        Labels, scores and groups of the data to report on.
    presets : dict of str to thresholds
        Per preset, a threshold for everyone or one per group.
    objective : {"accuracy", "balanced_accuracy"}, default "balanced_accuracy"
        The objective shown; balanced accuracy is (TPR + TNR) / 2.
    tolerance : float, default 0.05
        The largest difference that counts as equal in the criteria check.

    Returns
    -------
    pandas.DataFrame
        One row per preset: ``threshold <group>`` per group, ``share predicted
        positive``, the objective, and True/False for ``independence``,
        ``separation`` and ``sufficiency`` (see :func:`criteria_report`).

    Examples
    --------
    >>> from fairlearn_lite.thresholds import ScoredGroups
    >>> scored = ScoredGroups([1, 1, 0, 0, 1, 0, 0, 0], [.9, .8, .3, .2, .7, .6, .3, .1],
    ...                       sensitive_features=list("aaaabbbb"))
    >>> table = preset_table(scored, {"one cut-off": 0.5, "per group": {"a": 0.5, "b": 0.65}})
    >>> table[["share predicted positive", "independence", "separation"]].values.tolist()
    [[0.5, True, False], [0.375, False, True]]
    """
    from .thresholds import OBJECTIVES, _check_scored

    scored = _check_scored(scored)
    check_choice(objective, name="objective", choices=OBJECTIVES)
    tolerance = check_fraction(tolerance, name="tolerance", low_open=True)
    if not isinstance(presets, dict) or not presets:
        raise TypeError(f"The 'presets' parameter of {caller()} must be a non-empty dict of "
                        f"name -> thresholds; got {type(presets).__name__} instead.")
    rows = {}
    for name, thresholds in presets.items():
        per_group = thresholds if isinstance(thresholds, (dict, pd.Series)) else \
            dict.fromkeys(scored.group_labels, thresholds)
        counts = scored.counts(per_group)
        holds = report_from_counts(counts, tolerance=tolerance).holds
        share = compute_rates(["selection_rate"], counts.total(), warn_undefined=False)
        rows[name] = {**{f"threshold {g}": float(per_group[g]) for g in scored.group_labels},
                      "share predicted positive": float(share["selection_rate"][0]),
                      objective.replace("_", " "): objective_value(counts, objective),
                      **holds.to_dict()}
    return pd.DataFrame(rows).T.infer_objects()


@public
def implied_false_positive_rate(base_rate, ppv, tpr):
    """The false positive rate that a base rate, a precision and a recall force.

    .. math:: \\mathrm{FPR} = \\frac{p}{1-p} \\cdot \\frac{1-\\mathrm{PPV}}{\\mathrm{PPV}}
              \\cdot \\mathrm{TPR}

    with :math:`p` the base rate. Two groups with the same TPR and PPV but
    different base rates must have different FPRs: separation and sufficiency
    cannot both hold for an imperfect classifier.

    References
    ----------
    Chouldechova, A. (2017). Fair prediction with disparate impact: a study of
    bias in recidivism prediction instruments. Big Data 5(2), 153-163 (eq. 2.6).

    Examples
    --------
    >>> round(implied_false_positive_rate(0.5, 0.8, 0.8), 3)
    0.2
    >>> round(implied_false_positive_rate(0.7, 0.8, 0.8), 3)
    0.467
    """
    p = np.asarray(base_rate, dtype=float)
    ppv_ = np.asarray(ppv, dtype=float)
    if np.any((p <= 0) | (p >= 1)) or np.any((ppv_ <= 0) | (ppv_ > 1)):
        raise ValueError(f"The 'base_rate' and 'ppv' parameters of {caller()} must lie in "
                         f"(0, 1) and (0, 1]; got {base_rate!r} and {ppv!r} instead.")
    result = p / (1 - p) * (1 - ppv_) / ppv_ * np.asarray(tpr, dtype=float)
    return float(result) if result.ndim == 0 else result


@public
def rates_by_variant(variants, *, cutoff: float, metrics=("base_rate", "selection_rate",
                     "true_positive_rate", "false_positive_rate",
                     "positive_predictive_value")) -> pd.DataFrame:
    """The same students scored in several ways, cut at one cut-off: rates per variant and group.

    For example the model's scores as they are, and the scores when everyone
    is told to be a woman.

    Parameters
    ----------
    variants : dict of str to ScoredGroups
        Per variant, the students' labels, scores and groups.
    cutoff : float
        Predicted positive when ``score >= cutoff``.
    metrics : sequence of str
        Rate names (see ``fairlearn_lite.RATES``).

    Returns
    -------
    pandas.DataFrame
        Index (variant, group); one column per rate.

    Examples
    --------
    >>> from fairlearn_lite.thresholds import ScoredGroups
    >>> y, groups = [1, 0, 1, 0], ["f", "f", "m", "m"]
    >>> table = rates_by_variant({"as is": ScoredGroups(y, [.9, .2, .4, .1], sensitive_features=groups),
    ...                           "changed": ScoredGroups(y, [.9, .2, .9, .2], sensitive_features=groups)},
    ...                          cutoff=0.5, metrics=["selection_rate"])
    >>> table["selection_rate"].tolist()
    [0.5, 0.0, 0.5, 0.5]
    """
    from .metrics._rates import check_metric_names
    from .thresholds import ScoredGroups

    cutoff = check_fraction(cutoff, name="cutoff")
    names = check_metric_names(list(metrics))
    if not isinstance(variants, dict) or not variants or \
            not all(isinstance(v, ScoredGroups) for v in variants.values()):
        raise TypeError(f"The 'variants' parameter of {caller()} must be a non-empty dict of "
                        f"name -> ScoredGroups; got {variants!r:.80} instead.")
    frames = {name: scored.metrics(cutoff, names)[names] for name, scored in variants.items()}
    return pd.concat(frames, names=["variant"])
