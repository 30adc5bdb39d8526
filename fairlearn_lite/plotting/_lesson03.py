"""Plots and styled tables for lesson 03: equal recall against precision, the presets table.

Like the other plotting modules, these take results computed elsewhere
(:func:`fairlearn_lite.thresholds.equal_rate_sweep`,
:func:`fairlearn_lite.criteria.preset_table`) and only draw or format them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._basic import MARKERS
from ._style import PALETTE
from ._tables import style_table

CRITERIA_COLUMNS = ("independence", "separation", "sufficiency")


def sweep_title(sweep: pd.DataFrame) -> str:
    """A title that states the finding of an equal-recall sweep: the smallest gaps that remain."""
    gaps = {m: sweep.groupby("target")[m].agg(lambda v: v.max() - v.min()).min()
            for m in ("positive_predictive_value", "false_positive_rate")}
    return (f"Equal recall, yet precision never meets: smallest gap "
            f"{gaps['positive_predictive_value']:.2f} (false positive rate: "
            f"{gaps['false_positive_rate']:.2f})")


def plot_equal_rate_sweep(sweep: pd.DataFrame, axes=None, *, title: str | None = None):
    """Precision and false positive rate against an equalised true positive rate, per group.

    Each line is one group; each point one target true positive rate that
    every group was given (:func:`fairlearn_lite.thresholds.equal_rate_sweep`).
    Where base rates differ, the lines of precision and of the false positive
    rate stay apart: separation (equal TPR and FPR) and sufficiency (equal
    precision) cannot both hold. Both axes run from 0 to 1, so a gap looks as
    large as it is. Each group has its own colour *and* marker.

    Parameters
    ----------
    sweep : pandas.DataFrame
        With the columns ``group``, ``true_positive_rate``,
        ``positive_predictive_value`` and ``false_positive_rate``.
    axes : two matplotlib Axes, optional
    title : str, optional
        By default a title that states the smallest gaps.

    Returns
    -------
    numpy.ndarray of two Axes

    References
    ----------
    Chouldechova, A. (2017). Fair prediction with disparate impact. Big Data 5(2).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> sweep = pd.DataFrame({"target": [0.5, 0.5, 0.9, 0.9], "group": ["a", "b", "a", "b"],
    ...                       "true_positive_rate": [0.5, 0.5, 0.9, 0.9],
    ...                       "positive_predictive_value": [0.8, 0.6, 0.7, 0.5],
    ...                       "false_positive_rate": [0.1, 0.2, 0.3, 0.5]})
    >>> axes = plot_equal_rate_sweep(sweep)
    >>> axes[0].figure.texts[0].get_text()
    'Equal recall, yet precision never meets: smallest gap 0.20 (false positive rate: 0.10)'
    >>> [line.get_marker() for line in axes[0].lines]
    ['o', 's']
    >>> plt.close("all")
    """
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, 2, figsize=(11, 4.5), layout="constrained")
    axes = np.atleast_1d(axes)
    panels = [("positive_predictive_value", "precision (PPV)"),
              ("false_positive_rate", "false positive rate (FPR)")]
    for ax, (column, label) in zip(axes, panels, strict=True):
        for i, (group, rows) in enumerate(sweep.groupby("group", sort=False)):
            ax.plot(rows["true_positive_rate"], rows[column], marker=MARKERS[i % len(MARKERS)],
                    color=PALETTE[i % len(PALETTE)], linewidth=2, markersize=7, label=str(group))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("true positive rate (equal for every group)")
        ax.set_ylabel(label)
        ax.legend(frameon=False, loc="best")
    axes[0].figure.suptitle(title or sweep_title(sweep), fontweight="bold", fontsize="large")
    return axes


def style_preset_table(table: pd.DataFrame, *, caption: str | None = None):
    """The presets table (:func:`fairlearn_lite.criteria.preset_table`) as a styled table.

    Thresholds with two decimals, the share predicted positive as a
    percentage, the objective with three decimals, and each criterion as
    ✓ (holds) or ✗ (fails).

    Examples
    --------
    >>> table = pd.DataFrame({"threshold a": [0.5], "share predicted positive": [0.25],
    ...                       "balanced accuracy": [0.61234], "independence": [True]},
    ...                      index=["one cut-off"])
    >>> styled = style_preset_table(table, caption="Presets")
    >>> "✓" in styled.to_html() and "25.0%" in styled.to_html()
    True
    """
    formats = {}
    for column in table.columns:
        if column.startswith("threshold"):
            formats[column] = "{:.2f}"
        elif column == "share predicted positive":
            formats[column] = "{:.1%}"
        elif column in CRITERIA_COLUMNS:
            formats[column] = lambda holds: "✓" if holds else "✗"
        else:
            formats[column] = "{:.3f}"
    return style_table(table, caption).format(formats)
