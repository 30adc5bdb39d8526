"""Lesson 01's teaching points and the functions behind them, against independent references.

References: scipy (Fisher's exact test), scikit-learn (AUC), hand computation, and the
published 2014 aggregates of the grant check (the brief: 22 / 36 / 63 / 86%; 3.67% vs 0.59%).
"""

import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest
from scipy.stats import fisher_exact
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import cross_val_predict
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import fairlearn_lite as fl
from fairlearn_lite.datasets import load_grant_check, load_study_cohort
from fairlearn_lite.metrics import fisher_exact_test
from fairlearn_lite.models import FEATURES, split_cohort
from fairlearn_lite.operating_point import choose_cutoff
from fairlearn_lite.proxies import ALL_FEATURES, error_rates_with_baseline, proxy_strength

AGE_AND_DATE = ["age", "application_days_before_deadline"]


# --- Fisher's exact test -------------------------------------------------------------------------

def test_nursing_p_value_matches_scipy():
    p = fisher_exact_test({"women": 96, "men": 30}, {"women": 120, "men": 50})
    assert list(p.index) == ["men"]
    assert p["men"] == pytest.approx(fisher_exact([[96, 24], [30, 20]]).pvalue, rel=1e-9)
    assert 0.01 < p["men"] < 0.05  # the lesson: significant at 5%, not at 1%


def test_p_value_by_hand_for_two_of_two_against_none_of_two():
    # N = 4, 2 selected, 2 in each group: P(2) = P(0) = 1/6, P(1) = 4/6; two-sided p = 1/3.
    p = fisher_exact_test({"a": 2, "b": 0}, {"a": 2, "b": 2})
    assert p["b"] == pytest.approx(1 / 3, rel=1e-12)


@pytest.mark.parametrize("seed", range(40))
def test_p_values_match_scipy_on_random_tables(seed):
    rng = np.random.default_rng(seed)
    n1, n2 = (int(v) for v in rng.integers(1, 400, 2))
    a, c = int(rng.integers(0, n1 + 1)), int(rng.integers(0, n2 + 1))
    p = fisher_exact_test({"r": a, "g": c}, {"r": n1, "g": n2}, reference="r")["g"]
    assert p == pytest.approx(fisher_exact([[a, n1 - a], [c, n2 - c]]).pvalue, rel=1e-9, abs=1e-300)


def test_reference_defaults_to_the_highest_rate_and_can_be_chosen():
    selected, applicants = {"x": 5, "y": 9, "z": 1}, {"x": 10, "y": 10, "z": 10}
    assert list(fisher_exact_test(selected, applicants).index) == ["x", "z"]
    assert list(fisher_exact_test(selected, applicants, reference="z").index) == ["x", "y"]
    with pytest.raises(ValueError, match="'reference' parameter of fisher_exact_test"):
        fisher_exact_test(selected, applicants, reference="w")


def test_a_group_without_applicants_has_no_p_value():
    with pytest.warns(fl.UndefinedRateWarning):
        p = fisher_exact_test({"a": 3, "b": 0}, {"a": 5, "b": 0})
    assert math.isnan(p["b"])


def test_small_numbers_fail_the_rule_without_being_significant():
    """The Guidelines' proviso: a greater difference on small numbers may not be adverse impact."""
    selected, applicants = {"women": 8, "men": 3}, {"women": 10, "men": 6}
    assert not fl.four_fifths_rule(selected, applicants).passed
    p = fisher_exact_test(selected, applicants)["men"]
    assert p == pytest.approx(fisher_exact([[8, 2], [3, 3]]).pvalue, rel=1e-9) and p > 0.05


# --- proxy strength ------------------------------------------------------------------------------

def _two_groups(n=2000, shift=1.0, seed=0):
    rng = np.random.default_rng(seed)
    group = rng.choice(["a", "b"], n)
    return pd.DataFrame({"group": group,
                         "shifted": rng.normal(size=n) + shift * (group == "b"),
                         "noise": rng.normal(size=n),
                         "copy": group.copy(),
                         "flag": group == "b"})


def test_a_copy_of_the_attribute_is_a_perfect_proxy_and_noise_is_chance():
    table = proxy_strength(_two_groups(), ["copy", "flag", "noise"], "group")
    assert table.loc["copy", "group"] == pytest.approx(1.0)
    assert table.loc["flag", "group"] == pytest.approx(1.0)
    assert abs(table.loc["noise", "group"] - 0.5) < 0.05
    assert list(table.index) == ["copy", "flag", "noise", ALL_FEATURES]


def test_a_shifted_feature_reaches_the_auc_of_the_feature_itself():
    frame = _two_groups(n=4000, shift=1.0)
    auc = proxy_strength(frame, "shifted", "group").loc["shifted", "group"]
    assert auc == pytest.approx(roc_auc_score(frame["group"] == "b", frame["shifted"]), abs=0.01)
    assert auc == pytest.approx(NormalDist().cdf(1 / math.sqrt(2)), abs=0.03)  # Phi(d / sqrt 2)


def test_several_groups_are_scored_one_against_the_rest():
    rng = np.random.default_rng(1)
    group = rng.choice(["x", "y", "z"], 900)
    frame = pd.DataFrame({"group": group, "copy": group, "noise": rng.normal(size=900)})
    table = proxy_strength(frame, ["copy", "noise"], "group")
    assert table.loc["copy", "group"] == pytest.approx(1.0)
    assert abs(table.loc["noise", "group"] - 0.5) < 0.06


@pytest.mark.parametrize(("kwargs", "named"), [
    ({"frame": [1, 2]}, "'frame'"),
    ({"features": ["nope"]}, "'features'"),
    ({"features": []}, "'features'"),
    ({"sensitive": "nope"}, "'sensitive'"),
    ({"cv": 1}, "'cv'"),
])
def test_bad_input_is_named(kwargs, named):
    arguments = {"frame": _two_groups(n=100), "features": ["noise"], "sensitive": "group"} | kwargs
    with pytest.raises((TypeError, ValueError), match=named):
        proxy_strength(arguments.pop("frame"), arguments.pop("features"),
                       arguments.pop("sensitive"), **arguments)


def test_an_attribute_with_a_missing_value_or_one_group_is_refused():
    frame = _two_groups(n=100)
    frame.loc[0, "group"] = None
    with pytest.raises(ValueError, match="'sensitive'.*missing"):
        proxy_strength(frame, ["noise"], "group")
    with pytest.raises(ValueError, match="at least two groups"):
        proxy_strength(frame.assign(group="a"), ["noise"], "group")


# --- errors against a baseline -------------------------------------------------------------------

def test_error_rates_by_hand():
    # a: truth 1 1 0, model 1 0 0 -> 1 error of 3; everyone True -> 1 error (the 0).
    # b: truth 1 0 0, model 1 1 0 -> 1 error of 3; everyone True -> 2 errors.
    table = error_rates_with_baseline([1, 1, 0, 1, 0, 0], [1, 0, 0, 1, 1, 0],
                                      sensitive_features=["a", "a", "a", "b", "b", "b"])
    assert table.loc["a"].tolist() == pytest.approx([1 / 3, 1 / 3])
    assert table.loc["b"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert table.loc["gap"].tolist() == pytest.approx([1 / 3, 0])
    negative = error_rates_with_baseline([1, 1, 0], [1, 1, 1], sensitive_features=["a"] * 3,
                                         baseline=False)
    assert negative.loc["a", "everyone predicted False"] == pytest.approx(2 / 3)
    with pytest.raises(TypeError, match="'baseline'"):
        error_rates_with_baseline([1], [1], sensitive_features=["a"], baseline=1)


# --- the lesson's teaching points ----------------------------------------------------------------

@pytest.fixture(scope="module")
def cohort():
    return load_study_cohort()


@pytest.fixture(scope="module")
def proxies(cohort):
    return proxy_strength(cohort, FEATURES, ["gender", "migration_background", "first_generation"])


def test_the_features_reveal_migration_background_through_two_of_them(cohort, proxies):
    assert proxies.loc[ALL_FEATURES, "migration_background"] >= 0.6
    assert proxies.loc[ALL_FEATURES].idxmax() == "migration_background"
    carriers = proxies["migration_background"].drop(ALL_FEATURES).nlargest(2)
    assert set(carriers.index) == {"prior_education", "application_days_before_deadline"}
    assert (carriers >= 0.58).all()
    others = [f for f in FEATURES if f not in carriers.index]
    without = proxy_strength(cohort, others, "migration_background")
    assert without.loc[ALL_FEATURES, "migration_background"] < 0.6


def test_age_and_application_date_barely_reveal_gender(cohort):
    auc = proxy_strength(cohort, AGE_AND_DATE, "gender").loc[ALL_FEATURES, "gender"]
    assert 0.45 < auc < 0.6


def _knn_at_the_base_rate(cohort):
    split = split_cohort(cohort, features=AGE_AND_DATE)
    knn = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=15))
    train_scores = cross_val_predict(knn, split.X_train, split.y_train, cv=5,
                                     method="predict_proba")[:, 1]
    point = choose_cutoff(split.y_train, train_scores, rule="base-rate")
    scores = knn.fit(split.X_train, split.y_train).predict_proba(split.X_test)[:, 1]
    return split, scores >= point.cutoff


def test_the_knn_error_gap_is_no_larger_than_the_everyone_passes_gap(cohort):
    split, predicted = _knn_at_the_base_rate(cohort)
    errors = error_rates_with_baseline(split.y_test, predicted,
                                       sensitive_features=split.test["gender"])
    # The baseline's errors are the shares who did not pass, per gender (computed directly).
    failed = 1 - split.y_test.groupby(split.test["gender"]).mean()
    assert errors.loc[["female", "male"], "everyone predicted True"].tolist() == \
        pytest.approx(failed.loc[["female", "male"]].tolist())
    gap = errors.loc["gap"]
    assert gap["everyone predicted True"] < 0.03 and gap["model"] < 0.03
    assert gap["model"] <= gap["everyone predicted True"] + 0.01  # mostly base rates
    assert 0.6 < predicted.mean() < 0.75  # the base-rate operating point, about 68% pass


@pytest.fixture(scope="module")
def grants():
    return load_grant_check()


def test_the_visits_pass_the_rule_on_the_favourable_outcome_only(grants):
    visits = grants.groupby("origin")["selected_for_visit"].agg(["sum", "size"])
    not_visited = fl.four_fifths_rule(visits["size"] - visits["sum"], visits["size"])
    assert not_visited.passed
    assert 0.95 < not_visited.table["ratio_to_highest"].min() < 0.97  # the lesson: about 0.96
    rate = visits["sum"] / visits["size"]
    assert 6 < rate["non-European"] / rate["Dutch"] < 7  # the burden: about 6.5 times as often
    assert rate["Dutch"] / rate["non-European"] < 0.8  # the burden rates fail the rule


def test_the_published_counts_show_the_same_asymmetry():
    # 2014: 2,010 of 54,820 non-European and 1,050 of 178,200 Dutch-origin recipients selected.
    assert 2010 / 54820 == pytest.approx(0.0367, abs=5e-5)
    assert 1050 / 178200 == pytest.approx(0.0059, abs=5e-5)
    published = fl.four_fifths_rule({"Dutch": 178200 - 1050, "non-European": 54820 - 2010},
                                    {"Dutch": 178200, "non-European": 54820})
    assert published.passed and published.table["ratio_to_highest"].min() > 0.96


@pytest.mark.parametrize(("stage", "published"), [
    ("recipients", 0.22), ("highest risk", 0.36), ("selected", 0.63), ("found in breach", 0.86)])
def test_the_synthetic_shares_follow_the_published_ones(grants, stage, published):
    rows = {"recipients": np.ones(len(grants), dtype=bool),
            "highest risk": grants["risk_category"] == 6,
            "selected": grants["selected_for_visit"],
            "found in breach": grants["found_in_breach"]}[stage]
    share = (grants.loc[rows, "origin"] == "non-European").mean()
    assert share == pytest.approx(published, abs=0.05)


def test_the_error_figure_states_whether_the_model_gap_exceeds_the_guess():
    import matplotlib.pyplot as plt

    from fairlearn_lite.plotting import plot_prediction_errors

    frame = pd.DataFrame({"x": [0, 1, 2, 3], "y": [0, 1, 0, 1], "g": ["a", "a", "b", "b"]})
    errors = pd.DataFrame({"everyone predicted True": [0.30, 0.33, 0.03],
                           "model": [0.40, 0.45, 0.05]}, index=["a", "b", "gap"])
    ax = plot_prediction_errors(frame, [True, False, True, True], x="x", y="y", sensitive="g",
                                errors=errors)
    assert ax.get_title() == "Error gap by g larger than a same-for-everyone guess's (5.0 vs 3.0 points)"
    plt.close("all")
