"""Lesson 05's package parts: reweighing, resampling, ROC pivot, bootstrap intervals."""

import warnings

import dalex as dx
import numpy as np
import pandas as pd
import pytest

import fairlearn_lite as fl
from fairlearn_lite.mitigation import (
    resample,
    resample_indices,
    reweighing_weights,
    roc_pivot,
)
from fairlearn_lite.uncertainty import bootstrap_group_metrics


@pytest.fixture
def labelled():
    rng = np.random.default_rng(5)
    n = 3000
    groups = rng.choice(["a", "b", "c"], n, p=[0.6, 0.3, 0.1])
    y = rng.random(n) < pd.Series(groups).map({"a": 0.7, "b": 0.5, "c": 0.3}).to_numpy()
    scores = np.clip(0.4 * y + 0.6 * rng.random(n), 0, 1)
    return y.astype(int), groups, scores


# --- reweighing -------------------------------------------------------------------------------

def test_weights_equal_the_formula_by_hand():
    # a: 3 of 4 positive, b: 1 of 4; n = 8, 4 positives
    weights = reweighing_weights([1, 1, 1, 0, 1, 0, 0, 0], sensitive_features=list("aaaabbbb"))
    expected = {("a", 1): (4 * 4) / (8 * 3), ("a", 0): (4 * 4) / (8 * 1),
                ("b", 1): (4 * 4) / (8 * 1), ("b", 0): (4 * 4) / (8 * 3)}
    keys = [("a", 1)] * 3 + [("a", 0), ("b", 1)] + [("b", 0)] * 3
    np.testing.assert_allclose(weights, [expected[k] for k in keys])


def test_weighted_positive_rate_is_equal_everywhere_and_groups_keep_their_size(labelled):
    y, groups, _ = labelled
    weights = reweighing_weights(y, sensitive_features=groups)
    overall = y.mean()
    for group in np.unique(groups):
        rows = groups == group
        assert np.average(y[rows], weights=weights[rows]) == pytest.approx(overall, abs=1e-12)
        assert weights[rows].sum() == pytest.approx(rows.sum(), abs=1e-9)


def test_weights_match_dalex(labelled):
    y, groups, _ = labelled
    theirs = dx.fairness.reweight(groups, y, verbose=False).astype(float)
    np.testing.assert_allclose(reweighing_weights(y, sensitive_features=groups), theirs)


def test_weights_work_for_intersections(labelled):
    y, groups, _ = labelled
    second = np.where(np.arange(len(y)) % 3 == 0, "x", "y")
    frame = pd.DataFrame({"g": groups, "h": second})
    weights = reweighing_weights(y, sensitive_features=frame)
    for (_, _), rows in frame.groupby(["g", "h"]).groups.items():
        rows = np.asarray(rows)
        assert np.average(y[rows], weights=weights[rows]) == pytest.approx(y.mean(), abs=1e-12)


def test_weights_are_a_sample_weight_for_scikit_learn(labelled):
    from sklearn.linear_model import LogisticRegression

    y, groups, scores = labelled
    weights = reweighing_weights(y, sensitive_features=groups)
    model = LogisticRegression().fit(scores.reshape(-1, 1), y, sample_weight=weights)
    assert model.coef_.shape == (1, 1)


def test_an_empty_cell_is_named_in_a_warning():
    with pytest.warns(RuntimeWarning, match=r"group 'b' with label 1"):
        weights = reweighing_weights([1, 0, 0, 0], sensitive_features=["a", "a", "b", "b"])
    assert np.isfinite(weights).all()


# --- resampling ----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["uniform", "preferential"])
def test_resampled_positive_rate_per_group_matches_the_overall_rate(labelled, kind):
    y, groups, scores = labelled
    X = pd.DataFrame({"score": scores})
    X_new, y_new, groups_new = resample(X, y, sensitive_features=groups, kind=kind, scores=scores,
                                        random_state=0)
    assert len(X_new) == len(y_new) == len(groups_new)
    for group in np.unique(groups):
        rows = groups_new == group
        assert y_new[rows].mean() == pytest.approx(y.mean(), abs=1 / rows.sum())
        assert rows.sum() == pytest.approx((groups == group).sum(), abs=2)


def test_preferential_resampling_matches_dalex(labelled):
    y, groups, scores = labelled
    ours = resample_indices(y, sensitive_features=groups, kind="preferential", scores=scores)
    theirs = dx.fairness.resample(groups, y, type="preferential", probs=scores, verbose=False)
    np.testing.assert_array_equal(np.sort(ours), np.sort(theirs))


def test_uniform_resampling_has_dalex_cell_sizes(labelled):
    y, groups, _ = labelled
    ours = resample_indices(y, sensitive_features=groups, random_state=1)
    theirs = dx.fairness.resample(groups, y, type="uniform", verbose=False)
    cell = lambda idx: pd.crosstab(groups[idx], y[idx])  # noqa: E731
    pd.testing.assert_frame_equal(cell(ours), cell(theirs))


def test_preferential_drops_the_rows_nearest_the_border():
    y = [1, 1, 1, 0, 1, 0, 0, 0]
    scores = [0.9, 0.8, 0.55, 0.6, 0.45, 0.3, 0.2, 0.7]
    kept = resample_indices(y, sensitive_features=list("aaaabbbb"), kind="preferential",
                            scores=scores)
    # group a has one positive too many: the lowest-scored positive (row 2, 0.55) goes
    assert 2 not in kept and {0, 1}.issubset(set(kept))
    # group b has one negative too many: the highest-scored negative (row 7, 0.7) goes
    assert 7 not in kept


def test_bad_resampling_input(labelled):
    y, groups, _ = labelled
    with pytest.raises(ValueError, match=r"'kind'.*'uniform', 'preferential'.*got 'smote'"):
        resample_indices(y, sensitive_features=groups, kind="smote")
    with pytest.raises(ValueError, match=r"'scores'.*required for kind='preferential'"):
        resample_indices(y, sensitive_features=groups, kind="preferential")
    with pytest.raises(ValueError, match=r"'X'.*rows"):
        resample(pd.DataFrame({"a": [1, 2]}), y, sensitive_features=groups)


# --- ROC pivot -----------------------------------------------------------------------------------

class ScoreColumn:
    def predict(self, X):
        return X["score"].to_numpy()


@pytest.mark.parametrize(("cutoff", "theta"), [(0.5, 0.05), (0.6, 0.1), (0.45, 0.2)])
def test_roc_pivot_matches_dalex(labelled, cutoff, theta):
    y, groups, scores = labelled
    explainer = dx.Explainer(ScoreColumn(), pd.DataFrame({"score": scores}), y,
                             predict_function=lambda m, X: m.predict(X),
                             model_type="classification", verbose=False)
    pivoted = dx.fairness.roc_pivot(explainer, groups, "a", cutoff=cutoff, theta=theta,
                                    verbose=False)
    ours = roc_pivot(scores, sensitive_features=groups, privileged="a", cutoff=cutoff, theta=theta)
    np.testing.assert_allclose(ours, pivoted.y_hat)
    assert (ours != scores).any()


def test_roc_pivot_moves_predictions_towards_the_unprivileged(labelled):
    y, groups, scores = labelled
    before = fl.group_metrics(y, scores >= 0.5, sensitive_features=groups)["selection_rate"]
    after = fl.group_metrics(y, roc_pivot(scores, sensitive_features=groups, privileged="a",
                                          theta=0.1) >= 0.5,
                             sensitive_features=groups)["selection_rate"]
    assert after["a"] < before["a"] and after["b"] > before["b"] and after["c"] > before["c"]


def test_roc_pivot_bad_input():
    with pytest.raises(ValueError, match=r"'privileged'.*got 'z'"):
        roc_pivot([0.5, 0.4], sensitive_features=["a", "b"], privileged="z")
    with pytest.raises(ValueError, match=r"'theta'"):
        roc_pivot([0.5, 0.4], sensitive_features=["a", "b"], privileged="a", theta=0)


# --- bootstrap -------------------------------------------------------------------------------------

def test_bootstrap_estimate_is_group_metrics(labelled):
    y, groups, scores = labelled
    result = bootstrap_group_metrics(y, scores >= 0.5, sensitive_features=groups, n_boot=200,
                                     random_state=0)
    expected = fl.group_metrics(y, scores >= 0.5, sensitive_features=groups).drop(columns="count")
    pd.testing.assert_frame_equal(result.estimate, expected)
    assert (result.low <= result.estimate + 1e-12).all().all()
    assert (result.high >= result.estimate - 1e-12).all().all()


def test_bootstrap_is_reproducible_and_narrows_with_size():
    rng = np.random.default_rng(1)

    def width(n):
        y = rng.random(n) < 0.6
        p = rng.random(n) < 0.5
        r = bootstrap_group_metrics(y, p, sensitive_features=["g"] * n, n_boot=400,
                                    random_state=3, metrics=["accuracy"])
        return float(r.high.iloc[0, 0] - r.low.iloc[0, 0])

    assert width(10_000) < width(400) / 3
    a = bootstrap_group_metrics([1, 0, 1, 1], [1, 0, 0, 1], sensitive_features=list("aabb"),
                                n_boot=50, random_state=7)
    b = bootstrap_group_metrics([1, 0, 1, 1], [1, 0, 0, 1], sensitive_features=list("aabb"),
                                n_boot=50, random_state=7)
    np.testing.assert_array_equal(a.samples, b.samples)


def test_bootstrap_intervals_cover_the_true_rate_at_about_the_nominal_level():
    rng = np.random.default_rng(2024)
    true_tpr = {"big": 0.8, "small": 0.65}
    covered = {g: 0 for g in true_tpr}
    runs = 300
    for run in range(runs):
        groups = np.where(rng.random(800) < 0.8, "big", "small")
        y = rng.random(800) < 0.5
        p_positive = pd.Series(groups).map(true_tpr).to_numpy()
        predicted = np.where(y, rng.random(800) < p_positive, rng.random(800) < 0.3)
        result = bootstrap_group_metrics(y, predicted, sensitive_features=groups,
                                         metrics=["true_positive_rate"], n_boot=400,
                                         random_state=run)
        intervals = result.intervals("true_positive_rate")
        for group, truth in true_tpr.items():
            covered[group] += intervals.loc[group, "low"] <= truth <= intervals.loc[group, "high"]
    for group in true_tpr:
        assert 0.90 <= covered[group] / runs <= 0.985, (group, covered[group] / runs)


def test_differences_and_ratios_say_when_a_gap_is_within_noise():
    rng = np.random.default_rng(0)
    n = 4000
    groups = np.where(rng.random(n) < 0.5, "a", "b")
    y = rng.random(n) < 0.5
    same = bootstrap_group_metrics(y, rng.random(n) < 0.5, sensitive_features=groups,
                                   random_state=0)
    assert bool(same.difference("selection_rate", privileged="a").loc["b", "within noise"])
    assert bool(same.ratio("selection_rate", privileged="a").loc["b", "within noise"])
    skewed = np.where(groups == "a", rng.random(n) < 0.6, rng.random(n) < 0.4)
    different = bootstrap_group_metrics(y, skewed, sensitive_features=groups, random_state=0)
    gap = different.difference("selection_rate", privileged="a").loc["b"]
    assert not gap["within noise"] and gap["high"] < 0
    assert different.ratio("selection_rate", privileged="a").loc["b", "ratio"] == pytest.approx(
        different.estimate.loc["b", "selection_rate"] / different.estimate.loc["a",
                                                                               "selection_rate"])


def test_bootstrap_bad_input():
    with pytest.raises(ValueError, match=r"'n_boot'.*at least 2; got 1"):
        bootstrap_group_metrics([1, 0], [1, 0], sensitive_features=["a", "b"], n_boot=1)
    with pytest.raises(ValueError, match=r"'confidence'"):
        bootstrap_group_metrics([1, 0], [1, 0], sensitive_features=["a", "b"], confidence=1.5)
    result = bootstrap_group_metrics([1, 0], [1, 0], sensitive_features=["a", "b"], n_boot=10)
    with pytest.raises(ValueError, match=r"'metric' parameter of BootstrapResult.intervals must be one of"):
        result.intervals("recall")
    with pytest.raises(ValueError, match=r"'privileged' parameter of BootstrapResult.difference must be one of the groups"):
        result.difference("accuracy", privileged="z")


def test_small_groups_get_wide_intervals_without_warnings():
    y = np.r_[np.ones(500), np.zeros(500), [1, 0, 0]].astype(int)
    p = np.r_[np.ones(400), np.zeros(100), np.zeros(500), [1, 0, 1]].astype(int)
    groups = ["big"] * 1000 + ["tiny"] * 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = bootstrap_group_metrics(y, p, sensitive_features=groups, n_boot=300,
                                         random_state=0)
    width = result.high - result.low
    assert width.loc["tiny", "accuracy"] > 5 * width.loc["big", "accuracy"]
