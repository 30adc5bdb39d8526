"""Plots for lessons 01 and 02: selection rates, confusion matrices, score histograms.

Each function takes results that were computed elsewhere (it never computes a
metric itself), draws on ``ax`` (or a new figure), and returns the Axes.
Colour is never the only carrier of meaning: failing bars are also hatched,
and every bar and cell carries its number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..confusion import RATES
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

    One bar per group at its selection rate, ``selected / applicants``. The
    dashed line is the rate a group needs, ``epsilon x the highest rate``
    (0.8 x the highest rate for the four-fifths rule). Bars below the line are
    vermillion and hatched, the others blue; each bar shows its rate, its
    counts and "passes" or "fails". The title states the finding, for example
    the group with the lowest ratio to the top rate. A group without
    applicants has a bar of height 0 that reads "no applicants".

    Parameters
    ----------
    result : FourFifthsResult
        From :func:`fairlearn_lite.metrics.four_fifths_rule`.
    ax : matplotlib Axes, optional
        Where to draw; by default on a new figure.

    Returns
    -------
    matplotlib Axes

    See Also
    --------
    fairlearn_lite.metrics.four_fifths_rule : computes the rates and the verdict.

    References
    ----------
    .. [1] Uniform Guidelines on Employee Selection Procedures (1978),
       29 CFR 1607.4(D): a group's selection rate below four-fifths (80%) of
       the rate of the group with the highest rate is generally regarded as
       evidence of adverse impact.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.metrics import four_fifths_rule
    >>> from fairlearn_lite.plotting import plot_selection_rates
    >>> result = four_fifths_rule({"women": 96, "men": 30}, {"women": 120, "men": 50})
    >>> ax = plot_selection_rates(result)
    >>> ax.get_title()
    'Men selected at 75% of the top rate: below 80%'
    >>> len(ax.patches)  # one bar per group
    2
    >>> [text.get_text().split()[0] for text in ax.texts]
    ['80%', '60%']
    >>> plt.close("all")
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
                va="center", fontsize="medium",
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "none"})
    needed = table["rate_needed"].iloc[0]
    line.set_ydata([needed, needed])
    ax.set_title(selection_title(result))


CELLS = [("tp", "TP", "true positive"), ("fn", "FN", "false negative"),
         ("fp", "FP", "false positive"), ("tn", "TN", "true negative")]


def plot_confusion_matrix(counts, ax=None, *, title: str | None = None,
                          positive: str = "positive", negative: str = "negative"):
    """A 2 x 2 confusion matrix: actual outcome in rows, prediction in columns.

    The four cells are TP (true positive) and FN (false negative) in the top
    row, FP (false positive) and TN (true negative) in the bottom row. Correct
    cells (TP, TN) are light blue, errors (FN, FP) orange and hatched. Every
    cell shows its name, its count and its share of all rows,
    ``count / (TP + FP + FN + TN)``. Weighted counts that are not whole
    numbers are shown with one decimal.

    Parameters
    ----------
    counts : dict or pandas.Series
        With the keys ``tp``, ``fp``, ``fn`` and ``tn``, for example one row
        of :func:`fairlearn_lite.metrics.group_confusion`.
    ax : matplotlib Axes, optional
        Where to draw; by default on a new figure.
    title : str, optional
        Shown above the matrix.
    positive, negative : str, default "positive", "negative"
        The names of the two outcomes on the axes, for example ``"pass"`` and
        ``"fail"``.

    Returns
    -------
    matplotlib Axes

    See Also
    --------
    plot_confusion_matrices : one matrix per group, side by side.

    References
    ----------
    .. [1] Fawcett, T. (2006). An introduction to ROC analysis. Pattern
       Recognition Letters 27(8), 861-874 (the confusion matrix and its cells).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.plotting import plot_confusion_matrix
    >>> ax = plot_confusion_matrix({"tp": 40, "fn": 10, "fp": 5, "tn": 45}, title="all students")
    >>> print(ax.texts[0].get_text())  # the top-left cell
    TP
    40
    40%
    >>> [text.get_text().split()[0] for text in ax.texts]
    ['TP', 'FN', 'FP', 'TN']
    >>> plt.close("all")
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
                va="center", fontsize="large", fontweight="bold")
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
    """One confusion matrix per group (rows of :func:`group_confusion`), side by side.

    Each panel is drawn by :func:`plot_confusion_matrix` and titled with the
    group and its accuracy, ``(TP + TN) / n``.

    Parameters
    ----------
    confusion : pandas.DataFrame
        One row per group with the columns ``tp``, ``fp``, ``fn``, ``tn`` and
        ``n``, as made by :func:`fairlearn_lite.metrics.group_confusion`.
    axes : sequence of matplotlib Axes, optional
        One per group; by default a new figure with one row of panels.
    positive, negative : str, default "positive", "negative"
        The names of the two outcomes on the axes.

    Returns
    -------
    numpy.ndarray of matplotlib Axes
        One per group, in the order of the rows of ``confusion``.

    See Also
    --------
    plot_confusion_matrix : one matrix.

    References
    ----------
    .. [1] Fawcett, T. (2006). An introduction to ROC analysis. Pattern
       Recognition Letters 27(8), 861-874.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.metrics import group_confusion
    >>> from fairlearn_lite.plotting import plot_confusion_matrices
    >>> confusion = group_confusion([1, 1, 0, 0, 1, 0], [1, 0, 0, 1, 1, 0],
    ...                             sensitive_features=["a", "a", "a", "a", "b", "b"])
    >>> axes = plot_confusion_matrices(confusion, positive="pass", negative="fail")
    >>> [ax.get_title() for ax in axes]
    ['a: accuracy 50%', 'b: accuracy 100%']
    >>> plt.close("all")
    """
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, len(confusion), figsize=(4.2 * len(confusion), 4.2))
    axes = np.atleast_1d(axes)
    for ax, (group, row) in zip(axes, confusion.iterrows(), strict=True):
        correct, total = RATES["accuracy"].parts(row)  # the registry's formula, on this row
        accuracy = correct / total if total else float("nan")
        plot_confusion_matrix(row, ax=ax, title=f"{group}: accuracy {accuracy:.0%}",
                              positive=positive, negative=negative)
    return axes


def plot_score_histograms(histograms: dict, threshold, axes=None, *, summary=None,
                          outcome: str = "positive BSA"):
    """Score distributions per group, split by actual outcome, with the threshold line.

    One panel per group. The bars count the students in each score bin,
    stacked: those whose actual outcome was positive at the bottom (blue),
    those whose outcome was negative on top (orange, hatched). The black
    vertical line is the threshold: a student at or right of it (``score >=
    threshold``) is predicted positive. So blue bars left of the line are
    false negatives, orange bars right of it false positives.

    Parameters
    ----------
    histograms : dict
        From :meth:`fairlearn_lite.metrics.ScoredGroups.histograms`: the bin
        ``"edges"``, and per group the counts ``"positive"`` and ``"negative"``.
    threshold : float or dict
        One threshold for every group, or a dict with one per group.
    axes : sequence of matplotlib Axes, optional
        One per group; by default a new figure with one row of panels.
    summary : dict, optional
        Maps each group to a short line shown under its name in the panel
        title, for example its error rates.
    outcome : str, default "positive BSA"
        The name of the positive outcome, used in the legend.

    Returns
    -------
    numpy.ndarray of matplotlib Axes
        One per group.

    References
    ----------
    .. [1] Hardt, M., Price, E. & Srebro, N. (2016). Equality of opportunity in
       supervised learning. Advances in Neural Information Processing Systems
       29 (thresholds per group).
    .. [2] Wattenberg, M., Viégas, F. & Hardt, M. (2016). Attacking
       discrimination with smarter machine learning. Google Research (the
       interactive version of this picture).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.metrics import ScoredGroups
    >>> from fairlearn_lite.plotting import plot_score_histograms
    >>> scored = ScoredGroups([1, 0, 1, 0, 1, 1], [0.9, 0.3, 0.6, 0.2, 0.8, 0.4],
    ...                       sensitive_features=["a", "a", "a", "b", "b", "b"])
    >>> axes = plot_score_histograms(scored.histograms(bins=10), {"a": 0.5, "b": 0.3})
    >>> [ax.get_title() for ax in axes]
    ['a', 'b']
    >>> [float(ax.lines[0].get_xdata()[0]) for ax in axes]  # the threshold lines
    [0.5, 0.3]
    >>> plt.close("all")
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
        if ax.get_title():  # a widget's update: keep the size the title was drawn with
            ax.title.set_text(title)
        else:
            ax.set_title(title, fontsize="medium")


def _threshold_for(threshold, group) -> float:
    return float(threshold[group]) if isinstance(threshold, dict) else float(threshold)


MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def plot_calibration(calibration: pd.DataFrame, ax=None, *, title: str | None = None):
    """Observed positive rate against mean score per bin, one line per group.

    Each point is one score bin of one group: across, the mean score in the
    bin; up, the share of those students whose outcome was actually positive.
    The dashed diagonal is perfect calibration (observed rate = mean score):
    points on it mean "a score of 0.7 comes true 7 times in 10". A model is
    calibrated within groups (sufficiency) when every group's line follows
    the diagonal. Each group has its own colour *and* marker.

    Parameters
    ----------
    calibration : pandas.DataFrame
        From :func:`fairlearn_lite.criteria.calibration_by_group`: the columns
        ``group``, ``mean_score`` and ``observed_rate``.
    ax : matplotlib Axes, optional
        Where to draw; by default on a new figure.
    title : str, optional
        Shown above the plot.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    .. [1] Niculescu-Mizil, A. & Caruana, R. (2005). Predicting good
       probabilities with supervised learning. Proceedings of the 22nd
       International Conference on Machine Learning (ICML), 625-632.
    .. [2] Kleinberg, J., Mullainathan, S. & Raghavan, M. (2017). Inherent
       trade-offs in the fair determination of risk scores. Innovations in
       Theoretical Computer Science (ITCS) 2017.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.criteria import calibration_by_group
    >>> from fairlearn_lite.plotting import plot_calibration
    >>> table = calibration_by_group([0, 1, 0, 1, 0, 1, 1, 1], [.2, .8, .3, .7, .1, .9, .6, .8],
    ...                              sensitive_features=list("aaaabbbb"), n_bins=2)
    >>> ax = plot_calibration(table, title="Calibration per group")
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['perfectly calibrated', 'a', 'b']
    >>> [line.get_marker() for line in ax.lines[1:]]  # a marker per group, not only a colour
    ['o', 's']
    >>> plt.close("all")
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
