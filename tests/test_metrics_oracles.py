"""Cross-checks against independent libraries: scikit-learn, fairlearn and dalex."""

import dalex as dx
import fairlearn.metrics as flm
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix, precision_score, recall_score

import fairlearn_lite as fl

# Our rate name -> an independent implementation f(y_true, y_pred, sample_weight=...).
ORACLES = {
    "selection_rate": lambda t, p, sample_weight=None: flm.selection_rate(
        t, p, sample_weight=sample_weight),
    "true_positive_rate": lambda t, p, sample_weight=None: recall_score(
        t, p, sample_weight=sample_weight),
    "false_positive_rate": lambda t, p, sample_weight=None: flm.false_positive_rate(
        t, p, sample_weight=sample_weight),
    "false_negative_rate": lambda t, p, sample_weight=None: flm.false_negative_rate(
        t, p, sample_weight=sample_weight),
    "true_negative_rate": lambda t, p, sample_weight=None: flm.true_negative_rate(
        t, p, sample_weight=sample_weight),
    "positive_predictive_value": lambda t, p, sample_weight=None: precision_score(
        t, p, sample_weight=sample_weight),
    "negative_predictive_value": lambda t, p, sample_weight=None: precision_score(
        t, p, pos_label=0, sample_weight=sample_weight),
    "accuracy": lambda t, p, sample_weight=None: accuracy_score(
        t, p, sample_weight=sample_weight),
    "base_rate": lambda t, p, sample_weight=None: np.average(t, weights=sample_weight),
}


def test_counts_match_scikit_learn_confusion_matrix(random_data):
    y_true, y_pred, groups, _ = random_data
    counts = fl.group_confusion(y_true, y_pred, sensitive_features=groups)
    for group in np.unique(groups):
        rows = groups == group
        tn, fp, fn, tp = confusion_matrix(y_true[rows], y_pred[rows], labels=[0, 1]).ravel()
        assert counts.loc[group, ["tp", "fp", "fn", "tn"]].tolist() == [tp, fp, fn, tn]
        assert counts.loc[group, "n"] == rows.sum()


def test_weighted_counts_match_scikit_learn(weighted_data):
    y_true, y_pred, groups, weight = weighted_data
    counts = fl.group_confusion(y_true, y_pred, sensitive_features=groups, sample_weight=weight)
    for group in np.unique(groups):
        rows = groups == group
        expected = confusion_matrix(y_true[rows], y_pred[rows], labels=[0, 1],
                                    sample_weight=weight[rows]).ravel()
        tn, fp, fn, tp = expected
        np.testing.assert_allclose(counts.loc[group, ["tp", "fp", "fn", "tn"]].to_numpy(float),
                                   [tp, fp, fn, tn])


@pytest.mark.parametrize("weighted", [False, True])
def test_group_metrics_match_fairlearn_metric_frame(weighted):
    y_true, y_pred, groups, weight = __import__("conftest").make_random_data(
        7, n=900, n_groups=4, weights=weighted)
    params = {name: {"sample_weight": weight} for name in ORACLES} if weighted else None
    reference = flm.MetricFrame(metrics=ORACLES, y_true=y_true, y_pred=y_pred,
                                sensitive_features=groups, sample_params=params)
    ours = fl.group_metrics(y_true, y_pred, sensitive_features=groups, sample_weight=weight)
    for name in ORACLES:
        np.testing.assert_allclose(ours[name].to_numpy(), reference.by_group[name].to_numpy(),
                                   rtol=1e-12, err_msg=name)


def test_aequitas_style_rates_by_their_definition(random_data):
    y_true, y_pred, groups, _ = random_data
    ours = fl.group_metrics(y_true, y_pred, sensitive_features=groups)
    for group in np.unique(groups):
        rows = groups == group
        false_positives = ((y_pred == 1) & (y_true == 0))[rows].sum()
        false_negatives = ((y_pred == 0) & (y_true == 1))[rows].sum()
        assert ours.loc[group, "fp_per_group_size"] == pytest.approx(false_positives / rows.sum())
        assert ours.loc[group, "fn_per_group_size"] == pytest.approx(false_negatives / rows.sum())
        assert ours.loc[group, "false_discovery_rate"] == pytest.approx(
            1 - precision_score(y_true[rows], y_pred[rows]))
        assert ours.loc[group, "false_omission_rate"] == pytest.approx(
            1 - precision_score(y_true[rows], y_pred[rows], pos_label=0))


@pytest.mark.parametrize("method", ["between_groups", "to_overall"])
@pytest.mark.parametrize("name", [
    "demographic_parity_difference", "demographic_parity_ratio",
    "equal_opportunity_difference", "equal_opportunity_ratio",
])
def test_disparities_match_fairlearn(random_data, name, method):
    y_true, y_pred, groups, _ = random_data
    ours = getattr(fl, name)(y_true, y_pred, sensitive_features=groups, method=method)
    theirs = getattr(flm, name)(y_true, y_pred, sensitive_features=groups, method=method)
    assert ours == pytest.approx(theirs, rel=1e-12)


@pytest.mark.parametrize("agg", ["worst_case", "mean"])
@pytest.mark.parametrize("method", ["between_groups", "to_overall"])
@pytest.mark.parametrize("name", ["equalized_odds_difference", "equalized_odds_ratio"])
def test_equalized_odds_match_fairlearn(weighted_data, name, method, agg):
    y_true, y_pred, groups, weight = weighted_data
    ours = getattr(fl, name)(y_true, y_pred, sensitive_features=groups, method=method,
                             agg=agg, sample_weight=weight)
    theirs = getattr(flm, name)(y_true, y_pred, sensitive_features=groups, method=method,
                                agg=agg, sample_weight=weight)
    assert ours == pytest.approx(theirs, rel=1e-12)


@pytest.mark.parametrize("name", ["selection_rate", "true_positive_rate", "false_positive_rate",
                                  "false_negative_rate", "true_negative_rate"])
def test_single_rates_match_fairlearn(weighted_data, name):
    y_true, y_pred, _, weight = weighted_data
    assert getattr(fl, name)(y_true, y_pred) == pytest.approx(
        getattr(flm, name)(y_true, y_pred), rel=1e-12)
    assert getattr(fl, name)(y_true, y_pred, sample_weight=weight) == pytest.approx(
        getattr(flm, name)(y_true, y_pred, sample_weight=weight), rel=1e-12)


def test_pos_label_matches_fairlearn():
    y_true = np.array(["pass", "fail", "pass", "pass", "fail"])
    y_pred = np.array(["pass", "pass", "fail", "pass", "fail"])
    for name in ["true_positive_rate", "false_positive_rate"]:
        assert getattr(fl, name)(y_true, y_pred, pos_label="pass") == pytest.approx(
            getattr(flm, name)(y_true, y_pred, pos_label="pass"))


def test_metric_frame_matches_fairlearn_on_intersections(random_data):
    y_true, y_pred, groups, _ = random_data
    second = np.where(np.arange(len(groups)) % 3 == 0, "x", "y")
    features = pd.DataFrame({"g": groups, "h": second})
    metrics = {"sr": fl.selection_rate, "tpr": fl.true_positive_rate}
    theirs_metrics = {"sr": flm.selection_rate, "tpr": flm.true_positive_rate}
    ours = fl.MetricFrame(metrics=metrics, y_true=y_true, y_pred=y_pred,
                          sensitive_features=features)
    theirs = flm.MetricFrame(metrics=theirs_metrics, y_true=y_true, y_pred=y_pred,
                             sensitive_features=features)
    pd.testing.assert_frame_equal(ours.by_group, theirs.by_group, check_exact=False, rtol=1e-12)
    pd.testing.assert_series_equal(ours.overall, theirs.overall, check_exact=False, rtol=1e-12)
    for method in ["between_groups", "to_overall"]:
        pd.testing.assert_series_equal(ours.difference(method), theirs.difference(method),
                                       check_exact=False, rtol=1e-12)
        pd.testing.assert_series_equal(ours.ratio(method), theirs.ratio(method),
                                       check_exact=False, rtol=1e-12)
    pd.testing.assert_series_equal(ours.group_min(), theirs.group_min())
    pd.testing.assert_series_equal(ours.group_max(), theirs.group_max())


# --- dalex -------------------------------------------------------------------------------------

class ScoreColumn:
    """A stand-in model whose prediction is the 'score' column, so dalex sees fixed scores."""

    def predict(self, X):
        return X["score"].to_numpy()


def dalex_fairness(y_true, scores, groups, privileged):
    explainer = dx.Explainer(ScoreColumn(), pd.DataFrame({"score": scores}), y_true,
                             predict_function=lambda model, X: model.predict(X),
                             model_type="classification", verbose=False)
    return explainer.model_fairness(protected=groups, privileged=privileged)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_fairness_check_matches_dalex(seed):
    rng = np.random.default_rng(seed)
    n, n_groups = 800, 2 + seed % 3
    groups = rng.choice([f"g{i}" for i in range(n_groups)], size=n)
    y_true = (rng.random(n) < 0.5).astype(int)
    shift = pd.Series(groups).map({f"g{i}": 0.1 * i for i in range(n_groups)}).to_numpy()
    scores = np.clip(0.35 * y_true + 0.65 * rng.random(n) - shift, 0, 1)
    dalex = dalex_fairness(y_true, scores, groups, "g0")
    ours = fl.fairness_check(y_true, scores >= 0.5, sensitive_features=groups, privileged="g0")

    columns = list(ours.ratios.columns)
    assert columns == ["TPR", "ACC", "PPV", "FPR", "STP"]
    theirs = dalex.result.loc[ours.ratios.index, columns].to_numpy()
    # dalex rounds each rate to 3 decimals before dividing, and turns a ratio of 0 into NaN:
    # doing the same to our rates gives exactly its ratios.
    rounded = ours.metrics.round(3)
    expected = (rounded / rounded.loc["g0"]).drop(index="g0").replace(0, np.nan)
    np.testing.assert_allclose(expected.to_numpy(), theirs, rtol=1e-12)
    # Unrounded, our ratios differ from dalex's by no more than that rounding explains.
    comparable = ~np.isnan(theirs)
    np.testing.assert_allclose(ours.ratios.to_numpy()[comparable], theirs[comparable], atol=0.01)
    # Same flags as dalex's rule (outside [0.8, 1.25]) wherever rounding cannot tip the edge...
    clear = comparable & (np.abs(theirs - 0.8) > 0.01) & (np.abs(theirs - 1.25) > 0.01)
    dalex_flagged = (theirs < 0.8) | (theirs > 1.25)
    assert clear.sum() >= 0.8 * clear.size
    np.testing.assert_array_equal(ours.flagged.to_numpy()[clear], dalex_flagged[clear])
    # ...and where dalex shows NaN for a ratio of 0, we flag it.
    assert ours.flagged.to_numpy()[ours.ratios.to_numpy() == 0].all()
