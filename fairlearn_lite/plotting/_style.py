"""The kit's look: the Okabe-Ito colour-blind-safe palette and projector-sized text."""

from __future__ import annotations

from contextlib import contextmanager

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
# form of colour-blindness, and in greyscale by order of lightness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000"]
COLORS = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "purple": "#CC79A7", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000",
    "grey": "#7F7F7F", "band": "#DDDDDD",
}

STYLE = {
    "axes.prop_cycle": None,  # filled in below, to avoid importing matplotlib at import time
    "figure.figsize": (8, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 13,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.constrained_layout.use": True,
}


def _rc() -> dict:
    from cycler import cycler

    return {**STYLE, "axes.prop_cycle": cycler(color=PALETTE)}


def use_kit_style() -> None:
    """Apply the kit's style to every following plot (call once per notebook)."""
    import matplotlib as mpl

    mpl.rcParams.update(_rc())


@contextmanager
def kit_style():
    """Apply the kit's style inside a ``with`` block only."""
    import matplotlib as mpl

    with mpl.rc_context(_rc()):
        yield
