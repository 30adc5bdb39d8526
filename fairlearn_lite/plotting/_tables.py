"""Styled tables whose saved HTML does not change when a notebook runs again.

pandas gives every ``Styler`` a random id, and its plain-text form names a memory
address, so each run of a notebook would change its saved output. The tables
here take an id derived from their content, and read as plain text the way they
look.
"""

from __future__ import annotations

import hashlib

import pandas as pd
from pandas.io.formats.style import Styler

from .._validation import caller, public

__all__ = ["StyledTable", "style_table"]

HIGHLIGHT = {"font-weight": "bold", "background-color": "#E3EFF8"}  # a pale Okabe-Ito blue


class StyledTable(Styler):
    """A pandas ``Styler`` that also reads as plain text: its caption, then the formatted table.

    Where a notebook cannot show HTML (a terminal, a plain-text export) and in a
    saved notebook's text version, the table reads as it looks, not as
    ``<Styler at 0x...>``.
    """

    def __repr__(self) -> str:
        rows = [line.split("\t") for line in self.to_string(delimiter="\t").splitlines()]
        widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(len(rows[0]))]
        lines = ["  ".join(cell.ljust(width) if i == 0 else cell.rjust(width)  # labels left
                           for i, (cell, width) in enumerate(zip(row, widths, strict=False)))
                 for row in rows]
        return "\n".join([self.caption or "", *lines])


def content_id(frame: pd.DataFrame, caption: str | None, *, values: bool = True) -> str:
    """Eight hex digits derived from a table's caption, labels and (by default) values."""
    content = f"{caption}|{list(frame.columns)}|{list(frame.index)}"
    if values:
        content += "|" + frame.to_csv()
    return hashlib.sha1(content.encode()).hexdigest()[:8]


@public
def style_table(frame: pd.DataFrame, caption: str | None = None, *, highlight=None,
                highlight_rows=(), percent=(), decimals: int = 1) -> StyledTable:
    """A styled table with an id that depends on its content only, so saved outputs stay put.

    Use it where you would write ``frame.style``: the result is a pandas
    ``Styler`` (chain ``.format``, ``.hide``, ``.set_caption`` as usual). Its HTML
    id is derived from the caption, labels and values, not drawn at random, so
    running the notebook again saves the same bytes; its plain-text form is the
    caption and the formatted table.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; it is not changed.
    caption : str, optional
        One sentence that states what the table shows.
    highlight : str or list of str, optional
        The key column(s), shown in bold on a pale background.
    highlight_rows : list, optional
        Key rows (index labels), shown the same way.
    percent : list of str, optional
        Columns shown as percentages with ``decimals`` decimals.
    decimals : int, default 1

    Returns
    -------
    StyledTable
        A ``pandas.io.formats.style.Styler``.

    Examples
    --------
    >>> table = pd.DataFrame({"n": [120, 50], "admitted": [0.8, 0.6]}, index=["women", "men"])
    >>> styled = style_table(table, "Admitted per gender", highlight="admitted",
    ...                      percent=["admitted"], decimals=0)
    >>> print(repr(styled))
    Admitted per gender
             n  admitted
    women  120       80%
    men     50       60%
    >>> styled.to_html() == style_table(table.copy(), "Admitted per gender", highlight="admitted",
    ...                                 percent=["admitted"], decimals=0).to_html()
    True
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"The 'frame' parameter of {caller()} must be a pandas DataFrame; "
                        f"got {type(frame).__name__} instead.")
    keys = [highlight] if isinstance(highlight, str) else list(highlight or [])
    unknown = [key for key in [*keys, *percent] if key not in frame.columns]
    if unknown:
        raise ValueError(f"The 'highlight' and 'percent' parameters of {caller()} must name "
                         f"columns of the table, {list(frame.columns)}; got {unknown} instead.")
    missing_rows = [row for row in highlight_rows if row not in frame.index]
    if missing_rows:
        raise ValueError(f"The 'highlight_rows' parameter of {caller()} must name rows of the "
                         f"table, {list(frame.index)}; got {missing_rows} instead.")
    styled = StyledTable(frame).set_uuid(content_id(frame, caption))
    if caption is not None:
        styled = styled.set_caption(caption)
    if percent:
        styled = styled.format(f"{{:.{decimals}%}}", subset=list(percent), na_rep="–")
    if keys:
        styled = styled.set_properties(subset=keys, **HIGHLIGHT)
    if len(highlight_rows):
        styled = styled.set_properties(subset=pd.IndexSlice[list(highlight_rows), :], **HIGHLIGHT)
    return styled
