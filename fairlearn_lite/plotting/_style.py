"""The kit's look: the Okabe-Ito colour-blind-safe palette and projector-sized text.

Two sizes of the same look: the notebook's (:data:`STYLE`) and the slides'
(:data:`PROJECTOR`), which the kit's style switches to when the environment
variable ``FAIRLEARN_LITE_STYLE`` is ``projector`` (the slide build sets it).
"""

from __future__ import annotations

import base64
import io
import os
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

STYLE_VARIABLE = "FAIRLEARN_LITE_STYLE"
# A slide's figure: the slide's width inside its margins (1168 px) by the height left below a
# heading (420 px), at 100 dpi, so that a figure shows at about its own size on a 1280 x 720 slide.
SLIDE_FIGURE = (11.68, 4.2)
SLIDE_DPI = 100
# Type for the back of the room: the smallest text a plot uses ("small", 0.83 of font.size)
# is 15.8 pt, 22 px at 100 dpi, so a figure may show at 91% of its size and stay at 20 px.
PROJECTOR = {
    "figure.figsize": SLIDE_FIGURE,
    "figure.dpi": SLIDE_DPI,
    "savefig.dpi": SLIDE_DPI,
    "font.size": 19,
    "axes.titlesize": 20,
    "figure.titlesize": 21,
    "axes.labelsize": 19,
    "xtick.labelsize": 18,
    "ytick.labelsize": 18,
    "legend.fontsize": 17,
    "lines.linewidth": 2.5,
    "lines.markersize": 9,
}


def projector() -> bool:
    """Whether the projector style is switched on (``FAIRLEARN_LITE_STYLE=projector``)."""
    return os.environ.get(STYLE_VARIABLE, "").strip().lower() == "projector"


def slide_label(text) -> str:
    """A variable's label for a tick: as it is in a notebook; on a slide, in words on two lines."""
    import textwrap

    text = str(text)
    return textwrap.fill(text.replace("_", " "), 24) if projector() else text


def _rc() -> dict:
    from cycler import cycler

    sizes = PROJECTOR if projector() else {}
    return {**STYLE, **sizes, "axes.prop_cycle": cycler(color=PALETTE)}


def report_rc() -> dict:
    """The kit's style in the notebook's sizes, whatever ``FAIRLEARN_LITE_STYLE`` says (reports)."""
    from cycler import cycler

    return {**STYLE, "axes.prop_cycle": cycler(color=PALETTE)}


def use_kit_style() -> None:
    """Apply the kit's style to every following plot (call once per notebook).

    Sets matplotlib's settings (``rcParams``): larger text (13 pt, titles
    15 pt bold), a light grid, no top and right frame lines, figures of
    8 x 4.5 inches, and the Okabe-Ito colours (``PALETTE``) as the colour
    cycle. This lasts until the kernel restarts; for one block only, use
    :func:`kit_style`.

    With the environment variable ``FAIRLEARN_LITE_STYLE=projector`` (set by
    the slide build) the same look comes in the projector's sizes
    (:data:`PROJECTOR`): 19 pt text on figures of the slide's size.

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


def smallest_text_px(figure, dpi: float | None = None) -> float:
    """The size in pixels of the smallest text in ``figure`` when drawn at ``dpi``.

    Every visible, non-empty text counts: titles, axis labels, tick labels,
    legends, annotations. A point is 1/72 inch, so a text of ``s`` points is
    ``s * dpi / 72`` pixels tall (its font size) in the picture.

    Parameters
    ----------
    figure : matplotlib Figure
        Drawn at least once (tick labels get their text when drawn).
    dpi : float, optional
        The resolution of the picture; by default the figure's own.

    Returns
    -------
    float
        ``inf`` for a figure without text.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> figure = Figure(figsize=(4, 3), dpi=100)
    >>> ax = figure.subplots()
    >>> _ = ax.set_title("title", fontsize=18)
    >>> _ = ax.text(0.5, 0.5, "note", fontsize=9)
    >>> ax.set_axis_off()
    >>> round(smallest_text_px(figure, dpi=144), 1)  # 9 pt at 144 dpi
    18.0
    """
    from matplotlib.text import Text

    dpi = figure.dpi if dpi is None else dpi
    hidden = {id(artist) for ax in figure.axes if not ax.axison
              for axis in (ax.xaxis, ax.yaxis) for artist in axis.findobj(Text)}
    sizes = [text.get_fontsize() for text in figure.findobj(Text)
             if text.get_visible() and text.get_text().strip() and id(text) not in hidden]
    return min(sizes, default=float("inf")) * dpi / 72


def slide_png(figure, *, size=SLIDE_FIGURE, dpi: int = SLIDE_DPI,
              aspect: float | None = None) -> tuple[bytes, float]:
    """Draw ``figure`` for a slide: resized to the slide, laid out again, as PNG.

    The figure keeps its proportions within limits: its height becomes the
    slide's figure height and its width follows its aspect ratio, at least 1.7
    and at most the slide's (a wider figure gets the slide's full width and
    the height). Its layout is redone for the new size and moving (animated)
    artists are drawn too. Use it with the projector style's text sizes
    (``FAIRLEARN_LITE_STYLE=projector``) to get text of 20 px or more.

    Parameters
    ----------
    figure : matplotlib Figure
        It is resized in place.
    size : (float, float)
        The slide's room for a figure in inches (width, height).
    dpi : int
        Pixels per inch of the picture.
    aspect : float, optional
        Width / height to draw at instead (at most the slide's), say for a
        widget's compact figure that gets the slide's full width.

    Returns
    -------
    (bytes, float)
        The PNG, and the size in pixels of its smallest text
        (:func:`smallest_text_px`).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> figure = Figure(figsize=(8, 8))
    >>> _ = figure.subplots().set_title("A title", fontsize=16)
    >>> picture, text_px = slide_png(figure)
    >>> picture[:4], [float(v) for v in figure.get_size_inches()]
    (b'\x89PNG', [7.14, 4.2])
    >>> round(text_px, 1)  # matplotlib's default 10 pt tick labels: too small for a slide
    13.9
    """
    width, height = figure.get_size_inches()
    aspect = min(max(width / height, 1.7) if aspect is None else aspect, size[0] / size[1])
    figure.set_size_inches(round(size[1] * aspect, 2), size[1])
    animated = [artist for artist in figure.findobj() if artist.get_animated()]
    for artist in animated:
        artist.set_animated(False)
    if figure.get_layout_engine() is None or not figure.get_layout_engine().adjust_compatible:
        figure.set_layout_engine("constrained")
    figure.set_dpi(dpi)
    _wrap_titles(figure)
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.02,
                       facecolor="white")
    finally:
        for artist in animated:
            artist.set_animated(True)
    return buffer.getvalue(), smallest_text_px(figure, dpi)


def _wrap_titles(figure) -> None:
    """Break titles wider than their room (the figure, or a panel among several) into lines."""
    import textwrap

    figure.draw_without_rendering()  # lays the figure out at its new size
    room = {id(ax): figure.bbox.width / _columns(ax) for ax in figure.axes}
    titles = [(figure._suptitle, figure.bbox.width)] if figure._suptitle is not None else []
    titles += [(title, room[id(ax)]) for ax in figure.axes
               for title in (ax.title, ax._left_title, ax._right_title)]
    renderer = figure._get_renderer()
    for text, width in titles:
        box = text.get_window_extent(renderer)
        wide = box.width
        past_edge = max(figure.bbox.x0 - box.x0, box.x1 - figure.bbox.x1, 0)
        if past_edge:  # a centred title that sticks out: as wide as keeps it in the figure
            width = min(width, wide - 2 * past_edge)
        if text.get_text() and wide > 0.98 * width:
            longest = max(len(line) for line in text.get_text().splitlines())
            chars = max(12, int(longest * 0.95 * width / wide))
            text.set_text("\n".join(textwrap.fill(line, chars)
                                     for line in text.get_text().splitlines()))


def _columns(ax) -> int:
    """How many columns of panels share the figure's width with ``ax``."""
    spec = ax.get_subplotspec()
    return 1 if spec is None else spec.get_gridspec().ncols


def show_figures_for_slides(*, resize: bool = True) -> None:
    """In a notebook, show every following figure as drawn for a slide, with its text size.

    Registers a display function for matplotlib figures in the running
    IPython kernel: each figure is drawn by :func:`slide_png` (or, with
    ``resize=False``, as it is), and the output's metadata records the size of
    its smallest text in pixels (``{"fairlearn_lite": {"smallest_text_px": ...}}``),
    which the slide build carries to the slide so that the browser test can
    measure it. Outside IPython it does nothing.

    Parameters
    ----------
    resize : bool, default True
        False keeps each figure's own size (to measure the notebook's figures).

    Returns
    -------
    None

    Examples
    --------
    >>> show_figures_for_slides()  # outside a notebook: nothing happens
    """
    from IPython import get_ipython
    from matplotlib.figure import Figure

    shell = get_ipython()
    if shell is None:
        return

    def shown(figure):
        if resize:
            picture, text_px = slide_png(figure)
        else:
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=figure.dpi, bbox_inches="tight")
            picture, text_px = buffer.getvalue(), smallest_text_px(figure)
        metadata = {"fairlearn_lite": {"smallest_text_px": round(text_px, 2)}}
        return base64.b64encode(picture).decode(), metadata

    shell.display_formatter.formatters["image/png"].for_type(Figure, shown)
