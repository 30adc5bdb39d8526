"""Plots for lesson 04: the fairness check, model comparison, and still versions of dalex's plots.

dalex draws with plotly, which stays blank in static HTML and in slides. These
matplotlib versions take dalex's own result tables (``.result``) and the kit's
fairness-check results, so a lesson reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._tolerance import within_band
from ._basic import MARKERS, new_axes
from ._style import COLORS, PALETTE

HATCHES = ["", "//", "..", "xx", "\\\\", "++"]


def _as_mapping(checks) -> dict:
    return dict(checks) if isinstance(checks, Mapping) else {"model": checks}


def fairness_check_title(checks) -> str:
    """A title stating how many metrics fall outside the band, per model."""
    checks = _as_mapping(checks)
    counts = {name: len(check.flagged_metrics) for name, check in checks.items()}
    if len(counts) == 1:
        (name, count), = counts.items()
        return "All five metrics inside the band" if count == 0 else \
            f"{count} of 5 metrics outside the band"
    best = min(counts, key=counts.get)
    return f"Fewest metrics outside the band: {best} ({counts[best]} of 5)"


def _fairness_check_panel(ax, checks, metric: str, groups, band, span: float) -> None:
    """One metric's panel: a bar per group and model from 1 to its ratio, the band shaded."""
    low, high = band
    bar = 0.8 / len(checks)
    ax.axvspan(low, high, color=COLORS["band"], zorder=0)
    ax.axvline(1, color=COLORS["black"], linewidth=1)
    for k, check in enumerate(checks.values()):
        for g, group in enumerate(groups):
            ratio = check.ratios.loc[group, metric]
            y = g + (k - (len(checks) - 1) / 2) * bar
            if np.isnan(ratio):
                ax.text(1.03, y, "NaN", va="center", fontsize=9)
                continue
            inside = bool(within_band(ratio, low, high))
            value = max(ratio, 1 / span)
            ax.barh(y, value - 1, left=1, height=bar * 0.9, color=PALETTE[k % len(PALETTE)],
                    hatch=HATCHES[k % len(HATCHES)], edgecolor=COLORS["black"],
                    linewidth=0.5 if inside else 2.2)
            if not inside:
                ax.text(value * (1.05 if ratio > 1 else 0.95), y, f"{ratio:.2f}",
                        va="center", ha="left" if ratio > 1 else "right", fontsize=10,
                        fontweight="bold")
    ax.set_xscale("log")
    ax.set_xlim(1 / span, span)
    ax.set_xticks([low, 1, high], [f"{low:g}", "1", f"{high:g}"])
    ax.minorticks_off()
    ax.set_title(metric, fontsize=13)
    ax.grid(axis="y", visible=False)


def plot_fairness_check(checks, axes=None, *, title: str | None = None):
    """dalex's fairness-check chart: each metric's ratio per group, against the shaded band.

    ``checks`` is a :class:`FairnessCheckResult`, or a dict of them (one per
    model, same groups). One panel per metric; bars run from 1 to the ratio on
    a log scale; the band ``[epsilon, 1 / epsilon]`` is shaded. Models differ in
    colour *and* hatch; bars outside the band get a thick black edge and their
    value printed. Returns the array of Axes.
    """
    from matplotlib.patches import Patch

    checks = _as_mapping(checks)
    first = next(iter(checks.values()))
    low, high = first.band
    metrics, groups = list(first.ratios.columns), list(first.ratios.index)
    if axes is None:
        import matplotlib.pyplot as plt

        height = max(2.8, 0.55 * len(groups) * max(1, len(checks) ** 0.7) + 1.6)
        _, axes = plt.subplots(1, len(metrics), figsize=(3.1 * len(metrics), height),
                               sharey=True)
    axes = np.atleast_1d(axes)
    extreme = [r for c in checks.values() for r in c.ratios.to_numpy().ravel() if r == r and r > 0]
    span = max([high * 1.35, *[max(r, 1 / r) * 1.35 for r in extreme]])
    for ax, metric in zip(axes, metrics, strict=True):
        _fairness_check_panel(ax, checks, metric, groups, (low, high), span)
    axes[0].set_yticks(np.arange(len(groups)), [str(g) for g in groups])
    axes[0].invert_yaxis()
    figure = axes[0].figure
    axes[len(axes) // 2].set_xlabel(f"ratio to the privileged group ({first.privileged}); "
                                    f"shaded: {low:g} to {high:g}", fontsize=12)
    if len(checks) > 1:
        handles = [Patch(facecolor=PALETTE[k % len(PALETTE)], hatch=HATCHES[k % len(HATCHES)],
                         edgecolor=COLORS["black"], label=name)
                   for k, name in enumerate(checks)]
        figure.legend(handles=handles, loc="outside lower center", ncols=len(checks),
                      frameon=False, fontsize=11)
    figure.suptitle(title or fairness_check_title(checks), fontweight="bold", fontsize=15)
    return axes


def plot_model_comparison(table: pd.DataFrame, *, performance: str, fairness: str, ax=None,
                          band: tuple[float, float] | None = None, title: str | None = None):
    """Performance against a fairness metric, one labelled point per model (rows of ``table``)."""
    ax = new_axes(ax, figsize=(7.5, 5))
    if band is not None:
        ax.axhspan(*band, color=COLORS["band"], zorder=0, label="fairness band")
    for k, (model, row) in enumerate(table.iterrows()):
        ax.scatter(row[performance], row[fairness], s=140, marker=MARKERS[k % len(MARKERS)],
                   color=PALETTE[k % len(PALETTE)], edgecolor=COLORS["black"], zorder=3,
                   label=str(model))
        ax.annotate(str(model), (row[performance], row[fairness]), xytext=(8, 8),
                    textcoords="offset points", fontsize=12)
    ax.set_xlabel(performance)
    ax.set_ylabel(fairness)
    ax.margins(0.25)
    ax.legend(loc="best", frameon=False, fontsize=10)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_variable_importance(result: pd.DataFrame, ax=None, *, title: str | None = None):
    """Permutation importance from dalex's ``model_parts(...).result``, one bar set per model.

    The bar is how much the loss grows when the variable's values are shuffled.
    """
    ax = new_axes(ax, figsize=(8, 5))
    models = list(dict.fromkeys(result["label"]))
    rows = result[~result["variable"].isin(["_full_model_", "_baseline_"])]
    full = result[result["variable"] == "_full_model_"].groupby("label")["dropout_loss"].mean()
    gain = rows.groupby(["label", "variable"])["dropout_loss"].mean() - \
        full.reindex(rows["label"].unique()).rename_axis("label")
    order = gain.groupby("variable").mean().sort_values().index
    height = 0.8 / len(models)
    for k, model in enumerate(models):
        values = gain.loc[model].reindex(order)
        positions = np.arange(len(order)) + (k - (len(models) - 1) / 2) * height
        ax.barh(positions, values, height=height * 0.9, color=PALETTE[k % len(PALETTE)],
                hatch=HATCHES[k % len(HATCHES)], edgecolor=COLORS["black"], linewidth=0.5,
                label=model)
    ax.set_yticks(np.arange(len(order)), list(order))
    ax.set_xlabel("increase in loss when the variable is shuffled")
    ax.axvline(0, color=COLORS["black"], linewidth=1)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=False, fontsize=10)
    ax.set_title(title or f"Most important overall: {order[-1]}")
    return ax


def plot_partial_dependence(result: pd.DataFrame, variable: str, ax=None, *,
                            title: str | None = None):
    """Partial dependence from dalex's ``model_profile(...).result`` for one variable."""
    ax = new_axes(ax, figsize=(7, 4.5))
    rows = result[result["_vname_"] == variable]
    if rows.empty:
        raise ValueError(f"The 'variable' parameter of plot_partial_dependence must be one of "
                         f"{sorted(result['_vname_'].unique())}; got {variable!r} instead.")
    for k, (model, line) in enumerate(rows.groupby("_label_", sort=False)):
        ax.plot(line["_x_"], line["_yhat_"], color=PALETTE[k % len(PALETTE)], linewidth=2.5,
                linestyle=["-", "--", ":", "-."][k % 4], label=model)
    ax.set_xlabel(variable)
    ax.set_ylabel("average predicted score")
    ax.legend(frameon=False, fontsize=10)
    ax.set_title(title or f"How the score depends on {variable}")
    return ax


def plot_break_down(result: pd.DataFrame, ax=None, *, title: str | None = None):
    """One prediction taken apart, from dalex's ``predict_parts`` (break-down or SHAP).

    Each bar is a variable's contribution to this student's score: blue raises
    it, vermillion (hatched) lowers it. For SHAP, contributions are averaged
    over dalex's orderings; for break-down the bars form a waterfall from the
    average score (dashed) to this student's score (solid).
    """
    ax = new_axes(ax, figsize=(9, 4.5))
    if "B" in result.columns:  # SHAP: average contribution per variable
        rows = result[result["B"] == 0] if (result["B"] == 0).any() else result
        parts = rows.groupby("variable", sort=False)["contribution"].mean()
        start, kind = 0.0, "SHAP"
    else:
        body = result[~result["variable"].isin(["intercept", "prediction", ""])]
        parts = body.set_index("variable")["contribution"]
        start = float(result.loc[result["variable"] == "intercept", "contribution"].iloc[0])
        kind = "Break-down"
    if kind == "SHAP":
        parts = parts.reindex(parts.abs().sort_values(ascending=False).index)
    left = start
    for y, value in enumerate(parts.to_numpy()):
        raise_ = value >= 0
        ax.barh(y, value, left=left, color=COLORS["blue"] if raise_ else COLORS["vermillion"],
                hatch="" if raise_ else "//", edgecolor=COLORS["black"], linewidth=0.5)
        ax.text(max(left, left + value) + 0.004, y, f"{value:+.3f}", va="center", ha="left",
                fontsize=10)
        if kind != "SHAP":
            left += value
    ax.set_yticks(np.arange(len(parts)), list(parts.index))
    ax.invert_yaxis()
    if kind == "SHAP":
        ax.axvline(0, color=COLORS["black"], linewidth=1)
        ax.set_xlabel("average contribution to the score")
    else:
        ax.axvline(start, color=COLORS["grey"], linestyle="--", linewidth=1.5,
                   label=f"average score {start:.2f}")
        ax.axvline(left, color=COLORS["black"], linewidth=1.5, label=f"this student {left:.2f}")
        ax.set_xlabel("score")
        ax.legend(loc="best", frameon=True, fontsize=10)
    ax.margins(x=0.15)
    ax.grid(axis="y", visible=False)
    ax.set_title(title or f"{kind}: {parts.abs().idxmax()} weighs most")
    return ax


def plot_group_intervals(intervals: pd.DataFrame, ax=None, *, metric: str = "rate",
                         reference: float | None = None, title: str | None = None):
    """Each group's estimate with its interval as an error bar (``BootstrapResult.intervals``).

    Groups are labelled with their size; a dashed line marks ``reference``.
    """
    ax = new_axes(ax, figsize=(8, 0.55 * len(intervals) + 1.8))
    y = np.arange(len(intervals))
    estimate = intervals["estimate"].to_numpy(float)
    errors = np.vstack([estimate - intervals["low"].to_numpy(float),
                        intervals["high"].to_numpy(float) - estimate])
    ax.errorbar(estimate, y, xerr=errors, fmt="o", color=COLORS["blue"], ecolor=COLORS["black"],
                elinewidth=2, capsize=6, markersize=9)
    if reference is not None:
        ax.axvline(reference, color=COLORS["grey"], linestyle="--", linewidth=1.5)
    names = [" × ".join(map(str, g)) if isinstance(g, tuple) else str(g) for g in intervals.index]
    labels = [f"{g} (n={int(n):,})" for g, n in zip(names, intervals["n"], strict=True)]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel(metric)
    ax.grid(axis="y", visible=False)
    widest = names[int(np.argmax((intervals["high"] - intervals["low"]).to_numpy()))]
    ax.set_title(title or f"Widest interval: {widest}")
    return ax


def plot_tradeoff(table: pd.DataFrame, *, performance: str, fairness: str, model: str = "model",
                  method: str = "method", band: tuple[float, float] | None = None, ax=None,
                  title: str | None = None):
    """Accuracy against fairness for every model and method: colour = model, marker = method."""
    from matplotlib.lines import Line2D

    ax = new_axes(ax, figsize=(9, 6))
    if band is not None:
        ax.axhspan(*band, color=COLORS["band"], zorder=0)
    models = list(dict.fromkeys(table[model]))
    methods = list(dict.fromkeys(table[method]))
    for _, row in table.iterrows():
        k, m = models.index(row[model]), methods.index(row[method])
        ax.scatter(row[performance], row[fairness], s=130, marker=MARKERS[m % len(MARKERS)],
                   color=PALETTE[k % len(PALETTE)], edgecolor=COLORS["black"], zorder=3)
    handles = [Line2D([], [], linestyle="", marker="o", markersize=10,
                      color=PALETTE[k % len(PALETTE)], label=name)
               for k, name in enumerate(models)]
    handles += [Line2D([], [], linestyle="", marker=MARKERS[m % len(MARKERS)], markersize=10,
                       color=COLORS["grey"], label=name) for m, name in enumerate(methods)]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False,
              fontsize=11)
    ax.set_xlabel(performance)
    ax.set_ylabel(fairness)
    if title is not None:
        ax.set_title(title)
    return ax
