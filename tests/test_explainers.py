"""Lesson 04's package parts: the bias table, dalex agreement on real models, the static plots."""

import warnings

import dalex as dx
import matplotlib
import numpy as np
import pandas as pd
import pytest

import fairlearn_lite as fl
from fairlearn_lite.datasets import load_study_cohort
from fairlearn_lite.metrics import ratio_interval
from fairlearn_lite.models import prognosis_pipeline, split_cohort
from fairlearn_lite.plotting import (
    plot_break_down,
    plot_fairness_check,
    plot_model_comparison,
    plot_partial_dependence,
    plot_variable_importance,
)

matplotlib.use("Agg")


def cells(tp, fn, fp, tn):
    return [1] * tp + [1] * fn + [0] * fp + [0] * tn, [1] * tp + [0] * fn + [1] * fp + [0] * tn


def hand_made():
    """A large reference, a clearly biased group, a noisy small group and a tiny group."""
    parts = {"ref": cells(800, 200, 200, 800),     # TPR .8, ACC .8, PPV .8, FPR .2, STP .5
             "medium": cells(300, 300, 100, 500),  # TPR .5, ACC .667, PPV .75, FPR .167, STP .333
             "small": cells(30, 20, 10, 60),       # TPR .6, ACC .75, PPV .75, FPR .143, STP .333
             "tiny": cells(8, 2, 2, 8)}            # the reference's rates, only 20 people
    y_true, y_pred, groups = [], [], []
    for group, (t, p) in parts.items():
        y_true += t
        y_pred += p
        groups += [group] * len(t)
    return np.array(y_true), np.array(y_pred), np.array(groups)


def test_bias_table_by_hand():
    y_true, y_pred, groups = hand_made()
    second = np.where(np.arange(len(groups)) % 2 == 0, "even", "odd")
    table = fl.bias_table(y_true, y_pred,
                          sensitive_features=pd.DataFrame({"group": groups, "parity": second}),
                          min_group_size=50).set_index(["variable", "group"])
    ref, medium, small, tiny = (table.loc[("group", g)]
                                for g in ["ref", "medium", "small", "tiny"])
    assert ref["verdict"] == "reference" and ref["n"] == 2000
    assert medium["n"] == 1200 and medium["share"] == pytest.approx(1200 / 3340)
    # medium: TPR .5/.8 = .625 and STP .333/.5 = .667 below; ACC .83, PPV .94, FPR .83 inside
    assert (medium["below"], medium["above"]) == (2, 0)
    assert medium["verdict"] == "negative bias"
    assert not medium["uncertain"], medium["reason"]
    # small: TPR .75 and FPR .71 and STP .67 below the band, but 120 people: TPR's interval
    # (about 0.60 to 0.94) reaches back into the band
    assert small["verdict"] == "negative bias" and small["uncertain"]
    assert "TPR: outside the band, but its interval reaches into it" in small["reason"]
    assert tiny["verdict"] == "no bias"
    assert tiny["uncertain"] and "fewer than 50 people" in tiny["reason"]
    assert set(table.loc["parity"].index) == {"even", "odd"}


def test_bias_table_given_privileged_group_and_positive_bias():
    y_true, y_pred, groups = hand_made()
    table = fl.bias_table(y_true, y_pred, sensitive_features={"group": groups},
                          privileged={"group": "medium"}).set_index("group")
    assert table.loc["medium", "verdict"] == "reference"
    assert table.loc["ref", "above"] == 2  # TPR .8 / .5 = 1.6 and STP .5 / .333 = 1.5
    assert table.loc["ref", "verdict"] == "positive bias"


def test_ratio_interval_is_the_log_method():
    low, high = ratio_interval(30, 50, 96, 120)
    se = np.sqrt(0.4 / 30 + 0.2 / 96)
    assert np.log(low) == pytest.approx(np.log(0.75) - 1.959964 * se, rel=1e-6)
    assert np.log(high) == pytest.approx(np.log(0.75) + 1.959964 * se, rel=1e-6)
    assert np.isnan(ratio_interval(0, 10, 5, 10)[0])


def test_bias_table_bad_input():
    y_true, y_pred, groups = hand_made()
    with pytest.raises(TypeError, match=r"'sensitive_features'.*one column per sensitive"):
        fl.bias_table(y_true, y_pred, sensitive_features=groups)
    with pytest.raises(ValueError, match=r"'min_group_size'.*got -1"):
        fl.bias_table(y_true, y_pred, sensitive_features={"g": groups}, min_group_size=-1)
    with pytest.raises(ValueError, match=r"'privileged'.*got 'nobody'"):
        fl.bias_table(y_true, y_pred, sensitive_features={"g": groups},
                      privileged={"g": "nobody"})


# --- fairness_check against dalex on real models --------------------------------------------

@pytest.fixture(scope="module")
def fitted():
    split = split_cohort(load_study_cohort(), outcome="bsa", random_state=0)
    models = {kind: prognosis_pipeline(kind).fit(split.X_train, split.y_train)
              for kind in ["logistic", "random_forest", "gradient_boosting"]}
    return split, models


@pytest.mark.parametrize("kind", ["logistic", "random_forest", "gradient_boosting"])
@pytest.mark.parametrize(("attribute", "privileged"), [
    ("gender", "female"), ("migration_background", "none"), ("prior_education", "havo"),
    ("transition", "direct")])
def test_fairness_check_equals_dalex_on_models(fitted, kind, attribute, privileged):
    split, models = fitted
    explainer = dx.Explainer(models[kind], split.X_test, split.y_test.astype(int), label=kind,
                             verbose=False)
    protected = split.test[attribute].to_numpy()
    theirs = explainer.model_fairness(protected=protected, privileged=privileged).result
    scores = models[kind].predict_proba(split.X_test)[:, 1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ours = fl.fairness_check(split.y_test, scores >= 0.5, sensitive_features=protected,
                                 privileged=privileged)
    columns = list(ours.ratios.columns)
    rounded = ours.metrics.round(3)
    expected = (rounded / rounded.loc[privileged]).drop(index=privileged).replace(0, np.nan)
    actual = theirs.loc[expected.index, columns]
    np.testing.assert_allclose(expected.to_numpy(float), actual.to_numpy(float), rtol=1e-9)
    comparable = ~np.isnan(actual.to_numpy(float))
    np.testing.assert_allclose(ours.ratios.to_numpy(float)[comparable],
                               actual.to_numpy(float)[comparable], atol=0.01)


# --- plots ------------------------------------------------------------------------------------

def test_fairness_check_plot_marks_bars_outside_the_band():
    y_true, y_pred, groups = hand_made()
    check = fl.fairness_check(y_true, y_pred, sensitive_features=groups, privileged="ref")
    axes = plot_fairness_check({"model A": check, "model B": check})
    assert [ax.get_title() for ax in axes] == ["TPR", "ACC", "PPV", "FPR", "STP"]
    labels = [t.get_text() for t in axes[0].texts]
    assert "0.62" in labels  # medium's TPR ratio .625, outside the band
    assert axes[0].figure._suptitle.get_text().startswith("Fewest metrics outside the band")
    matplotlib.pyplot.close("all")


def test_model_comparison_plot_labels_every_model():
    table = pd.DataFrame({"accuracy": [0.71, 0.70], "FPR ratio": [1.29, 1.22]},
                         index=["logistic", "forest"])
    ax = plot_model_comparison(table, performance="accuracy", fairness="FPR ratio",
                               band=(0.8, 1.25))
    assert {t.get_text() for t in ax.texts} == {"logistic", "forest"}
    assert ax.get_xlabel() == "accuracy" and ax.get_ylabel() == "FPR ratio"
    matplotlib.pyplot.close("all")


def test_dalex_still_plots(fitted):
    split, models = fitted
    explainer = dx.Explainer(models["logistic"], split.X_test, split.y_test.astype(int),
                             label="logistic", verbose=False)
    parts = explainer.model_parts(N=300, B=2, random_state=0).result
    ax = plot_variable_importance(parts)
    assert ax.get_yticklabels()[-1].get_text() in parts["variable"].tolist()
    profile = explainer.model_profile(variables=["exam_grade"], N=100, random_state=0,
                                      verbose=False).result
    ax = plot_partial_dependence(profile, "exam_grade")
    assert ax.get_xlabel() == "exam_grade"
    with pytest.raises(ValueError, match=r"'variable'.*got 'shoe size'"):
        plot_partial_dependence(profile, "shoe size")
    student = split.X_test.iloc[[0]]
    breakdown = explainer.predict_parts(student, type="break_down").result
    ax = plot_break_down(breakdown)
    prediction = float(models["logistic"].predict_proba(student)[0, 1])
    assert f"this student {prediction:.2f}" in [t.get_text() for t in ax.get_legend().texts]
    shap = explainer.predict_parts(student, type="shap", B=3, random_state=0).result
    ax = plot_break_down(shap)
    assert ax.get_title().startswith("SHAP")
    matplotlib.pyplot.close("all")
