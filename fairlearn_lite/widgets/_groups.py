"""The per-group threshold widget: one slider per group, presets, and the three criteria live."""

from __future__ import annotations

import warnings
from contextlib import contextmanager

import ipywidgets as widgets

from .._validation import check_choice, check_fraction, check_whole_number, public
from .._warnings import UndefinedRateWarning
from ..confusion import compute_rates
from ..criteria import objective_value, report_from_counts
from ..plotting._basic import plot_score_histograms, update_score_histograms
from ..plotting._style import kit_style
from ..thresholds import (
    OBJECTIVES,
    PRESETS,
    ScoredGroups,
    best_single_threshold,
    group_curves,
    preset_from_curves,
)
from ._render import (
    FastRenderer,
    check_group_count,
    escape,
    grid_shape,
    html_table,
    panel_figure,
    picture,
)
from ._threshold import (
    TABLE_COLUMNS,
    TABLE_NOTE,
    _matrices_html,
    compact_axes,
    error_summary,
    on_demand,
)

__all__ = ["GroupThresholdWidget", "PRESETS"]

# Short names of rates in the status, so each criterion takes one line.
SHORT = {"true_positive_rate": "TPR", "false_positive_rate": "FPR",
         "positive_predictive_value": "PPV", "negative_predictive_value": "NPV"}

# Earlier names of presets, still accepted (the benchmarks click "maximum accuracy").
ALIASES = {"maximum accuracy": "best per group"}


class GroupThresholdWidget:
    """One threshold slider per group, with presets and the live status of three criteria.

    Presets, as in Google's What-If Tool and the "attacking discrimination with
    smarter machine learning" demo: a **single threshold** for everyone (``start``,
    the lesson's operating point, when given; else the one threshold with the best
    objective), **demographic parity** (equal selection rates), **equal
    opportunity** (equal true positive rates), **predictive parity** (equal
    precision) and **best per group** (no constraint: each group its own best
    threshold). The presets come from
    :func:`fairlearn_lite.thresholds.preset_thresholds` (the same search, on the
    data given here: give it validation data, since you choose with it); the
    criteria status from :func:`fairlearn_lite.criteria.report_from_counts`.
    The status shows the objective the presets maximise, and the share
    predicted positive.

    Parameters
    ----------
    y_true, scores
    sensitive_features : Series or array-like
        One attribute (for example ``train["migration_background"]``).
    tolerance : float, default 0.05
        The largest difference between groups that counts as "equal" in the status.
    objective : {"accuracy", "balanced_accuracy"}
        What the presets maximise, and what the status and the table show.
    start : float, optional
        Where every slider starts, and the "single threshold" preset: the
        operating point, for example ``choose_cutoff(...).cutoff``.

    Examples
    --------
    >>> w = GroupThresholdWidget([1, 0, 1, 0, 1, 0], [0.9, 0.6, 0.7, 0.4, 0.35, 0.2],
    ...                          ["f", "f", "f", "m", "m", "m"])
    >>> w.apply_preset("equal opportunity")
    >>> w.state["metrics"]["true_positive_rate"].tolist()
    [1.0, 1.0]
    """

    @public(name="GroupThresholdWidget")
    def __init__(self, y_true, scores, sensitive_features, *, outcome: str = "positive BSA",
                 tolerance: float = 0.05, objective: str = "accuracy", bins: int = 20,
                 start: float | None = None):
        self.scored = ScoredGroups(y_true, scores, sensitive_features=sensitive_features)
        check_group_count(self.scored.group_labels)
        tolerance = check_fraction(tolerance, name="tolerance", low_open=True)
        check_choice(objective, name="objective", choices=OBJECTIVES)
        bins = check_whole_number(bins, name="bins", low=1, high=200)
        self.outcome, self.tolerance, self.objective = outcome, tolerance, objective
        self._holding = False
        self._presets: dict[str, dict] = {}
        self.start = (best_single_threshold(self.scored.y_true, self.scored.scores,
                                            objective=objective) if start is None
                      else check_fraction(start, name="start"))
        self.sliders = {g: widgets.FloatSlider(value=round(self.start, 2), min=0.0, max=1.0,
                                               step=0.01,
                                               description=str(g), readout_format=".2f",
                                               style={"description_width": "120px"},
                                               layout={"width": "400px", "height": "28px"})
                        for g in self.scored.group_labels}
        self.buttons = [widgets.Button(description=name, layout={"width": "auto"})
                        for name in PRESETS]
        for button in self.buttons:
            button.on_click(lambda b: self.apply_preset(b.description))
        self.preset = widgets.HTML()
        self.status = widgets.HTML()
        self.table = widgets.HTML()
        self.matrices = widgets.HTML()
        self.image = picture()
        groups = self.scored.group_labels
        rows, _ = grid_shape(len(groups))
        self.figure, self.axes = panel_figure(len(groups), width=7.6, extra_height=0.75,
                                              panel_height=2.2 if rows == 1 else 1.6)
        with kit_style():
            plot_score_histograms(self.scored.histograms(bins), self.thresholds, self.axes,
                                  summary=error_summary(self.state["metrics"]), outcome=outcome)
            compact_axes(self.axes)
        moving = [line for ax in self.axes for line in ax.lines if line.get_gid() == "threshold"]
        self.renderer = FastRenderer(self.figure, moving + [ax.title for ax in self.axes])
        for slider in self.sliders.values():
            slider.observe(self.update, names="value")
        self.update()

    @property
    def thresholds(self) -> dict:
        return {g: s.value for g, s in self.sliders.items()}

    @public(name="GroupThresholdWidget.preset_thresholds")
    def preset_thresholds(self, name: str) -> dict:
        """The thresholds a preset sets (computed once, then remembered)."""
        name = ALIASES.get(name, name) if isinstance(name, str) else name
        check_choice(name, name="name", choices=tuple(PRESETS))
        if name not in self._presets:
            found = preset_from_curves(self.scored.groups, self._curves(), name,
                                       cutoff=self.start, objective=self.objective,
                                       tolerance=0.01)
            self._presets[name] = dict(zip(self.scored.group_labels, found.to_numpy(),
                                           strict=True))
        return self._presets[name]

    def _curves(self):
        if not hasattr(self, "_curve_cache"):
            self._curve_cache = group_curves(self.scored.y_true, self.scored.scores,
                                             self.scored.groups)
        return self._curve_cache

    @public(name="GroupThresholdWidget.apply_preset")
    def apply_preset(self, name: str) -> None:
        """Move every slider to the preset's thresholds (one redraw)."""
        thresholds = self.preset_thresholds(name)
        with self._hold():
            for group, slider in self.sliders.items():
                slider.value = round(float(thresholds[group]), 2)
        self.preset.value = f"<b>Preset:</b> {escape(name)}"
        self.update()

    @contextmanager
    def _hold(self):
        self._holding = True
        try:
            yield
        finally:
            self._holding = False

    @property
    def state(self) -> dict:
        """The thresholds, confusion counts, rates, objective and criteria now shown.

        ``accuracy`` is plain accuracy; ``objective_value`` is the value of the
        objective the presets maximise (balanced accuracy: (TPR + TNR) / 2);
        ``selection_rate`` is the share of everyone predicted positive.
        """
        thresholds = self.thresholds
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UndefinedRateWarning)
            counts = self.scored.counts(thresholds)
            metrics = self.scored.metrics(thresholds)
            criteria = report_from_counts(counts, rule="difference", tolerance=self.tolerance)
            overall = compute_rates(["accuracy", "selection_rate"], counts.total())
        return {"thresholds": thresholds, "confusion": counts.to_frame(), "metrics": metrics,
                "accuracy": float(overall["accuracy"][0]), "objective": self.objective,
                "objective_value": objective_value(counts, self.objective),
                "selection_rate": float(overall["selection_rate"][0]), "criteria": criteria}

    def update(self, change=None) -> None:
        if self._holding:
            return
        if change is not None:
            self.preset.value = "<b>Preset:</b> custom"
        state = self.state
        update_score_histograms(self.axes, self.scored.group_labels, state["thresholds"],
                                summary=error_summary(state["metrics"]))
        self.image.value = self.renderer.png()
        self.status.value = _status_html(state)
        table = _group_table(state["metrics"], self.objective)
        self.table.value = html_table(table, percent=list(table.columns),
                                      caption="Rates per group") + TABLE_NOTE
        self.matrices.value = _matrices_html(state["confusion"])

    @property
    def widget(self) -> widgets.Widget:
        details = on_demand(widgets.HBox([self.table, self.matrices],
                                         layout={"grid_gap": "0 16px"}),
                            "Rates per group and confusion matrices")
        controls = widgets.VBox([*self.sliders.values(), self.status],
                                layout={"width": "410px", "margin": "0 12px 0 0"})
        return widgets.VBox([widgets.HBox([*self.buttons, self.preset]),
                             widgets.HBox([controls, self.image]), details])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def _group_table(metrics, objective: str):
    """The rates per group, with the objective per group in the last column."""
    table = metrics[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
    if objective == "balanced_accuracy":
        table = table.drop(columns="accuracy")
        table["balanced accuracy"] = (metrics["true_positive_rate"] +
                                      metrics["true_negative_rate"]) / 2
    return table


def _status_html(state: dict) -> str:
    """The objective and the share predicted positive, then the three criteria as ✓/✗ lines."""
    report = state["criteria"]
    name = state["objective"].replace("_", " ").capitalize()
    lines = [f"<b>{name} (everyone):</b> {state['objective_value']:.1%} · "
             f"<b>predicted positive:</b> {state['selection_rate']:.1%}"]
    for criterion, holds in report.holds.items():
        rows = report.checks[report.checks["criterion"] == criterion]
        gaps = ", ".join(f"{SHORT.get(r.metric, r.metric.replace('_', ' '))} gap "
                         f"{abs(r.worst_gap):.3f}"
                         for r in rows.itertuples())
        mark = "✓" if holds else "✗"
        lines.append(f"{mark} <b>{criterion}</b> ({gaps})")
    lines.append(f"<i>✓ = every gap at most {report.tolerance:.2f} (TPR, FPR: true, false "
                 "positive rate)</i>")
    return "<p style='font-size:15px;line-height:1.4;margin:4px 0'>" + "<br>".join(lines) + "</p>"
