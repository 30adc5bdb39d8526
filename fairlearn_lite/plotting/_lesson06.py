"""Plots for lesson 06, the bias audit: several selections of the same people, group by group."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._basic import new_axes
from ._style import COLORS, PALETTE

MARKERS = ["o", "s", "D", "^"]


def comparison_title(table: pd.DataFrame, names) -> str:
    """A title that states the finding: for how many groups each selection is closer to parity."""
    others = table[table["closer to parity"] != "reference"]
    counts = others["closer to parity"].value_counts()
    parts = [f"{name} {int(counts.get(name, 0))}" for name in names]
    equal = int(counts.get("about equal", 0))
    plural = "s" if len(others) != 1 else ""
    return (f"Nearer parity, of {len(others)} group{plural}: " + ", ".join(parts)
            + (f", equal {equal}" if equal else ""))


def _group_labels(rows: pd.DataFrame) -> list[str]:
    """Short labels, so the plot keeps its width: the group and its size; the variable's name
    only where the group alone does not say what it is (yes/no, a number band)."""
    labels = []
    for variable, group, n in zip(rows["variable"], rows["group"], rows["n"], strict=True):
        text = str(group)
        if text.lower() in {"yes", "no", "true", "false"} or text[:1].isdigit():
            text = f"{str(variable).replace('_', ' ')}: {text}"
        labels.append(f"{text} ({int(n):,})")
    return labels


def plot_selection_comparison(table: pd.DataFrame, *, names=None, ax=None, band=(0.8, 1.25),
                              metric: str = "false positives / group size",
                              title: str | None = None):
    """Each group's ratio to its reference group, with its interval, for several selections.

    One row per group that is not a reference; for each selection a marker
    (its own colour *and* shape) at the ratio and a bar for its 95% interval.
    The grey band is ``band``; the x axis is logarithmic, so 0.8 and 1.25 lie
    equally far from 1.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`fairlearn_lite.bias_audit.compare_selections`.
    names : list of str, optional
        The selections to show (default: all in the table).
    ax : matplotlib Axes, optional
    band : (float, float), default (0.8, 1.25)
    metric : str
        What the ratio is a ratio of, for the axis label.
    title : str, optional
        By default, for how many groups each selection is closer to parity.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.bias_audit import compare_selections
    >>> table = compare_selections([0] * 20, {"rule": [1, 0] * 5 + [1, 1, 1, 0] * 2 + [0, 0],
    ...                                       "model": [1, 0] * 10},
    ...                            sensitive_features={"group": ["a"] * 10 + ["b"] * 10})
    >>> ax = plot_selection_comparison(table)
    >>> ax.get_title()
    'Nearer parity, of 1 group: rule 0, model 1'
    >>> plt.close("all")
    """
    names = list(names) if names is not None else \
        [c[: -len(" ratio")] for c in table.columns if str(c).endswith(" ratio")]
    rows = table[table["closer to parity"] != "reference"].reset_index(drop=True)
    ax = new_axes(ax, figsize=(9, min(1.6 + 0.3 * len(rows) * len(names), 6.0)))
    ax.axvspan(*band, color=COLORS["band"], alpha=0.6, zorder=0, label="band")
    ax.axvline(1.0, color=COLORS["grey"], linestyle="--", linewidth=1.2)
    y = np.arange(len(rows))
    step = 0.7 / max(len(names), 1)
    for k, name in enumerate(names):
        ratio = rows[f"{name} ratio"].to_numpy(float)
        errors = np.vstack([ratio - rows[f"{name} low"].to_numpy(float),
                            rows[f"{name} high"].to_numpy(float) - ratio])
        ax.errorbar(ratio, y + (k - (len(names) - 1) / 2) * step, xerr=np.abs(errors),
                    fmt=MARKERS[k % len(MARKERS)], color=PALETTE[k % len(PALETTE)],
                    markersize=8, capsize=3, elinewidth=1.5, label=name)
    ax.set_xscale("log")
    low, high = ax.get_xlim()
    ticks = [t for t in (0.25, 0.5, 0.8, 1.25, 2, 4, 8) if low <= t <= high]  # 1: the dashed line
    ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
    ax.minorticks_off()
    ax.set_yticks(y, _group_labels(rows))
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(f"{metric}, ratio to the reference group\n(log scale; dashed: equal)")
    ax.figure.legend(*ax.get_legend_handles_labels(), loc="outside lower center",
                     ncols=len(names) + 1, fontsize="small", frameon=False)
    ax.set_title(title or comparison_title(table, names))
    return ax
