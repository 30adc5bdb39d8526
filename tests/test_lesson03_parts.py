"""Lesson 03's new package parts, by hand: presets, the presets table, gaps, the sweep, the identity.

Reference values come from hand computation or scikit-learn, never from the function under test.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import balanced_accuracy_score, recall_score

from fairlearn_lite.criteria import implied_false_positive_rate, preset_table, rates_by_variant
from fairlearn_lite.fairness_tree import (
    LABELS_FIRST,
    describe_tree_metric,
    tree_metric,
    walk_fairness_tree,
)
from fairlearn_lite.plotting import plot_equal_rate_sweep, style_preset_table
from fairlearn_lite.thresholds import (
    PRESETS,
    ScoredGroups,
    apply_thresholds,
    equal_rate_sweep,
    preset_thresholds,
    rate_gap,
)

CRITERIA = ["independence", "separation", "sufficiency"]

# Group a: 3 of 4 pass; group b: 2 of 4 (the example of group_thresholds' docstring).
Y = [1, 1, 1, 0, 1, 0, 1, 0]
S = [0.9, 0.8, 0.7, 0.2, 0.6, 0.5, 0.4, 0.1]
G = list("aaaabbbb")


def test_presets_by_hand():
    found = preset_thresholds(ScoredGroups(Y, S, sensitive_features=G), cutoff=0.55)
    assert list(found) == list(PRESETS)
    assert found["single threshold"].to_dict() == {"a": 0.55, "b": 0.55}
    # Equal selection rates, best balanced accuracy: the top 3 of each group (a: between 0.7 and
    # 0.2; b: between 0.4 and 0.1), which finds all 5 who pass and wrongly selects 1 of 3.
    assert found["demographic parity"].round(3).to_dict() == {"a": 0.45, "b": 0.25}
    # Equal TPR is possible only at 0 or 1 here (a: 0, 1/3, 2/3, 1; b: 0, 1/2, 1): TPR 1 wins.
    predictions = apply_thresholds(S, found["equal opportunity"], sensitive_features=G)
    assert recall_score(Y[:4], predictions[:4]) == recall_score(Y[4:], predictions[4:]) == 1.0
    # No constraint: a keeps its top 3 (all right); b selects only 0.6 (3 of 4 right).
    assert found["best per group"].round(3).to_dict() == {"a": 0.45, "b": 0.55}


def test_presets_refuse_what_they_cannot_use():
    with pytest.raises(TypeError, match=r"'scored' parameter of preset_thresholds must be a "
                                        r"ScoredGroups"):
        preset_thresholds((Y, S, G), cutoff=0.5)
    weighted = ScoredGroups(Y, S, sensitive_features=G, sample_weight=[1] * 8)
    with pytest.raises(ValueError, match=r"'scored' parameter of preset_thresholds carries sample "
                                         r"weights"):
        preset_thresholds(weighted, cutoff=0.5)
    with pytest.raises(ValueError, match=r"'presets' parameter of preset_thresholds must be one of"):
        preset_thresholds(ScoredGroups(Y, S, sensitive_features=G), cutoff=0.5,
                          presets=["maximum fairness"])


def test_preset_table_by_hand_and_against_scikit_learn():
    scored = ScoredGroups(Y, S, sensitive_features=G)
    table = preset_table(scored, {"one cut-off": 0.55, "per group": {"a": 0.45, "b": 0.25}})
    # 0.55 for everyone: a selects 3 (all pass), b selects 1 (passes): 4 of 8.
    assert table.loc["one cut-off", "share predicted positive"] == pytest.approx(4 / 8)
    predicted = np.array(S) >= 0.55
    assert table.loc["one cut-off", "balanced accuracy"] == \
        pytest.approx(balanced_accuracy_score(Y, predicted))
    assert table.loc["per group", "share predicted positive"] == pytest.approx(6 / 8)
    # per group: selection 3/4 in both groups; TPR 1 in both; FPR 0 (a) against 1/2 (b)
    assert table.loc["per group", CRITERIA].tolist() == [True, False, False]
    assert table.loc["per group", "threshold b"] == 0.25


def test_rate_gap_and_the_sweep_by_hand():
    scored = ScoredGroups([1, 1, 0, 1, 1, 0], [0.9, 0.6, 0.4, 0.8, 0.3, 0.2],
                          sensitive_features=list("aaabbb"))
    assert rate_gap(scored, {"a": 0.5, "b": 0.5}) == pytest.approx(1 - 1 / 2)
    assert rate_gap(scored, {"a": 0.5, "b": 0.25}) == 0.0
    assert rate_gap(scored, {"a": 0.5, "b": 0.5}, metric="selection_rate") == pytest.approx(1 / 3)
    sweep = equal_rate_sweep(scored, targets=[0.5, 1.0])
    assert sweep["true_positive_rate"].tolist() == [0.5, 0.5, 1.0, 1.0]


def test_the_chouldechova_identity_by_hand():
    assert implied_false_positive_rate(0.5, 0.8, 0.8) == pytest.approx(0.2)
    assert implied_false_positive_rate(0.7, 0.8, 0.8) == pytest.approx(0.7 / 0.3 * 0.25 * 0.8)
    # A group with TP 30, FN 10, FP 20, TN 40: p 0.4, PPV 0.6, TPR 0.75, FPR 20 / 60.
    assert implied_false_positive_rate(0.4, 0.6, 0.75) == pytest.approx(20 / 60)
    with pytest.raises(ValueError, match="'base_rate' and 'ppv' parameters"):
        implied_false_positive_rate(1.0, 0.5, 0.5)


def test_rates_by_variant_against_scikit_learn():
    y, groups = np.array([1, 0, 1, 1, 0, 1]), np.array(list("ffmmmf"))
    first, second = np.array([.9, .7, .4, .8, .2, .3]), np.array([.9, .2, .9, .8, .6, .7])
    table = rates_by_variant({"first": ScoredGroups(y, first, sensitive_features=groups),
                              "second": ScoredGroups(y, second, sensitive_features=groups)},
                             cutoff=0.5, metrics=["true_positive_rate"])
    for variant, scores in [("first", first), ("second", second)]:
        for group in "fm":
            rows = groups == group
            assert table.loc[(variant, group), "true_positive_rate"] == \
                pytest.approx(recall_score(y[rows], scores[rows] >= 0.5))
    with pytest.raises(TypeError, match="'variants' parameter of rates_by_variant"):
        rates_by_variant({"first": first}, cutoff=0.5)


def test_the_tree_labels_its_own_adaptation_and_reads_its_ratios():
    _, leaf = walk_fairness_tree({"focus": "who is treated wrongly (errors)",
                                  "labels": "no, the labels may be biased"})
    assert leaf is LABELS_FIRST and "fix or collect the labels first" == leaf.name
    # a: 1 wrongly selected of 4 (0.25); b: 2 of 6 (1/3), the larger group and so the reference
    table = tree_metric([0, 0, 1, 1, 0, 0, 0, 0, 1, 1], [1, 0, 1, 0, 1, 1, 0, 0, 1, 1],
                        sensitive_features=list("aaaabbbbbb"), metric="fp_per_group_size")
    sentence = describe_tree_metric(table)
    assert "reference group 'b' (0.333)" in sentence and "'a' 0.75 times as high (0.25)" in sentence


def test_the_lesson_plot_and_table_style():
    import matplotlib.pyplot as plt

    sweep = pd.DataFrame({"target": [0.5] * 2, "group": ["a", "b"], "true_positive_rate": [.5, .5],
                          "positive_predictive_value": [0.9, 0.6], "false_positive_rate": [.1, .3]})
    axes = plot_equal_rate_sweep(sweep)
    assert [ax.get_ylim() for ax in axes] == [(0.0, 1.0), (0.0, 1.0)]  # honest axes
    assert "smallest gap 0.30" in axes[0].figure.texts[0].get_text()
    plt.close("all")
    html = style_preset_table(pd.DataFrame({"separation": [False], "threshold a": [0.456]}),
                              caption="x").to_html()
    assert "✗" in html and "0.46" in html
