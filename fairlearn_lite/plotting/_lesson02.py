"""Plots for lesson 02: where the students' scores lie, and what a cut-off does with them.

The score histograms here show each group's students as *shares of that group*
on one shared axis, so a small group and a large one can be compared bar for
bar; counts on separate axes would make every group look the same size.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..confusion import compute_rates
from ._basic import plot_score_histograms
from ._style import COLORS

__all__ = ["cutoff_title", "mark_cutoff", "plot_cutoff_comparison", "share_histograms"]

# Line styles of the cut-offs after the first (which plot_score_histograms draws solid black).
EXTRA_LINES = [{"color": COLORS["green"], "linestyle": "--"},
               {"color": COLORS["purple"], "linestyle": ":"}]


def share_histograms(histograms: dict) -> dict:
    """The same histograms with each group's counts divided by the group's total.

    ``share = count in the bin / all students of the group`` (both outcomes
    together), so the bars of one group add up to 1. A group without students
    keeps bars of 0.

    Parameters
    ----------
    histograms : dict
        From :meth:`fairlearn_lite.ScoredGroups.histograms`: ``"edges"`` and,
        per group, the counts ``"positive"`` and ``"negative"`` per bin.

    Returns
    -------
    dict
        The same keys, with shares instead of counts.

    Examples
    --------
    >>> from fairlearn_lite import ScoredGroups
    >>> scored = ScoredGroups([1, 0, 1, 1], [0.9, 0.2, 0.3, 0.8], sensitive_features=list("aaab"))
    >>> shares = share_histograms(scored.histograms(bins=2))
    >>> shares["a"]["positive"].round(2).tolist(), shares["a"]["negative"].round(2).tolist()
    ([0.33, 0.33], [0.33, 0.0])
    >>> shares["b"]["positive"].tolist()
    [0.0, 1.0]
    """
    shares = {"edges": histograms["edges"]}
    for group, counts in histograms.items():
        if group == "edges":
            continue
        total = float(np.sum(counts["positive"]) + np.sum(counts["negative"]))
        shares[group] = {kind: np.asarray(counts[kind], dtype=float) / (total or 1.0)
                         for kind in ("positive", "negative")}
    return shares


def cutoff_title(selected: Mapping[str, float], base_rate: float,
                 outcome: str = "positive BSA") -> str:
    """A title stating the share predicted positive at each named cut-off.

    Examples
    --------
    >>> cutoff_title({"0.50": 0.887, "the base-rate cut-off 0.63": 0.686}, 0.684)
    'Predicted positive BSA: 89% at 0.50, 69% at the base-rate cut-off 0.63 (actual: 68%)'
    """
    shares = ", ".join(f"{share:.0%} at {name}" for name, share in selected.items())
    return f"Predicted {outcome}: {shares} (actual: {base_rate:.0%})"


def mark_cutoff(axes, cutoff: float, label: str, *, style: Mapping | None = None) -> list:
    """A fixed vertical line at ``cutoff`` in every panel; returns the lines.

    Only the first panel's line carries ``label``, for the figure's legend.
    """
    style = dict(style or EXTRA_LINES[0])
    return [ax.axvline(cutoff, linewidth=2.5, zorder=3, label=label if i == 0 else None, **style)
            for i, ax in enumerate(np.atleast_1d(axes))]


def _overall_rates(scored, cutoff: float) -> tuple[float, float]:
    """(share predicted positive, share actually positive) over all groups together."""
    counts = scored.counts(cutoff).total()
    rates = compute_rates(["selection_rate", "base_rate"], counts, warn_undefined=False)
    return float(rates["selection_rate"][0]), float(rates["base_rate"][0])


def plot_cutoff_comparison(scored, cutoffs: Mapping[str, float], *, outcome: str = "positive BSA",
                           bins: int = 20, axes=None):
    """Score histograms per group with several cut-offs, titled with the share predicted positive.

    One panel per group: the share of the group's students in each score bin
    (:func:`share_histograms`), those with an actual positive outcome in blue
    at the bottom, the others orange and hatched on top, on one shared y-axis
    from 0. Each cut-off is a vertical line (the first solid black, the others
    dashed or dotted, named in the legend); a student at or right of a line is
    predicted positive there. The title gives, for each cut-off, the share of
    all students predicted positive, and the share actually positive.

    Parameters
    ----------
    scored : ScoredGroups
        Labels, scores and groups (of the test students, say).
    cutoffs : dict
        Maps a name (shown in the title and legend) to a cut-off, at most three;
        for example ``{"0.50": 0.5, "the base-rate cut-off 0.63": 0.63}``.
    outcome : str, default "positive BSA"
        What "positive" means, for the title and legend.
    bins : int, default 20
    axes : sequence of matplotlib Axes, optional
        One per group, sharing the y-axis; by default a new figure.

    Returns
    -------
    numpy.ndarray of matplotlib Axes

    References
    ----------
    Fawcett, T. (2006). An introduction to ROC analysis. Pattern Recognition
    Letters 27(8), 861-874 (a threshold on scores turns them into classifications).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite import ScoredGroups
    >>> scored = ScoredGroups([1, 0, 1, 0, 1, 1], [0.9, 0.3, 0.6, 0.2, 0.8, 0.4],
    ...                       sensitive_features=["a", "a", "a", "b", "b", "b"])
    >>> axes = plot_cutoff_comparison(scored, {"0.50": 0.5, "0.35": 0.35})
    >>> axes[0].figure.get_suptitle()
    'Predicted positive BSA: 50% at 0.50, 67% at 0.35 (actual: 67%)'
    >>> axes[0].get_ylabel(), axes[0].get_xlabel()
    ("share of the group's students", 'score (chance of a positive BSA)')
    >>> plt.close("all")
    """
    named = list(cutoffs.items())
    if not 1 <= len(named) <= 1 + len(EXTRA_LINES):
        raise ValueError("The 'cutoffs' parameter of plot_cutoff_comparison must name one to "
                         f"three cut-offs; got {len(named)}.")
    groups = scored.group_labels
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, len(groups), figsize=(4.5 * len(groups) + 0.5, 4.4),
                               sharey=True, squeeze=False)
        axes = axes[0]
    axes = plot_score_histograms(share_histograms(scored.histograms(bins)), named[0][1], axes,
                                 outcome=outcome)
    axes[0].lines[0].set_label(_legend_name(named[0][0]))
    for (name, cutoff), style in zip(named[1:], EXTRA_LINES, strict=False):
        mark_cutoff(axes, cutoff, _legend_name(name), style=style)
    _label_share_axes(axes, outcome)
    selected = {name: _overall_rates(scored, cutoff)[0] for name, cutoff in named}
    axes[0].figure.suptitle(cutoff_title(selected, _overall_rates(scored, named[0][1])[1],
                                         outcome), fontweight="bold")
    return axes


def _legend_name(name: str) -> str:
    """A cut-off's name for the legend: 'cut-off 0.50', or the name when it says so itself."""
    name = str(name)
    return name[:1].upper() + name[1:] if "cut-off" in name else f"cut-off {name}"


def _label_share_axes(axes, outcome: str) -> None:
    """Axis labels for share histograms, and one legend with every bar and line."""
    for ax in axes:
        ax.set_xlabel(f"score (chance of a {outcome})" if len(axes) < 4 else "score")
        ax.set_ylim(bottom=0)
    axes[0].set_ylabel("share of the group's students")
    figure = axes[0].figure
    for legend in list(figure.legends):
        legend.remove()
    handles, labels = axes[0].get_legend_handles_labels()
    if labels:
        figure.legend(handles, labels, loc="outside lower center", ncols=2, frameon=False)
