"""The threshold widget: move the cut-off and watch each group's errors change.

The figure shows each group's scores as shares of that group on one shared
axis (so groups of different sizes compare fairly), the current threshold as a
solid line, and, when given, the cut-off a stated rule chose as a dashed line
that a button moves the slider to. Its title and the sentence above it state
the share predicted positive and which group is most often wrongly predicted
negative.
"""

from __future__ import annotations

import warnings

import ipywidgets as widgets
import pandas as pd

from .._validation import caller, check_fraction, check_whole_number, public
from .._warnings import UndefinedRateWarning
from ..confusion import compute_rates
from ..operating_point import OperatingPoint
from ..plotting._basic import plot_score_histograms, update_score_histograms
from ..plotting._lesson02 import _label_share_axes, mark_cutoff, share_histograms
from ..plotting._style import kit_style
from ..thresholds import ScoredGroups
from ._render import (
    TABLE_STYLE,
    FastRenderer,
    check_group_count,
    escape,
    grid_shape,
    html_table,
    panel_figure,
    picture,
)

__all__ = ["ThresholdWidget"]

# The key rates, shown at once; the counts (confusion matrices) open on demand.
TABLE_COLUMNS = {
    "selection_rate": "predicted positive",
    "true_positive_rate": "TPR",
    "false_positive_rate": "FPR",
    "positive_predictive_value": "PPV",
    "accuracy": "accuracy",
}
TABLE_NOTE = ("<p style='font-size:13px;margin:0'>TPR = sensitivity, PPV = precision; "
              "the counts are under <i>Confusion matrices</i>.</p>")


def error_summary(metrics: pd.DataFrame) -> dict:
    """One short line per group: the share of each kind of error."""
    def shown(value) -> str:
        return "–" if value != value else f"{value:.0%}"  # an undefined rate shows as a dash

    return {group: f"FNR {shown(row['false_negative_rate'])} · "
                   f"FPR {shown(row['false_positive_rate'])}"
            for group, row in metrics.iterrows()}


def threshold_finding(metrics: pd.DataFrame, threshold, selected: float | None = None) -> str:
    """Sentences stating the share predicted positive (when given) and which group is most
    often wrongly predicted negative."""
    where = f"At threshold {threshold:.2f}" if not isinstance(threshold, dict) else "Here"
    share = "" if selected is None or selected != selected else \
        f"{where}, {selected:.0%} of all students are predicted positive. "
    fnr = metrics["false_negative_rate"].dropna()
    if fnr.empty:
        return f"{share}No group has actual positives."
    worst, best = fnr.idxmax(), fnr.idxmin()
    where = "Of" if share else f"{where}, of"
    if worst == best:
        return (f"{share}{where} the actual positives, {fnr[worst]:.0%} are predicted "
                f"negative.")
    return (f"{share}{where} the actual positives in group {worst!r}, {fnr[worst]:.0%} are "
            f"predicted negative, against {fnr[best]:.0%} in group {best!r}.")


def figure_title(threshold: float, selected: float, outcome: str) -> str:
    """The widget figure's title: the share predicted positive at the current threshold."""
    shown = "–" if selected != selected else f"{selected:.0%}"
    return f"At {threshold:.2f}, {shown} are predicted {outcome}"


def _rule_cutoff(operating_point) -> tuple[float, str] | None:
    """(cut-off, name) of an OperatingPoint or a number; None for None."""
    if operating_point is None:
        return None
    if isinstance(operating_point, OperatingPoint):
        rule = operating_point.rule.split(":")[0]
        return operating_point.cutoff, f"{rule} cut-off {operating_point.cutoff:.2f}"
    cutoff = check_fraction(operating_point, name="operating_point")
    return cutoff, f"cut-off {cutoff:.2f}"


class ThresholdWidget:
    """A threshold slider and an attribute menu over a model's scores.

    Shows, live: a confusion matrix per group, a table of rates per group
    (selection rate, TPR, FPR, PPV, accuracy) and the score histograms per
    group with the threshold line. Every number comes from
    :class:`ScoredGroups`, which recounts in about a millisecond.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
    scores : array-like of float in [0, 1]
    sensitive_features : DataFrame
        One column per attribute the menu offers (for example gender and
        migration background).
    threshold : float, default 0.5
        Where the slider starts.
    outcome : str
        What "positive" means, for the labels (default "positive BSA").
    bins : int, default 20
    operating_point : OperatingPoint or float, optional
        A cut-off chosen by a stated rule (from
        :func:`fairlearn_lite.operating_point.choose_cutoff`): drawn as a dashed
        line, with a button that moves the slider there.

    Examples
    --------
    >>> import pandas as pd
    >>> w = ThresholdWidget([1, 0, 1, 0, 1, 0], [0.9, 0.6, 0.7, 0.4, 0.35, 0.2],
    ...                     pd.DataFrame({"gender": ["f", "f", "f", "m", "m", "m"]}))
    >>> w.state["metrics"]["true_positive_rate"].tolist()
    [1.0, 0.0]
    >>> w.threshold.value = 0.3
    >>> w.state["metrics"]["true_positive_rate"].tolist()
    [1.0, 1.0]
    >>> w = ThresholdWidget([1, 0, 1, 0], [0.9, 0.6, 0.7, 0.4], pd.DataFrame({"g": list("aabb")}),
    ...                     operating_point=0.65)
    >>> w.go_to_rule.click()
    >>> w.threshold.value, w.state["selected"]
    (0.65, 0.5)
    """

    @public(name="ThresholdWidget")
    def __init__(self, y_true, scores, sensitive_features: pd.DataFrame, *,
                 threshold: float = 0.5, outcome: str = "positive BSA", bins: int = 20,
                 operating_point=None):
        if not isinstance(sensitive_features, pd.DataFrame) or sensitive_features.shape[1] == 0:
            raise TypeError(f"The 'sensitive_features' parameter of {caller()} must be a "
                            "DataFrame with one column per attribute; got "
                            f"{type(sensitive_features).__name__} instead.")
        threshold = check_fraction(threshold, name="threshold")
        self.outcome, self.bins = outcome, check_whole_number(bins, name="bins", low=1, high=200)
        self.rule = _rule_cutoff(operating_point)
        # Every attribute the menu offers is checked now, so no choice can fail later.
        self._scored = {column: ScoredGroups(y_true, scores,
                                             sensitive_features=sensitive_features[column])
                        for column in sensitive_features.columns}
        for column, scored in self._scored.items():
            check_group_count(scored.group_labels, column=column)
        self.threshold = widgets.FloatSlider(value=threshold, min=0.0, max=1.0, step=0.01,
                                             description="threshold", readout_format=".2f",
                                             continuous_update=True, layout={"width": "480px"})
        self.attribute = widgets.Dropdown(options=[str(c) for c in sensitive_features.columns],
                                          description="group by")
        self.finding = widgets.HTML()
        self.matrices = widgets.HTML()
        self.table = widgets.HTML()
        self.image = picture()
        self.details = on_demand(self.matrices, "Confusion matrices")
        self.go_to_rule = widgets.Button(
            description=f"go to the {self.rule[1]}" if self.rule else "",
            layout={"width": "auto", "display": "" if self.rule else "none"})
        self.go_to_rule.on_click(self._go_to_rule)
        self.threshold.observe(self.update, names="value")
        self.attribute.observe(self._new_attribute, names="value")
        self._new_attribute()

    # --- pure parts ---------------------------------------------------------------------------
    def scored(self, attribute: str | None = None) -> ScoredGroups:
        """Labels, scores and groups for one attribute, validated once and cached."""
        return self._scored[attribute or self.attribute.value]

    @property
    def state(self) -> dict:
        """What the widget shows now, as data (for tests and for curious participants).

        At extreme thresholds some rates are undefined (nobody predicted
        negative, say); the widget shows those as "–" instead of warning on
        every move of the slider.
        """
        scored, threshold = self.scored(), self.current_threshold()
        counts = scored.counts(threshold)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UndefinedRateWarning)
            return {"attribute": self.attribute.value, "threshold": threshold,
                    "confusion": counts.to_frame(), "metrics": scored.metrics(threshold),
                    "selected": float(compute_rates(["selection_rate"], counts.total(),
                                                    warn_undefined=False)["selection_rate"][0])}

    def current_threshold(self):
        return self.threshold.value

    # --- wiring -------------------------------------------------------------------------------
    def _go_to_rule(self, button=None) -> None:
        self.threshold.value = self.rule[0]

    def _new_attribute(self, change=None) -> None:
        scored = self.scored()
        groups = scored.group_labels
        height = 1.75 if len(groups) > 3 else 2.6  # two short rows, or one taller one
        self.figure, self.axes = panel_figure(len(groups), panel_height=height,
                                              extra_height=1.05, width=6.5, sharey=True)
        state = self.state
        with kit_style():
            plot_score_histograms(share_histograms(scored.histograms(self.bins)),
                                  state["threshold"], self.axes,
                                  summary=error_summary(state["metrics"]), outcome=self.outcome)
            for line in self.axes[0].lines[:1]:
                line.set_label("threshold (the slider)")
            if self.rule:
                mark_cutoff(self.axes, self.rule[0], self.rule[1])
            _label_share_axes(self.axes, self.outcome)
            compact_axes(self.axes)
            for ax in self.axes[::grid_shape(len(groups))[1]]:  # the first of each row
                ax.set_ylabel("share of group")  # the lesson's longer label does not fit
            self.title = self.figure.suptitle(
                figure_title(state["threshold"], state["selected"], self.outcome),
                fontweight="bold")
        moving = [line for ax in self.axes for line in ax.lines if line.get_gid() == "threshold"]
        self.renderer = FastRenderer(self.figure,
                                     moving + [ax.title for ax in self.axes] + [self.title])
        self.update()

    def update(self, change=None) -> None:
        state = self.state
        metrics, confusion = state["metrics"], state["confusion"]
        update_score_histograms(self.axes, self.scored().group_labels, state["threshold"],
                                summary=error_summary(metrics))
        self.title.set_text(figure_title(state["threshold"], state["selected"], self.outcome))
        self.image.value = self.renderer.png()
        finding = escape(threshold_finding(metrics, state["threshold"], state["selected"]))
        self.finding.value = f"<p style='font-size:15px'>{finding}</p>"
        self.table.value = html_table(metrics[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS),
                                      percent=list(TABLE_COLUMNS.values()),
                                      caption="Rates per group") + TABLE_NOTE
        self.matrices.value = _matrices_html(confusion)

    @property
    def controls(self) -> list[widgets.Widget]:
        return [self.attribute, self.threshold, self.go_to_rule]

    @property
    def widget(self) -> widgets.Widget:
        side = widgets.VBox([self.table, self.details], layout={"margin": "0 0 0 12px"})
        return widgets.VBox([widgets.HBox(self.controls), self.finding,
                             widgets.HBox([self.image, side])])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def _matrices_html(confusion: pd.DataFrame) -> str:
    """Each group's confusion matrix as one row of a small HTML table (TP, FN, FP, TN)."""
    rows = "".join(
        f"<tr><th>{escape(group)}</th><td>TP {row['tp']:,.0f}</td><td>FN {row['fn']:,.0f}</td>"
        f"<td>FP {row['fp']:,.0f}</td><td>TN {row['tn']:,.0f}</td>"
        f"<td>{row[['tp', 'fn', 'fp', 'tn']].sum():,.0f}</td></tr>" for group, row in
        confusion.iterrows())
    return (TABLE_STYLE + "<table class='fll-table'><caption style='white-space:normal'>"
            "Confusion matrices: TP, FN (actual +) and FP, TN (actual −), then the number of "
            "students</caption>" f"{rows}</table>")


def on_demand(child: widgets.Widget, title: str) -> widgets.Accordion:
    """A closed Accordion: details a participant opens when wanted, so the widget stays short."""
    accordion = widgets.Accordion(children=[child], titles=(title,))
    accordion.selected_index = None
    return accordion


def compact_axes(axes) -> None:
    """Short axis labels for small panels: x ticks at 0, 0.5, 1; x labels on the bottom row only."""
    rows, columns = grid_shape(len(axes))
    for index, ax in enumerate(axes):
        ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
        if columns >= 3:
            ax.set_xlabel("score")
        if index + columns < len(axes):  # a panel below it carries the label
            ax.set_xlabel("")
