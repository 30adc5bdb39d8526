"""The three families of group-fairness criteria, and a tree for choosing a metric.

========================  =============================  ==========================================
criterion                 equal across groups            whose interest (in a BSA prognosis)
========================  =============================  ==========================================
independence              selection rate                 society: equal outcomes
separation                TPR and FPR (error rates)      the student: fewest wrongly stopped
sufficiency               PPV and NPV (calibration)      the institution: fewest wrongly continuing
========================  =============================  ==========================================

When groups have different base rates, no imperfect classifier can meet all
three (Kleinberg, Mullainathan & Raghavan 2016; Chouldechova 2017). The
names follow Barocas, Hardt & Narayanan, *Fairness and Machine Learning*.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

from ._tolerance import at_most, within_band
from ._validation import check_choice, check_fraction, check_group_present, check_scores
from .metrics._counts import confusion_counts
from .metrics._rates import compute_rates

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
    reference : Series
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
    reference: pd.Series
    differences: pd.DataFrame
    ratios: pd.DataFrame
    checks: pd.DataFrame
    rule: str
    tolerance: float
    calibration: pd.DataFrame | None = None

    @property
    def holds(self) -> pd.Series:
        """For each criterion: True when all its rates are within the tolerance."""
        return self.checks.groupby("criterion", sort=False)["within"].all()

    @property
    def summary(self) -> str:
        band = (f"differences of at most {self.tolerance:.2f}" if self.rule == "difference"
                else f"ratios within {self.tolerance:.2f} to {1 / self.tolerance:.2f}")
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


def _reference_groups(values: pd.DataFrame, reference, groups, counts_n) -> pd.Series:
    if reference == "largest":
        return pd.Series(values.index[int(np.argmax(counts_n))], index=values.columns)
    if reference == "best":
        return pd.Series({m: (values[m].idxmax() if HIGHER_IS_BETTER[m] else values[m].idxmin())
                          for m in values.columns})
    position = check_group_present(reference, groups, name="reference", func="criteria_report")
    return pd.Series(values.index[position], index=values.columns)


def criteria_report(y_true, y_pred, *, sensitive_features, scores=None,
                    reference="largest", rule: Rule = "difference",
                    tolerance: float | None = None, n_bins: int = 5) -> CriteriaReport:
    """Independence, separation and sufficiency per group, each checked against a tolerance.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
    sensitive_features : array-like or Series
    scores : array-like of float in [0, 1], optional
        With scores, calibration by group is added (scikit-learn's
        ``calibration_curve`` per group, ``n_bins`` quantile bins).
    reference : "largest", "best" or a group label
        Compare with the largest group, with the best group per rate (highest,
        or lowest for the false positive rate), or with a chosen group.
    rule : {"difference", "ratio"}
        Judge gaps as differences (default tolerance 0.05) or as ratios
        (default tolerance 0.8, meaning the band 0.8 to 1.25).
    tolerance : float, optional

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
    func = "criteria_report"
    check_choice(rule, name="rule", func=func, choices=("difference", "ratio"))
    if tolerance is None:
        tolerance = 0.05 if rule == "difference" else 0.8
    tolerance = check_fraction(tolerance, name="tolerance", func=func, low_open=True)
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features, func=func)
    report = report_from_counts(counts, reference=reference, rule=rule, tolerance=tolerance)
    if scores is None:
        return report
    calibration = calibration_by_group(y_true, scores, sensitive_features=sensitive_features,
                                       n_bins=n_bins)
    return replace(report, calibration=calibration)


def report_from_counts(counts, *, reference="largest", rule: Rule = "difference",
                       tolerance: float = 0.05) -> CriteriaReport:
    """The criteria report from confusion counts already made (widgets use this)."""
    if len(counts.groups) < 2:
        raise ValueError(f"The criteria compare groups, so 'sensitive_features' must hold at "
                         f"least two; got only {counts.groups.label(0)!r}.")
    names = [m for metrics in CRITERIA.values() for m in metrics]
    values = pd.DataFrame(compute_rates(names, counts), index=counts.groups.index.copy())
    ref = _reference_groups(values, reference, counts.groups, counts.n)
    base = pd.Series({m: values.loc[ref[m], m] for m in names})
    differences = values - base
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = values / base.where(base != 0)

    rows = []
    for criterion, metrics in CRITERIA.items():
        for metric in metrics:
            if rule == "difference":
                gaps = differences[metric].dropna()
                worst = gaps.loc[gaps.abs().idxmax()] if len(gaps) else np.nan
                within = bool(at_most(abs(worst), tolerance)) if len(gaps) else False
            else:
                gaps = ratios[metric].dropna()
                worst = gaps.loc[(np.log(gaps.clip(lower=1e-12))).abs().idxmax()] \
                    if len(gaps) else np.nan
                within = bool(within_band(worst, tolerance, 1 / tolerance)) if len(gaps) else False
            rows.append({"criterion": criterion, "metric": metric, "reference": ref[metric],
                         "worst_gap": worst, "within": within})
    return CriteriaReport(values=values, reference=ref, differences=differences, ratios=ratios,
                          checks=pd.DataFrame(rows), rule=rule, tolerance=tolerance)


def calibration_by_group(y_true, scores, *, sensitive_features, n_bins: int = 5) -> pd.DataFrame:
    """Calibration per group: in each score bin, the mean score and the observed positive rate.

    A calibrated model has observed rate ≈ mean score in every bin, for every
    group: a score of 0.7 then means "7 in 10 such students pass", whatever
    the group. Bins are quantiles of each group's scores (scikit-learn's
    ``calibration_curve(..., strategy="quantile")``).
    """
    from sklearn.calibration import calibration_curve

    from ._validation import check_labels, check_same_length, check_sensitive_features

    func = "calibration_by_group"
    y = check_labels(y_true, name="y_true", func=func)
    s = check_scores(scores, name="scores", func=func)
    n = check_same_length(func, y_true=y, scores=s)
    groups = check_sensitive_features(sensitive_features, n=n, func=func)
    frames = []
    for position in range(len(groups)):
        rows = groups.codes == position
        observed, predicted = calibration_curve(y[rows], s[rows], n_bins=n_bins,
                                                strategy="quantile")
        frames.append(pd.DataFrame({"group": groups.label(position),
                                    "bin": np.arange(1, len(observed) + 1),
                                    "mean_score": predicted, "observed_rate": observed}))
    return pd.concat(frames, ignore_index=True)


# --- choosing a metric: the fairness tree ---------------------------------------------------------

@dataclass(frozen=True)
class TreeQuestion:
    key: str
    text: str
    options: dict  # answer -> the next key, or a leaf


@dataclass(frozen=True)
class TreeLeaf:
    metric: str
    name: str
    meaning: str


LEAVES = {
    "selected_count": TreeLeaf("selected_count", "equal selection parity",
                               "every group gets the same number of selections"),
    "selection_rate": TreeLeaf("selection_rate", "demographic parity",
                               "every group is selected in proportion to its size"),
    "fp_per_group_size": TreeLeaf("fp_per_group_size", "false positives / group size parity",
                                  "the chance that a random member of the group is wrongly "
                                  "selected for the intervention"),
    "false_discovery_rate": TreeLeaf("false_discovery_rate", "false discovery rate parity",
                                     "of those selected, the share that should not have been"),
    "false_positive_rate": TreeLeaf("false_positive_rate", "false positive rate parity",
                                    "of those for whom the intervention is not warranted, the "
                                    "share selected anyway"),
    "true_positive_rate": TreeLeaf("true_positive_rate", "recall (true positive rate) parity",
                                   "of those in need, the share who get help"),
    "fn_per_group_size": TreeLeaf("fn_per_group_size", "false negatives / group size parity",
                                  "the chance that a random member of the group needs help and "
                                  "does not get it"),
    "false_omission_rate": TreeLeaf("false_omission_rate", "false omission rate parity",
                                    "of those not helped, the share who needed it"),
    "false_negative_rate": TreeLeaf("false_negative_rate", "false negative rate parity",
                                    "of those in need, the share who do not get help"),
}

FAIRNESS_TREE: dict[str, TreeQuestion] = {q.key: q for q in [
    TreeQuestion("focus", "What should be equal between groups?", {
        "who is selected (representation)": "representation",
        "who is treated wrongly (errors)": "labels"}),
    TreeQuestion("representation", "Should each group get the same number of selections, or a "
                                    "number in proportion to its size?", {
        "the same number": LEAVES["selected_count"],
        "in proportion to its size": LEAVES["selection_rate"]}),
    TreeQuestion("labels", "Do you trust the labels (the recorded outcomes) to be free of bias?", {
        "yes, we trust them": "intervention",
        "no, the labels may be biased": LEAVES["selection_rate"]}),
    TreeQuestion("intervention", "Is the intervention punitive (a burden, such as an "
                                  "investigation or a negative advice) or assistive (help, such "
                                  "as coaching)?", {
        "punitive": "punitive_concern",
        "assistive": "assistive_reach"}),
    TreeQuestion("punitive_concern", "Whose wrong treatment concerns you most?", {
        "everyone, whatever their actual outcome": LEAVES["fp_per_group_size"],
        "those who are selected": LEAVES["false_discovery_rate"],
        "those for whom the intervention is not warranted": LEAVES["false_positive_rate"]}),
    TreeQuestion("assistive_reach", "Can you help most of those in need, or only a small "
                                     "fraction?", {
        "only a small fraction": LEAVES["true_positive_rate"],
        "most of them": "assistive_concern"}),
    TreeQuestion("assistive_concern", "Whose missed help concerns you most?", {
        "everyone, whatever their actual need": LEAVES["fn_per_group_size"],
        "those who are not helped": LEAVES["false_omission_rate"],
        "those with an actual need": LEAVES["false_negative_rate"]}),
]}


def walk_fairness_tree(answers: Mapping[str, str]) -> tuple[list[TreeQuestion], TreeLeaf | None]:
    """Follow the answers through the tree: the questions asked so far, and the leaf (or None).

    After the Aequitas fairness tree (Saleiro et al., 2018, Center for Data Science and
    Public Policy, University of Chicago), with a question on trust in the labels
    as the municipal bias report walked it: biased labels make every error-based
    metric inherit the bias, so the tree then points at representation.

    Examples
    --------
    >>> asked, leaf = walk_fairness_tree({
    ...     "focus": "who is treated wrongly (errors)", "labels": "yes, we trust them",
    ...     "intervention": "punitive",
    ...     "punitive_concern": "everyone, whatever their actual outcome"})
    >>> leaf.name
    'false positives / group size parity'
    """
    asked, node = [], FAIRNESS_TREE["focus"]
    while True:
        asked.append(node)
        answer = answers.get(node.key)
        if answer is None:
            return asked, None
        if answer not in node.options:
            valid = ", ".join(repr(o) for o in node.options)
            raise ValueError(f"The answer to {node.key!r} must be one of {valid}; "
                             f"got {answer!r} instead.")
        step = node.options[answer]
        if isinstance(step, TreeLeaf):
            return asked, step
        node = FAIRNESS_TREE[step]


def tree_metric(metric: str, y_true, y_pred, *, sensitive_features,
                reference="largest") -> pd.DataFrame:
    """A tree leaf's metric per group, with its difference and ratio to the reference group.

    ``y_pred`` = 1 means *selected for the intervention* (for example: flagged as at risk).
    """
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features,
                              func="tree_metric")
    if metric == "selected_count":
        values = pd.Series(counts.tp + counts.fp, index=counts.groups.index.copy(), dtype=float)
    else:
        check_choice(metric, name="metric", func="tree_metric",
                     choices=tuple(m.metric for m in LEAVES.values()))
        values = pd.Series(compute_rates([metric], counts)[metric],
                           index=counts.groups.index.copy())
    if reference == "largest":
        ref = counts.groups.index[int(np.argmax(counts.n))]
    else:
        ref = counts.groups.index[check_group_present(reference, counts.groups,
                                                      name="reference", func="tree_metric")]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = values / values[ref] if values[ref] != 0 else values * np.nan
    return pd.DataFrame({"count": counts.n, metric: values, "difference": values - values[ref],
                         f"ratio_to_{ref}": ratio})
