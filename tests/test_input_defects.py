"""Awkward input a participant gives, each once answered wrongly without a word.

One test per case: what a participant tried, and the clear answer the kit now
gives (an error naming the parameter, or NaN with a warning naming the group).
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import fairlearn_lite as fl
from fairlearn_lite.criteria import calibration_by_group, criteria_report
from fairlearn_lite.fairness_tree import walk_fairness_tree
from fairlearn_lite.mitigation import resample
from fairlearn_lite.thresholds import (
    ScoredGroups,
    apply_thresholds,
    best_single_threshold,
    group_thresholds,
    thresholds_for_target,
)
from fairlearn_lite.uncertainty import bootstrap_group_metrics, ratio_interval
from fairlearn_lite.widgets import (
    FairnessTreeWidget,
    GroupThresholdWidget,
    SelectionWidget,
    ThresholdWidget,
)

UNDEFINED = fl.UndefinedRateWarning


# 1 --------------------------------------------------------------------------------------------
def test_selection_widget_survives_every_slider_at_zero():
    widget = SelectionWidget()
    for slider in widget.selected.values():
        slider.value = 0
    assert "nobody" in widget.verdict.value.lower() or "no " in widget.verdict.value
    widget.selected["men"].value = 10  # the widget still follows its sliders
    assert widget.result.table.loc["men", "selected"] == 10


def test_selection_widget_survives_a_group_without_applicants():
    widget = SelectionWidget()
    widget.applicants["men"].value = 0
    assert widget.selected["men"].value == 0
    assert "men" in widget.verdict.value and "no applicants" in widget.verdict.value
    widget.applicants["men"].value = 50
    widget.selected["men"].value = 40
    assert widget.result.table.loc["men", "selection_rate"] == pytest.approx(0.8)


# 2 --------------------------------------------------------------------------------------------
Y_TRUE = [1, 0, 1, 0, 0, 0, 0, 0]  # group b has no actual positives: its TPR is undefined
Y_PRED = [1, 0, 0, 1, 1, 1, 0, 0]
GROUPS = list("aaaabbbb")


@pytest.mark.parametrize("function", [fl.equal_opportunity_difference,
                                      fl.equal_opportunity_ratio,
                                      fl.equalized_odds_difference,
                                      fl.equalized_odds_ratio])
def test_a_comparison_with_one_defined_group_is_nan_not_parity(function):
    with pytest.warns(UNDEFINED, match="'b'"):
        value = function(Y_TRUE, Y_PRED, sensitive_features=GROUPS)
    assert np.isnan(value)


@pytest.mark.parametrize("method", ["between_groups", "to_overall"])
def test_metric_frame_gaps_with_one_defined_group_are_nan(method):
    with pytest.warns(UNDEFINED):
        frame = fl.MetricFrame(metrics=fl.true_positive_rate, y_true=Y_TRUE, y_pred=Y_PRED,
                               sensitive_features=GROUPS)
    with pytest.warns(UNDEFINED, match="fewer than two groups"):
        assert np.isnan(frame.difference(method=method))
    with pytest.warns(UNDEFINED, match="fewer than two groups"):
        assert np.isnan(frame.ratio(method=method))


# 3 --------------------------------------------------------------------------------------------
def test_a_score_of_one_cannot_hide_a_wrong_threshold():
    threshold = best_single_threshold([0, 0], [0.0, 1.0])
    predictions = np.array([0.0, 1.0]) >= threshold
    # The best achievable: select the 1.0 (nothing can exclude it), keep the 0.0 out.
    assert predictions.tolist() == [False, True]


def test_a_constraint_met_by_the_search_is_met_by_the_predictions():
    # Group a has a score of exactly 1.0: no threshold in [0, 1] selects nobody there.
    y, s, groups = [0, 0, 0, 0], [1.0, 0.2, 0.1, 0.1], list("aabb")
    thresholds = group_thresholds(y, s, sensitive_features=groups,
                                  constraint="demographic_parity")
    predicted = apply_thresholds(s, thresholds, sensitive_features=groups)
    gap = fl.demographic_parity_difference(y, predicted, sensitive_features=groups)
    assert gap <= 0.01


def test_thresholds_between_nearly_equal_scores_still_separate_them():
    low, high = 0.3, np.nextafter(0.3, 1)
    threshold = best_single_threshold([0, 1], [low, high])
    assert (np.array([low, high]) >= threshold).tolist() == [False, True]


def test_target_thresholds_agree_with_their_predictions():
    s = [1.0, 0.9, 0.1, 1.0, 0.4, 0.3]
    thresholds = thresholds_for_target([1, 1, 0, 1, 0, 1], s, sensitive_features=list("aaabbb"),
                                       metric="selection_rate", target=0.0)
    predicted = apply_thresholds(s, thresholds, sensitive_features=list("aaabbb"))
    assert predicted.tolist()[0] == 1 and predicted.tolist()[3] == 1


# 4 --------------------------------------------------------------------------------------------
def test_a_pos_label_that_never_occurs_is_an_error():
    with pytest.raises(ValueError, match=r"'pos_label' parameter of selection_rate.*'yes'"):
        fl.selection_rate([0, 1, 1], [0, 1, 1], pos_label="yes")


def test_a_pos_label_in_either_array_is_accepted():
    assert fl.selection_rate(["no", "yes"], ["no", "no"], pos_label="yes") == 0.0


# 5 --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("labels", [[1, 0, 1, 0], [True, False, True, False]])
def test_object_dtype_labels_are_accepted(labels):
    y_true = pd.Series(labels, dtype=object)  # as a CSV column often arrives
    y_pred = pd.Series(labels[:1] * 2 + labels[1:2] * 2, dtype=object)
    clean = fl.group_metrics([1, 0, 1, 0], [1, 1, 0, 0], sensitive_features=list("aabb"))
    read = fl.group_metrics(y_true, y_pred, sensitive_features=list("aabb"))
    pd.testing.assert_frame_equal(read, clean)


def test_nullable_labels_are_accepted_and_missing_ones_refused():
    y = pd.Series([1, 0, 1, 0], dtype="Int64")
    assert fl.selection_rate(y, pd.Series([True, False, True, True], dtype="boolean")) == 0.75
    with pytest.raises(ValueError, match=r"'y_true' parameter of selection_rate.*missing"):
        fl.selection_rate(pd.Series([1, None, 1, 0], dtype="Int64"), [1, 0, 1, 0])


# 6 --------------------------------------------------------------------------------------------
def test_an_undefined_gap_is_not_called_a_real_one():
    y_true = [1, 0] * 20 + [0] * 20  # group b: no actual positives, so no TPR
    y_pred = [1, 0] * 20 + [1, 0] * 10
    with pytest.warns(UNDEFINED, match="'b'"):
        result = bootstrap_group_metrics(y_true, y_pred, sensitive_features=["a"] * 40 + ["b"] * 20,
                                         metrics=["true_positive_rate"], n_boot=50, random_state=0)
    gap = result.difference("true_positive_rate", privileged="a")
    assert pd.isna(gap.loc["b", "within noise"])


# 7 --------------------------------------------------------------------------------------------
INTERSECTIONS = pd.DataFrame({"gender": list("ffffmmmm"), "background": list("nwnwnwnw")})
Y7 = [1, 0, 1, 1, 0, 1, 1, 0]
S7 = [0.9, 0.2, 0.7, 0.6, 0.3, 0.8, 0.9, 0.1]


def test_intersections_work_in_the_criteria_report():
    report = criteria_report(Y7, [int(s >= 0.5) for s in S7], sensitive_features=INTERSECTIONS)
    assert len(report.values) == 4 and set(report.holds.index) == {"independence", "separation",
                                                                   "sufficiency"}


def test_intersections_work_in_calibration_by_group():
    table = calibration_by_group(Y7, S7, sensitive_features=INTERSECTIONS, n_bins=2)
    assert set(table["group"]) == {("f", "n"), ("f", "w"), ("m", "n"), ("m", "w")}


def test_intersections_work_in_the_per_group_widget():
    widget = GroupThresholdWidget(Y7, S7, INTERSECTIONS)
    widget.apply_preset("demographic parity")
    assert len(widget.state["metrics"]) == 4


# 8 --------------------------------------------------------------------------------------------
def test_a_repeated_group_label_is_an_error_not_the_last_value():
    selected = pd.Series([10, 20, 30], index=["a", "a", "b"])
    with pytest.raises(ValueError, match=r"'selected' parameter of four_fifths_rule.*'a'"):
        fl.four_fifths_rule(selected, {"a": 50, "b": 50})


# 9 --------------------------------------------------------------------------------------------
def test_an_unknown_variable_in_privileged_is_an_error():
    y = [1, 0, 1, 0, 1, 1, 0, 0]
    with pytest.raises(ValueError, match=r"'privileged' parameter of bias_table.*'Gender'.*"
                                         r"'gender'"):
        fl.bias_table(y, y, sensitive_features={"gender": list("ffffmmmm")},
                      privileged={"Gender": "m"})


def test_a_misspelt_question_in_the_tree_is_an_error():
    with pytest.raises(ValueError, match=r"'answers' parameter of walk_fairness_tree.*'fokus'"):
        walk_fairness_tree({"fokus": "who is selected (representation)"})


# 10 -------------------------------------------------------------------------------------------
def test_widgets_refuse_settings_outside_their_sliders():
    with pytest.raises(ValueError, match=r"'epsilon' parameter of SelectionWidget.*0.3"):
        SelectionWidget(epsilon=0.3)
    with pytest.raises(ValueError, match=r"'threshold' parameter of ThresholdWidget.*1.5"):
        ThresholdWidget([1, 0], [0.5, 0.4], pd.DataFrame({"g": ["a", "b"]}), threshold=1.5)
    with pytest.raises((ValueError, TypeError),
                       match=r"'tolerance' parameter of GroupThresholdWidget"):
        GroupThresholdWidget([1, 0], [0.5, 0.4], ["a", "b"], tolerance=-1)


# 11 -------------------------------------------------------------------------------------------
def test_ratio_interval_checks_its_counts_and_level():
    with pytest.raises(ValueError, match=r"'a1' parameter of ratio_interval.*cannot exceed"):
        ratio_interval(60, 50, 96, 120)
    with pytest.raises(ValueError, match=r"'confidence' parameter of ratio_interval"):
        ratio_interval(30, 50, 96, 120, confidence=2)
    with pytest.raises(ValueError, match=r"'n2' parameter of ratio_interval"):
        ratio_interval(30, 50, 96, -1)


# 12 -------------------------------------------------------------------------------------------
def test_balanced_accuracy_without_positives_says_why():
    with pytest.raises(ValueError, match=r"'objective' parameter of best_single_threshold.*"
                                         r"no actual positives"):
        best_single_threshold([0, 0, 0], [0.2, 0.5, 0.9], objective="balanced_accuracy")


def test_best_reference_with_a_rate_undefined_everywhere_is_nan():
    y_true, y_pred = [1, 0, 1, 0], [0, 0, 0, 0]  # nobody predicted positive: no PPV anywhere
    with pytest.warns(UNDEFINED):
        report = criteria_report(y_true, y_pred, sensitive_features=list("aabb"),
                                 privileged="best")
    checks = report.checks.set_index("metric")
    assert np.isnan(checks.loc["positive_predictive_value", "worst_gap"])
    assert not checks.loc["positive_predictive_value", "within"]


# 14 -------------------------------------------------------------------------------------------
def test_widgets_refuse_more_groups_than_they_can_show():
    n = 40
    ids = pd.DataFrame({"student_id": [f"s{i}" for i in range(n)]})
    y, s = [i % 2 for i in range(n)], [i / n for i in range(n)]
    with pytest.raises(ValueError, match=r"'sensitive_features' parameter of ThresholdWidget "
                                         r"has 40 groups.*'student_id'.*at most 12"):
        ThresholdWidget(y, s, ids)
    with pytest.raises(ValueError, match=r"GroupThresholdWidget has 40 groups"):
        GroupThresholdWidget(y, s, ids["student_id"])


# 15 -------------------------------------------------------------------------------------------
def test_group_labels_are_escaped_in_widget_html():
    evil = "<img src=x onerror=alert(1)>"
    groups = pd.DataFrame({"g": [evil, evil, "b", "b"]})
    widget = ThresholdWidget([1, 0, 1, 0], [0.9, 0.2, 0.8, 0.3], groups)
    shown = widget.matrices.value + widget.table.value + widget.finding.value
    assert "<img" not in shown and "&lt;img" in shown
    per_group = GroupThresholdWidget([1, 0, 1, 0], [0.9, 0.2, 0.8, 0.3], groups["g"])
    assert "<img" not in per_group.matrices.value + per_group.table.value
    selection = SelectionWidget({evil: 10, "b": 30}, {evil: 50, "b": 50})
    assert "<img" not in selection.verdict.value + selection.table.value


# 16 -------------------------------------------------------------------------------------------
def test_an_invalid_tree_answer_is_not_stored():
    widget = FairnessTreeWidget([1, 0, 1, 0], [1, 1, 0, 0], ["a", "a", "b", "b"])
    with pytest.raises(ValueError):
        widget.answer("focus", "nonsense")
    assert widget.leaf is None and widget.answers == {}
    widget.answer("focus", "who is selected (representation)")
    widget.answer("representation", "in proportion to its size")
    assert widget.leaf.metric == "selection_rate"


# 17 -------------------------------------------------------------------------------------------
def test_a_list_as_privileged_group_names_the_parameter():
    with pytest.raises(TypeError, match=r"'privileged' parameter of fairness_check.*one group"):
        fl.fairness_check([1, 0, 1, 0], [1, 0, 0, 0], sensitive_features=list("aabb"),
                          privileged=["a"])


@pytest.mark.parametrize("value", [float("inf"), float("nan"), -1, "3", True])
def test_rates_from_counts_refuses_counts_that_are_not_counts(value):
    with pytest.raises(ValueError, match=r"'tp' parameter of rates_from_counts"):
        fl.rates_from_counts(tp=value, fp=1, fn=1, tn=1)


def test_a_list_of_metrics_names_the_parameter():
    with pytest.raises(TypeError, match=r"'metrics' parameter of MetricFrame"):
        fl.MetricFrame(metrics=[fl.selection_rate], y_true=[1, 0], y_pred=[1, 0],
                       sensitive_features=["a", "b"])


def test_resample_takes_a_dict_of_sensitive_features_like_everything_else():
    X = pd.DataFrame({"grade": range(8)})
    _, y_new, groups = resample(X, [1, 1, 1, 0, 1, 0, 0, 0],
                                sensitive_features={"g": list("aaaabbbb")}, random_state=0)
    assert isinstance(groups, dict) and len(groups["g"]) == len(y_new)


def test_infinite_counts_are_refused():
    with pytest.raises(ValueError, match=r"'applicants\['b'\]' parameter of four_fifths_rule"):
        fl.four_fifths_rule({"a": 1, "b": 1}, {"a": 2, "b": float("inf")})


def test_selection_widget_takes_series():
    widget = SelectionWidget(pd.Series({"women": 96, "men": 30}),
                             pd.Series({"women": 120, "men": 50}))
    assert not widget.result.passed


def test_histograms_need_at_least_one_bin():
    scored = ScoredGroups([1, 0], [0.2, 0.8], sensitive_features=["a", "b"])
    with pytest.raises(ValueError, match=r"'bins' parameter of ScoredGroups.histograms"):
        scored.histograms(bins=0)


def test_errors_name_the_function_the_user_called():
    with pytest.raises(ValueError, match=r"parameter of demographic_parity_ratio"):
        fl.demographic_parity_ratio([1, 0, 1], [1, 0], sensitive_features=["a", "b", "a"])
    with pytest.raises(ValueError, match=r"parameter of GroupThresholdWidget"):
        GroupThresholdWidget([1, 0, 2], [0.1, 0.2, 0.3], ["a", "b", "a"])


def test_no_kit_warning_is_a_plain_runtime_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fl.group_metrics([1, 1], [1, 0], sensitive_features=["a", "b"])
    assert caught and all(issubclass(w.category, UNDEFINED) for w in caught)
