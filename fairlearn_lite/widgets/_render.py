"""Drawing a matplotlib figure into an ipywidgets Image, without pyplot.

The widgets keep one figure and change its artists in place (move a line,
resize a bar), then render it to PNG bytes. This needs no extra JupyterLab
extension and never creates a second copy of the figure below the cell.
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._validation import caller
from ..plotting._style import kit_style

WIDGET_DPI = 80


def new_figure(figsize, **subplot_kw):
    """A figure (with the kit's style) that is not managed by pyplot, and its Axes."""
    with kit_style():
        figure = Figure(figsize=figsize, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.subplots(**subplot_kw) if subplot_kw else figure.subplots()
    return figure, axes


def png(figure: Figure, dpi: int = WIDGET_DPI) -> bytes:
    """The figure as PNG bytes, for an ``ipywidgets.Image`` (a full redraw)."""
    buffer = io.BytesIO()
    with kit_style():
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _encode(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's pixels as PNG bytes, favouring speed over file size."""
    from PIL import Image

    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


class FastRenderer:
    """Re-render only the artists that move (blitting), for a fluid slider.

    The figure is drawn once without the ``moving`` artists; that picture is
    kept. Each :meth:`png` restores it, draws the moving artists on top and
    encodes the result, which is several times faster than a full redraw.
    The layout is frozen after the first draw.
    """

    def __init__(self, figure: Figure, moving, dpi: int = WIDGET_DPI):
        self.figure, self.moving = figure, list(moving)
        figure.set_dpi(dpi)
        for artist in self.moving:
            artist.set_animated(True)
        with kit_style():
            figure.canvas.draw()
        figure.set_layout_engine("none")
        self.background = figure.canvas.copy_from_bbox(figure.bbox)

    def png(self) -> bytes:
        canvas = self.figure.canvas
        canvas.restore_region(self.background)
        for artist in self.moving:
            self.figure.draw_artist(artist)
        return _encode(canvas)


MAX_GROUPS = 12


def check_group_count(groups, *, name: str = "sensitive_features", column: str | None = None
                      ) -> None:
    """A widget shows every group: refuse more than it can show, before drawing anything."""
    if len(groups) > MAX_GROUPS:
        where = f" (column {column!r})" if column is not None else ""
        raise ValueError(
            f"The '{name}' parameter of {caller()} has {len(groups)} groups{where}; a widget "
            f"shows at most {MAX_GROUPS}. Choose another column, or group the categories "
            f"first (for example the 10 largest and 'other').")


def escape(value) -> str:
    """A user's string (a group label, say) made safe to put into HTML."""
    return html.escape(str(value))


TABLE_STYLE = (
    "<style>.fll-table {border-collapse: collapse; margin: 0 0 4px 0} "
    ".fll-table td, .fll-table th {padding: 1px 6px; text-align: right; font-size: 14px; "
    "line-height: 1.35; white-space: nowrap} "
    ".fll-table caption {font-weight: bold; text-align: left; white-space: nowrap}</style>")

# The widest a widget's picture is drawn, in inches at WIDGET_DPI (544 px): beside it a table fits
# the notebook's output area of a 1280 px screen (about 1,100 px with the file browser closed).
PICTURE_WIDTH = 6.8


def html_table(frame, *, percent=(), caption: str | None = None) -> str:
    """A small, readable HTML table; columns in ``percent`` shown as percentages.

    Cells never wrap (a wrapped number or word is hard to read); the index's
    name is left out, so the table takes one header row.
    """
    shown = frame.copy()
    shown.index.names = [None] * shown.index.nlevels
    for column in shown.columns:
        if column in percent:
            shown[column] = shown[column].map(lambda v: "–" if v != v else f"{v:.0%}")
    table = shown.to_html(classes="fll-table", border=0, escape=True)
    if caption:
        table = table.replace(">\n", f">\n<caption>{escape(caption)}</caption>\n", 1)
    return TABLE_STYLE + table


def grid_shape(count: int) -> tuple[int, int]:
    """(rows, columns) of small multiples: one row up to three panels, then rows of two or three."""
    columns = count if count <= 3 else (2 if count == 4 else 3)
    return -(-count // columns), columns


def panel_figure(count: int, *, panel_height: float, extra_height: float,
                 width: float = PICTURE_WIDTH, sharey: bool = False):
    """A widget figure with one panel per group on a grid; the unused cells are removed.

    Parameters
    ----------
    count : int
        The number of panels (groups).
    panel_height : float
        The height of one row of panels, in inches.
    extra_height : float
        Room for titles and a legend, in inches.
    width : float, default PICTURE_WIDTH
    sharey : bool, default False

    Returns
    -------
    (Figure, numpy.ndarray of Axes)
        The Axes in reading order, one per panel.
    """
    rows, columns = grid_shape(count)
    figure, axes = new_figure((width, rows * panel_height + extra_height), nrows=rows,
                              ncols=columns, sharey=sharey, squeeze=False)
    flat = list(axes.ravel())
    for ax in flat[count:]:
        ax.remove()
    return figure, np.array(flat[:count], dtype=object)


def picture(**layout) -> widgets.Image:
    """An Image that shrinks with a narrow notebook and never grows past its own size."""
    return widgets.Image(format="png", layout={"max_width": "100%", "height": "auto", **layout})
