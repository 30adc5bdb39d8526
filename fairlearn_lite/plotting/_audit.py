"""The audit's own figure: the chosen metric's ratio per group, with its interval, against the band."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._basic import new_axes
from ._style import COLORS

__all__ = ["plot_audit_ratios"]

VERDICT_COLORS = {"worse off": COLORS["vermillion"], "higher": COLORS["vermillion"],
                  "better off": COLORS["blue"], "lower": COLORS["blue"],
                  "no bias": COLORS["green"], "unknown": COLORS["grey"]}


def audit_ratio_title(rows: pd.DataFrame) -> str:
    """The finding for one variable's rows: the group furthest from its reference, or none."""
    outside = rows[~rows["verdict"].isin(["no bias", "unknown"])]
    if outside.empty:
        return "No group outside the band"
    far = outside.loc[np.log(outside["ratio"].clip(lower=1e-9, upper=1e9)).abs().idxmax()]
    doubt = "\n(uncertain)" if far["uncertain"] else ""
    if not np.isfinite(far["ratio"]):
        return f"{far['group']}: the reference has none{doubt}"
    return f"{far['group']}: {far['ratio']:.2f}× the reference{doubt}"


def plot_audit_ratios(table: pd.DataFrame, variable: str, *, metric: str,
                      band: tuple[float, float] = (0.8, 1.25), ax=None):
    """Each group's ratio on the audit's metric, with its interval, against the shaded band.

    One row per group other than the reference: a dot at the ratio and a bar
    over its interval, on a log scale (0.8 and 1.25 equally far from 1).
    The verdict is in the colour *and* in the label ("worse off", "no bias",
    ...); an uncertain verdict has a hollow dot and "?". The title states the
    largest difference.

    Parameters
    ----------
    table : pandas.DataFrame
        :attr:`AuditResult.table <fairlearn_lite.audit.AuditResult>`.
    variable : str
        The sensitive variable to draw.
    metric : str
        The audit's metric, for the axis label.
    band : (float, float), default (0.8, 1.25)
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"variable": "gender", "group": ["f", "m"], "n": [40, 40],
    ...                       "ratio": [1.0, 2.0], "low": [np.nan, 1.2], "high": [np.nan, 3.3],
    ...                       "verdict": ["reference", "worse off"], "uncertain": [False, False]})
    >>> ax = plot_audit_ratios(table, "gender", metric="fp_per_group_size")
    >>> ax.get_title(), [t.get_text() for t in ax.get_yticklabels()]
    ('m: 2.00× the reference', ['m (n=40): worse off'])
    >>> plt.close("all")
    """
    rows = table[(table["variable"] == variable) & (table["verdict"] != "reference")]
    reference = table[(table["variable"] == variable) & (table["verdict"] == "reference")]
    ax = new_axes(ax, figsize=(8, 0.5 * len(rows) + 1.9))
    ax.axvspan(*band, color=COLORS["band"], zorder=0)
    ax.axvline(1, color=COLORS["grey"], linewidth=1)
    values = rows["ratio"].to_numpy(float)
    finite = [v for v in np.r_[values, rows["low"], rows["high"]] if np.isfinite(v) and v > 0]
    span = max([band[1] * 1.3, *[max(v, 1 / v) * 1.15 for v in finite]])
    for y, row in enumerate(rows.itertuples(index=False)):
        color = VERDICT_COLORS.get(row.verdict, COLORS["grey"])
        if np.isfinite(row.low):
            ax.plot([row.low, row.high], [y, y], color=COLORS["black"], linewidth=2)
        if np.isinf(row.ratio):  # the reference has none: an arrow at the edge, and words
            ax.plot(span / 1.08, y, ">", markersize=13, color=color)
            ax.annotate("reference has none", (span / 1.15, y), ha="right", va="center")
        elif np.isfinite(row.ratio) and row.ratio > 0:
            ax.plot(row.ratio, y, "o", markersize=11, markeredgewidth=2.5, markeredgecolor=color,
                    markerfacecolor="white" if row.uncertain else color)
    ax.set_xscale("log")
    ax.set_xlim(1 / span, span)
    ax.set_xticks([0.5, band[0], 1, band[1], 2], ["0.5", f"{band[0]:g}", "1", f"{band[1]:g}", "2"])
    ax.minorticks_off()
    ax.set_yticks(np.arange(len(rows)),
                  [f"{r.group} (n={r.n:,}): {r.verdict}{' ?' if r.uncertain else ''}"
                   for r in rows.itertuples(index=False)])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    name = reference["group"].iloc[0] if len(reference) else "the reference"
    ax.set_xlabel(f"{metric}, ratio to {name}\n(grey: the band {band[0]:g} to {band[1]:g})")
    ax.set_title(audit_ratio_title(rows))
    return ax
