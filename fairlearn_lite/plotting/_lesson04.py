"""Plots for lesson 04's model comparison: ROC curves with operating points, accuracy against bias.

Like the other plotting modules, these take results computed elsewhere
(:mod:`fairlearn_lite.comparison`) and return the Axes.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._basic import MARKERS, new_axes
from ._style import COLORS, PALETTE

LINESTYLES = ["-", "--", ":", "-."]


def plot_roc_curves(curves: Mapping, ax=None, *, operating_points: Mapping | None = None,
                    title: str | None = None):
    """ROC curves of several models, each with its operating point marked.

    One line per model (colour *and* line style): the true positive rate
    against the false positive rate as the cut-off runs from 1 to 0. The
    legend gives each model's AUC, the area under its curve (0.5 = a random
    order, 1 = perfect). A marker on each curve shows the model's chosen
    cut-off; the dashed diagonal is a random order.

    Parameters
    ----------
    curves : dict
        Model name: DataFrame with ``false positive rate``, ``true positive
        rate`` and ``cut-off`` columns, as made by
        :func:`fairlearn_lite.comparison.roc_curves`, whose ``.attrs["AUC"]``
        holds the area.
    ax : matplotlib Axes, optional
    operating_points : dict, optional
        Model name: (false positive rate, true positive rate) at its cut-off;
        by default each curve's ``.attrs["operating point"]``, if any.
    title : str, optional
        By default the model with the highest AUC.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    Fawcett, T. (2006). An introduction to ROC analysis. Pattern Recognition
    Letters 27(8), 861-874.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> curve = pd.DataFrame({"false positive rate": [0, 0.2, 1], "true positive rate": [0, 0.7, 1],
    ...                       "cut-off": [1, 0.5, 0]})
    >>> curve.attrs["AUC"] = 0.75
    >>> ax = plot_roc_curves({"model": curve}, operating_points={"model": (0.2, 0.7)})
    >>> ax.get_title(), [t.get_text() for t in ax.get_legend().get_texts()][0]
    ('Highest AUC: model (0.75)', 'model (AUC 0.75)')
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(6.5, 6))
    for k, (name, curve) in enumerate(curves.items()):
        auc = curve.attrs.get("AUC", np.nan)
        ax.plot(curve["false positive rate"], curve["true positive rate"],
                color=PALETTE[k % len(PALETTE)], linestyle=LINESTYLES[k % len(LINESTYLES)],
                linewidth=2.5, label=f"{name} (AUC {auc:.2f})")
        point = (operating_points or {}).get(name, curve.attrs.get("operating point"))
        if point is not None:
            ax.plot(*point, marker=MARKERS[k % len(MARKERS)], markersize=11,
                    color=PALETTE[k % len(PALETTE)], markeredgecolor=COLORS["black"], zorder=3)
    ax.plot([0, 1], [0, 1], color=COLORS["grey"], linestyle="--", linewidth=1,
            label="random order")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate")
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    aucs = {name: curve.attrs.get("AUC", np.nan) for name, curve in curves.items()}
    best = max(aucs, key=lambda n: aucs[n])
    ax.set_title(title or f"Highest AUC: {best} ({aucs[best]:.2f})")
    return ax


def honest_limits(values, *, min_span: float = 0.05) -> tuple[float, float]:
    """Axis limits around ``values`` that span at least ``min_span``, with a margin of 10%.

    Examples
    --------
    >>> [round(v, 3) for v in honest_limits([0.702, 0.710])]
    [0.681, 0.731]
    """
    values = np.asarray([v for v in values if np.isfinite(v)], dtype=float)
    low, high = float(values.min()), float(values.max())
    pad = 0.1 * (high - low)
    low, high = low - pad, high + pad
    if high - low < min_span:
        middle = (low + high) / 2
        low, high = middle - min_span / 2, middle + min_span / 2
    return low, high


def plot_performance_and_fairness(table: pd.DataFrame, *, performance: str, fairness: str,
                                  baselines: Mapping | None = None, min_span: float = 0.05,
                                  ax=None, title: str | None = None):
    """Performance against a count of fairness problems, one labelled point per model.

    Across: the performance (for example validation accuracy), on an axis that
    spans at least ``min_span`` (5 points by default) and includes the
    ``baselines``, drawn as dashed vertical lines, so a difference of half a
    point does not look large. Up: the fairness count (for example the metrics
    outside the band), from 0. Each model has its own colour *and* marker.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per model, indexed by name.
    performance, fairness : str
        The columns for the x and y axis.
    baselines : dict, optional
        Label: a performance a model must beat (for example ``{"everyone
        passes": 0.684}``).
    min_span : float, default 0.05
    ax : matplotlib Axes, optional
    title : str, optional
        By default the spread in performance and the model with the lowest count.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    Wiśniewski & Biecek (2022), fairmodels, The R Journal 14(1) (the
    ``performance_and_fairness`` plot).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"accuracy": [0.709, 0.703], "outside": [2, 5]}, index=["a", "b"])
    >>> ax = plot_performance_and_fairness(table, performance="accuracy", fairness="outside",
    ...                                    baselines={"everyone passes": 0.684})
    >>> low, high = ax.get_xlim()
    >>> bool(high - low >= 0.05 and low < 0.684)
    True
    >>> ax.get_title()
    'Accuracy differs by 0.6 points; fewest outside: a'
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(8, 5))
    baselines = dict(baselines or {})
    for k, (label, value) in enumerate(baselines.items()):
        ax.axvline(value, color=COLORS["grey"], linestyle=LINESTYLES[1 + k % 3], linewidth=1.5)
        ax.annotate(label, (value, 0), xycoords=("data", "axes fraction"), xytext=(4, 4),
                    textcoords="offset points", va="bottom", fontsize="small", color=COLORS["grey"],
                    rotation=90)
    for k, (model, row) in enumerate(table.iterrows()):
        ax.scatter(row[performance], row[fairness], s=140, marker=MARKERS[k % len(MARKERS)],
                   color=PALETTE[k % len(PALETTE)], edgecolor=COLORS["black"], zorder=3)
        ax.annotate(str(model), (row[performance], row[fairness]), xytext=(8, 8),
                    textcoords="offset points", fontsize="medium")
    ax.set_xlim(*honest_limits([*table[performance], *baselines.values()], min_span=min_span))
    ax.set_ylim(0, max(1.0, float(table[fairness].max())) * 1.25)
    ax.set_xlabel(performance)
    ax.set_ylabel(fairness)
    spread = 100 * (table[performance].max() - table[performance].min())
    ax.set_title(title or f"{performance.capitalize()} differs by {spread:.1f} points; fewest "
                          f"{fairness}: {table[fairness].idxmin()}")
    return ax
