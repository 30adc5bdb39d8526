"""Lesson 02's figures and threshold widget: shares on one honest axis, titles that state the
share predicted positive, and the rule's cut-off one click away. Reference values by hand."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from fairlearn_lite import ScoredGroups  # noqa: E402
from fairlearn_lite.operating_point import choose_cutoff  # noqa: E402
from fairlearn_lite.plotting import plot_cutoff_comparison  # noqa: E402
from fairlearn_lite.plotting._lesson02 import cutoff_title, share_histograms  # noqa: E402
from fairlearn_lite.widgets import ThresholdWidget  # noqa: E402
from fairlearn_lite.widgets._threshold import figure_title, threshold_finding  # noqa: E402

# Group a: 4 students (3 pass), group b: 2 students (both pass).
Y = [1, 0, 1, 1, 1, 1]
S = [0.95, 0.55, 0.45, 0.75, 0.85, 0.35]
G = ["a", "a", "a", "a", "b", "b"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_share_histograms_divide_by_the_group_not_by_everyone():
    shares = share_histograms(ScoredGroups(Y, S, sensitive_features=G).histograms(bins=2))
    # a: scores 0.45 (pass) in the low bin; 0.95, 0.75 (pass) and 0.55 (fail) in the high bin
    assert shares["a"]["positive"].tolist() == [0.25, 0.5]
    assert shares["a"]["negative"].tolist() == [0.0, 0.25]
    assert shares["b"]["positive"].tolist() == [0.5, 0.5]
    assert shares["edges"].tolist() == [0.0, 0.5, 1.0]


def test_the_comparison_title_states_each_share_predicted_positive():
    axes = plot_cutoff_comparison(ScoredGroups(Y, S, sensitive_features=G),
                                  {"0.50": 0.5, "the rule's 0.40": 0.4})
    # at 0.5: 0.95, 0.55, 0.75, 0.85 -> 4 of 6; at 0.4 also 0.45 -> 5 of 6; 5 of 6 pass
    assert axes[0].figure.get_suptitle() == \
        "Predicted positive BSA: 67% at 0.50, 83% at the rule's 0.40 (actual: 83%)"
    assert cutoff_title({"x": 0.5}, 0.25, "pass") == "Predicted pass: 50% at x (actual: 25%)"


def test_the_comparison_uses_one_y_axis_from_zero_with_labels_and_a_legend():
    axes = plot_cutoff_comparison(ScoredGroups(Y, S, sensitive_features=G),
                                  {"0.50": 0.5, "0.40": 0.4}, outcome="pass")
    assert axes[0].get_shared_y_axes().joined(axes[0], axes[1])
    assert all(ax.get_ylim()[0] == 0 for ax in axes)
    assert axes[0].get_ylabel() == "share of the group's students"
    assert all(ax.get_xlabel() == "score (chance of a pass)" for ax in axes)
    assert [ax.get_xlim() for ax in axes] == [(0.0, 1.0), (0.0, 1.0)]
    (legend,) = axes[0].figure.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert "cut-off 0.50" in labels and "cut-off 0.40" in labels
    named = plot_cutoff_comparison(ScoredGroups(Y, S, sensitive_features=G),
                                   {"0.50": 0.5, "the rule's cut-off 0.40": 0.4})
    labels = [t.get_text() for t in named[0].figure.legends[0].get_texts()]
    assert "The rule's cut-off 0.40" in labels


@pytest.mark.parametrize("cutoffs", [{}, {"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.4}])
def test_the_comparison_takes_one_to_three_cutoffs(cutoffs):
    with pytest.raises(ValueError, match="'cutoffs' parameter of plot_cutoff_comparison"):
        plot_cutoff_comparison(ScoredGroups(Y, S, sensitive_features=G), cutoffs)


def test_the_widget_offers_the_rules_cutoff_and_states_the_share_predicted_positive():
    point = choose_cutoff(Y, S, rule="capacity:0.5")  # the 3 highest of 6 scores
    widget = ThresholdWidget(Y, S, pd.DataFrame({"g": G}), operating_point=point)
    assert widget.threshold.value == 0.5 and widget.state["selected"] == pytest.approx(4 / 6)
    assert widget.finding.value.count("At threshold 0.50, 67% of all students") == 1
    assert widget.title.get_text() == "At 0.50, 67% are predicted positive BSA"
    assert widget.go_to_rule.description == f"go to the capacity cut-off {point.cutoff:.2f}"
    widget.go_to_rule.click()
    assert widget.threshold.value == pytest.approx(point.cutoff, abs=0.005)
    assert widget.state["selected"] == pytest.approx(3 / 6)
    assert widget.title.get_text().endswith("50% are predicted positive BSA")
    dashed = [line for line in widget.axes[0].lines if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and dashed[0].get_xdata()[0] == pytest.approx(point.cutoff)
    assert widget.axes[0].get_shared_y_axes().joined(widget.axes[0], widget.axes[1])
    assert bytes(widget.image.value).startswith(b"\x89PNG")


def test_the_widget_without_a_rule_hides_the_button():
    widget = ThresholdWidget(Y, S, pd.DataFrame({"g": G}))
    assert widget.go_to_rule.layout.display == "none"
    assert not [line for line in widget.axes[0].lines if line.get_linestyle() == "--"]


@pytest.mark.parametrize("bad", [1.5, -0.1, "base-rate"])
def test_a_rule_cutoff_outside_0_1_is_refused_by_name(bad):
    with pytest.raises((ValueError, TypeError), match="'operating_point' parameter"):
        ThresholdWidget(Y, S, pd.DataFrame({"g": G}), operating_point=bad)


def test_the_finding_names_the_worst_group_and_the_share():
    metrics = pd.DataFrame({"false_negative_rate": [0.3, 0.1]}, index=["men", "women"])
    assert threshold_finding(metrics, 0.5, 0.8) == (
        "At threshold 0.50, 80% of all students are predicted positive. Of the actual "
        "positives in group 'men', 30% are predicted negative, against 10% in group 'women'.")
    assert threshold_finding(metrics, 0.5).startswith("At threshold 0.50, of the actual")
    nobody = pd.DataFrame({"false_negative_rate": [np.nan]}, index=["a"])
    assert threshold_finding(nobody, 0.5, np.nan) == "No group has actual positives."
    assert figure_title(0.5, np.nan, "pass") == "At 0.50, – are predicted pass"


def test_the_selection_widget_figure_labels_both_axes_and_starts_at_zero():
    from fairlearn_lite.widgets import SelectionWidget

    widget = SelectionWidget()
    assert widget.ax.get_xlabel() == "group of applicants"
    assert widget.ax.get_ylabel() == "selection rate" and widget.ax.get_ylim()[0] == 0
    assert widget.ax.get_title() == "Men selected at 75% of the top rate: below 80%"  # 60 / 80
