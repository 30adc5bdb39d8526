"""Lesson 03's package parts: the three criteria, per-group thresholds, the fairness tree."""

import html
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.calibration import calibration_curve

import fairlearn_lite as fl
from fairlearn_lite.criteria import calibration_by_group, criteria_report
from fairlearn_lite.datasets import load_study_cohort
from fairlearn_lite.fairness_tree import FAIRNESS_TREE, LEAVES, tree_metric, walk_fairness_tree
from fairlearn_lite.models import prognosis_pipeline, split_cohort
from fairlearn_lite.thresholds import (
    PRESETS,
    ScoredGroups,
    apply_thresholds,
    best_single_threshold,
    group_thresholds,
    preset_thresholds,
    thresholds_for_target,
)
from fairlearn_lite.widgets import FairnessTreeWidget, GroupThresholdWidget


def rows_from(groups_cells):
    """Labels, predictions and groups with the given tp/fn/fp/tn per group."""
    y_true, y_pred, groups = [], [], []
    for group, (tp, fn, fp, tn) in groups_cells.items():
        y_true += [1] * tp + [1] * fn + [0] * fp + [0] * tn
        y_pred += [1] * tp + [0] * fn + [1] * fp + [0] * tn
        groups += [group] * (tp + fn + fp + tn)
    return np.array(y_true), np.array(y_pred), np.array(groups)


# Group a: selection 0.50, TPR 0.80, FPR 0.20, PPV 0.80, NPV 0.80
# Group b: selection 0.40, TPR 0.80, FPR 0.30, PPV 0.40, NPV 56/60
MIXED = rows_from({"a": (40, 10, 10, 40), "b": (16, 4, 24, 56)})


def test_criteria_by_hand_independence_fails_separation_split_sufficiency_fails():
    report = criteria_report(*MIXED[:2], sensitive_features=MIXED[2], privileged="a")
    values = report.values
    assert values.loc["b", "selection_rate"] == pytest.approx(0.40)
    assert values.loc["b", "false_positive_rate"] == pytest.approx(0.30)
    assert values.loc["b", "negative_predictive_value"] == pytest.approx(56 / 60)
    assert report.differences.loc["b", "positive_predictive_value"] == pytest.approx(-0.40)
    assert report.ratios.loc["b", "selection_rate"] == pytest.approx(0.80)
    checks = report.checks.set_index("metric")["within"]
    assert not checks["selection_rate"]
    assert checks["true_positive_rate"] and not checks["false_positive_rate"]  # split
    assert not checks["positive_predictive_value"]
    assert report.holds.to_dict() == {"independence": False, "separation": False,
                                      "sufficiency": False}
    assert "✗ independence" in report.summary and "✗ separation" in report.summary


def test_ratio_rule_uses_the_band_and_the_edges_pass():
    report = criteria_report(*MIXED[:2], sensitive_features=MIXED[2], privileged="a",
                             rule="ratio", epsilon=0.8)
    checks = report.checks.set_index("metric")
    assert checks.loc["selection_rate", "worst_gap"] == pytest.approx(0.8)
    assert checks.loc["selection_rate", "within"]  # 0.40 / 0.50 is on the edge: passes
    assert not checks.loc["false_positive_rate", "within"]  # 0.3 / 0.2 = 1.5


def test_reference_group_choices():
    y_true, y_pred, groups = rows_from({"a": (40, 10, 10, 40), "b": (16, 4, 24, 56),
                                        "c": (5, 5, 5, 5)})
    largest = criteria_report(y_true, y_pred, sensitive_features=groups)
    assert set(largest.privileged) == {"a"}  # a and b both have 100; a comes first
    best = criteria_report(y_true, y_pred, sensitive_features=groups, privileged="best")
    assert best.privileged["selection_rate"] == "a"  # highest
    assert best.privileged["false_positive_rate"] == "a"  # lowest is best
    assert best.privileged["negative_predictive_value"] == "b"
    with pytest.raises(ValueError, match=r"'privileged'.*groups present.*got 'z'"):
        criteria_report(y_true, y_pred, sensitive_features=groups, privileged="z")


def test_calibration_by_group_matches_scikit_learn():
    rng = np.random.default_rng(0)
    groups = rng.choice(["x", "y"], 2000)
    scores = rng.random(2000)
    y = rng.random(2000) < np.where(groups == "x", scores, scores ** 2)
    table = calibration_by_group(y, scores, sensitive_features=groups, n_bins=5)
    for group in ["x", "y"]:
        observed, predicted = calibration_curve(y[groups == group], scores[groups == group],
                                                n_bins=5, strategy="quantile")
        rows = table[table["group"] == group]
        np.testing.assert_allclose(rows["observed_rate"], observed)
        np.testing.assert_allclose(rows["mean_score"], predicted)
    report = criteria_report(y, scores >= 0.5, sensitive_features=groups, scores=scores)
    assert report.calibration is not None and len(report.calibration) == 10


def test_bad_criteria_input():
    with pytest.raises(ValueError, match=r"'rule'.*'difference', 'ratio'"):
        criteria_report(*MIXED[:2], sensitive_features=MIXED[2], rule="gap")
    with pytest.raises(ValueError, match="at least two"):
        criteria_report([1, 0], [1, 0], sensitive_features=["a", "a"])


# --- per-group thresholds ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def cohort_scores():
    split = split_cohort(load_study_cohort(), outcome="bsa", random_state=0)
    scores = prognosis_pipeline("logistic").fit(split.X_train, split.y_train) \
        .predict_proba(split.X_test)[:, 1]
    return split.y_test.to_numpy(), scores, split.test


def rates_at(y, scores, groups, thresholds):
    predictions = apply_thresholds(scores, thresholds, sensitive_features=groups)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return fl.group_metrics(y, predictions, sensitive_features=groups), \
            (predictions == y).mean()


def best_constrained_single_threshold(y, scores, groups, metric, check):
    """Oracle: try every single threshold; keep those meeting the constraint; best accuracy."""
    best = -1.0
    for t in np.unique(np.r_[0.0, scores]):
        predictions = scores >= t
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            values = fl.group_metrics(y, predictions, sensitive_features=groups)[metric]
        if check(values):
            best = max(best, (predictions == y).mean())
    return best


@pytest.mark.parametrize("attribute", ["gender", "migration_background", "prior_education"])
def test_equal_opportunity_reaches_its_constraint_on_the_cohort(cohort_scores, attribute):
    y, scores, test = cohort_scores
    groups = test[attribute]
    thresholds = group_thresholds(y, scores, sensitive_features=groups,
                                  constraint="equal_opportunity")
    rates, accuracy = rates_at(y, scores, groups, thresholds)
    if attribute != "prior_education":  # small groups cannot always get within 0.02
        assert rates["true_positive_rate"].max() - rates["true_positive_rate"].min() <= 0.02
    oracle = best_constrained_single_threshold(
        y, scores, groups, "true_positive_rate",
        lambda v: v.max() - v.min() <= 0.01 + 1e-12)
    assert accuracy >= oracle - 1e-12


@pytest.mark.parametrize("attribute", ["gender", "migration_background"])
def test_demographic_parity_reaches_its_constraint_on_the_cohort(cohort_scores, attribute):
    y, scores, test = cohort_scores
    groups = test[attribute]
    thresholds = group_thresholds(y, scores, sensitive_features=groups,
                                  constraint="demographic_parity")
    rates, accuracy = rates_at(y, scores, groups, thresholds)
    assert rates["selection_rate"].min() / rates["selection_rate"].max() >= 0.97
    oracle = best_constrained_single_threshold(
        y, scores, groups, "selection_rate", lambda v: v.max() - v.min() <= 0.01 + 1e-12)
    assert accuracy >= oracle - 1e-12


def test_no_constraint_gives_each_group_its_most_accurate_threshold(cohort_scores):
    y, scores, test = cohort_scores
    groups = test["gender"].to_numpy()
    thresholds = group_thresholds(y, scores, sensitive_features=groups, constraint=None)
    for group in ["female", "male"]:
        rows = groups == group
        best = max(((scores[rows] >= t) == y[rows]).mean() for t in np.r_[0, scores[rows], 1.1])
        mine = ((scores[rows] >= thresholds[group]) == y[rows]).mean()
        assert mine == pytest.approx(best)
    single = best_single_threshold(y, scores)
    assert ((scores >= single) == y).mean() == pytest.approx(
        max(((scores >= t) == y).mean() for t in np.r_[0, scores, 1.1]))


def test_equalized_odds_and_predictive_parity_narrow_their_gaps(cohort_scores):
    y, scores, test = cohort_scores
    groups = test["migration_background"]
    plain, _ = rates_at(y, scores, groups, dict.fromkeys(groups.unique(), 0.5))
    odds, _ = rates_at(y, scores, groups, group_thresholds(
        y, scores, sensitive_features=groups, constraint="equalized_odds"))
    for metric in ["true_positive_rate", "false_positive_rate"]:
        assert odds[metric].max() - odds[metric].min() <= \
            plain[metric].max() - plain[metric].min() + 1e-12
    parity, _ = rates_at(y, scores, groups, group_thresholds(
        y, scores, sensitive_features=groups, constraint="predictive_parity"))
    ppv = parity["positive_predictive_value"]
    assert ppv.max() - ppv.min() <= 0.02


def test_thresholds_for_target_hits_the_target(cohort_scores):
    y, scores, test = cohort_scores
    groups = test["gender"]
    thresholds = thresholds_for_target(y, scores, sensitive_features=groups,
                                       metric="true_positive_rate", target=0.8)
    rates, _ = rates_at(y, scores, groups, thresholds)
    assert np.allclose(rates["true_positive_rate"], 0.8, atol=0.01)


def test_thresholds_are_deterministic(cohort_scores):
    y, scores, test = cohort_scores
    first = group_thresholds(y, scores, sensitive_features=test["gender"])
    again = group_thresholds(y, scores, sensitive_features=test["gender"])
    pd.testing.assert_series_equal(first, again)


def test_apply_thresholds_by_hand_and_bad_input():
    predictions = apply_thresholds([0.9, 0.5, 0.5, 0.2], pd.Series({"a": 0.5, "b": 0.6}),
                                   sensitive_features=["a", "a", "b", "b"])
    assert predictions.tolist() == [1, 1, 0, 0]  # at the threshold counts as positive
    with pytest.raises(ValueError, match=r"no threshold for group\(s\) \['b'\]"):
        apply_thresholds([0.9, 0.1], {"a": 0.5}, sensitive_features=["a", "b"])
    with pytest.raises(ValueError, match=r"'scores'.*between 0 and 1"):
        apply_thresholds([1.2, 0.1], {"a": 0.5}, sensitive_features=["a", "a"])


def test_bad_threshold_search_input():
    y, s, g = [1, 0, 1, 0], [0.9, 0.2, 0.8, 0.1], ["a", "a", "b", "b"]
    with pytest.raises(ValueError, match=r"'constraint'.*'demographic_parity', 'equal_opportunity'"
                                         r", 'equalized_odds', 'predictive_parity', None"):
        group_thresholds(y, s, sensitive_features=g, constraint="fairness")
    with pytest.raises(ValueError, match=r"'scores'.*between 0 and 1.*got values from"):
        group_thresholds(y, [0.9, 0.2, 80, 10], sensitive_features=g)
    with pytest.raises(ValueError, match=r"'objective'.*'accuracy'"):
        group_thresholds(y, s, sensitive_features=g, objective="profit")
    with pytest.raises(ValueError, match=r"'y_true' parameter of group_thresholds has no actual "
                                         r"positives in group 'b'.*equal_opportunity"):
        group_thresholds([1, 0, 0, 0], s, sensitive_features=g, constraint="equal_opportunity")


# --- the fairness tree -------------------------------------------------------------------------

MUNICIPAL_ROUTE = {"focus": "who is treated wrongly (errors)", "labels": "yes, we trust them",
                   "intervention": "punitive",
                   "punitive_concern": "everyone, whatever their actual outcome"}


def test_the_municipal_route_ends_at_false_positives_per_group_size():
    asked, leaf = walk_fairness_tree(MUNICIPAL_ROUTE)
    assert [q.key for q in asked] == ["focus", "labels", "intervention", "punitive_concern"]
    assert leaf.metric == "fp_per_group_size"
    alternatives = FAIRNESS_TREE["punitive_concern"].options.values()
    assert {leaf.metric for leaf in alternatives} == {"fp_per_group_size", "false_discovery_rate",
                                                      "false_positive_rate"}


def test_every_leaf_is_reachable_and_computable():
    reached = set()

    def walk(answers):
        asked, leaf = walk_fairness_tree(answers)
        if leaf is not None:
            reached.add(leaf.metric)
            return
        for option in asked[-1].options:
            walk({**answers, asked[-1].key: option})

    walk({})
    assert reached == set(LEAVES)
    y_true, y_pred, groups = MIXED
    for metric in reached:
        table = tree_metric(y_true, y_pred, sensitive_features=groups, metric=metric)
        assert table["ratio_to_a"].loc["a"] == 1.0


def test_tree_metric_by_hand():
    y_true, y_pred, groups = MIXED
    table = tree_metric(y_true, y_pred, sensitive_features=groups, metric="fp_per_group_size")
    assert table.loc["a", "fp_per_group_size"] == pytest.approx(0.10)
    assert table.loc["b", "fp_per_group_size"] == pytest.approx(0.24)
    assert table.loc["b", "ratio_to_a"] == pytest.approx(2.4)
    counts = tree_metric(y_true, y_pred, sensitive_features=groups, metric="selected_count")
    assert counts["selected_count"].tolist() == [50, 40]


def test_an_answer_off_the_path_is_refused():
    with pytest.raises(ValueError, match="must be one of"):
        walk_fairness_tree({"focus": "both"})


# --- widgets of lesson 03 ----------------------------------------------------------------------

def test_group_threshold_widget_presets_set_the_sliders(cohort_scores):
    y, scores, test = cohort_scores
    widget = GroupThresholdWidget(y, scores, test["migration_background"])
    widget.apply_preset("equal opportunity")
    expected = group_thresholds(y, scores, sensitive_features=test["migration_background"],
                                constraint="equal_opportunity")
    for group, slider in widget.sliders.items():
        assert slider.value == pytest.approx(round(expected[group], 2))
    assert "equal opportunity" in widget.preset.value
    widget.apply_preset("single threshold")
    assert len(set(widget.thresholds.values())) == 1
    widget.sliders["none"].value = 0.3
    assert "custom" in widget.preset.value
    state = widget.state
    expected_rates, accuracy = rates_at(y, scores, test["migration_background"],
                                        state["thresholds"])
    pd.testing.assert_frame_equal(state["metrics"], expected_rates, check_dtype=False)
    assert state["accuracy"] == pytest.approx(accuracy)
    for criterion, holds in state["criteria"].holds.items():
        assert f"{'✓' if holds else '✗'} <b>{criterion}</b>" in widget.status.value


def test_group_threshold_widget_uses_the_package_presets_and_its_start(cohort_scores):
    y, scores, test = cohort_scores
    groups = test["migration_background"]
    widget = GroupThresholdWidget(y, scores, groups, objective="balanced_accuracy", start=0.6)
    assert [b.description for b in widget.buttons] == list(PRESETS)
    assert set(widget.thresholds.values()) == {0.6}
    expected = preset_thresholds(ScoredGroups(y, scores, sensitive_features=groups), cutoff=0.6)
    for name in PRESETS:
        assert widget.preset_thresholds(name) == pytest.approx(expected[name].to_dict())
    rates, _ = rates_at(y, scores, groups, widget.preset_thresholds("predictive parity"))
    assert rates["positive_predictive_value"].max() - rates["positive_predictive_value"].min() \
        <= 0.02
    widget.apply_preset("single threshold")  # back to where it started
    assert set(widget.thresholds.values()) == {0.6}
    assert "Balanced accuracy (everyone)" in widget.status.value
    assert "balanced accuracy" in widget.table.value
    assert widget.preset_thresholds("maximum accuracy") == \
        widget.preset_thresholds("best per group")  # the earlier name still works
    plain = GroupThresholdWidget(y, scores, groups)  # default: plain accuracy, as before
    assert "Accuracy (everyone)" in plain.status.value
    with pytest.raises(ValueError, match=r"'start' parameter of GroupThresholdWidget"):
        GroupThresholdWidget(y, scores, groups, start=1.5)


def test_fairness_tree_widget_follows_the_answers():
    y_true, y_pred, groups = MIXED
    widget = FairnessTreeWidget(y_true, y_pred, groups)
    assert widget.leaf is None and widget.table is None
    for key, value in MUNICIPAL_ROUTE.items():
        widget.answer(key, value)
    assert widget.leaf.metric == "fp_per_group_size"
    assert widget.table.loc["b", "fp_per_group_size"] == pytest.approx(0.24)
    assert "false positives / group size parity" in widget.result.value
    shown = html.unescape(widget.result.value)
    assert "'b' 2.40 times as high (0.24)" in shown  # FP / N: b 24 of 100, a 10 of 100
    assert "kit's adaptation" in widget.source.value
    widget.answer("intervention", "assistive")  # changing an answer forgets the later ones
    assert widget.leaf is None and "punitive_concern" not in widget.answers
    with pytest.raises(ValueError, match=r"'key' parameter of FairnessTreeWidget.answer must be "
                                         r"one of the questions on the current path"):
        widget.answer("representation", "the same number")
