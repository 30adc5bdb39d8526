"""Reference values computed by hand, from the teaching brief's worked examples."""

import numpy as np
import pandas as pd
import pytest

import fairlearn_lite as fl


def confusion_rows(tp, fn, fp, tn):
    """Rows that produce exactly the given confusion matrix."""
    y_true = [1] * tp + [1] * fn + [0] * fp + [0] * tn
    y_pred = [1] * tp + [0] * fn + [1] * fp + [0] * tn
    return np.array(y_true), np.array(y_pred)


# --- the nursing programme and the four-fifths rule -----------------------------------------

def test_nursing_programme_fails_the_four_fifths_rule():
    result = fl.four_fifths_rule({"women": 96, "men": 30}, {"women": 120, "men": 50})
    table = result.table
    assert table.loc["women", "selection_rate"] == pytest.approx(0.80)
    assert table.loc["men", "selection_rate"] == pytest.approx(0.60)
    assert table.loc["men", "ratio_to_highest"] == pytest.approx(0.75)
    assert table.loc["men", "rate_needed"] == pytest.approx(0.64)  # four-fifths of 80%
    assert table.loc["men", "shortfall"] == 2
    assert table.loc["women", "shortfall"] == 0
    assert not table.loc["men", "passes"]
    assert result.reference_group == "women"
    assert result.passed is False
    assert "2 more selected" in result.verdict and "4.0 percentage points" in result.verdict


def test_ratio_exactly_on_the_threshold_passes():
    # 0.64 / 0.80 is 0.7999999999999999 in floating point; it is still exactly four-fifths.
    assert 0.64 / 0.80 < 0.8
    result = fl.four_fifths_rule({"a": 64, "b": 80}, {"a": 100, "b": 100})
    assert result.passed
    assert result.table.loc["a", "shortfall"] == 0


def test_four_fifths_threshold_can_be_changed():
    strict = fl.four_fifths_rule({"women": 96, "men": 30}, {"women": 120, "men": 50},
                                 epsilon=0.9)
    # 0.9 * 0.8 = 72% of 50 men = 36, six more than 30
    assert strict.table.loc["men", "shortfall"] == 6
    lenient = fl.four_fifths_rule({"women": 96, "men": 30}, {"women": 120, "men": 50},
                                  epsilon=0.7)
    assert lenient.passed


def test_four_fifths_is_demographic_parity_ratio_on_individuals():
    selected = np.array([1] * 96 + [0] * 24 + [1] * 30 + [0] * 20)
    gender = ["woman"] * 120 + ["man"] * 50
    assert fl.demographic_parity_ratio(selected, selected, sensitive_features=gender) \
        == pytest.approx(0.75)
    assert fl.demographic_parity_difference(selected, selected, sensitive_features=gender) \
        == pytest.approx(0.20)


# --- confusion matrices ----------------------------------------------------------------------

@pytest.mark.parametrize(("cells", "accuracy"), [
    ((50, 50, 50, 50), 0.50),   # fair, but useless
    ((80, 20, 20, 80), 0.80),   # good, but is it fair?
    ((35, 15, 15, 35), 0.70),   # men
    ((45, 5, 5, 45), 0.90),     # women
])
def test_accuracy_of_the_worked_confusion_matrices(cells, accuracy):
    y_true, y_pred = confusion_rows(*cells)
    table = fl.group_metrics(y_true, y_pred, sensitive_features=np.zeros(len(y_true)))
    assert table["accuracy"].iloc[0] == pytest.approx(accuracy)


def test_split_by_gender_is_good_but_unfair():
    men_true, men_pred = confusion_rows(35, 15, 15, 35)
    women_true, women_pred = confusion_rows(45, 5, 5, 45)
    y_true = np.concatenate([men_true, women_true])
    y_pred = np.concatenate([men_pred, women_pred])
    gender = ["man"] * 100 + ["woman"] * 100
    table = fl.group_metrics(y_true, y_pred, sensitive_features=gender)
    assert table.loc["man", "accuracy"] == pytest.approx(0.70)
    assert table.loc["woman", "accuracy"] == pytest.approx(0.90)
    assert table.loc["man", "false_negative_rate"] == pytest.approx(15 / 50)
    assert table.loc["woman", "false_negative_rate"] == pytest.approx(5 / 50)
    counts = fl.group_confusion(y_true, y_pred, sensitive_features=gender)
    assert counts.loc["man"].to_dict() == {"tp": 35, "fp": 15, "fn": 15, "tn": 35, "n": 100}


def test_precision_and_sensitivity_example():
    y_true, y_pred = confusion_rows(tp=30, fn=10, fp=20, tn=40)
    row = fl.group_metrics(y_true, y_pred, sensitive_features=["all"] * 100).iloc[0]
    assert row["accuracy"] == pytest.approx(0.70)
    assert row["true_positive_rate"] == pytest.approx(0.75)  # sensitivity 30 / 40
    assert row["positive_predictive_value"] == pytest.approx(0.60)  # precision 30 / 50
    assert row["fp_per_group_size"] == pytest.approx(0.20)  # 20 of 100
    assert row["fn_per_group_size"] == pytest.approx(0.10)
    assert row["false_discovery_rate"] == pytest.approx(0.40)
    assert row["false_omission_rate"] == pytest.approx(0.20)  # 10 / 50
    assert row["negative_predictive_value"] == pytest.approx(0.80)
    assert row["true_negative_rate"] == pytest.approx(40 / 60)
    assert row["base_rate"] == pytest.approx(0.40)
    assert row["selection_rate"] == pytest.approx(0.50)
    assert fl.true_positive_rate(y_true, y_pred) == pytest.approx(0.75)
    assert fl.false_positive_rate(y_true, y_pred) == pytest.approx(20 / 60)
    assert fl.false_negative_rate(y_true, y_pred) == pytest.approx(0.25)
    assert fl.true_negative_rate(y_true, y_pred) == pytest.approx(40 / 60)
    assert fl.selection_rate(y_true, y_pred) == pytest.approx(0.50)


def test_asking_the_question_the_other_way_round_mirrors_the_matrix():
    y_true, y_pred = confusion_rows(tp=30, fn=10, fp=20, tn=40)
    flipped = fl.group_confusion(1 - y_true, 1 - y_pred, sensitive_features=["all"] * 100)
    assert flipped.iloc[0][["tp", "fn", "fp", "tn"]].tolist() == [40, 20, 10, 30]


def test_group_metrics_columns_are_the_contract():
    table = fl.group_metrics([1, 0, 1, 0], [1, 0, 0, 1], sensitive_features=["a"] * 4)
    assert list(table.columns) == [
        "count", "base_rate", "selection_rate", "true_positive_rate", "false_positive_rate",
        "false_negative_rate", "true_negative_rate", "positive_predictive_value",
        "negative_predictive_value", "false_discovery_rate", "false_omission_rate",
        "accuracy", "fp_per_group_size", "fn_per_group_size",
    ]


def test_intersectional_groups_have_a_multiindex():
    gender = ["f", "f", "m", "m", "f", "m"]
    background = ["none", "nw", "none", "nw", "none", "none"]
    counts = fl.group_confusion([1, 0, 1, 1, 0, 0], [1, 1, 0, 1, 0, 0],
                                sensitive_features=pd.DataFrame({"gender": gender,
                                                                 "background": background}))
    assert counts.index.names == ["gender", "background"]
    assert counts.loc[("f", "none")].to_dict() == {"tp": 1, "fp": 0, "fn": 0, "tn": 1, "n": 2}
    assert counts.loc[("m", "none")].to_dict() == {"tp": 0, "fp": 0, "fn": 1, "tn": 1, "n": 2}
    assert counts["n"].sum() == 6


def test_categorical_groups_keep_category_order_and_drop_unused():
    prior = pd.Categorical(["vwo", "mbo", "havo", "mbo"],
                           categories=["mbo", "havo", "vwo", "21+ test"])
    counts = fl.group_confusion([1, 0, 1, 1], [1, 0, 0, 1],
                                sensitive_features=pd.Series(prior, name="prior"))
    assert list(counts.index) == ["mbo", "havo", "vwo"]
    assert counts.loc["mbo", "n"] == 2


def test_weighted_counts_are_sums_of_weights():
    counts = fl.group_confusion([1, 1, 0], [1, 1, 1], sensitive_features=["a", "a", "a"],
                                sample_weight=[0.5, 2.0, 1.5])
    assert counts.loc["a", "tp"] == pytest.approx(2.5)
    assert counts.loc["a", "fp"] == pytest.approx(1.5)


def test_equalized_odds_by_hand():
    # group a: TPR 1/2, FPR 1/2; group b: TPR 1, FPR 0
    y_true = [1, 1, 0, 0, 1, 1, 0, 0]
    y_pred = [1, 0, 1, 0, 1, 1, 0, 0]
    groups = list("aaaabbbb")
    assert fl.equal_opportunity_difference(y_true, y_pred, sensitive_features=groups) == 0.5
    assert fl.equal_opportunity_ratio(y_true, y_pred, sensitive_features=groups) == 0.5
    assert fl.equalized_odds_difference(y_true, y_pred, sensitive_features=groups) == 0.5
    assert fl.equalized_odds_difference(y_true, y_pred, sensitive_features=groups,
                                        agg="mean") == 0.5
    assert fl.equalized_odds_ratio(y_true, y_pred, sensitive_features=groups) == 0.0
    assert fl.equalized_odds_ratio(y_true, y_pred, sensitive_features=groups,
                                   agg="mean") == 0.25


def test_metric_frame_to_overall_by_hand():
    # selection rates: a 3/4, b 1/4, overall 1/2
    mf = fl.MetricFrame(metrics=fl.selection_rate, y_true=[0] * 8,
                        y_pred=[1, 1, 1, 0, 1, 0, 0, 0], sensitive_features=list("aaaabbbb"))
    assert mf.overall == 0.5
    assert mf.difference(method="to_overall") == 0.25
    assert mf.ratio(method="to_overall") == 0.5  # min(0.5/0.75, 0.25/0.5)
    assert mf.group_min() == 0.25 and mf.group_max() == 0.75


def test_metric_frame_calls_any_other_function_per_group():
    def share_of_ones(y_true, y_pred):
        return float(np.mean(y_pred))

    mf = fl.MetricFrame(metrics={"own": share_of_ones, "sr": fl.selection_rate},
                        y_true=[0] * 6, y_pred=[1, 1, 0, 0, 0, 1], sensitive_features=list("aaabbb"))
    assert mf.by_group["own"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert mf.by_group["sr"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert mf.overall["own"] == pytest.approx(0.5)


# --- the fairness check ------------------------------------------------------------------------

def test_fairness_check_by_hand():
    # m: tp 2 fp 1 fn 0 tn 1 -> TPR 1, ACC .75, PPV 2/3, FPR .5, STP .75
    # f: tp 1 fp 0 fn 1 tn 2 -> TPR .5, ACC .75, PPV 1, FPR 0, STP .25
    check = fl.fairness_check([1, 1, 0, 0, 1, 1, 0, 0], [1, 1, 1, 0, 1, 0, 0, 0],
                              sensitive_features=list("mmmmffff"), privileged="m")
    ratios = check.ratios.loc["f"]
    assert ratios["TPR"] == pytest.approx(0.5)
    assert ratios["ACC"] == pytest.approx(1.0)
    assert ratios["PPV"] == pytest.approx(1.5)
    assert ratios["FPR"] == 0.0
    assert ratios["STP"] == pytest.approx(1 / 3)
    assert check.flagged_metrics == ["TPR", "PPV", "FPR", "STP"]
    assert not check.passed
    assert "not fair" in check.verdict


def test_fairness_check_band_edges_pass():
    # STP: 0.64 vs 0.80 -> 0.8 exactly (on the lower edge); 1.0 vs 0.8 -> 1.25 (upper edge)
    y_pred = [1] * 64 + [0] * 36 + [1] * 80 + [0] * 20 + [1] * 100
    groups = ["low"] * 100 + ["ref"] * 100 + ["high"] * 100
    with pytest.warns(RuntimeWarning, match="no actual negatives"):
        check = fl.fairness_check(np.ones(300), y_pred, sensitive_features=groups,
                                  privileged="ref")
    assert check.ratios.loc["low", "STP"] == pytest.approx(0.8)
    assert check.ratios.loc["high", "STP"] == pytest.approx(1.25)
    assert not check.flagged["STP"].any()
    assert check.passed


def test_fairness_check_one_metric_cannot_be_called_fair():
    # a: TPR 1, ACC 5/6, PPV 4/5, FPR 1/2, STP 5/6; b: TPR 1, ACC 1, PPV 1, FPR 0, STP 4/6
    # ratios b/a: ACC 1.2, PPV 1.25 and STP 0.8 sit inside the band (two on its edges)
    single = fl.fairness_check([1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0],
                               [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0],
                               sensitive_features=list("aaaaaabbbbbb"), privileged="a")
    assert single.flagged_metrics == ["FPR"]  # FPR 1/2 vs 0; everything else within band
    assert "cannot be called fair" in single.verdict
