"""Plots for lessons 01 and 02: selection rates, confusion matrices, score histograms.

Each function takes results that were computed elsewhere (it never computes a
metric itself), draws on ``ax`` (or a new figure), and returns the Axes.
Colour is never the only carrier of meaning: failing bars are also hatched,
and every bar and cell carries its number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._style import COLORS


def new_axes(ax=None, *, figsize=(8, 4.5)):
    """``ax`` itself, or the Axes of a new pyplot figure."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)[1]


def selection_title(result) -> str:
    """A title that states the finding of a four-fifths result."""
    failing = result.table.index[~result.table["passes"]]
    if len(failing) == 0:
        return f"Every group is selected at ≥ {result.epsilon:.0%} of the highest rate"
    ratios = result.table.loc[failing, "ratio_to_highest"].dropna()
    if ratios.empty:
        return "No ratio to compare: nobody selected, or a group without applicants"
    worst = ratios.idxmin()
    ratio = ratios[worst]
    return (f"{str(worst).capitalize()} selected at {ratio:.0%} of the top rate: "
            f"below {result.epsilon:.0%}")


def plot_selection_rates(result, ax=None):
    """Bar chart of selection rates with the four-fifths line (a :class:`FourFifthsResult`).

    Bars below the line are vermillion and hatched; each bar shows its rate.
    """
    ax = new_axes(ax)
    table = result.table
    labels = [str(g) for g in table.index]
    bars = ax.bar(labels, table["selection_rate"].fillna(0), color=COLORS["blue"], width=0.6)
    line = ax.axhline(table["rate_needed"].iloc[0], color=COLORS["black"], linestyle="--",
                      linewidth=2, label="threshold × highest rate")
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("selection rate")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper right", frameon=False)
    update_selection_rates(ax, result, bars=bars, line=line)
    return ax


def update_selection_rates(ax, result, *, bars=None, line=None) -> None:
    """Move the bars, line and labels of :func:`plot_selection_rates` to a new result."""
    table = result.table
    bars = bars if bars is not None else ax.containers[0]
    line = line if line is not None else ax.lines[0]
    for text in list(ax.texts):
        text.remove()
    for bar, (_, row) in zip(bars, table.iterrows(), strict=True):
        rate = 0 if np.isnan(row["selection_rate"]) else row["selection_rate"]
        bar.set_height(rate)
        bar.set_facecolor(COLORS["blue"] if row["passes"] else COLORS["vermillion"])
        bar.set_hatch("" if row["passes"] else "//")
        bar.set_edgecolor(COLORS["black"])
        verdict = "passes" if row["passes"] else "fails"
        label = "no applicants" if np.isnan(row["selection_rate"]) else \
            f"{rate:.0%} ({int(row['selected'])} of {int(row['applicants'])})\n{verdict}"
        ax.text(bar.get_x() + bar.get_width() / 2, max(rate / 2, 0.08), label, ha="center",
                va="center", fontsize=13,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "none"})
    needed = table["rate_needed"].iloc[0]
    line.set_ydata([needed, needed])
    ax.set_title(selection_title(result))


CELLS = [("tp", "TP", "true positive"), ("fn", "FN", "false negative"),
         ("fp", "FP", "false positive"), ("tn", "TN", "true negative")]


def plot_confusion_matrix(counts, ax=None, *, title: str | None = None,
                          positive: str = "positive", negative: str = "negative"):
    """A 2 x 2 confusion matrix: actual outcome in rows, prediction in columns.

    ``counts`` is a mapping or Series with ``tp, fp, fn, tn`` (for example one
    row of :func:`group_confusion`). Correct cells are blue, errors orange and
    hatched; every cell shows its name and count.
    """
    ax = new_axes(ax, figsize=(4.5, 4))
    total = sum(float(counts[c]) for c in ("tp", "fp", "fn", "tn"))
    for position, (key, short, _) in enumerate(CELLS):
        row, column = divmod(position, 2)
        correct = key in ("tp", "tn")
        ax.add_patch(_cell_patch(column, 1 - row, correct))
        value = counts[key]
        shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        share = f"\n{value / total:.0%}" if total else ""
        ax.text(column + 0.5, 1 - row + 0.5, f"{short}\n{shown}{share}", ha="center",
                va="center", fontsize=14, fontweight="bold")
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks([0.5, 1.5], [positive, negative])
    ax.set_yticks([1.5, 0.5], [positive, negative])
    ax.set_xlabel("predicted")
    ax.set_ylabel("actual")
    ax.xaxis.set_label_position("top")
    ax.xaxis.tick_top()
    ax.grid(False)
    ax.set_aspect("equal")
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if title is not None:
        ax.set_title(title, pad=12)
    return ax


def _cell_patch(x, y, correct: bool):
    from matplotlib.patches import Rectangle

    return Rectangle((x + 0.03, y + 0.03), 0.94, 0.94,
                     facecolor=COLORS["sky"] if correct else COLORS["orange"],
                     hatch=None if correct else "//", edgecolor="white", alpha=0.55)


def plot_confusion_matrices(confusion: pd.DataFrame, axes=None, *, positive="positive",
                            negative="negative"):
    """One confusion matrix per group (rows of :func:`group_confusion`), side by side."""
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, len(confusion), figsize=(4.2 * len(confusion), 4.2))
    axes = np.atleast_1d(axes)
    for ax, (group, row) in zip(axes, confusion.iterrows(), strict=True):
        accuracy = (row["tp"] + row["tn"]) / row["n"] if row["n"] else float("nan")
        plot_confusion_matrix(row, ax=ax, title=f"{group}: accuracy {accuracy:.0%}",
                              positive=positive, negative=negative)
    return axes


def plot_score_histograms(histograms: dict, threshold, axes=None, *, summary=None,
                          outcome: str = "positive BSA"):
    """Score distributions per group, split by actual outcome, with the threshold line.

    ``histograms`` comes from :meth:`ScoredGroups.histograms`. ``threshold`` is
    a number or a dict per group. ``summary`` (optional) maps each group to a
    short line shown as its title, for example its error rates.
    """
    groups = [g for g in histograms if g != "edges"]
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, len(groups), figsize=(4.5 * len(groups), 4), sharey=False)
    axes = np.atleast_1d(axes)
    edges = histograms["edges"]
    width = edges[1] - edges[0]
    for ax, group in zip(axes, groups, strict=True):
        counts = histograms[group]
        ax.bar(edges[:-1], counts["positive"], width=width, align="edge",
               color=COLORS["blue"], alpha=0.8, label=f"actual: {outcome}")
        ax.bar(edges[:-1], counts["negative"], width=width, align="edge",
               bottom=counts["positive"], color=COLORS["orange"], hatch="//", alpha=0.8,
               edgecolor="white", label=f"actual: no {outcome}")
        ax.axvline(_threshold_for(threshold, group), color=COLORS["black"], linewidth=2.5,
                   gid="threshold")
        ax.set_xlim(0, 1)
        ax.set_xlabel("score")
        ax.grid(axis="x", visible=False)
    axes[0].set_ylabel("students")
    axes[0].figure.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center",
                          ncols=2, frameon=False)
    update_score_histograms(axes, groups, threshold, summary=summary)
    return axes


def update_score_histograms(axes, groups, threshold, *, summary=None) -> None:
    """Move the threshold line of each panel of :func:`plot_score_histograms`."""
    for ax, group in zip(np.atleast_1d(axes), groups, strict=True):
        value = _threshold_for(threshold, group)
        for line in ax.lines:
            if line.get_gid() == "threshold":
                line.set_xdata([value, value])
        title = f"{group}" if summary is None else f"{group}\n{summary[group]}"
        ax.set_title(title, fontsize=13)


def _threshold_for(threshold, group) -> float:
    return float(threshold[group]) if isinstance(threshold, dict) else float(threshold)


MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def plot_calibration(calibration: pd.DataFrame, ax=None, *, title: str | None = None):
    """Observed positive rate against mean score per bin, one line per group.

    ``calibration`` comes from :func:`fairlearn_lite.criteria.calibration_by_group`.
    Points on the diagonal mean "a score of 0.7 comes true 7 times in 10";
    each group has its own colour *and* marker.
    """
    from ._style import PALETTE

    ax = new_axes(ax, figsize=(6, 5.5))
    ax.plot([0, 1], [0, 1], color=COLORS["grey"], linestyle="--", label="perfectly calibrated")
    for i, (group, rows) in enumerate(calibration.groupby("group", sort=False)):
        ax.plot(rows["mean_score"], rows["observed_rate"], marker=MARKERS[i % len(MARKERS)],
                color=PALETTE[i % len(PALETTE)], linewidth=2, markersize=8, label=str(group))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("mean score in the bin")
    ax.set_ylabel("observed share positive")
    ax.set_aspect("equal")
    ax.legend(loc="upper left", frameon=False)
    if title is not None:
        ax.set_title(title)
    return ax
