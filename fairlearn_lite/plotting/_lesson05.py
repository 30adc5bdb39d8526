"""Plots for lesson 05: what mitigation costs, at a stated operating point, and fairlearn's front.

Both plots keep their axes honest: the accuracy axis spans at least ten
percentage points, so a difference of half a point looks as small as it is,
and the fairness axis runs from 0.5 (or lower) to above parity, so the band
and the distance to it are in view.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._tolerance import within_band
from ._basic import new_axes
from ._models import plot_tradeoff
from ._style import COLORS, PALETTE

MIN_ACCURACY_SPAN = 0.10


def _honest_limits(ax, accuracy, ratio) -> None:
    """At least ten points of accuracy across; the ratio axis from 0.5 (or lower) to 1.05."""
    accuracy = np.asarray(accuracy, dtype=float)
    low, high = float(np.nanmin(accuracy)), float(np.nanmax(accuracy))
    middle, half = (low + high) / 2, max(high - low + 0.02, MIN_ACCURACY_SPAN) / 2
    ax.set_xlim(middle - half, middle + half)
    ax.set_ylim(min(0.5, float(np.nanmin(ratio)) - 0.05), max(1.05, float(np.nanmax(ratio)) + 0.05))


def tradeoff_title(table: pd.DataFrame, band=(0.8, 1.25), *, fairness: str = "parity ratio",
                   share: str = "share predicted positive") -> str:
    """A title that states the finding: how many untreated models are in the band, and which
    methods put every model they were tried on inside it."""
    inside = pd.Series(within_band(table[fairness].to_numpy(dtype=float), *band),
                       index=table.index)
    untreated = table["method"] == "none"
    outside = int((~inside[untreated]).sum())
    reached = [f"{m} ({int(rows.sum())} of {len(rows)})"
               for m, rows in inside[~untreated].groupby(table["method"], sort=False)
               if rows.all()]
    return (f"About {table[share].mean():.0%} predicted positive: {outside} of "
            f"{int(untreated.sum())} untreated models outside the band;\n"
            f"inside with every model tried: {', '.join(reached) if reached else 'no method'}")


def plot_mitigation_tradeoff(table: pd.DataFrame, *, band=(0.8, 1.25), ax=None,
                             title: str | None = None):
    """Accuracy against the parity ratio for every model x method, at one operating point.

    Like :func:`plot_tradeoff` (colour = model, marker = method, the band
    shaded), with honest axes: accuracy spans at least ten percentage points and
    the ratio axis starts at 0.5 or lower. The title states the share predicted
    positive, how many untreated models are outside the band, and which methods
    put every model they were tried on inside it.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``model``, ``method``, ``accuracy``, ``parity ratio`` and ``share
        predicted positive``, such as ``Mitigation.table()``.
    band : (float, float), default (0.8, 1.25)
    ax : matplotlib Axes, optional
    title : str, optional
        Default: :func:`tradeoff_title`.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    Kamiran & Calders (2012); Kamiran, Karim & Zhang (2012); Hardt, Price &
    Srebro (2016); Agarwal et al. (2018).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"model": ["logistic"] * 2, "method": ["none", "group thresholds"],
    ...                       "accuracy": [0.67, 0.665], "parity ratio": [0.71, 0.95],
    ...                       "share predicted positive": [0.686, 0.683]})
    >>> ax = plot_mitigation_tradeoff(table)
    >>> ax.get_title().splitlines()[0]
    'About 68% predicted positive: 1 of 1 untreated models outside the band;'
    >>> ax.get_title().splitlines()[1]
    'inside with every model tried: group thresholds (1 of 1)'
    >>> round(float(ax.get_xlim()[1] - ax.get_xlim()[0]), 2), float(ax.get_ylim()[0])
    (0.1, 0.5)
    >>> plt.close("all")
    """
    ax = plot_tradeoff(table, performance="accuracy", fairness="parity ratio", band=band, ax=ax)
    ax.axhline(1, color=COLORS["black"], linewidth=0.8)
    _honest_limits(ax, table["accuracy"], table["parity ratio"])
    ax.set_xlabel("accuracy on the test students")
    ax.set_ylabel("demographic parity ratio (1 = parity)")
    ax.set_title(title if title is not None else tradeoff_title(table, band), fontsize="medium")
    return ax


def front_title(result) -> str:
    """The finding of a :class:`fairlearn_lite.mitigation.ReductionsFront`, on the test students."""
    chosen, plain = result.test.loc["chosen"], result.test.loc["unconstrained"]
    return (f"GridSearch on test: parity ratio {plain['parity ratio']:.2f} → "
            f"{chosen['parity ratio']:.2f}, accuracy {plain['accuracy']:.1%} → "
            f"{chosen['accuracy']:.1%}")


def plot_reductions_front(result, ax=None, *, band=(0.8, 1.25), title: str | None = None):
    """The accuracy-fairness front that fairlearn's GridSearch traces, and what reached the test.

    Grey dots: every candidate, judged on out-of-fold training scores; the line
    joins the front (no candidate better in both). Filled markers: the
    unconstrained model (λ = 0) and the chosen one, out-of-fold; open markers:
    the same two on the test students. The band is shaded.

    Parameters
    ----------
    result : ReductionsFront
        From :func:`fairlearn_lite.mitigation.reductions_front`.
    ax : matplotlib Axes, optional
    band : (float, float), default (0.8, 1.25)
    title : str, optional
        Default: :func:`front_title`.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    Agarwal, Beygelzimer, Dudík, Langford & Wallach (2018), A reductions
    approach to fair classification, ICML.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from types import SimpleNamespace
    >>> front = pd.DataFrame({"accuracy": [0.66, 0.65, 0.60], "parity ratio": [0.74, 0.85, 0.8],
    ...                       "on front": [True, True, False],
    ...                       "unconstrained": [True, False, False]})
    >>> test = pd.DataFrame({"accuracy": [0.66, 0.67], "parity ratio": [0.84, 0.71]},
    ...                     index=["chosen", "unconstrained"])
    >>> ax = plot_reductions_front(SimpleNamespace(front=front, chosen=1, test=test))
    >>> ax.get_title()
    'GridSearch on test: parity ratio 0.71 → 0.84, accuracy 67.0% → 66.0%'
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(9, 5.5))
    front, test = result.front, result.test
    ax.axhspan(*band, color=COLORS["band"], zorder=0)
    ax.axhline(1, color=COLORS["black"], linewidth=0.8)
    ax.scatter(front["accuracy"], front["parity ratio"], s=35, color=COLORS["grey"],
               label="candidate (out-of-fold)", zorder=2)
    line = front[front["on front"]].sort_values("accuracy")
    ax.plot(line["accuracy"], line["parity ratio"], color=COLORS["grey"], zorder=2,
            label="the front")
    plain = int(np.flatnonzero(front["unconstrained"].to_numpy())[0])
    for name, row, colour, marker in [("unconstrained", plain, PALETTE[1], "s"),
                                      ("chosen", result.chosen, PALETTE[0], "D")]:
        label = "unconstrained (λ = 0)" if name == "unconstrained" else name
        ax.scatter(front.loc[row, "accuracy"], front.loc[row, "parity ratio"], s=130,
                   marker=marker, color=colour, edgecolor=COLORS["black"], zorder=4,
                   label=f"{label}, out-of-fold")
        ax.scatter(test.loc[name, "accuracy"], test.loc[name, "parity ratio"], s=130,
                   marker=marker, facecolor="white", edgecolor=colour, linewidth=2.5, zorder=4,
                   label=f"{label}, test")
    _honest_limits(ax, pd.concat([front["accuracy"], test["accuracy"]]),
                   pd.concat([front["parity ratio"], test["parity ratio"]]))
    ax.set_xlabel("accuracy")
    ax.set_ylabel("demographic parity ratio (1 = parity)")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize="small")
    ax.set_title(title if title is not None else front_title(result), fontsize="medium")
    return ax
