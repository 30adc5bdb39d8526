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
    """Apply the kit's style to every following plot (call once per notebook).

    Sets matplotlib's settings (``rcParams``): larger text (13 pt, titles
    15 pt bold), a light grid, no top and right frame lines, figures of
    8 x 4.5 inches, and the Okabe-Ito colours (``PALETTE``) as the colour
    cycle. This lasts until the kernel restarts; for one block only, use
    :func:`kit_style`.

    Returns
    -------
    None

    See Also
    --------
    kit_style : the same settings inside a ``with`` block only.

    References
    ----------
    .. [1] Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to
       make figures and presentations that are friendly to colorblind people.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> from fairlearn_lite.plotting import use_kit_style
    >>> with mpl.rc_context():  # only so that this example leaves no trace
    ...     use_kit_style()
    ...     print(mpl.rcParams["font.size"], mpl.rcParams["axes.prop_cycle"].by_key()["color"][:2])
    13.0 ['#0072B2', '#E69F00']
    """
    import matplotlib as mpl

    mpl.rcParams.update(_rc())


@contextmanager
def kit_style():
    """Apply the kit's style inside a ``with`` block only.

    The same settings as :func:`use_kit_style`; when the block ends,
    matplotlib's settings are back to what they were.

    Returns
    -------
    context manager
        Use it in a ``with`` statement.

    See Also
    --------
    use_kit_style : the same settings for the rest of the notebook.

    References
    ----------
    .. [1] Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to
       make figures and presentations that are friendly to colorblind people.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> from fairlearn_lite.plotting import kit_style
    >>> before = mpl.rcParams["font.size"]
    >>> with kit_style():
    ...     print(mpl.rcParams["font.size"])
    13.0
    >>> mpl.rcParams["font.size"] == before  # back to what it was
    True
    """
    import matplotlib as mpl

    with mpl.rc_context(_rc()):
        yield
