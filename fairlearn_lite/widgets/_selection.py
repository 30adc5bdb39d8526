"""The selection widget: applicants and admitted per group, checked against the four-fifths rule."""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets

from ..metrics import four_fifths_rule
from ..plotting._basic import plot_selection_rates, update_selection_rates
from ..plotting._style import kit_style
from ._render import html_table, new_figure, png

NURSING_APPLICANTS = {"women": 120, "men": 50}
NURSING_ADMITTED = {"women": 96, "men": 30}


class SelectionWidget:
    """Move the sliders: selection rates, ratios, pass/fail and shortfall follow.

    Every number shown comes from :func:`four_fifths_rule`; the widget only
    wires the sliders to it and moves the bars of the chart.

    Parameters
    ----------
    applicants, admitted : dict
        Counts per group to start from (default: the nursing programme,
        120 women and 50 men applying, 96 and 30 admitted).
    threshold : float, default 0.8
        The four-fifths threshold; it has its own slider.

    Examples
    --------
    >>> w = SelectionWidget()
    >>> w.admitted["men"].value = 32
    >>> round(float(w.result.table.loc["men", "ratio_to_highest"]), 3)
    0.8
    >>> bool(w.result.passed)
    True
    """

    def __init__(self, applicants: Mapping[str, int] = NURSING_APPLICANTS,
                 admitted: Mapping[str, int] = NURSING_ADMITTED, *, threshold: float = 0.8):
        start = four_fifths_rule(admitted, applicants, threshold=threshold)  # validates the input
        groups = list(start.table.index)
        most = max(int(v) for v in applicants.values())
        self.applicants = {g: widgets.IntSlider(value=int(applicants[g]), min=1,
                                                max=max(2 * most, 10), description=f"{g} applied",
                                                style={"description_width": "120px"},
                                                layout={"width": "420px"}) for g in groups}
        self.admitted = {g: widgets.IntSlider(value=int(admitted[g]), min=0,
                                              max=int(applicants[g]), description=f"{g} admitted",
                                              style={"description_width": "120px"},
                                              layout={"width": "420px"}) for g in groups}
        self.threshold = widgets.FloatSlider(value=threshold, min=0.5, max=1.0, step=0.01,
                                             description="threshold",
                                             style={"description_width": "120px"},
                                             layout={"width": "420px"}, readout_format=".2f")
        self.verdict = widgets.HTML()
        self.table = widgets.HTML()
        self.image = widgets.Image(format="png", layout={"width": "560px"})
        self.figure, self.ax = new_figure((7, 4.2))
        with kit_style():
            plot_selection_rates(start, ax=self.ax)
        for slider in [*self.applicants.values(), *self.admitted.values(), self.threshold]:
            slider.observe(self.update, names="value")
        self.update()

    @property
    def result(self):
        """The four-fifths result for the current slider positions."""
        return four_fifths_rule({g: s.value for g, s in self.admitted.items()},
                                {g: s.value for g, s in self.applicants.items()},
                                threshold=self.threshold.value)

    def update(self, change=None) -> None:
        for group, slider in self.admitted.items():
            slider.max = self.applicants[group].value  # nobody admitted who did not apply
        result = self.result
        with kit_style():
            update_selection_rates(self.ax, result)
        self.image.value = png(self.figure)
        self.verdict.value = "<p style='font-size:15px'>" + \
            result.verdict.replace("\n", "<br>") + "</p>"
        table = result.table[["applicants", "selected", "selection_rate", "ratio_to_highest",
                              "passes", "shortfall"]].copy()
        table["passes"] = table["passes"].map({True: "✓ yes", False: "✗ no"})
        table["ratio_to_highest"] = table["ratio_to_highest"].map(lambda v: f"{v:.2f}")
        self.table.value = html_table(table, percent=("selection_rate",))

    @property
    def widget(self) -> widgets.Widget:
        controls = widgets.VBox([*self.applicants.values(), *self.admitted.values(),
                                 self.threshold])
        return widgets.VBox([controls, widgets.HBox([self.image, self.table]), self.verdict])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
