"""The operating point: a cut-off chosen by a stated rule, and the fairness check at every cut-off."""

import contextlib

import numpy as np
import pytest

import fairlearn_lite as fl
from fairlearn_lite.operating_point import choose_cutoff, fairness_check_by_cutoff

rng = np.random.default_rng(3)
N = 400
Y = rng.integers(0, 2, N)
S = np.clip(0.35 * Y + rng.uniform(0, 0.65, N), 0, 1)
G = np.where(rng.uniform(size=N) < 0.6, "a", "b")


def _nothing():
    return contextlib.nullcontext()


def test_base_rate_rule_predicts_as_many_positive_as_there_are():
    point = choose_cutoff(Y, S)
    predicted = S >= point.cutoff
    assert predicted.mean() == pytest.approx(Y.mean(), abs=1 / N)
    assert point.selection_rate == pytest.approx(predicted.mean())
    assert point.target_share == pytest.approx(Y.mean())
    assert "predicted positive" in point.describe()


def test_capacity_rule_selects_the_highest_scores():
    point = choose_cutoff(Y, S, rule="capacity:0.25")
    predicted = S >= point.cutoff
    assert predicted.sum() == 100  # distinct scores: exactly a quarter of 400
    assert S[predicted].min() > S[~predicted].max()


def test_a_fixed_cutoff_reports_its_share():
    point = choose_cutoff(Y, S, rule=0.5)
    assert point.cutoff == 0.5 and point.selection_rate == pytest.approx((S >= 0.5).mean())


def test_weights_count_as_repeated_rows():
    y, s = [1, 0, 0, 1], [0.9, 0.8, 0.3, 0.2]
    weighted = choose_cutoff(y, s, sample_weight=[3, 1, 1, 1])  # base rate 4/6
    repeated = choose_cutoff([1, 1, 1, 0, 0, 1], [0.9, 0.9, 0.9, 0.8, 0.3, 0.2])
    assert weighted.cutoff == pytest.approx(repeated.cutoff)


def test_a_top_score_of_one_cannot_be_cut_away():
    point = choose_cutoff([0, 0, 1], [1.0, 0.5, 0.2], rule="capacity:0.1")
    assert point.selection_rate == pytest.approx(1 / 3)  # the nearest reachable share


@pytest.mark.parametrize("rule", ["capacity:1.5", "capacity:x", "base rate", 1.5, None, True])
def test_bad_rules_name_the_parameter(rule):
    with pytest.raises((ValueError, TypeError), match=r"'rule' parameter of choose_cutoff"):
        choose_cutoff(Y, S, rule=rule)


def test_the_profile_agrees_with_the_fairness_check_at_every_cutoff():
    cutoffs = [0.2, 0.4, 0.5, 0.6, 0.8]
    profile = fairness_check_by_cutoff(Y, S, sensitive_features=G, privileged="a",
                                       cutoffs=cutoffs)
    for cutoff in cutoffs:
        with pytest.warns(fl.UndefinedRateWarning) if cutoff == 0.8 else _nothing():
            check = fl.fairness_check(Y, S >= cutoff, sensitive_features=G, privileged="a")
        expected = check.ratios.loc["b"].to_numpy()
        np.testing.assert_allclose(profile.ratios.loc[(cutoff, "b")].to_numpy(), expected,
                                   rtol=1e-12)  # NaN where both say undefined
        assert profile.selection_rate[cutoff] == pytest.approx((S >= cutoff).mean())


def test_flags_and_passing_cutoffs_by_hand():
    # Group b's scores are shifted: at a low cut-off both groups are all selected (all ratios 1).
    y = [1, 0, 1, 0, 1, 0, 1, 0]
    s = [0.9, 0.1, 0.9, 0.1, 0.6, 0.1, 0.6, 0.1]
    profile = fairness_check_by_cutoff(y, s, sensitive_features=list("aaaabbbb"), privileged="a",
                                       cutoffs=[0.05, 0.7])
    assert profile.flagged.loc[0.05] == 0
    assert profile.flagged.loc[0.7] >= 2  # b: nobody selected, TPR 0 and STP 0
    assert list(profile.passing_cutoffs()) == [0.05]
