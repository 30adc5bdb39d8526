"""Lesson 04's model comparison: fitting, tables, the choice rule, missing data, the plots.

Reference values are worked out by hand in the comments, or come from scikit-learn and dalex.
"""

import contextlib
import io

import dalex as dx
import matplotlib
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix, roc_auc_score, roc_curve
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from fairlearn_lite import comparison as cmp
from fairlearn_lite.datasets import make_study_cohort
from fairlearn_lite.models import prognosis_pipeline, split_cohort
from fairlearn_lite.operating_point import choose_cutoff
from fairlearn_lite.plotting import plot_performance_and_fairness, plot_roc_curves
from fairlearn_lite.plotting._lesson04 import honest_limits

matplotlib.use("Agg")

# --- a comparison made by hand: 8 validation and 6 test students, two models ------------------
#
#   validation  y      1    1    1    0    0    0    1    0
#               a     .9   .8   .4   .7   .3   .2   .6   .55     cut-off .6
#               b     .7   .6   .65  .2   .4   .1   .3   .5      cut-off .5
#   model a at .6: predicted 1 1 0 1 0 0 1 0 -> TP 3, FN 1, FP 1, TN 3; share 4/8, FPR 1/4, acc 6/8
#            at .5: predicted 1 1 0 1 0 0 1 1 -> share 5/8, FPR 2/4
#   model b at .5: predicted 1 1 1 0 0 0 0 1 -> TP 3, FN 1, FP 1, TN 3; share 4/8, FPR 1/4
#   base rate 4/8: random order at share s = .5 * .5 + .5 * .5 = .5

Y_VAL = pd.Series([1, 1, 1, 0, 0, 0, 1, 0], dtype=bool)
SCORES = {"a": np.array([.9, .8, .4, .7, .3, .2, .6, .55]),
          "b": np.array([.7, .6, .65, .2, .4, .1, .3, .5])}
Y_TEST = pd.Series([1, 0, 1, 0, 1, 1], dtype=bool)
TEST = {"a": np.array([.9, .1, .6, .61, .2, .7]), "b": np.array([.5, .5, .5, .4, .6, .9])}


def hand_comparison():
    points = {"a": choose_cutoff(Y_VAL, SCORES["a"], rule=0.6),
              "b": choose_cutoff(Y_VAL, SCORES["b"], rule=0.5)}
    return cmp.ModelComparison(models={"a": None, "b": None},
                               scores={"validation": SCORES, "test": TEST},
                               labels={"validation": Y_VAL, "test": Y_TEST},
                               operating_points=points)


def test_predictions_cut_at_each_models_cutoff_including_the_cutoff_itself():
    predicted = hand_comparison().predictions("validation")
    assert predicted["a"].astype(int).tolist() == [1, 1, 0, 1, 0, 0, 1, 0]  # .6 itself counts
    assert predicted["b"].astype(int).tolist() == [1, 1, 1, 0, 0, 0, 0, 1]
    test = hand_comparison().predictions("test")["a"]
    assert test.astype(int).tolist() == [1, 0, 1, 1, 0, 1]
    with pytest.raises(ValueError, match=r"'part'.*ModelComparison.predictions.*'training'"):
        hand_comparison().predictions("training")


def test_operating_table_by_hand_and_by_sklearn():
    table = cmp.operating_table(hand_comparison(), "validation")
    assert table.loc["a"].tolist() == pytest.approx([0.6, 4 / 8, 1 / 4, 5 / 8, 2 / 4])
    assert table.loc["b"].tolist() == pytest.approx([0.5, 4 / 8, 1 / 4, 4 / 8, 1 / 4])
    tn, fp, fn, tp = confusion_matrix(Y_TEST, TEST["b"] >= 0.5).ravel()
    test = cmp.operating_table(hand_comparison(), "test").loc["b"]
    assert test["false positive rate"] == pytest.approx(fp / (fp + tn))
    assert test["predicted positive"] == pytest.approx((tp + fp) / len(Y_TEST))


def test_performance_table_against_sklearn_and_the_baselines_by_hand():
    table = cmp.performance_table(hand_comparison(), "validation")
    for name in ["a", "b"]:
        assert table.loc[name, "AUC"] == pytest.approx(roc_auc_score(Y_VAL, SCORES[name]))
    assert table.loc["a", "accuracy"] == pytest.approx(6 / 8)
    assert table.loc["a", "accuracy, everyone positive"] == pytest.approx(0.5)
    assert table.loc["a", "accuracy, random order"] == pytest.approx(0.5)
    test = cmp.performance_table(hand_comparison(), "test").loc["a"]
    # test: base rate 4/6, share predicted 4/6 -> random order 4/6 * 4/6 + 2/6 * 2/6 = 20/36
    assert test["accuracy, random order"] == pytest.approx(20 / 36)
    assert test["accuracy"] == pytest.approx(accuracy_score(Y_TEST, TEST["a"] >= 0.6))


def test_roc_curves_are_sklearns_with_the_operating_point():
    curves = cmp.roc_curves(hand_comparison(), "validation")
    fpr, tpr, _ = roc_curve(Y_VAL, SCORES["a"])
    np.testing.assert_allclose(curves["a"]["false positive rate"], fpr)
    np.testing.assert_allclose(curves["a"]["true positive rate"], tpr)
    assert curves["a"].attrs["operating point"] == pytest.approx((1 / 4, 3 / 4))
    assert curves["b"].attrs["AUC"] == pytest.approx(roc_auc_score(Y_VAL, SCORES["b"]))


def test_tables_refuse_what_is_not_a_comparison():
    with pytest.raises(TypeError, match=r"'comparison'.*operating_table.*dict"):
        cmp.operating_table({"a": 1})
    with pytest.raises(ValueError, match=r"'part'.*performance_table.*'train'"):
        cmp.performance_table(hand_comparison(), "train")


# --- fitting on a small cohort -------------------------------------------------------------------

@pytest.fixture(scope="module")
def small():
    split = split_cohort(make_study_cohort(400, random_state=1))
    return split, cmp.fit_models(split, {"log": "logistic", "forest": "random_forest"})


def test_fit_models_makes_sklearns_out_of_fold_and_test_scores(small):
    split, comparison = small
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    oof = cross_val_predict(prognosis_pipeline("logistic"), split.X_train, split.y_train,
                            cv=folds, method="predict_proba")[:, 1]
    np.testing.assert_allclose(comparison.scores["validation"]["log"], oof)
    test = prognosis_pipeline("random_forest").fit(split.X_train, split.y_train) \
        .predict_proba(split.X_test)[:, 1]
    np.testing.assert_allclose(comparison.scores["test"]["forest"], test)


def test_fit_models_chooses_the_base_rate_cutoff_on_validation(small):
    split, comparison = small
    base = split.y_train.mean()
    for name, point in comparison.operating_points.items():
        share = (comparison.scores["validation"][name] >= point.cutoff).mean()
        assert share == pytest.approx(base, abs=2 / len(split.y_train))
        assert point.selection_rate == pytest.approx(share)


def test_fit_models_bad_input(small):
    split, _ = small
    with pytest.raises(TypeError, match=r"'split'.*fit_models.*DataFrame"):
        cmp.fit_models(split.train)
    with pytest.raises(ValueError, match=r"'kinds'.*fit_models.*'svm'"):
        cmp.fit_models(split, {"svm": "svm"})


# --- summaries and the choice rule -----------------------------------------------------------------

def test_bias_summary_counts_by_hand():
    table = pd.DataFrame({"verdict": ["reference", "negative bias", "mixed", "no bias",
                                      "positive bias"],
                          "uncertain": [False, True, False, True, True],
                          "below": [0, 2, 1, 0, 0], "above": [0, 0, 2, 0, 1]})
    summary = cmp.bias_summary({"m": table}).loc["m"]
    assert summary.tolist() == [3, 2, 6]  # 3 groups with a verdict, 2 uncertain, 2+3+1 metrics
    with pytest.raises(TypeError, match=r"'tables'.*bias_summary"):
        cmp.bias_summary([table])


TABLE = pd.DataFrame({"accuracy": [0.666, 0.664, 0.652, 0.60],
                      "outside": [18, 23, 16, 2]}, index=["log", "forest", "boost", "coin"])


def test_choose_model_rule_by_hand():
    choice = cmp.choose_model(TABLE, performance="accuracy", fairness="outside")
    # within 2 points of .666: log, forest, boost (.652); coin (.60) is out; fewest: boost
    assert (choice.name, choice.best) == ("boost", "log")
    assert choice.cost == pytest.approx(0.014)
    assert "16 outside against 18 for log" in choice.describe()
    assert "1.4 points" in choice.describe()
    strict = cmp.choose_model(TABLE, performance="accuracy", fairness="outside", max_loss=0.005)
    assert strict.name == "log" and "no trade-off" in strict.describe()
    edge = cmp.choose_model(TABLE, performance="accuracy", fairness="outside", max_loss=0.014)
    assert edge.name == "boost"  # exactly at the edge is kept


def test_choose_model_ties_go_to_the_better_model_and_errors_name_the_parameter():
    tied = pd.DataFrame({"acc": [0.70, 0.71], "n": [3, 3]}, index=["x", "y"])
    assert cmp.choose_model(tied, performance="acc", fairness="n").name == "y"
    with pytest.raises(ValueError, match=r"'performance'.*choose_model.*'AUC'"):
        cmp.choose_model(tied, performance="AUC", fairness="n")
    with pytest.raises(ValueError, match=r"'fairness'.*choose_model"):
        cmp.choose_model(tied, performance="acc", fairness="bias")
    with pytest.raises(ValueError, match=r"'max_loss'.*choose_model"):
        cmp.choose_model(tied, performance="acc", fairness="n", max_loss=2)


class ScoreColumn:
    def predict(self, X):
        return X["score"].to_numpy()


def dalex_conclusion(y, scores, groups) -> str:
    explainer = dx.Explainer(ScoreColumn(), pd.DataFrame({"score": scores}), y,
                             predict_function=lambda model, X: model.predict(X),
                             model_type="classification", verbose=False)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        explainer.model_fairness(protected=groups, privileged="a").fairness_check()
    return out.getvalue()


@pytest.mark.parametrize("seed", [0, 1, 2, 3])  # dalex flags 0, 1, 2 and 3 metrics
def test_dalex_verdict_says_what_dalex_concludes(seed):
    rng = np.random.default_rng(seed)
    groups = rng.choice(["a", "b"], size=400)
    y = (rng.random(400) < 0.6).astype(int)
    scores = np.clip(0.3 * y + 0.7 * rng.random(400) - np.where(groups == "b", 0.03 * seed, 0),
                     0.01, 0.99)
    text = dalex_conclusion(y, scores, groups)
    first = text.splitlines()[0]
    flagged = 0 if first.startswith("No bias") else int(first.split()[3])
    assert flagged == seed
    verdict = cmp.dalex_verdict(flagged)
    phrase = {"no bias detected": "is fair in terms of checked fairness criteria",
              "cannot be called fair": "cannot be called fair",
              "not fair": "is not fair because"}[verdict]
    assert phrase in text


def test_dalex_verdict_bad_input():
    with pytest.raises(ValueError, match=r"'flagged'.*dalex_verdict"):
        cmp.dalex_verdict(-1)
    with pytest.raises(ValueError, match=r"'flagged'"):
        cmp.dalex_verdict(True)


# --- missing data ----------------------------------------------------------------------------------

FRAME = pd.DataFrame({"grade": [7.0, np.nan, 6.0, 8.0, np.nan, np.nan, 5.5, 6.5],
                      "age": [18, 19, np.nan, 20, 21, 22, 23, 24],
                      "group": ["a", "a", "a", "a", "b", "b", "c", "c"]})


def test_missing_by_group_by_hand():
    table = cmp.missing_by_group(FRAME, ["grade", "age"], by="group")
    assert table["students"].tolist() == [4, 2, 2]
    assert table["share of the sample"].tolist() == pytest.approx([0.5, 0.25, 0.25])
    assert table["missing grade"].tolist() == pytest.approx([0.25, 1.0, 0.0])
    assert table["missing age"].tolist() == pytest.approx([0.25, 0.0, 0.0])


def test_complete_case_shares_by_hand():
    # complete rows on grade and age: a keeps 2 of 4 (rows 0, 3), b none, c both -> 4 rows
    table = cmp.complete_case_shares(FRAME, ["grade", "age"], by="group")
    assert table["share before"].tolist() == pytest.approx([0.5, 0.25, 0.25])
    assert table["share after"].tolist() == pytest.approx([0.5, 0.0, 0.5])
    assert table["change (points)"].tolist() == pytest.approx([0.0, -25.0, 25.0])
    assert table["dropped"].tolist() == pytest.approx([0.5, 1.0, 0.0])


def test_missing_data_bad_input():
    with pytest.raises(TypeError, match=r"'frame'.*missing_by_group"):
        cmp.missing_by_group(FRAME.to_numpy(), "grade", by="group")
    with pytest.raises(ValueError, match=r"'by'.*complete_case_shares.*'school'"):
        cmp.complete_case_shares(FRAME, "grade", by="school")
    with pytest.raises(ValueError, match=r"'columns'.*missing_by_group.*'grades'"):
        cmp.missing_by_group(FRAME, ["grades"], by="group")


def test_outcome_bias_leaving_rates_by_hand():
    cohort = make_study_cohort(600, random_state=2)
    table = cmp.outcome_bias(cohort, {"stayed": cohort["retained"]},
                             sensitive="migration_background", group="non-western",
                             privileged="none")
    leaving = 1 - cohort.groupby("migration_background")["retained"].mean()
    row = table.loc["stayed"]
    assert row["leaving, non-western"] == pytest.approx(leaving["non-western"])
    assert row["gap (points)"] == pytest.approx(100 * (leaving["non-western"] - leaving["none"]))
    assert row["verdict (dalex's rule)"] in {"no bias detected", "cannot be called fair",
                                             "not fair"}
    with pytest.raises(ValueError, match=r"'sensitive'.*outcome_bias.*'origin'"):
        cmp.outcome_bias(cohort, {}, sensitive="origin", group="x", privileged="y")


# --- plots -----------------------------------------------------------------------------------------

def test_roc_plot_draws_each_model_its_marker_and_the_diagonal():
    ax = plot_roc_curves(cmp.roc_curves(hand_comparison(), "validation"))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    auc_a = roc_auc_score(Y_VAL, SCORES["a"])
    assert labels == [f"a (AUC {auc_a:.2f})",
                      f"b (AUC {roc_auc_score(Y_VAL, SCORES['b']):.2f})", "random order"]
    markers = [line for line in ax.lines if line.get_marker() not in ("None", None, "")]
    assert [tuple(m.get_xydata()[0]) for m in markers][0] == pytest.approx((0.25, 0.75))
    assert ax.get_xlabel() == "false positive rate" and ax.get_ylabel() == "true positive rate"
    matplotlib.pyplot.close("all")


def test_performance_plot_has_an_honest_axis():
    table = pd.DataFrame({"accuracy": [0.709, 0.703, 0.705], "outside": [2, 2, 5]},
                         index=["log", "forest", "boost"])
    ax = plot_performance_and_fairness(table, performance="accuracy", fairness="outside")
    low, high = ax.get_xlim()
    assert high - low >= 0.05 - 1e-12  # 0.6 points spread over at least 5 points
    ax = plot_performance_and_fairness(table, performance="accuracy", fairness="outside",
                                       baselines={"everyone passes": 0.684, "coin": 0.55})
    low, high = ax.get_xlim()
    assert low < 0.55 and high > 0.709
    assert ax.get_ylim()[0] == 0
    assert ax.get_title() == "Accuracy differs by 0.6 points; fewest outside: log"
    matplotlib.pyplot.close("all")


def test_honest_limits():
    assert honest_limits([0.5, 0.9]) == pytest.approx((0.46, 0.94))  # 10% margin each side
    low, high = honest_limits([0.70, 0.70], min_span=0.1)
    assert (low, high) == pytest.approx((0.65, 0.75))
