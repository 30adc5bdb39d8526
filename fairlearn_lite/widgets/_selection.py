"""The selection widget: applicants and admitted per group, checked against the four-fifths rule."""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import ipywidgets as widgets

from .._validation import caller, check_fraction, public
from .._warnings import UndefinedRateWarning
from ..metrics import four_fifths_rule
from ..plotting._basic import plot_selection_rates, update_selection_rates
from ..plotting._style import kit_style
from ._render import check_group_count, escape, html_table, new_figure, picture, png

__all__ = ["SelectionWidget"]

EPSILON_RANGE = (0.5, 1.0)  # the band slider's range

NURSING_APPLICANTS = {"women": 120, "men": 50}
NURSING_ADMITTED = {"women": 96, "men": 30}


class SelectionWidget:
    """Move the sliders: selection rates, ratios, pass/fail and shortfall follow.

    Every number shown comes from :func:`four_fifths_rule`; the widget only
    wires the sliders to it and moves the bars of the chart.

    Parameters
    ----------
    selected, applicants : dict or Series
        Counts per group to start from, in the order of :func:`four_fifths_rule`
        (default: the nursing programme, 96 women and 30 men admitted of 120
        and 50 applying).
    epsilon : float, default 0.8
        The required ratio to the highest rate (four-fifths); it has its own
        slider, from 0.5 to 1.

    Examples
    --------
    >>> w = SelectionWidget()
    >>> w.selected["men"].value = 32
    >>> round(float(w.result.table.loc["men", "ratio_to_highest"]), 3)
    0.8
    >>> bool(w.result.passed)
    True
    """

    @public(name="SelectionWidget")
    def __init__(self, selected: Mapping[str, int] = NURSING_ADMITTED,
                 applicants: Mapping[str, int] = NURSING_APPLICANTS, *, epsilon: float = 0.8):
        start = four_fifths_rule(selected, applicants, epsilon=epsilon)  # validates the input
        _check_slider_range(epsilon)
        check_group_count(start.table.index, name="applicants")
        table = start.table
        most = max(int(table["applicants"].max()), 5)
        self.applicants = {g: _slider(f"{g} applied", int(table.loc[g, "applicants"]), 0,
                                      2 * most) for g in table.index}
        self.selected = {g: _slider(f"{g} admitted", int(table.loc[g, "selected"]), 0,
                                    int(table.loc[g, "applicants"])) for g in table.index}
        self.epsilon = widgets.FloatSlider(value=epsilon, min=EPSILON_RANGE[0],
                                           max=EPSILON_RANGE[1], step=0.01, description="epsilon",
                                           style={"description_width": "120px"},
                                           layout={"width": "420px"}, readout_format=".2f")
        self.verdict = widgets.HTML()
        self.table = widgets.HTML()
        self.image = picture(width="592px")
        self.figure, self.ax = new_figure((7.4, 3.6))
        with kit_style():
            plot_selection_rates(start, ax=self.ax)
            self.ax.set_xlabel("group of applicants")  # every axis of a figure carries a label
            self.ax.title.set_wrap(True)  # a long finding takes two lines, never cut off
        for slider in [*self.applicants.values(), *self.selected.values(), self.epsilon]:
            slider.observe(self.update, names="value")
        self.update()

    @property
    def result(self):
        """The four-fifths result for the current slider positions."""
        with warnings.catch_warnings():  # the widget says it in words instead
            warnings.simplefilter("ignore", UndefinedRateWarning)
            return four_fifths_rule({g: s.value for g, s in self.selected.items()},
                                    {g: s.value for g, s in self.applicants.items()},
                                    epsilon=self.epsilon.value)

    def update(self, change=None) -> None:
        for group, slider in self.selected.items():
            slider.max = self.applicants[group].value  # nobody admitted who did not apply
        if sum(s.value for s in self.applicants.values()) == 0:
            self.verdict.value = "<p style='font-size:15px'>Nobody applied: nothing to compare.</p>"
            return
        result = self.result
        with kit_style():
            update_selection_rates(self.ax, result)
        self.image.value = png(self.figure)
        self.verdict.value = "<p style='font-size:15px'>" + \
            escape(result.verdict).replace("\n", "<br>") + "</p>"
        table = result.table[["applicants", "selected", "selection_rate", "ratio_to_highest",
                              "passes", "shortfall"]].copy()
        table["passes"] = table["passes"].map({True: "✓ yes", False: "✗ no"})
        table["ratio_to_highest"] = table["ratio_to_highest"].map(
            lambda v: "–" if v != v else f"{v:.2f}")
        self.table.value = html_table(table, percent=("selection_rate",))

    @property
    def widget(self) -> widgets.Widget:
        controls = widgets.VBox([*self.applicants.values(), *self.selected.values(),
                                 self.epsilon, self.verdict],
                                layout={"width": "430px", "margin": "0 12px 0 0"})
        return widgets.VBox([widgets.HBox([controls, self.image]), self.table])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def _slider(description: str, value: int, low: int, high: int) -> widgets.IntSlider:
    return widgets.IntSlider(value=value, min=low, max=max(high, value, 1),
                             description=description, style={"description_width": "120px"},
                             layout={"width": "420px"})


def _check_slider_range(epsilon: float) -> None:
    low, high = EPSILON_RANGE
    check_fraction(epsilon, name="epsilon")
    if not low <= epsilon <= high:
        raise ValueError(f"The 'epsilon' parameter of {caller()} must be between {low} and "
                         f"{high} (the range of its slider); got {epsilon!r} instead.")
