"""Widgets are thin views: set a control headlessly, check the state against the pure function."""

import io
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

import fairlearn_lite as fl
from fairlearn_lite.plotting import (
    plot_confusion_matrix,
    plot_score_histograms,
    plot_selection_rates,
)
from fairlearn_lite.widgets import SelectionWidget, ThresholdWidget

matplotlib.use("Agg")
PNG = b"\x89PNG"


@pytest.fixture(scope="module")
def scored_data():
    rng = np.random.default_rng(3)
    n = 3000
    groups = pd.DataFrame({"gender": rng.choice(["female", "male"], n),
                           "background": rng.choice(["none", "western", "non-western"], n)})
    y_true = rng.random(n) < np.where(groups["gender"] == "male", 0.6, 0.7)
    scores = np.clip(0.35 * y_true + 0.65 * rng.random(n), 0, 1)
    return y_true, scores, groups


# --- ScoredGroups: the pure function behind the threshold widget ---------------------------------

@pytest.mark.parametrize("threshold", [0.0, 0.25, 0.5, 0.731, 1.0])
def test_scored_groups_equal_group_metrics_on_thresholded_scores(scored_data, threshold):
    y_true, scores, groups = scored_data
    scored = fl.ScoredGroups(y_true, scores, sensitive_features=groups["gender"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = fl.group_metrics(y_true, scores >= threshold,
                                    sensitive_features=groups["gender"])
        actual = scored.metrics(threshold)
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False)


def test_per_group_thresholds_apply_to_each_group(scored_data):
    y_true, scores, groups = scored_data
    scored = fl.ScoredGroups(y_true, scores, sensitive_features=groups["gender"])
    predictions = scored.predictions({"female": 0.3, "male": 0.7})
    female = (groups["gender"] == "female").to_numpy()
    np.testing.assert_array_equal(predictions[female], scores[female] >= 0.3)
    np.testing.assert_array_equal(predictions[~female], scores[~female] >= 0.7)
    with pytest.raises(ValueError, match=r"no threshold for group\(s\) \['male'\]"):
        scored.predictions({"female": 0.5})
    with pytest.raises(ValueError, match=r"'threshold'.*\[0.0, 1.0\]; got 1.5"):
        scored.predictions(1.5)


def test_histograms_count_every_student_once(scored_data):
    y_true, scores, groups = scored_data
    histograms = fl.ScoredGroups(y_true, scores, sensitive_features=groups["background"]) \
        .histograms(bins=10)
    total = sum(h["positive"].sum() + h["negative"].sum()
                for g, h in histograms.items() if g != "edges")
    assert total == len(scores)
    none = (groups["background"] == "none").to_numpy()
    expected, _ = np.histogram(scores[none & y_true], bins=histograms["edges"])
    np.testing.assert_array_equal(histograms["none"]["positive"], expected)


def test_scores_outside_zero_one_are_rejected():
    with pytest.raises(ValueError, match=r"'scores' parameter of ScoredGroups.*between 0 and 1"):
        fl.ScoredGroups([1, 0], [0.5, 1.7], sensitive_features=["a", "b"])
    with pytest.raises(TypeError, match=r"'scores'.*numeric"):
        fl.ScoredGroups([1, 0], ["high", "low"], sensitive_features=["a", "b"])


def test_rates_from_counts_matches_the_brief():
    rates = fl.rates_from_counts(tp=30, fn=10, fp=20, tn=40)
    assert rates["accuracy"] == pytest.approx(0.70)
    assert rates["true_positive_rate"] == pytest.approx(0.75)
    assert rates["positive_predictive_value"] == pytest.approx(0.60)
    with pytest.raises(ValueError, match=r"'fp' parameter of rates_from_counts"):
        fl.rates_from_counts(tp=1, fn=1, fp=-2, tn=1)


# --- the selection widget -----------------------------------------------------------------------

def test_selection_widget_starts_at_the_nursing_programme():
    widget = SelectionWidget()
    table = widget.result.table
    assert table.loc["men", "selection_rate"] == pytest.approx(0.6)
    assert table.loc["men", "shortfall"] == 2
    assert "✗ no" in widget.table.value and "2 more selected" in widget.verdict.value
    assert bytes(widget.image.value).startswith(PNG)


def test_selection_widget_follows_its_sliders():
    widget = SelectionWidget()
    before = widget.image.value
    widget.selected["men"].value = 32
    assert widget.result.passed
    assert "Passes" in widget.verdict.value and widget.image.value != before
    widget.epsilon.value = 0.9
    assert widget.result.table.loc["men", "shortfall"] == 4  # 0.9 x 0.8 x 50 = 36
    widget.applicants["men"].value = 20
    assert widget.selected["men"].max == 20 and widget.selected["men"].value == 20
    assert widget.result.table.loc["men", "selection_rate"] == 1.0


def test_selection_widget_rejects_bad_start_values():
    with pytest.raises(ValueError, match="must not exceed"):
        SelectionWidget({"a": 10, "b": 10}, {"a": 11, "b": 1})


# --- the threshold widget -------------------------------------------------------------------------

def test_threshold_widget_shows_what_the_pure_function_computes(scored_data):
    y_true, scores, groups = scored_data
    widget = ThresholdWidget(y_true, scores, groups, threshold=0.5)
    for threshold in [0.5, 0.62]:
        widget.threshold.value = threshold
        expected = fl.group_metrics(y_true, scores >= threshold,
                                    sensitive_features=groups["gender"])
        pd.testing.assert_frame_equal(widget.state["metrics"], expected, check_dtype=False)
        tpr = expected.loc["female", "true_positive_rate"]
        assert f"{tpr:.0%}" in widget.table.value
        tp = fl.group_confusion(y_true, scores >= threshold,
                                sensitive_features=groups["gender"]).loc["male", "tp"]
        assert f"TP {tp:,}" in widget.matrices.value


def test_threshold_widget_switches_attribute(scored_data):
    y_true, scores, groups = scored_data
    widget = ThresholdWidget(y_true, scores, groups)
    widget.attribute.value = "background"
    assert list(widget.state["metrics"].index) == ["non-western", "none", "western"]
    assert len(widget.axes) == 3 and "non-western" in widget.matrices.value


def test_threshold_widget_moves_its_line_and_stays_quiet_at_the_extremes(scored_data):
    y_true, scores, groups = scored_data
    widget = ThresholdWidget(y_true, scores, groups)
    first = widget.image.value
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        widget.threshold.value = 1.0
        widget.threshold.value = 0.0
    widget.threshold.value = 0.8
    lines = [ln for ln in widget.axes[0].lines if ln.get_gid() == "threshold"]
    assert list(lines[0].get_xdata()) == [0.8, 0.8]
    assert bytes(widget.image.value).startswith(PNG) and widget.image.value != first
    assert "0.80" in widget.finding.value


def test_threshold_widget_needs_a_frame_of_attributes(scored_data):
    y_true, scores, groups = scored_data
    with pytest.raises(TypeError, match="DataFrame with one column per attribute"):
        ThresholdWidget(y_true, scores, groups["gender"])


# --- plots ---------------------------------------------------------------------------------------

def test_selection_plot_states_the_finding_and_marks_failing_bars():
    result = fl.four_fifths_rule({"women": 96, "men": 30}, {"women": 120, "men": 50})
    ax = plot_selection_rates(result)
    assert ax.get_title() == "Men selected at 75% of the top rate: below 80%"
    bars = ax.containers[0]
    assert [bar.get_hatch() for bar in bars] == [None, "//"] or \
        [bool(bar.get_hatch()) for bar in bars] == [False, True]
    assert ax.get_ylabel() == "selection rate"
    matplotlib.pyplot.close("all")


def test_confusion_matrix_plot_labels_every_cell():
    ax = plot_confusion_matrix({"tp": 30, "fn": 10, "fp": 20, "tn": 40})
    texts = sorted(t.get_text().split("\n")[0] for t in ax.texts)
    assert texts == ["FN", "FP", "TN", "TP"]
    assert ax.get_xlabel() == "predicted" and ax.get_ylabel() == "actual"
    matplotlib.pyplot.close("all")


def test_score_histograms_have_one_panel_per_group(scored_data):
    y_true, scores, groups = scored_data
    histograms = fl.ScoredGroups(y_true, scores, sensitive_features=groups["background"]) \
        .histograms()
    axes = plot_score_histograms(histograms, 0.4)
    assert len(axes) == 3 and all(ax.get_xlabel() == "score" for ax in axes)
    assert [ax.get_title() for ax in axes] == ["non-western", "none", "western"]
    matplotlib.pyplot.close("all")


# --- a compact layout (the browser test measures it; these check the pieces) --------------------

@pytest.mark.parametrize(("count", "shape"), [(1, (1, 1)), (2, (1, 2)), (3, (1, 3)), (4, (2, 2)),
                                              (5, (2, 3)), (6, (2, 3)), (12, (4, 3))])
def test_small_multiples_take_at_most_three_per_row(count, shape):
    from fairlearn_lite.widgets._render import grid_shape

    assert grid_shape(count) == shape


def test_six_groups_fit_one_picture_no_wider_than_beside_a_table():
    from PIL import Image

    rng = np.random.default_rng(0)
    groups = pd.DataFrame({"education": rng.choice(list("abcdef"), 600)})
    widget = ThresholdWidget(rng.integers(0, 2, 600), rng.random(600), groups)
    assert len(widget.axes) == 6 and len(widget.figure.axes) == 6  # no empty panels
    width, height = Image.open(io.BytesIO(widget.image.value)).size
    assert width <= 544 and height <= 400
    assert "TP " in widget.matrices.value and widget.details.selected_index is None
    assert "white-space: nowrap" in widget.table.value
