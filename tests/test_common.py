"""Common tests: every public function that takes per-row data, against the same awkward inputs.

In the spirit of scikit-learn's ``sklearn/metrics/tests/test_common.py``. The REGISTRY
holds one small adapter per public function, which calls it from one common set of
per-row arguments (``y_true``, ``y_pred``, ``scores``, ``sensitive_features``,
``sample_weight``, and ``X`` for ``resample``) plus a ``privileged`` group and a
threshold per group. Each case swaps one argument (or the form of all of them) for an
awkward one and expects exactly one of:

(a) ``Raises``: a ValueError or TypeError whose message names the offending parameter
    in quotes and the public function as the user called it, never an internal helper;
(b) ``Undefined``: NaN where a rate is undefined, with an ``UndefinedRateWarning``
    naming the group, never a silent 0 or "perfect parity";
(c) ``Same``: the same result as the clean input (or ``Check``: a value computed by
    hand from the tiny data below).

Whatever the case, the caller's inputs are unchanged afterwards and nothing is printed.
The invariance tests at the end hold every function to row order, group names and
sample weights. Expected values are worked out by hand, never copied from the package.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pytest

import fairlearn_lite as fl
from fairlearn_lite import UndefinedRateWarning
from fairlearn_lite.bias_audit import compare_selections, metric_ratios
from fairlearn_lite.criteria import calibration_by_group, criteria_report
from fairlearn_lite.fairness_tree import tree_metric
from fairlearn_lite.mitigation import resample, resample_indices, roc_pivot
from fairlearn_lite.thresholds import (
    ScoredGroups,
    apply_thresholds,
    best_single_threshold,
    group_thresholds,
    thresholds_for_target,
)
from fairlearn_lite.widgets import FairnessTreeWidget, GroupThresholdWidget, ThresholdWidget

# --- the common data: 12 students in two groups, every confusion cell in both -------------------
#
#   row     0    1    2    3    4    5    6    7    8    9    10   11
#   group   a    b    a    b    a    a    b    a    b    a    b    a
#   y_true  1    1    1    1    1    0    0    0    0    0    0    1
#   y_pred  1    1    1    0    0    1    1    0    0    0    0    1
#   score  .90  .80  .52  .30  .48  .70  .53  .20  .47  .10  .40  .85   (y_pred = score >= 0.5)
#   weight  1    2    1    3    2    1    1    2    1    3    1    2
#
# Group a (7 rows): tp 3, fn 1, fp 1, tn 2.  Group b (5 rows): tp 1, fn 1, fp 1, tn 2.
# Everyone together: tp 4, fn 2, fp 2, tn 4.

GROUPS = ["a", "b", "a", "b", "a", "a", "b", "a", "b", "a", "b", "a"]
Y_TRUE = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1]
Y_PRED = [1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1]
SCORES = [0.90, 0.80, 0.52, 0.30, 0.48, 0.70, 0.53, 0.20, 0.47, 0.10, 0.40, 0.85]
WEIGHTS = [1, 2, 1, 3, 2, 1, 1, 2, 1, 3, 1, 2]
N = len(GROUPS)

PER_ROW = ("y_true", "y_pred", "scores", "sensitive_features", "sample_weight", "X")
LABELS = ("y_true", "y_pred")


def clean_args() -> dict:
    """The common arguments, fresh for every call (the adapters pick what they need)."""
    return {
        "y_true": np.array(Y_TRUE),
        "y_pred": np.array(Y_PRED),
        "scores": np.array(SCORES),
        "sensitive_features": np.array(GROUPS),
        "sample_weight": np.array(WEIGHTS, dtype=float),
        "X": np.arange(N),  # row numbers, so a resampled X says which rows were chosen
        "privileged": "a",
        "thresholds": {"a": 0.5, "b": 0.35},
    }


# --- adapters: each calls one public function from the common arguments ------------------------

TWO_RATES = {"sel": fl.selection_rate, "tpr": fl.true_positive_rate}
# y_pred = 1 is "selected for the intervention"; this path of the tree ends in the false
# negative rate, which is undefined for a group without actual positives.
TREE_ANSWERS = {"focus": "who is treated wrongly (errors)", "labels": "yes, we trust them",
                "intervention": "assistive", "assistive_reach": "most of them",
                "assistive_concern": "those with an actual need"}


def _confusion(a):
    return fl.group_confusion(a["y_true"], a["y_pred"], sensitive_features=a["sensitive_features"],
                              sample_weight=a["sample_weight"])


def _metrics(a, metrics=None):
    return fl.group_metrics(a["y_true"], a["y_pred"], sensitive_features=a["sensitive_features"],
                            sample_weight=a["sample_weight"], metrics=metrics)


def _single(function):
    def call(a, **options):
        return function(a["y_true"], a["y_pred"], sample_weight=a["sample_weight"], **options)
    return call


def _disparity(function):
    def call(a, **options):
        return function(a["y_true"], a["y_pred"], sensitive_features=a["sensitive_features"],
                        sample_weight=a["sample_weight"], **options)
    return call


def _frame(a, metrics=TWO_RATES):
    weight = a["sample_weight"]
    params = None
    if weight is not None and isinstance(metrics, Mapping):
        params = {name: {"sample_weight": weight} for name in metrics}
    return fl.MetricFrame(metrics=metrics, y_true=a["y_true"], y_pred=a["y_pred"],
                          sensitive_features=a["sensitive_features"], sample_params=params)


def _metric_frame(a, metrics=TWO_RATES):
    frame = _frame(a, metrics)
    return {"by_group": frame.by_group, "overall": frame.overall}


def _frame_difference(a, method="between_groups"):
    return _frame(a).difference(method=method)


def _frame_ratio(a, method="between_groups"):
    return _frame(a).ratio(method=method)


def _fairness_check(a):
    result = fl.fairness_check(a["y_true"], a["y_pred"], sensitive_features=a["sensitive_features"],
                               privileged=a["privileged"], sample_weight=a["sample_weight"])
    return {"metrics": result.metrics, "ratios": result.ratios, "flagged": result.flagged}


def _bias_table(a):
    return fl.bias_table(a["y_true"], a["y_pred"], sensitive_features={"group": a["sensitive_features"]},
                         privileged={"group": a["privileged"]}, sample_weight=a["sample_weight"])


def _metric_ratios(a, metric="fp_per_group_size"):
    return metric_ratios(a["y_true"], a["y_pred"], sensitive_features={"group": a["sensitive_features"]},
                         privileged={"group": a["privileged"]}, sample_weight=a["sample_weight"],
                         metric=metric)


def _compare_selections(a, metric="fp_per_group_size"):
    return compare_selections(a["y_true"], {"model": a["y_pred"]},
                              sensitive_features={"group": a["sensitive_features"]},
                              privileged={"group": a["privileged"]},
                              sample_weight=a["sample_weight"], metric=metric)


def _criteria(a, rule="difference"):
    report = criteria_report(a["y_true"], a["y_pred"], sensitive_features=a["sensitive_features"],
                             privileged=a["privileged"], rule=rule, sample_weight=a["sample_weight"])
    return {"values": report.values, "differences": report.differences, "ratios": report.ratios,
            "checks": report.checks}


def _criteria_scored(a, rule="difference"):
    # Calibration is unweighted, so scores come without weights (both together are refused).
    report = criteria_report(a["y_true"], a["y_pred"], sensitive_features=a["sensitive_features"],
                             scores=a["scores"], privileged=a["privileged"], rule=rule, n_bins=2)
    return {"values": report.values, "differences": report.differences, "ratios": report.ratios,
            "checks": report.checks, "calibration": report.calibration}


def _calibration(a):
    return calibration_by_group(a["y_true"], a["scores"], sensitive_features=a["sensitive_features"],
                                n_bins=2)


def _ratio_column(table: pd.DataFrame) -> pd.DataFrame:
    """``ratio_to_<group>`` renamed, so that results with other group names compare."""
    return table.rename(columns=lambda c: "ratio_to_privileged" if str(c).startswith("ratio_to_")
                        else c)


def _tree_metric(a, metric="false_negative_rate"):
    return _ratio_column(tree_metric(a["y_true"], a["y_pred"], metric=metric,
                                     sensitive_features=a["sensitive_features"],
                                     privileged=a["privileged"], sample_weight=a["sample_weight"]))


def _group_thresholds(a, constraint="equal_opportunity", objective="accuracy"):
    return group_thresholds(a["y_true"], a["scores"], sensitive_features=a["sensitive_features"],
                            constraint=constraint, objective=objective)


def _best_single_threshold(a, objective="accuracy"):
    return best_single_threshold(a["y_true"], a["scores"], objective=objective)


def _thresholds_for_target(a, metric="true_positive_rate"):
    return thresholds_for_target(a["y_true"], a["scores"], sensitive_features=a["sensitive_features"],
                                 metric=metric, target=0.5)


def _apply_thresholds(a):
    return apply_thresholds(a["scores"], a["thresholds"], sensitive_features=a["sensitive_features"])


def _scored(a):
    return ScoredGroups(a["y_true"], a["scores"], sensitive_features=a["sensitive_features"],
                        sample_weight=a["sample_weight"])


def _scored_confusion(a):
    return _scored(a).confusion(0.5)


def _scored_metrics(a, metrics=None):
    return _scored(a).metrics(a["thresholds"], metrics=metrics)


def _bootstrap(a, metrics=("selection_rate", "true_positive_rate")):
    result = fl.bootstrap_group_metrics(a["y_true"], a["y_pred"],
                                        sensitive_features=a["sensitive_features"],
                                        sample_weight=a["sample_weight"], metrics=list(metrics),
                                        n_boot=40, random_state=0)
    return {"estimate": result.estimate, "low": result.low, "high": result.high,
            "difference": result.difference("true_positive_rate", privileged=a["privileged"])}


def _reweighing(a):
    return fl.reweighing_weights(a["y_true"], sensitive_features=a["sensitive_features"])


def _resample_indices(a, kind="preferential"):
    return np.sort(resample_indices(a["y_true"], sensitive_features=a["sensitive_features"],
                                    kind=kind, scores=a["scores"], random_state=0))


def _resample(a, kind="preferential"):
    x, _, _ = resample(a["X"], a["y_true"], sensitive_features=a["sensitive_features"], kind=kind,
                       scores=a["scores"], random_state=0)
    return np.sort(np.asarray(x))  # the rows chosen; y and groups are those rows of the input


def _roc_pivot(a):
    return roc_pivot(a["scores"], sensitive_features=a["sensitive_features"],
                     privileged=a["privileged"])


def _as_frame(groups):
    """The widget offers one attribute per column of a DataFrame."""
    if groups is None or isinstance(groups, pd.DataFrame | str):
        return groups
    return pd.DataFrame(groups if isinstance(groups, Mapping) else {"group": groups})


def _threshold_widget(a):
    widget = ThresholdWidget(a["y_true"], a["scores"], _as_frame(a["sensitive_features"]))
    state = widget.state
    return {"confusion": state["confusion"], "metrics": state["metrics"], "_widget": widget}


def _group_threshold_widget(a, objective="accuracy", name="demographic parity"):
    widget = GroupThresholdWidget(a["y_true"], a["scores"], a["sensitive_features"],
                                  objective=objective)
    state = widget.state
    preset = pd.Series(widget.preset_thresholds(name))
    return {"confusion": state["confusion"], "metrics": state["metrics"],
            "criteria": state["criteria"].values, "checks": state["criteria"].checks,
            "preset": preset, "_widget": widget}


def _tree_widget(a, key="focus", value=TREE_ANSWERS["focus"]):
    widget = FairnessTreeWidget(a["y_true"], a["y_pred"], a["sensitive_features"],
                                privileged=a["privileged"])
    widget.answer(key, value)
    for key, answer in list(TREE_ANSWERS.items())[1:]:
        widget.answer(key, answer)
    return {"table": _ratio_column(widget.table), "_widget": widget}


# --- what a case expects ------------------------------------------------------------------------

@dataclass(frozen=True)
class Raises:
    """(a) A ValueError/TypeError naming one of ``params`` (common names) and the function."""

    params: tuple
    also: tuple = ()  # further text the message must contain


@dataclass(frozen=True)
class Same:
    """(c) The same result as the clean input."""


@dataclass(frozen=True)
class Undefined:
    """(b) NaN where undefined (``where`` picks the value), a warning naming ``group``."""

    group: str
    where: Callable | None = None
    also: Callable | None = None  # a further check: the undefined value is not hidden


@dataclass(frozen=True)
class Check:
    """A result checked against values worked out by hand; ``warns`` names a group warned about."""

    check: Callable
    warns: str | None = None


SAME = Same()


def raises(*params, also=()):
    return Raises(params, also)


# --- the registry --------------------------------------------------------------------------------

COMMON = {"y_true": "y_true", "y_pred": "y_pred", "sensitive_features": "sensitive_features",
          "sample_weight": "sample_weight"}
SCORED = {"y_true": "y_true", "scores": "scores", "sensitive_features": "sensitive_features"}


@dataclass(frozen=True)
class Entry:
    name: str
    call: Callable
    public: tuple  # the names an error may give: the function, or the method the user called
    takes: dict  # common argument -> the name of the function's own parameter
    compares: bool = False  # compares groups, so needs at least two
    privileged: bool = False
    options: tuple = ()  # (option, unknown value)
    pos_label: bool = False
    output: str = "table"  # "table", "rows" (one value per row) or "indices" (row numbers)
    random: bool = False  # random draws follow the group order: relabel keeping that order
    expect: dict = field(default_factory=dict)  # case kind -> expectation (None: not applicable)

    def __repr__(self) -> str:
        return self.name


def _counts(table, group, **expected):
    for column, value in expected.items():
        assert table.loc[group, column] == pytest.approx(value), (group, column)


def _close(value, expected):
    assert value == pytest.approx(expected)


def _accuracy_at(threshold) -> float:
    return float(np.mean((np.array(SCORES) >= threshold) == np.array(Y_TRUE)))


def _tpr_at(threshold) -> float:
    selected = np.array(SCORES) >= threshold
    return float(selected[np.array(Y_TRUE) == 1].mean())


# Everyone in one group "a" (weights dropped): tp 4, fn 2, fp 2, tn 4; selection rate 6/12,
# TPR 4/6. One row: y_true 1, y_pred 1, score 0.9, group "a", weight 1.
ONE_GROUP_RATES = {"selection_rate": 0.5, "true_positive_rate": 4 / 6,
                   "false_positive_rate": 2 / 6, "accuracy": 8 / 12}

REGISTRY = [
    Entry("group_confusion", _confusion, ("group_confusion",), COMMON, expect={
        "one_row": Check(lambda r: _counts(r, "a", tp=1, fp=0, fn=0, tn=0, n=1)),
        "one_group": Check(lambda r: _counts(r, "a", tp=4, fp=2, fn=2, tn=4, n=12)),
        "no_positives": Check(lambda r: _counts(r, "b", tp=0, fn=0))}),
    Entry("group_metrics", _metrics, ("group_metrics",), COMMON,
          options=(("metrics", ["bogus_rate"]),), expect={
              "one_row": Undefined("a", lambda r: r.loc["a", "false_positive_rate"]),
              "one_group": Check(lambda r: _counts(r, "a", **ONE_GROUP_RATES)),
              "no_positives": Undefined("b", lambda r: r.loc["b", "true_positive_rate"])}),
    *[Entry(f.__name__, _single(f), (f.__name__,),
            {"y_true": "y_true", "y_pred": "y_pred", "sample_weight": "sample_weight"},
            pos_label=True, expect={"one_row": one_row, "no_positives": no_positives})
      for f, one_row, no_positives in [
          (fl.selection_rate, Check(lambda r: _close(r, 1.0)), SAME),
          (fl.true_positive_rate, Check(lambda r: _close(r, 1.0)),
           Undefined("overall", lambda r: r)),
          (fl.false_negative_rate, Check(lambda r: _close(r, 0.0)),
           Undefined("overall", lambda r: r)),
          # With everyone actually negative, rows 0 1 2 5 6 11 (weight 8 of 20) are the
          # false positives.
          (fl.false_positive_rate, Undefined("overall", lambda r: r),
           Check(lambda r: _close(r, 8 / 20))),
          (fl.true_negative_rate, Undefined("overall", lambda r: r),
           Check(lambda r: _close(r, 12 / 20)))]],
    *[Entry(f.__name__, _disparity(f), (f.__name__,), COMMON, compares=True,
            options=(("method", "between_group"),) + ((("agg", "worst"),) if "odds" in
                                                      f.__name__ else ()),
            expect={"no_positives": no_positives})
      for f, no_positives in [
          (fl.demographic_parity_difference, SAME),  # y_true plays no part in selection
          (fl.demographic_parity_ratio, SAME),
          (fl.equal_opportunity_difference, Undefined("b", lambda r: r)),
          (fl.equal_opportunity_ratio, Undefined("b", lambda r: r)),
          (fl.equalized_odds_difference, Undefined("b", lambda r: r)),
          (fl.equalized_odds_ratio, Undefined("b", lambda r: r))]],
    Entry("MetricFrame", _metric_frame, ("MetricFrame",), COMMON,
          options=(("metrics", "selection_rate"),), expect={
              "one_row": Check(lambda r: _counts(r["by_group"], "a", sel=1.0, tpr=1.0)),
              "one_group": Check(lambda r: (_counts(r["by_group"], "a", sel=0.5, tpr=4 / 6),
                                            _close(r["overall"]["tpr"], 4 / 6))),
              "no_positives": Undefined("b", lambda r: r["by_group"].loc["b", "tpr"])}),
    Entry("MetricFrame.difference", _frame_difference, ("MetricFrame", "MetricFrame.difference"),
          COMMON, compares=True, options=(("method", "to_overal"),),
          expect={"no_positives": Undefined("b", lambda r: r["tpr"])}),
    Entry("MetricFrame.ratio", _frame_ratio, ("MetricFrame", "MetricFrame.ratio"), COMMON,
          compares=True, options=(("method", "to_overal"),),
          expect={"no_positives": Undefined("b", lambda r: r["tpr"])}),
    Entry("fairness_check", _fairness_check, ("fairness_check",), COMMON, compares=True,
          privileged=True,
          expect={"no_positives": Undefined("b", lambda r: r["ratios"].loc["b", "TPR"])}),
    Entry("bias_table", _bias_table, ("bias_table",), COMMON, compares=True, privileged=True,
          expect={"no_positives": Check(
              lambda r: _assert_in("TPR: no interval", r.set_index("group").loc["b", "reason"]),
              warns="b")}),
    # Weighted, a has fp 1 (row 5, weight 1) of 12 and b fp 1 (row 6) of 8. Without b's positives,
    # row 1 (selected, weight 2) is a false positive too: b 3 of 8, a 1 of 12, ratio 4.5 -
    # false positives / group size needs no actual positives.
    Entry("metric_ratios", _metric_ratios, ("metric_ratios",), COMMON, compares=True,
          privileged=True, options=(("metric", "fp_share"),), expect={
              "no_positives": Check(lambda r: _close(
                  r.set_index("group").loc["b", "ratio"], (3 / 8) / (1 / 12)))}),
    Entry("compare_selections", _compare_selections, ("compare_selections",),
          {"y_true": "y_true", "y_pred": "selections", "sensitive_features": "sensitive_features",
           "sample_weight": "sample_weight"}, compares=True, privileged=True,
          options=(("metric", "fp_share"),), expect={
              "no_positives": Check(lambda r: _close(
                  r.set_index("group").loc["b", "model ratio"], (3 / 8) / (1 / 12)))}),
    Entry("criteria_report", _criteria, ("criteria_report",), COMMON,
          compares=True, privileged=True, options=(("rule", "ratios"),), expect={
              "no_positives": Undefined("b", lambda r: r["values"].loc["b", "true_positive_rate"],
                                        also=lambda r: _undefined_gap(r["checks"]))}),
    Entry("criteria_report[scores]", _criteria_scored, ("criteria_report",),
          {"y_true": "y_true", "y_pred": "y_pred", "sensitive_features": "sensitive_features",
           "scores": "scores"},
          compares=True, privileged=True, options=(("rule", "ratios"),), expect={
              "no_positives": Undefined("b", lambda r: r["values"].loc["b", "true_positive_rate"],
                                        also=lambda r: _undefined_gap(r["checks"])),
              # scores are optional: without them, no calibration table
              "missing[scores]": Check(lambda r: _assert_true(r["calibration"] is None))}),
    Entry("calibration_by_group", _calibration, ("calibration_by_group",), SCORED, expect={
        # One row: one bin, score 0.9, observed 1. One group, two bins split at the median 0.5:
        # below, scores .1 .2 .3 .4 .47 .48 with 2 of 6 positive; above, 4 of 6.
        "one_row": Check(lambda r: (_close(r["mean_score"].tolist(), [0.9]),
                                    _close(r["observed_rate"].tolist(), [1.0]))),
        "one_group": Check(lambda r: (_close(r["observed_rate"].tolist(), [2 / 6, 4 / 6]),
                                      _close(r["mean_score"].tolist(), [1.95 / 6, 4.3 / 6]))),
        "no_positives": Check(lambda r: _close(
            r.loc[r["group"] == "b", "observed_rate"].tolist(), [0.0, 0.0]))}),
    Entry("tree_metric", _tree_metric, ("tree_metric",), COMMON, compares=True, privileged=True,
          options=(("metric", "false_negatives"),), expect={
              "no_positives": Undefined("b", lambda r: r.loc["b", "false_negative_rate"])}),
    Entry("group_thresholds", _group_thresholds, ("group_thresholds",), SCORED,
          options=(("constraint", "equal_oportunity"), ("objective", "f1")), expect={
              # The most accurate threshold selects the top 3 (or top 7) scores: 9 of 12 right.
              "one_row": Check(lambda r: _assert_true(r["a"] <= 0.9)),
              "one_group": Check(lambda r: _close(_accuracy_at(r["a"]), 9 / 12)),
              "no_positives": raises("y_true", also=("'b'",))}),
    Entry("best_single_threshold", _best_single_threshold, ("best_single_threshold",),
          {"y_true": "y_true", "scores": "scores"}, options=(("objective", "f1"),),
          expect={"one_row": Check(lambda r: _assert_true(r <= 0.9)),
                  # everyone actually negative: the most accurate choice selects nobody
                  "no_positives": Check(lambda r: _assert_true(0.9 < r <= 1))}),
    Entry("thresholds_for_target", _thresholds_for_target, ("thresholds_for_target",), SCORED,
          options=(("metric", "recall"),), expect={
              "one_row": Check(lambda r: _assert_true(r["a"] <= 0.9)),
              "one_group": Check(lambda r: _close(_tpr_at(r["a"]), 0.5)),
              "no_positives": raises("y_true", also=("'b'",))}),
    Entry("apply_thresholds", _apply_thresholds, ("apply_thresholds",),
          {"scores": "scores", "sensitive_features": "sensitive_features"}, output="rows",
          expect={"one_row": Check(lambda r: _close(r.tolist(), [1])),
                  # everyone in group a, threshold 0.5: the predictions of the common data
                  "one_group": Check(lambda r: _close(r.tolist(), Y_PRED))}),
    Entry("ScoredGroups", _scored_confusion, ("ScoredGroups",),
          {**SCORED, "sample_weight": "sample_weight"}, expect={
              "one_row": Check(lambda r: _counts(r, "a", tp=1, n=1)),
              "one_group": Check(lambda r: _counts(r, "a", tp=4, fp=2, fn=2, tn=4)),
              "no_positives": Check(lambda r: _counts(r, "b", tp=0, fn=0))}),
    Entry("ScoredGroups.metrics", _scored_metrics, ("ScoredGroups", "ScoredGroups.metrics"),
          {**SCORED, "sample_weight": "sample_weight"}, options=(("metrics", ["recall"]),),
          expect={"one_row": Undefined("a", lambda r: r.loc["a", "false_positive_rate"]),
                  "one_group": Check(lambda r: _counts(r, "a", **ONE_GROUP_RATES)),
                  "no_positives": Undefined("b", lambda r: r.loc["b", "true_positive_rate"])}),
    Entry("bootstrap_group_metrics", _bootstrap,
          ("bootstrap_group_metrics", "BootstrapResult.difference"), COMMON, privileged=True,
          options=(("metrics", ["recall"]),), random=True, expect={
              # The seeded draws follow the group order, so only the estimate is the same:
              # weighted, a has tp 4, fn 2, fp 1, tn 5 and b has tp 2, fn 3, fp 1, tn 2.
              "categorical_reordered[sensitive_features]": Check(lambda r: (
                  _assert_true(list(r["estimate"].index) == ["b", "a"]),
                  _counts(r["estimate"], "a", selection_rate=5 / 12, true_positive_rate=4 / 6),
                  _counts(r["estimate"], "b", selection_rate=3 / 8, true_positive_rate=2 / 5))),
              "one_row": Check(lambda r: _counts(r["estimate"], "a", selection_rate=1.0,
                                                 true_positive_rate=1.0)),
              "one_group": Check(lambda r: _counts(r["estimate"], "a", selection_rate=0.5,
                                                   true_positive_rate=4 / 6)),
              "no_positives": Undefined("b", lambda r: r["estimate"].loc["b",
                                                                         "true_positive_rate"])}),
    Entry("reweighing_weights", _reweighing, ("reweighing_weights",),
          {"y_true": "y", "sensitive_features": "sensitive_features"}, output="rows", expect={
              "one_row": Check(lambda r: _close(r.tolist(), [1.0]), warns="a"),
              "one_group": Check(lambda r: _close(r.tolist(), [1.0] * N)),
              # weight = P(group) P(label) / P(group, label); 4 positives, 8 negatives:
              # a & 1: 7/12 · 4/12 / (4/12) = 7/12; a & 0: 7/12 · 8/12 / (3/12) = 14/9;
              # b & 0: 5/12 · 8/12 / (5/12) = 2/3.
              "no_positives": Check(lambda r: _close(
                  r.tolist(), [7 / 12, 2 / 3, 7 / 12, 2 / 3, 7 / 12, 14 / 9, 2 / 3, 14 / 9,
                               2 / 3, 14 / 9, 2 / 3, 7 / 12]), warns="b")}),
    *[Entry(name, call, (name,), {"y_true": "y", "scores": "scores",
                                  "sensitive_features": "sensitive_features",
                                  **({"X": "X"} if name == "resample" else {})},
            options=(("kind", "preferred"),), output="indices", expect={
                "one_row": Check(lambda r: _close(r.tolist(), [0]), warns="a"),
                "one_group": Check(lambda r: _close(r.tolist(), list(range(N)))),
                # Cells brought to round(size x label share), nearest the border first:
                # a & 1 to 2 of 4 (keep .90 .85: rows 0, 11), a & 0 to 5 of 3 (all, then
                # .70 .20 again: rows 5, 7), b & 0 to 3 of 5 (drop .80 .53: keep rows 3, 8,
                # 10); b & 1 has no rows to draw from.
                "no_positives": Check(lambda r: _close(r.tolist(),
                                                       [0, 3, 5, 5, 7, 7, 8, 9, 10, 11]),
                                      warns="b")})
      for name, call in [("resample_indices", _resample_indices), ("resample", _resample)]],
    Entry("roc_pivot", _roc_pivot, ("roc_pivot",),
          {"scores": "scores", "sensitive_features": "sensitive_features"}, privileged=True,
          output="rows", expect={
              "one_row": Check(lambda r: _close(r.tolist(), [0.9])),
              # everyone privileged: scores just above 0.5 (0.52, 0.53) move just below it
              "one_group": Check(lambda r: _close(
                  r.tolist(), [0.9, 0.8, 0.48, 0.3, 0.48, 0.7, 0.47, 0.2, 0.47, 0.1, 0.4, 0.85]))}),
    Entry("ThresholdWidget", _threshold_widget, ("ThresholdWidget",), SCORED, expect={
        # The widget shows undefined rates as "–" instead of warning at every slider move.
        "one_row": Check(lambda r: (_counts(r["metrics"], "a", selection_rate=1.0,
                                            true_positive_rate=1.0),
                                    _assert_true(np.isnan(r["metrics"].loc["a",
                                                                           "false_positive_rate"])),
                                    _assert_in("–", r["_widget"].table.value))),
        "one_group": Check(lambda r: _counts(r["metrics"], "a", **ONE_GROUP_RATES)),
        "no_positives": Check(lambda r: (
            _assert_true(np.isnan(r["metrics"].loc["b", "true_positive_rate"])),
            _assert_in("–", r["_widget"].table.value))),
        "column[sensitive_features]": None}),  # it takes a DataFrame of attributes
    Entry("GroupThresholdWidget", _group_threshold_widget,
          ("GroupThresholdWidget", "GroupThresholdWidget.preset_thresholds"), SCORED,
          compares=True, options=(("objective", "f1"), ("name", "fairest")), expect={
              "no_positives": Check(lambda r: (
                  _assert_true(np.isnan(r["metrics"].loc["b", "true_positive_rate"])),
                  _assert_in("–", r["_widget"].table.value),
                  _undefined_gap(r["checks"])))}),
    Entry("FairnessTreeWidget", _tree_widget, ("FairnessTreeWidget", "FairnessTreeWidget.answer"),
          {"y_true": "y_true", "y_pred": "y_pred", "sensitive_features": "sensitive_features"},
          compares=True, privileged=True, options=(("key", "labels"), ("value", "errors")), expect={
              "no_positives": Check(lambda r: (
                  _assert_true(np.isnan(r["table"].loc["b", "false_negative_rate"])),
                  _assert_true("NaN" in r["_widget"].result.value
                               or "–" in r["_widget"].result.value)))}),
]
ENTRIES = {entry.name: entry for entry in REGISTRY}


def _assert_true(condition):
    assert condition


def _undefined_gap(checks: pd.DataFrame):
    """Group b's TPR is undefined: its gap is unknown, not 0, and not within the tolerance."""
    row = checks.set_index("metric").loc["true_positive_rate"]
    assert np.isnan(row["worst_gap"]) and not row["within"], dict(row)


def _assert_in(part, whole):
    assert part in whole, f"{part!r} not in {whole!r}"


# --- the awkward inputs ---------------------------------------------------------------------------

def _with_none(values):
    values = list(values.tolist())
    values[2] = None
    return values


def _with_nan(values):
    values = values.astype(float)
    values[2] = np.nan
    return values


def _with_na(values, dtype):
    series = pd.Series(values, dtype=dtype)
    series[2] = pd.NA
    return series


def _nonbinary(values):
    values = values.copy()
    values[0] = 2
    return values


LABEL_FORMS = {  # form -> (make from clean 0/1 ints, expectation)
    "length_mismatch": (lambda y: y[:-1], "raises"),
    "nonbinary": (_nonbinary, "raises"),
    "strings": (lambda y: np.where(y == 1, "yes", "no"), "raises"),
    "probabilities": (lambda y: np.array(SCORES), "raises"),
    "nan": (_with_nan, "raises"),
    "none": (_with_none, "raises"),
    "pd_na": (lambda y: _with_na(y, "Int64"), "raises"),
    "two_columns": (lambda y: np.column_stack([y, y]), "raises"),
    "frame_two_columns": (lambda y: pd.DataFrame({"y": y, "z": y}), "raises"),
    "scalar": (lambda y: 1, "raises"),
    "missing": (lambda y: None, "raises"),
    "bool": (lambda y: y.astype(bool), "same"),
    "object_01": (lambda y: np.array(y.tolist(), dtype=object), "same"),
    "object_bool": (lambda y: np.array([bool(v) for v in y], dtype=object), "same"),
    "float_01": (lambda y: y.astype(float), "same"),
    "Int64": (lambda y: pd.Series(y, dtype="Int64"), "same"),
    "boolean": (lambda y: pd.Series(y.astype(bool), dtype="boolean"), "same"),
    "column": (lambda y: y.reshape(-1, 1), "same"),
    "frame_column": (lambda y: pd.DataFrame({"y": y}), "same"),
}
SCORE_FORMS = {
    "length_mismatch": (lambda s: s[:-1], "raises"),
    "nan": (_with_nan, "raises"),
    "none": (_with_none, "raises"),
    "pd_na": (lambda s: _with_na(s, "Float64"), "raises"),
    "out_of_range": (lambda s: s * 100, "raises"),  # percentages, or a decision function
    "strings": (lambda s: s.astype(str), "raises"),
    "predict_proba": (lambda s: np.column_stack([1 - s, s]), "raises"),
    "scalar": (lambda s: 0.5, "raises"),
    "missing": (lambda s: None, "raises"),
    "Float64": (lambda s: pd.Series(s, dtype="Float64"), "same"),
    "object": (lambda s: np.array(s.tolist(), dtype=object), "same"),
    "column": (lambda s: s.reshape(-1, 1), "same"),
}
GROUP_FORMS = {
    "length_mismatch": (lambda g: g[:-1], "raises"),
    "nan": (lambda g: np.where(np.arange(N) == 2, np.nan, g.astype(object)), "raises"),
    "none": (_with_none, "raises"),
    "pd_na": (lambda g: _with_na(g, "string[python]"), "raises"),
    "categorical_missing": (lambda g: pd.Series(pd.Categorical(_with_none(g))), "raises"),
    "column_name": (lambda g: "group", "raises"),  # the name of the column, not the column
    "missing": (lambda g: None, "raises"),
    "string_python": (lambda g: pd.Series(g, dtype="string[python]"), "same"),
    "object": (lambda g: g.astype(object), "same"),
    "categorical_unused": (lambda g: pd.Series(pd.Categorical(g, categories=["a", "b", "c"])),
                           "same"),
    "categorical_unused_raw": (lambda g: pd.Categorical(g, categories=["a", "b", "c"]), "same"),
    "categorical_reordered": (lambda g: pd.Series(pd.Categorical(g, categories=["b", "a"])),
                              "same"),
    "column": (lambda g: g.reshape(-1, 1), "same"),
    "dataframe": (lambda g: pd.DataFrame({"group": g}), "same"),
    "dict": (lambda g: {"group": g}, "same"),
}
WEIGHT_FORMS = {
    "length_mismatch": (lambda w: w[:-1], "raises"),
    "negative": (lambda w: np.where(np.arange(N) == 2, -1.0, w), "raises"),
    "nan": (_with_nan, "raises"),
    "inf": (lambda w: np.where(np.arange(N) == 2, np.inf, w), "raises"),
    "all_zero": (lambda w: np.zeros(N), "raises"),
    "strings": (lambda w: w.astype(str), "raises"),
    "scalar": (lambda w: 2.0, "raises"),
    "two_columns": (lambda w: np.column_stack([w, w]), "raises"),
    "pd_na": (lambda w: _with_na(w, "Float64"), "raises"),
    "Float64": (lambda w: pd.Series(w, dtype="Float64"), "same"),
    "Int64": (lambda w: pd.Series(w.astype(int), dtype="Int64"), "same"),
    "integers": (lambda w: w.astype(int), "same"),
    "column": (lambda w: w.reshape(-1, 1), "same"),
}
FORMS = {"y_true": LABEL_FORMS, "y_pred": LABEL_FORMS, "scores": SCORE_FORMS,
         "sensitive_features": GROUP_FORMS, "sample_weight": WEIGHT_FORMS}


def _every_row(args, entry, make) -> dict:
    """``make`` applied to every per-row argument the entry takes."""
    new = dict(args)
    for name in PER_ROW:
        if name in entry.takes:
            new[name] = make(name, args[name])
    return new


def _rows(rows):
    def make(args, entry):
        return _every_row(args, entry, lambda name, v: v[rows]), {}
    return make


def _as_series(index):
    def make(args, entry):
        return _every_row(args, entry, lambda name, v: pd.Series(v, index=index)), {}
    return make


def _one_group(args, entry):
    """Everyone in group a, without weights (the hand-computed values are unweighted)."""
    return {**args, "sensitive_features": np.array(["a"] * N), "sample_weight": None}, {}


def _no_positives(args, entry):
    """Group b loses its two actual positives (rows 1 and 3); without groups, everyone does."""
    y = args["y_true"].copy()
    y[[1, 3] if "sensitive_features" in entry.takes else slice(None)] = 0
    return {**args, "y_true": y}, {}


@dataclass(frozen=True)
class Case:
    kind: str  # the key of an entry's ``expect``
    target: str | None  # the per-row argument changed (None: the form of all of them)
    make: Callable  # (args, entry) -> (args, options)
    default: object  # the expectation unless the entry says otherwise
    needs: str | None = None  # an Entry flag the case needs


def _form_case(target, form, make, outcome) -> Case:
    def change(args, entry):
        return {**args, target: make(args[target])}, {}
    expected = raises(target) if outcome == "raises" else SAME
    return Case(f"{form}[{target}]", target, change, expected)


CASES = [_form_case(target, form, make, outcome)
         for target, forms in FORMS.items() for form, (make, outcome) in forms.items()]
CASES += [
    Case("empty", None, _rows(slice(0, 0)), "any-per-row"),
    Case("one_row", None, _rows(slice(0, 1)), "compares"),
    Case("one_group", None, _one_group, "compares"),
    Case("no_positives", "y_true", _no_positives, None),
    Case("lists", None, lambda a, e: (_every_row(a, e, lambda n, v: v.tolist()), {}), SAME),
    Case("series_range_index", None, _as_series(None), SAME),
    Case("series_offset_index", None, _as_series(np.arange(100, 100 + N)), SAME),
    Case("series_shuffled_index", None, _as_series(np.random.default_rng(1).permutation(N)),
         SAME),
    Case("series_duplicate_index", None, _as_series(np.repeat(np.arange(N // 2), 2)), SAME),
    Case("series_string_index", None, _as_series([f"s{i}" for i in range(N)]), SAME),
    Case("absent_privileged", None, lambda a, e: ({**a, "privileged": "c"}, {}),
         raises("privileged", also=("'a'", "'b'", "'c'")), needs="privileged"),
    Case("string_labels_with_pos_label", None,
         lambda a, e: ({**a, **{k: np.where(a[k] == 1, "pass", "fail") for k in LABELS}},
                       {"pos_label": "pass"}), SAME, needs="pos_label"),
    Case("unknown_pos_label", None, lambda a, e: (a, {"pos_label": "pass"}),
         raises("pos_label"), needs="pos_label"),
]


def _option_cases(entry):
    for option, value in entry.options:
        yield Case(f"unknown_option[{option}]", None,
                   lambda a, e, o=option, v=value: (a, {o: v}), raises(option))


def expectation(entry: Entry, case: Case):
    """What ``entry`` should do with ``case`` (None: the case does not apply)."""
    if case.target is not None and case.target not in entry.takes:
        return None
    if case.needs is not None and not getattr(entry, case.needs):
        return None
    if case.kind in entry.expect:
        return entry.expect[case.kind]
    if case.default == "any-per-row":
        return Raises(tuple(name for name in PER_ROW if name in entry.takes))
    if case.default == "compares":
        return raises("sensitive_features", also=("two",)) if entry.compares else None
    if case.kind == "no_positives":
        return None
    return case.default


PARAMS = [pytest.param(entry, case, expected, id=f"{entry.name}-{case.kind}")
          for entry in REGISTRY for case in [*CASES, *_option_cases(entry)]
          if (expected := expectation(entry, case)) is not None]


# --- running a case --------------------------------------------------------------------------

@dataclass
class Outcome:
    result: object = None
    error: BaseException | None = None
    warnings: list = field(default_factory=list)

    def warned(self, category=UndefinedRateWarning) -> list[str]:
        return [str(w.message) for w in self.warnings if issubclass(w.category, category)]


def run(entry: Entry, args: dict, options=None) -> Outcome:
    """Call the entry; check afterwards that it left every input of the caller as it was."""
    options = options or {}
    before = copy.deepcopy((args, options))
    outcome = Outcome()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outcome.result = entry.call(args, **options)
        except Exception as error:  # noqa: BLE001 - judged by the caller
            outcome.error = error
    outcome.warnings = list(caught)
    assert_unchanged(before, (args, options))
    return outcome


def _no_error(outcome: Outcome) -> None:
    if outcome.error is not None:
        raise AssertionError(f"unexpected {type(outcome.error).__name__}: {outcome.error}") \
            from outcome.error


_CLEAN: dict[str, object] = {}


def clean_result(entry: Entry):
    """The entry on the clean arguments (computed once per entry)."""
    if entry.name not in _CLEAN:
        _CLEAN[entry.name] = _quiet(entry, clean_args())
    return _CLEAN[entry.name]


# --- comparing ------------------------------------------------------------------------------

def _same_scalar(a, b) -> bool:
    if a is b:
        return True
    missing_a, missing_b = pd.api.types.is_scalar(a) and pd.isna(a), \
        pd.api.types.is_scalar(b) and pd.isna(b)
    if missing_a or missing_b:
        return missing_a and missing_b and type(a) is type(b)
    return type(a) is type(b) and bool(a == b)


def assert_unchanged(before, after, path="input"):
    """``after`` is exactly ``before``: same types, dtypes, indexes and values."""
    assert type(after) is type(before), f"{path} changed type"
    if isinstance(before, pd.DataFrame | pd.Series):
        check = pd.testing.assert_frame_equal if isinstance(before, pd.DataFrame) else \
            pd.testing.assert_series_equal
        check(after, before, check_exact=True, check_freq=True, check_flags=True,
              obj=path)
    elif isinstance(before, pd.Categorical | pd.api.extensions.ExtensionArray):
        pd.testing.assert_extension_array_equal(after, before, check_exact=True)
    elif isinstance(before, np.ndarray):
        assert after.dtype == before.dtype and after.shape == before.shape, path
        assert all(_same_scalar(x, y) for x, y in zip(before.ravel().tolist(),
                                                      after.ravel().tolist(), strict=True)), path
        assert after.flags.writeable == before.flags.writeable, path
    elif isinstance(before, Mapping):
        assert list(after) == list(before), f"{path} keys changed"
        for key in before:
            assert_unchanged(before[key], after[key], f"{path}[{key!r}]")
    elif isinstance(before, list | tuple):
        assert len(after) == len(before), f"{path} changed length"
        for i, (x, y) in enumerate(zip(before, after, strict=True)):
            assert_unchanged(x, y, f"{path}[{i}]")
    else:
        assert _same_scalar(before, after), f"{path}: {before!r} became {after!r}"


def normal(result, mapping=None):
    """A comparable form: group labels mapped by ``mapping``, groups in sorted order.

    The name of the group index (the column name, when groups come in a DataFrame) is
    not compared.
    """
    mapping = mapping or {}

    def label(value):
        return mapping.get(value, value) if isinstance(value, str | int | np.generic) else value

    if isinstance(result, Mapping):
        return {k: normal(v, mapping) for k, v in result.items() if not str(k).startswith("_")}
    if isinstance(result, pd.DataFrame):
        frame = result.copy()
        for column in ("group", "privileged"):
            if column in frame.columns:
                frame[column] = frame[column].map(label)
        if not isinstance(frame.index, pd.RangeIndex):
            frame.index = frame.index.map(label).rename(None)
            frame = frame.sort_index()
        if "group" in frame.columns:
            keys = ["group", "bin"] if "bin" in frame.columns else ["group"]
            frame = frame.sort_values(keys, kind="stable").reset_index(drop=True)
        return frame
    if isinstance(result, pd.Series):
        series = result.copy()
        if not isinstance(series.index, pd.RangeIndex):
            series.index = series.index.map(label).rename(None)
            series = series.sort_index()
        return series
    return result


def assert_same(got, expected, mapping=None, *, check_dtype=True):
    _assert_equal(normal(got, mapping), normal(expected), "result", check_dtype)


def _assert_equal(got, expected, path, check_dtype):
    if isinstance(expected, Mapping):
        assert isinstance(got, Mapping) and list(got) == list(expected), path
        for key in expected:
            _assert_equal(got[key], expected[key], f"{path}[{key!r}]", check_dtype)
    elif isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected, check_dtype=check_dtype, rtol=1e-9,
                                      obj=path)
    elif isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(got, expected, check_dtype=check_dtype, rtol=1e-9,
                                       obj=path)
    elif isinstance(expected, np.ndarray):
        assert isinstance(got, np.ndarray), f"{path}: {type(got).__name__}"
        np.testing.assert_allclose(got, expected, rtol=1e-9, err_msg=path)
    elif expected is None:
        assert got is None, path
    else:
        assert got == pytest.approx(expected, rel=1e-9, nan_ok=True), path


def _has_nan(result) -> bool:
    if isinstance(result, Mapping):
        return any(_has_nan(v) for k, v in result.items() if not str(k).startswith("_"))
    if isinstance(result, pd.DataFrame | pd.Series):
        return bool(result.isna().to_numpy().any())
    return bool(np.isnan(np.asarray(result, dtype=float)).any())


# --- who the message names ------------------------------------------------------------------------

PUBLIC_MODULES = ["fairlearn_lite", "fairlearn_lite.metrics", "fairlearn_lite.criteria",
                  "fairlearn_lite.fairness_tree", "fairlearn_lite.thresholds",
                  "fairlearn_lite.uncertainty", "fairlearn_lite.mitigation",
                  "fairlearn_lite.widgets"]
INTERNAL_MODULES = ["fairlearn_lite._validation", "fairlearn_lite.confusion",
                    "fairlearn_lite.criteria", "fairlearn_lite.thresholds",
                    "fairlearn_lite.mitigation", "fairlearn_lite.uncertainty",
                    "fairlearn_lite.fairness_tree", "fairlearn_lite.metrics._rates",
                    "fairlearn_lite.metrics._metric_frame", "fairlearn_lite.metrics._disparities",
                    "fairlearn_lite.metrics._fairness_check", "fairlearn_lite.metrics._bias_table",
                    "fairlearn_lite.widgets._render", "fairlearn_lite.widgets._threshold",
                    "fairlearn_lite.widgets._groups", "fairlearn_lite.widgets._tree"]


def _helpers() -> set[str]:
    """Functions of the kit a user never calls: private ones, and the core below the boundary."""
    public = {name for module in PUBLIC_MODULES
              for name in getattr(importlib.import_module(module), "__all__", [])}
    found = {"calibration_curve"}  # scikit-learn's, called by calibration_by_group
    for module_name in INTERNAL_MODULES:
        module = importlib.import_module(module_name)
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__.startswith("fairlearn_lite") and \
                    name not in public and "_" in name:
                found.add(name)
    return found


HELPERS = _helpers()
CALLERS = (r"parameters? of ([\w.]+)", r"^([\w.]+) compares groups")


def assert_clear_error(entry: Entry, expected: Raises, error: BaseException | None):
    assert error is not None, "expected an error, got a result"
    assert isinstance(error, ValueError | TypeError), f"{type(error).__name__}: {error}"
    message = str(error)
    names = [entry.takes.get(p, p) for p in expected.params]
    assert any(f"'{name}'" in message for name in names), \
        f"the message names none of {names}: {message}"
    words = {w.rstrip(".") for w in re.findall(r"[A-Za-z_][\w.]*", message)}
    assert any(name in words for name in entry.public), \
        f"the message does not name {entry.public}: {message}"
    callers = {m.rstrip(".") for pattern in CALLERS
               for m in re.findall(pattern, message, flags=re.M)}
    assert callers <= set(entry.public), f"the message names {callers - set(entry.public)}"
    assert not words & HELPERS, f"the message names internal {words & HELPERS}: {message}"
    for text in expected.also:
        assert text in message, f"{text!r} not in: {message}"


# --- the tests ------------------------------------------------------------------------------------

class _NoDrawing:
    """Stands in for the widgets' renderer: the numbers are computed, no pixels drawn."""

    def __init__(self, figure, moving, dpi=None):
        pass

    def png(self) -> bytes:
        return b""


@pytest.fixture(scope="module", autouse=True)
def quick_widgets():
    """The widgets' figures stay empty here (drawing them all takes seconds);
    ``test_widgets_draw_awkward_but_valid_input`` draws them for real."""
    from fairlearn_lite.widgets import _groups, _threshold

    with pytest.MonkeyPatch.context() as patch:
        for module in (_groups, _threshold):
            patch.setattr(module, "FastRenderer", _NoDrawing)
            patch.setattr(module, "plot_score_histograms", lambda *args, **kwargs: None)
            patch.setattr(module, "update_score_histograms", lambda *args, **kwargs: None)
        yield


@pytest.mark.parametrize(("entry", "case", "expected"), PARAMS)
def test_awkward_input(entry, case, expected, capsys):
    args, options = case.make(clean_args(), entry)
    if isinstance(expected, Same):
        reference = clean_result(entry)
    outcome = run(entry, args, options)
    assert capsys.readouterr() == ("", ""), "printed something"
    if isinstance(expected, Raises):
        assert_clear_error(entry, expected, outcome.error)
        return
    _no_error(outcome)
    if isinstance(expected, Same):
        assert not outcome.warnings, [str(w.message) for w in outcome.warnings]
        assert_same(outcome.result, reference)
    elif isinstance(expected, Undefined):
        warned = outcome.warned()
        assert any(f"'{expected.group}'" in m for m in warned), \
            f"no UndefinedRateWarning naming {expected.group!r}: {warned}"
        value = expected.where(outcome.result) if expected.where else None
        assert (np.isnan(value) if expected.where else _has_nan(outcome.result)), \
            f"a defined value where NaN was expected: {value!r}"
        if expected.also is not None:
            expected.also(outcome.result)
    else:
        warned = outcome.warned(Warning)
        if expected.warns is None:
            assert not warned, warned
        else:
            assert any(f"'{expected.warns}'" in m for m in outcome.warned()), warned
        expected.check(outcome.result)


# --- invariances ----------------------------------------------------------------------------------

WEIGHTED = [e for e in REGISTRY if "sample_weight" in e.takes]
SHUFFLE = np.random.default_rng(0).permutation(N)


def _quiet(entry, args) -> object:
    outcome = run(entry, args)
    _no_error(outcome)
    assert not outcome.warnings, [str(w.message) for w in outcome.warnings]
    return outcome.result


def _take(args, entry, rows) -> dict:
    return _every_row(args, entry, lambda name, v: None if v is None else v[rows])


@pytest.mark.parametrize("entry", REGISTRY, ids=repr)
def test_row_order_does_not_matter(entry, capsys):
    shuffled = _quiet(entry, _take(clean_args(), entry, SHUFFLE))
    expected = clean_result(entry)
    if entry.output == "rows":
        expected = expected[SHUFFLE]
    elif entry.output == "indices" and "X" not in entry.takes:
        shuffled = np.sort(SHUFFLE[shuffled])
    assert_same(shuffled, expected)
    assert capsys.readouterr() == ("", "")


RELABELLINGS = {"reversed": {"a": "zeta", "b": "alpha"}, "integers": {"a": 2, "b": 1},
                "same_order": {"a": "alpha", "b": "beta"}}


# Seeded draws are made group by group, in the order of the groups: a random entry is
# relabelled only with names that keep that order.
@pytest.mark.parametrize(("entry", "relabelling"), [
    pytest.param(entry, relabelling, id=f"{entry.name}-{relabelling}")
    for entry in REGISTRY for relabelling in RELABELLINGS
    if not entry.random or relabelling == "same_order"])
def test_relabelled_groups_give_the_same_values(entry, relabelling, capsys):
    mapping = RELABELLINGS[relabelling]
    args = clean_args()
    args["sensitive_features"] = np.array([mapping[g] for g in GROUPS])
    args["privileged"] = mapping["a"]
    args["thresholds"] = {mapping[g]: t for g, t in args["thresholds"].items()}
    back = {new: old for old, new in mapping.items()}
    assert_same(_quiet(entry, args), clean_result(entry), back)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("entry", WEIGHTED, ids=repr)
def test_unit_weights_are_no_weights(entry, capsys):
    args = clean_args()
    unit = _quiet(entry, {**args, "sample_weight": np.ones(N)})
    none = _quiet(entry, {**args, "sample_weight": None})
    assert_same(unit, none, check_dtype=False)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("entry", WEIGHTED, ids=repr)
def test_integer_weights_are_repeated_rows(entry, capsys):
    repeated = _take(clean_args(), entry, np.repeat(np.arange(N), WEIGHTS))
    repeated["sample_weight"] = None
    assert_same(clean_result(entry), _quiet(entry, repeated), check_dtype=False)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("entry", WEIGHTED, ids=repr)
def test_zero_weight_is_a_dropped_row(entry, capsys):
    args = clean_args()
    args["sample_weight"][[7, 10]] = 0  # a true negative of each group; both keep another
    kept = np.setdiff1d(np.arange(N), [7, 10])
    assert_same(_quiet(entry, args), _quiet(entry, _take(clean_args(), entry, kept)),
                check_dtype=False)
    assert capsys.readouterr() == ("", "")


# --- the registry itself --------------------------------------------------------------------------

def test_registry_covers_every_public_function_with_per_row_data():
    per_row = {"y_true", "y_pred", "y", "scores"}
    covered = {name.split(".")[0] for name in ENTRIES}
    missing = set()
    for module in PUBLIC_MODULES:
        module = importlib.import_module(module)
        for name in module.__all__:
            obj = getattr(module, name)
            try:
                parameters = set(inspect.signature(obj).parameters)
            except (TypeError, ValueError):  # not a function, or a warning class
                continue
            if per_row & parameters and name not in covered:
                missing.add(name)
    assert not missing


def test_every_entry_meets_every_kind_of_awkward_input():
    kinds = {case.kind.split("[")[0] for entry, case, _ in (p.values for p in PARAMS)}
    assert len(PARAMS) > 1000 and len(kinds) >= 30
    for entry in REGISTRY:
        cases = {p.values[1].kind for p in PARAMS if p.values[0] is entry}
        assert {"empty", "lists", "series_duplicate_index"} <= cases, entry.name
        assert entry.compares <= ("one_group" in cases), entry.name


def test_the_data_are_what_the_comments_say():
    """The hand-computed values rest on these counts; checked without the package."""
    for group, (tp, fn, fp, tn) in {"a": (3, 1, 1, 2), "b": (1, 1, 1, 2)}.items():
        cells = [(y, p) for g, y, p in zip(GROUPS, Y_TRUE, Y_PRED, strict=True) if g == group]
        assert [cells.count(c) for c in [(1, 1), (1, 0), (0, 1), (0, 0)]] == [tp, fn, fp, tn]
    assert [int(s >= 0.5) for s in SCORES] == Y_PRED
    weighted = {}
    for g, y, p, w in zip(GROUPS, Y_TRUE, Y_PRED, WEIGHTS, strict=True):
        weighted[g, y, p] = weighted.get((g, y, p), 0) + w
    # weighted tp, fn, fp, tn: a 4 2 1 5, b 2 3 1 2 (the bootstrap estimate is checked on them)
    assert [weighted[g, y, p] for g in "ab" for y, p in [(1, 1), (1, 0), (0, 1), (0, 0)]] == \
        [4, 2, 1, 5, 2, 3, 1, 2]


def test_widgets_draw_awkward_but_valid_input():
    """Drawn for real: nullable labels and scores, categories, an index that is not 0..n-1."""
    from fairlearn_lite.plotting._basic import plot_score_histograms, update_score_histograms
    from fairlearn_lite.widgets import _groups, _threshold
    from fairlearn_lite.widgets._render import FastRenderer

    with pytest.MonkeyPatch.context() as patch:
        for module in (_groups, _threshold):
            patch.setattr(module, "FastRenderer", FastRenderer)
            patch.setattr(module, "plot_score_histograms", plot_score_histograms)
            patch.setattr(module, "update_score_histograms", update_score_histograms)
        index = np.arange(100, 100 + N)
        y_true = pd.Series(Y_TRUE, dtype="Int64", index=index)
        scores = pd.Series(SCORES, dtype="Float64", index=index)
        groups = pd.Series(pd.Categorical(GROUPS, categories=["b", "a", "c"]), index=index)
        one = ThresholdWidget(y_true, scores, pd.DataFrame({"group": groups}))
        many = GroupThresholdWidget(y_true, scores, groups)
        for widget in (one, many):
            assert bytes(widget.image.value).startswith(b"\x89PNG")
            assert [ax.get_title().split("\n")[0] for ax in widget.axes] == ["b", "a"]
        # at 0.5: a selects 4 of 7 and finds 3 of its 4 positives; b selects 2 of 5, finds 1 of 2
        metrics = one.state["metrics"]
        assert metrics["selection_rate"].tolist() == pytest.approx([2 / 5, 4 / 7])
        assert metrics["true_positive_rate"].tolist() == pytest.approx([1 / 2, 3 / 4])
        # without actual positives in b, b's miss rate is unknown: shown as "–", not "nan%"
        y_true[[101, 103]] = 0
        quiet = ThresholdWidget(y_true, scores, pd.DataFrame({"group": groups}))
        titles = " ".join(ax.get_title() for ax in quiet.axes)
        assert "nan" not in titles.lower(), titles


def test_group_threshold_widget_presets_name_themselves_in_errors():
    y_true = np.array(Y_TRUE)
    y_true[[1, 3]] = 0  # group b has no actual positives: equal opportunity cannot be met
    widget = GroupThresholdWidget(y_true, SCORES, GROUPS)
    preset = replace(ENTRIES["GroupThresholdWidget"], public=("GroupThresholdWidget.apply_preset",))
    with pytest.raises(ValueError) as error:
        widget.apply_preset("equal opportunity")
    assert_clear_error(preset, raises("y_true", also=("'b'",)), error.value)
    with pytest.raises(ValueError) as error:
        widget.apply_preset("fairest")
    assert_clear_error(preset, raises("name"), error.value)


def test_criteria_report_refuses_scores_with_weights():
    args = clean_args()
    with pytest.raises(ValueError, match=r"'sample_weight' parameter of criteria_report cannot be "
                                         r"combined with 'scores'"):
        criteria_report(args["y_true"], args["y_pred"], sensitive_features=args["sensitive_features"],
                        scores=args["scores"], sample_weight=np.ones(N))
