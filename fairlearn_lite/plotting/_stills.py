"""Still pictures of the widgets that draw no figure of their own: a box of controls, the tree.

Slides and handouts cannot run a widget; these draw what it shows, so a slide
can carry a still with a link to the live widget.
"""

from __future__ import annotations

import re
import textwrap

from .._validation import caller, public
from ._basic import new_axes
from ._style import COLORS

__all__ = ["plot_controls", "plot_fairness_tree"]


def _plain(text: str) -> str:
    """``text`` without HTML tags and without parenthetical asides."""
    return re.sub(r"\s*\([^)]*\)", "", re.sub(r"<[^>]+>", "", str(text))).strip()


def _slider(ax, y: float, slider) -> None:
    """One slider: its description, a track with the handle at its value, the value."""
    share = (slider.value - slider.min) / ((slider.max - slider.min) or 1)
    ax.text(0.0, y, slider.description, ha="left", va="center", fontweight="bold")
    ax.plot([0.25, 0.85], [y, y], color=COLORS["band"], linewidth=8, solid_capstyle="round")
    ax.plot([0.25, 0.25 + 0.6 * share], [y, y], color=COLORS["blue"], linewidth=8,
            solid_capstyle="round")
    ax.plot([0.25 + 0.6 * share], [y], "o", color=COLORS["blue"], markersize=22,
            markeredgecolor="white", markeredgewidth=2)
    ax.text(0.9, y, f"{slider.value}", ha="left", va="center")


@public
def plot_controls(box, *, title: str | None = None, ax=None):
    """A still of a box of simple widgets: each slider as a track with its handle, each label as text.

    For widgets built from ipywidgets' own controls (lesson 00's slider and
    its sentence). Sliders (anything with ``min``, ``max``, ``value`` and
    ``description``) are drawn at their current value; labels and HTML are
    written out without their tags. Other children are left out.

    Parameters
    ----------
    box : ipywidgets.Box
        A ``VBox`` or ``HBox`` of controls, one row each.
    title : str, optional
        By default "Move the slider: the text follows".
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> import matplotlib.pyplot as plt
    >>> box = widgets.VBox([widgets.IntSlider(value=30, min=0, max=100, description="Students"),
    ...                     widgets.Label("30 students out of 100 is 30%.")])
    >>> ax = plot_controls(box)
    >>> [text.get_text() for text in ax.texts]
    ['Students', '30', '30 students out of 100 is 30%.']
    >>> plt.close("all")
    """
    import ipywidgets

    if not isinstance(box, ipywidgets.Box):
        raise TypeError(f"The 'box' parameter of {caller()} must be an ipywidgets Box (VBox or "
                        f"HBox) of controls; got {type(box).__name__} instead.")
    rows = [child for child in box.children
            if all(hasattr(child, name) for name in ("min", "max", "value", "description"))
            or isinstance(child, (ipywidgets.Label, ipywidgets.HTML))]
    ax = new_axes(ax, figsize=(11, 1.4 + 1.1 * len(rows)))
    for position, child in enumerate(rows):
        y = len(rows) - position
        if hasattr(child, "min"):
            _slider(ax, y, child)
        else:
            ax.text(0.0, y, textwrap.fill(_plain(child.value), 60), ha="left", va="center")
    for text in ax.texts:  # sized to fit: the layout keeps the axes across the figure
        text.set_in_layout(False)
    ax.set_xlim(-0.02, 1.0)
    ax.set_ylim(0.4, len(rows) + 0.6)
    ax.set_axis_off()
    ax.set_title(title if title is not None else "Move the slider: the text follows", loc="left")
    return ax


def _tree_title(leaf) -> str:
    return ("The fairness tree: a question still open" if leaf is None else
            f"The fairness tree's answers lead to {leaf.name}")


@public
def plot_fairness_tree(answers, *, title: str | None = None, ax=None):
    """A still of a path through the fairness tree: each question, its answer, the metric reached.

    One row per question asked (asides in brackets left out), with the answer
    given in a box and how many answers the question offered; the last row
    names the leaf's metric and what it means. Questions after the first
    unanswered one are not shown, as in :class:`fairlearn_lite.widgets.FairnessTreeWidget`.

    Parameters
    ----------
    answers : dict
        Question key -> answer, as for
        :func:`fairlearn_lite.fairness_tree.walk_fairness_tree` (for example
        :data:`fairlearn_lite.fairness_tree.MUNICIPAL_ROUTE`).
    title : str, optional
        By default one that names the metric reached.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    References
    ----------
    Saleiro, P. et al. (2018). Aequitas: a bias and fairness audit toolkit. arXiv:1811.05577.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.fairness_tree import MUNICIPAL_ROUTE
    >>> ax = plot_fairness_tree(MUNICIPAL_ROUTE)
    >>> ax.get_title(loc="left")
    "The fairness tree's answers lead to false positives / group size parity"
    >>> plt.close("all")
    """
    from ..fairness_tree import walk_fairness_tree

    asked, leaf = walk_fairness_tree(answers)
    rows = len(asked) + (leaf is not None)
    ax = new_axes(ax, figsize=(12, 0.9 * rows + 0.9))
    for position, question in enumerate(asked):
        y = rows - position
        ax.text(0.0, y, textwrap.fill(_plain(question.text), 32), ha="left", va="center")
        answer = answers.get(question.key)
        shown = (textwrap.fill(f"{answer}  (1 of {len(question.options)})", 28) if answer
                 else f"not answered yet ({len(question.options)} answers)")
        ax.text(0.55, y, shown, ha="left", va="center", color="white" if answer else "black",
                fontweight="bold" if answer else "normal",
                bbox={"boxstyle": "round,pad=0.3", "facecolor": COLORS["blue"] if answer
                      else "white", "edgecolor": COLORS["blue"]})
    if leaf is not None:
        ax.text(0.0, 1, textwrap.fill(f"→ {leaf.name}: {leaf.meaning}", 75), ha="left",
                va="center", fontweight="bold", color=COLORS["vermillion"])
    for text in ax.texts:  # sized to fit: the layout keeps the axes across the figure
        text.set_in_layout(False)
    ax.set_xlim(-0.01, 1.0)
    ax.set_ylim(0.4, rows + 0.6)
    ax.set_axis_off()
    ax.set_title(title if title is not None else _tree_title(leaf), loc="left")
    return ax
