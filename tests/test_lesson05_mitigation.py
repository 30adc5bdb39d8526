"""Lesson 05's new package parts: methods at an operating point, reductions, selective labels.

Reference values come from hand computation, from scikit-learn run directly, or from the
formula in Agarwal et al. (2018) — never from the functions under test.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from fairlearn_lite import UndefinedRateWarning
from fairlearn_lite.datasets import make_study_cohort
from fairlearn_lite.mitigation import (
    _choose_candidate,
    grid_search_pipeline,
    mitigate,
    reductions_front,
    roc_pivot,
    selective_labels,
)
from fairlearn_lite.models import prognosis_pipeline, split_cohort


@pytest.fixture(scope="module")
def small_split():
    return split_cohort(make_study_cohort(800, random_state=1))


# --- GridSearch over the kit's pipeline ------------------------------------------------------------

def test_the_unconstrained_candidate_is_the_plain_pipeline(small_split):
    s = small_split
    search = grid_search_pipeline(grid_size=7).fit(s.X_train, s.y_train,
                                                    sensitive_features=s.train["gender"])
    plain = int(np.flatnonzero(search.lambda_vecs_.abs().sum(axis=0).to_numpy() == 0)[0])
    ours = search.predictors_[plain].predict_proba(s.X_test)[:, 1]
    theirs = prognosis_pipeline("logistic").fit(s.X_train, s.y_train).predict_proba(s.X_test)[:, 1]
    np.testing.assert_allclose(ours, theirs, atol=1e-6)


def test_weights_reach_the_model_step_as_in_agarwal_et_al(small_split):
    """signed weight = (2y - 1) + sum_g lambda_g (1 - [group = g] / P(g)); label = weight > 0."""
    s = small_split
    groups = s.train["gender"].to_numpy()
    search = grid_search_pipeline(grid_size=7).fit(s.X_train, s.y_train,
                                                    sensitive_features=groups)
    lambdas = search.lambda_vecs_
    candidate = int(np.argmax(lambdas.abs().sum(axis=0).to_numpy()))  # a far-off multiplier
    signed = lambdas.iloc[:, candidate]["+"] - lambdas.iloc[:, candidate]["-"]
    y = s.y_train.to_numpy().astype(float)
    weight = 2 * y - 1
    for (_, group), value in signed.items():
        share = np.mean(groups == group)
        weight = weight + value * (1 - (groups == group) / share)
    by_hand = prognosis_pipeline("logistic").fit(s.X_train, (weight > 0).astype(int),
                                                 model__sample_weight=np.abs(weight))
    np.testing.assert_allclose(search.predictors_[candidate].predict_proba(s.X_test),
                               by_hand.predict_proba(s.X_test), atol=1e-6)


def test_a_grid_size_of_zero_names_the_parameter():
    with pytest.raises(ValueError, match="'grid_size'.*grid_search_pipeline"):
        grid_search_pipeline(grid_size=0)


@pytest.mark.parametrize(("ratios", "accuracies", "expected"), [
    ([0.70, 0.85, 0.95], [0.67, 0.66, 0.63], 1),   # most accurate among those >= 0.8
    ([0.70, 0.75, 0.79], [0.67, 0.66, 0.63], 2),   # none reaches 0.8: the fairest
    ([0.81, 0.90, 0.95], [0.60, 0.66, 0.66], 1),   # a tie in accuracy: the first
])
def test_the_candidate_rule(ratios, accuracies, expected):
    table = pd.DataFrame({"parity ratio": ratios, "accuracy": accuracies})
    assert _choose_candidate(table, 0.8) == expected


def test_reductions_front_touches_the_test_set_with_two_candidates_only(small_split):
    result = reductions_front(small_split, attribute="gender", grid_size=5, cv=3)
    assert list(result.test.index) == ["chosen", "unconstrained"]
    assert result.test.loc["chosen", "candidate"] == result.chosen
    chosen = result.front.loc[result.chosen]
    accepted = result.front[result.front["parity ratio"] >= 0.8]
    if len(accepted):
        assert chosen["accuracy"] == accepted["accuracy"].max()
    assert result.operating_point.cutoff == pytest.approx(chosen["cut-off"])


# --- mitigate: every choice on out-of-fold training scores ----------------------------------------

@pytest.fixture(scope="module")
def small_result(small_split):
    return mitigate(small_split, attribute="migration_background", kinds=["logistic"])


def _sklearn_out_of_fold(split):
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    return cross_val_predict(prognosis_pipeline("logistic"), split.X_train, split.y_train,
                             cv=folds, method="predict_proba")[:, 1]


def test_the_cut_off_is_the_base_rate_on_out_of_fold_scores(small_split, small_result):
    scores = _sklearn_out_of_fold(small_split)
    np.testing.assert_allclose(small_result.out_of_fold["logistic", "none"], scores)
    cutoff = small_result.decisions["logistic", "none"].operating_point.cutoff
    # By hand: the share of out-of-fold scores at or above the cut-off is the base rate.
    assert np.mean(scores >= cutoff) == pytest.approx(small_split.y_train.mean(), abs=0.01)
    test_scores = prognosis_pipeline("logistic").fit(small_split.X_train, small_split.y_train) \
        .predict_proba(small_split.X_test)[:, 1]
    np.testing.assert_array_equal(small_result.predictions("logistic", "none"),
                                  test_scores >= cutoff)


def test_group_thresholds_give_every_group_the_operating_share(small_split, small_result):
    decision = small_result.decisions["logistic", "group thresholds"]
    scores = small_result.out_of_fold["logistic", "none"]
    groups = small_split.train["migration_background"].to_numpy()
    target = decision.operating_point.selection_rate
    for group, threshold in decision.setting.items():
        assert np.mean(scores[groups == group] >= threshold) == pytest.approx(target, abs=0.03)


def test_the_pivot_width_is_the_best_one_out_of_fold(small_split, small_result):
    decision = small_result.decisions["logistic", "ROC pivot"]
    assert decision.setting == decision.profile.idxmax()
    test_scores = small_result.test_scores["logistic", "none"]
    cutoff = decision.operating_point.cutoff
    expected = test_scores >= cutoff if decision.setting == 0 else roc_pivot(
        test_scores, sensitive_features=small_split.test["migration_background"],
        privileged="none", cutoff=cutoff, theta=decision.setting) >= cutoff
    np.testing.assert_array_equal(decision.predictions, expected)


def test_the_table_reports_the_test_students(small_split, small_result):
    table = small_result.table().set_index("method")
    predicted = small_result.predictions("logistic", "reweighing")
    assert table.loc["reweighing", "share predicted positive"] == pytest.approx(predicted.mean())
    assert table.loc["reweighing", "accuracy"] == \
        pytest.approx(np.mean(predicted == small_split.y_test.to_numpy()))
    assert table.loc["reweighing", "stage"] == "pre-processing"
    assert table.loc["reweighing", "parity ratio change"] == pytest.approx(
        table.loc["reweighing", "parity ratio"] - table.loc["none", "parity ratio"])
    assert table.loc["none", "accuracy change"] == 0


@pytest.mark.parametrize(("options", "parameter"), [
    ({"methods": ["none", "reweighting"]}, "methods"),
    ({"kinds": ["svm"]}, "kinds"),
    ({"attribute": "nationality"}, "attribute"),
    ({"rule": "capacity:2"}, "rule"),
])
def test_mitigate_names_the_wrong_parameter(small_split, options, parameter):
    arguments = {"attribute": "gender", **options}
    with pytest.raises(ValueError, match=f"'{parameter}'.*mitigate"):
        mitigate(small_split, **arguments)


# --- selective labels ------------------------------------------------------------------------------

def test_selective_labels_by_hand():
    # Group a: 10 rows, 4 visited, 1 found -> FP 3. Group b: 5 rows, 1 visited, 1 found -> FP 0.
    data = pd.DataFrame({"visited": [1] * 4 + [0] * 6 + [1] + [0] * 4,
                         "found": [1, 0, 0, 0] + [0] * 6 + [1] + [0] * 4,
                         "group": ["a"] * 10 + ["b"] * 5})
    with pytest.warns(UndefinedRateWarning, match="group 'b': FPR if unselected like selected"):
        table = selective_labels(data, decision="visited", outcome="found", group="group")
    assert table.loc["a", "selected"] == pytest.approx(0.4)
    assert table.loc["a", "hit rate"] == pytest.approx(0.25)
    assert table.loc["a", "false positives / group size"] == pytest.approx(0.3)
    assert table.loc["a", "FPR if none unselected positive"] == pytest.approx(3 / (3 + 6))
    # Unselected positive as often as the selected (1 in 4): 6 x 0.75 = 4.5 true negatives.
    assert table.loc["a", "FPR if unselected like selected"] == pytest.approx(3 / (3 + 4.5))
    # Group b: every visit found a breach, so under that assumption nobody is a true negative:
    # 0 false positives of 0 negatives, undefined.
    assert table.loc["b", "FPR if none unselected positive"] == pytest.approx(0.0)
    assert np.isnan(table.loc["b", "FPR if unselected like selected"])


def test_an_outcome_where_nobody_was_selected_is_not_counted():
    data = pd.DataFrame({"visited": [1, 0, 0], "found": [0, 1, 1], "group": ["a"] * 3})
    table = selective_labels(data, decision="visited", outcome="found", group="group")
    assert table.loc["a", "hit rate"] == 0
    assert table.loc["a", "FPR if none unselected positive"] == pytest.approx(1 / 3)


def test_selective_labels_names_a_missing_column():
    data = pd.DataFrame({"visited": [1, 0], "found": [0, 0], "group": ["a", "b"]})
    with pytest.raises(ValueError, match="'outcome'.*selective_labels"):
        selective_labels(data, decision="visited", outcome="breach", group="group")


def test_operating_points_compare_with_the_conventional_cut_off(small_split, small_result):
    row = small_result.operating_points().loc["logistic"]
    test_scores = prognosis_pipeline("logistic").fit(small_split.X_train, small_split.y_train) \
        .predict_proba(small_split.X_test)[:, 1]
    assert row["share at cut-off 0.5 (test)"] == pytest.approx(np.mean(test_scores >= 0.5))
    y_test = small_split.y_test.to_numpy()
    assert row["false positive rate at 0.5 (test)"] == \
        pytest.approx(np.mean(test_scores[~y_test] >= 0.5))
    assert row["share predicted positive (test)"] == \
        pytest.approx(np.mean(test_scores >= row["cut-off"]))


def test_the_reductions_row_fits_the_method_table(small_split):
    result = reductions_front(small_split, attribute="gender", grid_size=5, cv=3)
    row = result.table()
    assert list(row.columns) == ["model", "method", "stage", "cut-off",
                                 "share predicted positive", "accuracy", "parity ratio",
                                 "parity ratio change", "accuracy change"]
    plain, chosen = result.test.loc["unconstrained"], result.test.loc["chosen"]
    assert row.loc[0, "accuracy change"] == pytest.approx(chosen["accuracy"] - plain["accuracy"])
    assert row.loc[0, "stage"] == "in-processing"
    assert row.loc[0, "share predicted positive"] == pytest.approx(result.predictions.mean())
