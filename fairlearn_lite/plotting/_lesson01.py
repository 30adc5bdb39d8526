"""Figures and tables for lesson 01: errors in a feature plane, a process funnel, styled tables.

The plots take results computed elsewhere and draw them; the ``style_*``
functions turn a result table into a pandas ``Styler`` with formatted numbers
and a caption that states the finding, for display in a notebook.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..proxies import ALL_FEATURES
from ._basic import MARKERS, new_axes, selection_title
from ._style import COLORS, PALETTE
from ._tables import StyledTable, content_id

__all__ = ["plot_prediction_errors", "plot_stage_shares", "style_four_fifths",
           "style_proxy_strength", "style_rates"]

GROUP_COLORS = [COLORS["orange"], COLORS["blue"], COLORS["green"], COLORS["purple"]]


def _label(column: str) -> str:
    return str(column).replace("_", " ")


def _styled(frame: pd.DataFrame, caption: str) -> StyledTable:
    """A styled ``frame`` with a caption and an HTML id that depends on the table alone.

    pandas gives each styled table a random id; a fixed one keeps a notebook's saved
    output identical when it is run again (so output checks can compare it), and one
    derived from the content keeps two tables on a page apart.
    """
    uuid = content_id(frame, caption, values=False)
    return StyledTable(frame).set_uuid(uuid).set_caption(caption)


def _errors_title(errors: pd.DataFrame | None, sensitive: str) -> str:
    """The finding: is the model's error gap larger than the same-for-everyone guess's?"""
    if errors is None or "gap" not in errors.index:
        return f"Wrong predictions by {_label(sensitive)}"
    gap = errors.loc["gap"] * 100
    guess = gap.drop("model").iloc[0]
    size = "no larger than" if gap["model"] <= guess else "larger than"
    return (f"Error gap by {_label(sensitive)} {size} a same-for-everyone guess's "
            f"({gap['model']:.1f} vs {guess:.1f} points)")


def plot_prediction_errors(frame: pd.DataFrame, wrong, *, x: str, y: str, sensitive: str,
                           errors: pd.DataFrame | None = None, reference_line=None,
                           xlabel: str | None = None, ylabel: str | None = None, ax=None):
    """Scatter of two features with each group's wrong predictions as open markers.

    Every row is a point at (``x``, ``y``); colour and marker shape show its
    group in ``sensitive``. Correct predictions are small and pale, wrong ones
    large open markers, so the eye finds where the errors fall. With
    ``errors`` (from :func:`fairlearn_lite.proxies.error_rates_with_baseline`)
    the title states whether the model's error gap between the groups is
    larger than that of the baseline, which predicts the same for everyone.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to draw, with columns ``x``, ``y`` and ``sensitive``.
    wrong : array-like of bool
        True where the prediction for that row was wrong.
    x, y, sensitive : str
        Column names.
    errors : pandas.DataFrame, optional
        Error rates per group with a ``"gap"`` row, for the title.
    reference_line : (float, str), optional
        A dashed vertical line at that ``x`` value, with its label.
    xlabel, ylabel : str, optional
        Axis labels; by default the column names.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"age": [18, 19, 25, 30], "days": [10, -5, 40, 3],
    ...                       "gender": ["female", "male", "female", "male"]})
    >>> ax = plot_prediction_errors(frame, [False, True, False, True], x="days", y="age",
    ...                             sensitive="gender", reference_line=(0, "deadline"))
    >>> ax.get_xlabel(), ax.get_title()
    ('days', 'Wrong predictions by gender')
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(9, 5))
    wrong = np.asarray(wrong, dtype=bool)
    for i, group in enumerate(sorted(frame[sensitive].unique())):
        rows = (frame[sensitive] == group).to_numpy()
        color, marker = GROUP_COLORS[i % len(GROUP_COLORS)], MARKERS[i % len(MARKERS)]
        ax.scatter(frame.loc[rows & ~wrong, x], frame.loc[rows & ~wrong, y], s=12,
                   marker=marker, color=color, alpha=0.25)
        ax.scatter(frame.loc[rows & wrong, x], frame.loc[rows & wrong, y], s=40, marker=marker,
                   facecolors="none", edgecolors=color, linewidths=1.5,
                   label=f"{group}: wrong prediction")
    if reference_line is not None:
        ax.axvline(reference_line[0], color=COLORS["black"], linestyle="--",
                   label=reference_line[1])
    ax.set_xlabel(xlabel or _label(x))
    ax.set_ylabel(ylabel or _label(y))
    ax.set_title(_errors_title(errors, sensitive))
    ax.legend(loc="upper right", fontsize="small")
    return ax


def plot_stage_shares(shares: pd.DataFrame, *, group: str, ax=None):
    """Horizontal bars: a group's share of the people at each stage of a process.

    One row of ``shares`` per stage (top to bottom in process order), one
    column per source (for example published figures and the kit's synthetic
    data), values between 0 and 1. The axis always runs from 0% to 100%; each
    bar carries its percentage; the second source is hatched so it reads
    without colour. The title states the first source's first and last stage.

    Parameters
    ----------
    shares : pandas.DataFrame
        Stages in rows, sources in columns.
    group : str
        Who the shares are of, for the title (for example "non-European students").
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> shares = pd.DataFrame({"published": [0.22, 0.86], "synthetic": [0.22, 0.88]},
    ...                       index=["recipients", "found in breach"])
    >>> ax = plot_stage_shares(shares, group="non-European students")
    >>> ax.get_title()
    'Non-European students, published: from 22% (recipients) to 86% (found in breach)'
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(9, 1.2 + 0.9 * len(shares)))
    height = 0.8 / shares.shape[1]
    positions = np.arange(len(shares))[::-1]
    for j, source in enumerate(shares.columns):
        offset = positions + (shares.shape[1] - 1 - 2 * j) * height / 2
        ax.barh(offset, shares[source], height=height, color=PALETTE[j % len(PALETTE)],
                hatch="" if j == 0 else "//", edgecolor=COLORS["black"], label=source)
        for y, value in zip(offset, shares[source], strict=True):
            ax.text(value + 0.01, y, f"{value:.0%}", va="center", fontsize="medium")
    ax.set_yticks(positions, shares.index)
    ax.set_xlim(0, 1.08)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel(f"share of {group}")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper right", frameon=False)  # a funnel's first stages leave this corner free
    first = shares.iloc[:, 0]
    ax.set_title(f"{group[0].upper()}{group[1:]}, {shares.columns[0]}: from {first.iloc[0]:.0%} "
                 f"({first.index[0]}) to {first.iloc[-1]:.0%} ({first.index[-1]})")
    return ax


def style_rates(frame: pd.DataFrame, *, caption: str, ratios=(), decimals: int = 1):
    """A table with its rates as percentages, its ratios as plain numbers and a caption.

    Every float column is shown as a percentage with ``decimals`` decimals,
    except the columns named in ``ratios`` (two decimals); whole-number and
    other columns are shown as they are.

    Parameters
    ----------
    frame : pandas.DataFrame
    caption : str
        One sentence that states what the table shows.
    ratios : list of str, optional
        Columns that hold ratios rather than rates.
    decimals : int, default 1

    Returns
    -------
    pandas.io.formats.style.Styler

    Examples
    --------
    >>> table = pd.DataFrame({"visit rate": [0.0059, 0.0383], "x Dutch": [1.0, 6.52]},
    ...                      index=["Dutch", "non-European"])
    >>> styled = style_rates(table, caption="Visits", ratios=["x Dutch"])
    >>> "3.8%" in styled.to_html(), "6.52" in styled.to_html()
    (True, True)
    >>> print(repr(styled))  # how the table reads as plain text
    Visits
                  visit rate  x Dutch
    Dutch               0.6%     1.00
    non-European        3.8%     6.52
    """
    formats = {c: f"{{:.{decimals}%}}" for c in frame.columns
               if pd.api.types.is_float_dtype(frame[c]) and c not in ratios}
    formats |= {c: "{:.2f}" for c in ratios}
    return _styled(frame, caption).format(formats, na_rep="–")


def style_four_fifths(result, *, selected: str = "selected", applicants: str = "applicants",
                      caption: str | None = None):
    """The table of a four-fifths result, formatted, with its finding as the caption.

    Counts stay whole numbers, ``selection_rate`` and ``rate_needed`` become
    percentages, ``ratio_to_highest`` gets two decimals and ``passes`` reads
    "passes" or "fails". ``selected`` and ``applicants`` rename those columns
    (say "admitted" and "applied"); by default the caption is the finding in
    the words of :func:`plot_selection_rates`.

    Parameters
    ----------
    result : FourFifthsResult
        From :func:`fairlearn_lite.metrics.four_fifths_rule`.
    selected, applicants : str
        Names to show for the two count columns.
    caption : str, optional
        A caption of your own (say, when "selected" means "not visited").

    Returns
    -------
    pandas.io.formats.style.Styler

    Examples
    --------
    >>> from fairlearn_lite.metrics import four_fifths_rule
    >>> result = four_fifths_rule({"women": 96, "men": 30}, {"women": 120, "men": 50})
    >>> styled = style_four_fifths(result, selected="admitted", applicants="applied")
    >>> styled.caption
    'Men selected at 75% of the top rate: below 80%'
    >>> "fails" in styled.to_html() and "60.0%" in styled.to_html()
    True
    """
    table = result.table.rename(columns={"selected": selected, "applicants": applicants})
    caption = caption if caption is not None else selection_title(result)
    return _styled(table, caption).format({
        "selection_rate": "{:.1%}", "rate_needed": "{:.1%}", "ratio_to_highest": "{:.2f}",
        "passes": lambda ok: "passes" if ok else "fails"}, na_rep="–")


def style_proxy_strength(table: pd.DataFrame):
    """The AUC table of :func:`fairlearn_lite.proxies.proxy_strength`, shaded from 0.5 to 1.

    Each cell is shaded on one blue scale from 0.5 (chance: white) to 1.0
    (a perfect proxy: dark), so only real signal stands out. The caption
    names the strongest single feature for each attribute.

    Parameters
    ----------
    table : pandas.DataFrame
        Features in rows (the last may be all features together), sensitive
        attributes in columns, AUCs as values.

    Returns
    -------
    pandas.io.formats.style.Styler

    Examples
    --------
    >>> table = pd.DataFrame({"gender": [0.51, 0.57, 0.59]},
    ...                      index=["age", "date", "all features together"])
    >>> style_proxy_strength(table).caption
    'AUC (0.5 = chance, 1 = perfect proxy). Strongest single feature: gender: date 0.57'
    """
    single = table.drop(index=ALL_FEATURES, errors="ignore")
    strongest = "; ".join(f"{_label(a)}: {_label(single[a].idxmax())} {single[a].max():.2f}"
                          for a in table.columns)
    caption = f"AUC (0.5 = chance, 1 = perfect proxy). Strongest single feature: {strongest}"
    return (_styled(table, caption).format("{:.2f}")
            .background_gradient(cmap="Blues", vmin=0.5, vmax=1.0))
