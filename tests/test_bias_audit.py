"""The bias-audit pieces of lesson 06 against values worked out by hand, fairlearn as an oracle,
and the kit's own `audit` (built separately) on the lesson's data."""

import math

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame

from fairlearn_lite import UndefinedRateWarning
from fairlearn_lite.bias_audit import (
    compare_selections,
    feature_bands,
    flag_at_capacity,
    indirect_bias_summary,
    metric_ratios,
    rule_selection,
)

# Group a: 6 people, 1 wrongly selected (row 0); group b: 4 people, 2 wrongly selected (rows 6, 7).
Y = [0, 0, 0, 0, 1, 1, 0, 0, 0, 0]
PRED = [1, 0, 0, 0, 1, 0, 1, 1, 0, 0]
GROUPS = list("aaaaaabbbb")


def test_metric_ratios_by_hand():
    table = metric_ratios(Y, PRED, sensitive_features={"g": GROUPS}).set_index("group")
    assert table.loc["a", "fp_per_group_size"] == pytest.approx(1 / 6)
    assert table.loc["b", "fp_per_group_size"] == pytest.approx(2 / 4)
    assert table.loc["b", "ratio"] == pytest.approx(3.0)
    # Katz: se^2 = (1 - 1/2) / (4 * 1/2) + (1 - 1/6) / (6 * 1/6) = 0.25 + 5/6
    se = math.sqrt(0.25 + 5 / 6)
    assert table.loc["b", "low"] == pytest.approx(3 * math.exp(-1.959964 * se), rel=1e-5)
    assert table.loc["b", "high"] == pytest.approx(3 * math.exp(1.959964 * se), rel=1e-5)
    assert table.loc["a", "reason"] == "reference" and not table.loc["a", "outside"]
    assert table.loc["b", "outside"] and table.loc["b", "uncertain"]
    assert table.loc["b", "n"] == 4 and isinstance(table.loc["b", "n"], (int, np.integer))


def test_metric_ratios_agrees_with_fairlearn_metricframe():
    rng = np.random.default_rng(3)
    y, pred = rng.integers(0, 2, 600), rng.integers(0, 2, 600)
    groups = rng.choice(["x", "y", "z"], 600, p=[0.5, 0.3, 0.2])
    frame = MetricFrame(metrics={"fp_share": lambda t, p: float(((p == 1) & (t == 0)).mean()),
                                 "fpr": lambda t, p: float(p[t == 0].mean())},
                        y_true=y, y_pred=pred, sensitive_features=groups).by_group
    for metric, column in [("fp_per_group_size", "fp_share"), ("false_positive_rate", "fpr")]:
        table = metric_ratios(y, pred, sensitive_features={"g": groups}, metric=metric,
                              privileged={"g": "y"}).set_index("group")
        np.testing.assert_allclose(table[metric], frame.loc[table.index, column])
        np.testing.assert_allclose(table["ratio"], frame.loc[table.index, column]
                                   / frame.loc["y", column])


def test_metric_ratios_refuses_bad_input_with_the_parameter_named():
    with pytest.raises(ValueError, match="'metric'"):
        metric_ratios(Y, PRED, sensitive_features={"g": GROUPS}, metric="fpr")
    with pytest.raises(ValueError, match="'privileged'.*'c'"):
        metric_ratios(Y, PRED, sensitive_features={"g": GROUPS}, privileged={"g": "c"})
    with pytest.raises(ValueError, match="two groups"):
        metric_ratios(Y, PRED, sensitive_features={"g": ["a"] * 10})
    with pytest.raises(TypeError, match="'sensitive_features'"):
        metric_ratios(Y, PRED, sensitive_features=GROUPS)


def test_metric_ratios_warns_and_gives_nan_for_an_undefined_rate():
    y = [1, 1, 0, 0, 0, 0]  # group b has no actual positives: its true positive rate is undefined
    with pytest.warns(UndefinedRateWarning, match="'b'"):
        table = metric_ratios(y, [1, 0, 0, 1, 0, 0], sensitive_features={"g": list("aaabbb")},
                              metric="true_positive_rate", privileged={"g": "a"})
    assert np.isnan(table.set_index("group").loc["b", "true_positive_rate"])


def test_compare_selections_names_the_selection_nearer_parity():
    # rule: b 3 of 4 wrongly (0.75) against a 1 of 6; model: b 1 of 4 against a 1 of 6.
    table = compare_selections([0] * 10, {"rule": [1, 0, 0, 0, 0, 0, 1, 1, 1, 0],
                                          "model": [1, 0, 0, 0, 0, 0, 1, 0, 0, 0]},
                               sensitive_features={"g": GROUPS}).set_index("group")
    assert table.loc["b", "rule ratio"] == pytest.approx(4.5)
    assert table.loc["b", "model ratio"] == pytest.approx(1.5)
    assert table.loc["b", "closer to parity"] == "model"
    assert table.loc["a", "closer to parity"] == "reference"
    same = compare_selections([0] * 10, {"one": PRED, "two": PRED},
                              sensitive_features={"g": GROUPS})
    assert same.loc[1, "closer to parity"] == "about equal"
    # 0.8 and 1.25 are equally far from parity
    assert compare_selections([0] * 10, {"low": [1, 0, 0, 0, 0, 0, 1, 0, 0, 0],
                                         "high": [1, 1, 0, 0, 0, 0, 1, 1, 1, 0]},
                              sensitive_features={"g": GROUPS}).loc[1, "closer to parity"] \
        == "low"  # b: 1.5 (low) against 2.25 (high)


def test_compare_selections_refuses_a_non_mapping():
    with pytest.raises(TypeError, match="'selections'"):
        compare_selections(Y, PRED, sensitive_features={"g": GROUPS})
    with pytest.raises(ValueError, match="'selections'"):
        compare_selections(Y, {"m": [0.2] * 10}, sensitive_features={"g": GROUPS})


def test_feature_bands_by_hand_and_leaves_the_input_alone():
    frame = pd.DataFrame({"age": [18, 19, 20, 24, 25, 40], "grade": [6.0, None, 7.0, 8.0, 5.5, 9.0],
                          "route": ["mbo", "havo", None, "vwo", "mbo", "havo"]})
    before = frame.copy()
    bands = feature_bands(frame, ["age", "grade", "route"], edges={"age": [18, 20, 25, np.inf]},
                          n_bands=2)
    assert bands["age"].tolist() == ["18 to 19", "18 to 19", "20 to 24", "20 to 24",
                                     "25 or more", "25 or more"]
    assert bands["grade"].tolist() == ["5.5 to <7", "missing", "7 or more", "7 or more",
                                       "5.5 to <7", "7 or more"]  # median of 5 grades: 7
    assert bands["route"].tolist() == ["mbo", "havo", "missing", "vwo", "mbo", "havo"]
    pd.testing.assert_frame_equal(frame, before)
    with pytest.raises(ValueError, match="'edges'"):
        feature_bands(frame, ["age"], edges={"age": [20, 18]})
    with pytest.raises(ValueError, match="'columns'.*'nope'"):
        feature_bands(frame, ["nope"])


def test_rule_selection_any_condition_and_missing_never_matches():
    frame = pd.DataFrame({"prior": ["mbo", "havo", "vwo", "havo", None],
                          "days": [30, -5, 10, np.nan, -1]})
    chosen = rule_selection(frame, {"prior": ["mbo"], "days": ("<", 0)})
    assert chosen.tolist() == [True, True, False, False, True]
    assert rule_selection(frame, {"days": (">=", 10)}).tolist() == [True, False, True, False, False]
    with pytest.raises(ValueError, match="'rule'.*'nope'"):
        rule_selection(frame, {"nope": ["x"]})
    with pytest.raises(TypeError, match="'rule'"):
        rule_selection(frame, {"days": ("~", 0)})


def test_indirect_bias_summary_reads_policy_tie_and_clear_bands():
    strength = pd.DataFrame({"gender": [0.52, 0.70, 0.50, 0.75]},
                            index=["grade", "date", "route", "prior"])
    ratios = pd.DataFrame({"variable": ["grade"] * 2 + ["date"] * 2 + ["route"] * 2 + ["prior"] * 2,
                           "ratio": [1.0, 2.0, 1.0, 2.0, 1.0, 3.0, 1.0, 2.0],
                           "outside": [False, True] * 4,
                           "uncertain": [False, False, False, False, False, True, False, False]})
    summary = indirect_bias_summary(strength, ratios, legitimate=["prior"])
    assert summary["reading"].to_dict() == {
        "grade": "uneven, not a proxy", "date": "acts as a proxy",
        "route": "no clear sign",  # its only band outside the band is uncertain
        "prior": "legitimate by policy"}
    assert summary.loc["route", "uneven bands"] == 0
    with pytest.raises(ValueError, match="'strength'"):
        indirect_bias_summary(strength.drop(index="date"), ratios)


def test_flag_at_capacity_flags_the_share_out_of_fold():
    from fairlearn_lite.datasets import make_study_cohort
    from fairlearn_lite.models import split_cohort

    split = split_cohort(make_study_cohort(800, random_state=1), outcome="retained")
    flags = flag_at_capacity(split.X_train, ~split.y_train, split.X_test, share=0.25)
    assert flags.operating_point.selection_rate == pytest.approx(0.25, abs=0.01)
    assert flags.flagged.tolist() == (flags.scores >= flags.operating_point.cutoff).tolist()
    assert 0.15 < flags.flagged.mean() < 0.35
    for share in (0, 1, 1.5):
        with pytest.raises(ValueError, match="'share'"):
            flag_at_capacity(split.X_train, ~split.y_train, split.X_test, share=share)


def test_metric_ratios_matches_the_kits_audit_on_the_lesson_data():
    from fairlearn_lite.audit import audit
    from fairlearn_lite.datasets import load_study_cohort
    from fairlearn_lite.models import SENSITIVE

    cohort = load_study_cohort()
    rng = np.random.default_rng(2024)  # not the seed of the data generator's own first draws
    frame = cohort[SENSITIVE].assign(left=~cohort["retained"], flagged=rng.random(len(cohort)) < 0.3)
    theirs = audit(frame, label="left", prediction="flagged", sensitive=SENSITIVE).table
    ours = metric_ratios(frame["left"], frame["flagged"], sensitive_features=frame[SENSITIVE])
    np.testing.assert_allclose(ours["ratio"], theirs["ratio"])
    others = ours["reason"] != "reference"
    np.testing.assert_allclose(ours.loc[others, ["low", "high"]],
                               theirs.loc[others, ["low", "high"]])
    assert ours["uncertain"].tolist() == theirs["uncertain"].tolist()


def test_zero_counts_get_the_haldane_anscombe_interval_and_an_infinite_ratio():
    # b: nobody wrongly selected (0 of 4) against a: 1 of 6 -> ratio 0, interval after +0.5 per cell
    table = metric_ratios(Y, [1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
                          sensitive_features={"g": GROUPS}).set_index("group")
    p1, p2 = 0.5 / 5, 1.5 / 7
    se = math.sqrt((1 - p1) / (5 * p1) + (1 - p2) / (7 * p2))
    assert table.loc["b", "ratio"] == 0
    assert table.loc["b", "low"] == pytest.approx(p1 / p2 * math.exp(-1.959964 * se), rel=1e-5)
    assert table.loc["b", "high"] == pytest.approx(p1 / p2 * math.exp(1.959964 * se), rel=1e-5)
    # the reference a has none wrongly selected, b has 2: the ratio is infinite, not hidden
    flipped = metric_ratios(Y, [0, 0, 0, 0, 1, 0, 1, 1, 0, 0], sensitive_features={"g": GROUPS},
                            privileged={"g": "a"}).set_index("group")
    assert np.isinf(flipped.loc["b", "ratio"]) and flipped.loc["b", "outside"]
    assert "reference group has none" in flipped.loc["b", "reason"]


def test_a_ratio_inside_the_band_with_a_wide_interval_is_uncertain():
    rng = np.random.default_rng(5)
    groups = np.repeat(["a", "b"], [400, 300])
    y = np.zeros(700, dtype=int)
    pred = np.r_[rng.random(400) < 0.20, rng.random(300) < 0.22].astype(int)
    row = metric_ratios(y, pred, sensitive_features={"g": groups}).set_index("group").loc["b"]
    assert 0.8 <= row["ratio"] <= 1.25 and row["high"] > 1.25
    assert row["uncertain"] and row["reason"] == "inside the band, but its interval reaches outside it"
