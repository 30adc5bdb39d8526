"""Build a reveal.js slide deck per lesson, for a 1280 x 720 projector and offline (`make slides`).

    python tools/build_slides.py [--out slides-build] [--port 8888] [notebooks ...]

1. Each lesson is executed again with the kit's projector style
   (``FAIRLEARN_LITE_STYLE=projector``): its figures are drawn for the slide,
   at the slide's size with 19 pt type, and each records the size of its
   smallest text, which the slide carries (``data-text-px``) for the browser
   test. The executed lessons are kept in ``slides-build/.projector/`` until a
   lesson, the package or the data change.
2. The JavaScript the decks need (reveal.js, require.js, jQuery, MathJax) is
   downloaded once from the npm registry into ``slides-build/assets/``, checked
   against the registry's published SHA-512, and reused afterwards. After that
   first build no network is needed, and the decks never load anything from a
   CDN.
3. Each lesson is cut into slides that fit 1280 x 720 without scrolling: every
   ``##``/``###`` heading starts a slide, the title's questions and objectives
   get slides of their own, long text, lists and tables continue on the next
   slide, and figures take the height that is left. Code is hidden unless its
   cell is tagged ``slides-show-code``; the "Sources" section stays in the
   notebook.
4. A widget appears as its still figure, drawn from ``notebooks/live/`` (one
   small notebook per widget), with a link that opens that notebook in the
   kit's JupyterLab (``http://127.0.0.1:PORT/lab/tree/notebooks/live/...``).
   A cell tagged ``slides-skip`` (an output too long for any slide) stays in
   the notebook only.
5. Cells tagged ``lecturer-notes`` become speaker notes (press ``s``); a slide
   that opens a section without a note gets the section's first sentence.
6. Every deck is checked: nothing is loaded from ``http(s)://``, and at most
   one slide in five shows code.
"""

from __future__ import annotations

import argparse
import ast
import base64
import copy
import hashlib
import html
import io
import json
import math
import os
import re
import shutil
import sys
import tarfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import SlidesExporter

ROOT = Path(__file__).resolve().parents[1]
ASSETS = {  # npm package, version, files to keep (prefixes inside the package)
    "reveal.js": ("reveal.js", "4.6.0", ("dist/", "plugin/notes/")),
    "requirejs": ("requirejs", "2.3.7", ("require.js",)),
    "jquery": ("jquery", "3.7.1", ("dist/jquery.min.js",)),
    "mathjax": ("mathjax", "2.7.9", ("MathJax.js", "config/", "extensions/", "jax/",
                                     "fonts/HTML-CSS/TeX/woff/", "localization/en/")),
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TEMPLATE = ROOT / "tools" / "slides-template"
LIVE = ROOT / "notebooks" / "live"
SHOW_CODE = "slides-show-code"
NOTES = "lecturer-notes"
SKIP = "slides-skip"
DEFAULT_PORT = 8888

BUDGET = 528          # px below a slide's heading (a small margin for estimates that run over)
LINE = 34             # px per line of body text (24 px type)
CHARS = 70            # characters per line of body text, conservatively
PRE_LINE = 30         # px per line of printed output (22 px monospace)
PRE_CHARS = 84
ROW = 50              # px per table row (22 px type)
TITLE_CHARS = 48       # characters of a slide heading on one line (38 px)
TITLE_LINE = 50       # px of a heading's second line
FIGURE = 420          # px a figure needs at least (the projector style draws them 420 px tall)
MAX_ROWS = 7          # table rows per slide
SKIPPED_SECTIONS = ("sources", "references")
LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+\.)\s")
STYLE_VARIABLE = "FAIRLEARN_LITE_STYLE"
# Runs first in each lesson executed for the slides (and is removed afterwards): the inline
# backend first, so that it cannot replace the figure display registered next.
SETUP = ("get_ipython().run_line_magic('matplotlib', 'inline')\n"
         "from fairlearn_lite.plotting._style import show_figures_for_slides\n"
         "show_figures_for_slides(resize={resize})")

def source_key(path: Path, figures: str) -> str:
    """A hash of a lesson, the package and the data: a lesson is executed again when one changes."""
    digest = hashlib.sha256(f"{figures}|{SETUP}|{path.read_bytes().hex()}".encode())
    for source in sorted([*(ROOT / "fairlearn_lite").rglob("*.py"), *(ROOT / "data").rglob("*")]):
        if source.is_file():
            digest.update(str(source.relative_to(ROOT)).encode() + source.read_bytes())
    return digest.hexdigest()[:16]


def executed_for_slides(path: Path, cache: Path, figures: str = "projector"):
    """The lesson at ``path`` executed with its figures drawn for slides (cached in ``cache``).

    Parameters
    ----------
    path : Path
        A lesson notebook.
    cache : Path
        Folder for executed lessons, reused while lesson, package and data are unchanged.
    figures : {"projector", "notebook"}
        "projector" draws each figure in the projector style at the slide's size;
        "notebook" keeps the notebook's figures (to measure them, as they were before).

    Returns
    -------
    nbformat.NotebookNode
    """
    if figures not in ("projector", "notebook"):
        raise ValueError(f"figures must be 'projector' or 'notebook', not {figures!r}")
    cached = cache / f"{path.stem}.{source_key(path, figures)}.ipynb"
    if cached.exists():
        return nbformat.read(cached, as_version=4)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(SETUP.format(
        resize=figures == "projector")))
    NotebookClient(notebook, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    notebook.cells.pop(0)
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{path.stem}.*.ipynb"):
        old.unlink()
    nbformat.write(notebook, cached)
    print(f"  executed {path.name} for the slides ({figures} figures)")
    return notebook


def fetch(package: str, version: str, keep: tuple[str, ...], target: Path) -> None:
    """Download one npm package tarball, verify it, and unpack the files the decks use.

    Parameters
    ----------
    package, version : str
        The npm package and its exact version.
    keep : tuple of str
        Prefixes (inside the package) of the files to unpack.
    target : Path
        Folder to unpack into; a marker file records the version unpacked.
    """
    marker = target / ".complete"
    if marker.exists() and marker.read_text() == version:
        return
    meta = json.load(urllib.request.urlopen(f"https://registry.npmjs.org/{package}/{version}",
                                            timeout=60))
    data = urllib.request.urlopen(meta["dist"]["tarball"], timeout=300).read()
    algorithm, expected = meta["dist"]["integrity"].split("-", 1)
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        raise RuntimeError(f"{package} {version}: the download does not match its checksum.")
    if target.exists():
        shutil.rmtree(target)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.split("/", 1)[1] if "/" in member.name else member.name
            if member.isfile() and name.startswith(keep) and ".." not in name:
                destination = target / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(archive.extractfile(member).read())
    marker.write_text(version)
    print(f"  assets: {package} {version}")


# Anything the browser would *load* from elsewhere (links to click on are fine).
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["']"""
                      r"""(?:https?:)?//|\bfrom\s*['"](?:https?:)?//|url\(\s*['"]?(?:https?:)?//""",
                      re.IGNORECASE)




@dataclass
class Item:
    """One piece of a slide: ``kind`` is heading, text, output, figure, widget or note."""

    kind: str
    content: object
    height: int = 0
    level: int = 0


@dataclass
class Slide:
    """A slide: its heading, its items, and whether it starts a section (a new column)."""

    title: str
    section: bool
    items: list = field(default_factory=list)
    used: int = 0
    level: int = 2


def markdown_blocks(source: str) -> list[str]:
    """Split markdown at blank lines (outside code fences); headings become blocks of their own.

    Parameters
    ----------
    source : str
        The markdown of one cell.

    Returns
    -------
    list of str
        Paragraphs, lists, tables, fenced code and headings, in order.
    """
    if not isinstance(source, str):
        raise TypeError(f"source must be a string, not {type(source).__name__}")
    blocks, current, fenced = [], [], False
    for line in source.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and (not line.strip() or line.startswith("#")):
            if current:
                blocks.append("\n".join(current))
            current = []
            if line.startswith("#"):
                blocks.append(line)
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def text_lines(block: str, chars: int = CHARS) -> int:
    """Estimated number of rendered lines of a markdown block at ``chars`` characters a line."""
    units, current = [], ""
    for line in block.splitlines():
        if LIST_ITEM.match(line) or line.lstrip().startswith("|") or not current:
            if current:
                units.append(current)
            current = line.strip()
        else:
            current += " " + line.strip()
    units.append(current)
    plain = [re.sub(r"\*\*|\*|`|<[^>]+>|\]\([^)]*\)", "", unit) for unit in units]
    return sum(max(1, math.ceil(len(unit) / chars)) for unit in plain)


def block_height(block: str) -> int:
    """Estimated height in px of a markdown block on a slide."""
    if block.lstrip().startswith("|"):
        rows = [line for line in block.splitlines() if not re.match(r"^\|[-:| ]+\|$", line)]
        return sum(ROW * max(1, math.ceil(len(row) / (CHARS + 10))) for row in rows) + 16
    return text_lines(block) * LINE + 20


def split_block(block: str, budget: int = BUDGET) -> list[str]:
    """Cut a block taller than ``budget`` at list items, or else at sentences."""
    if block_height(block) <= budget:
        return [block]
    lines = block.splitlines()
    if LIST_ITEM.match(lines[0]):
        pieces, start = [], 0
        for index, line in enumerate(lines[1:], 1):
            if LIST_ITEM.match(line) and block_height("\n".join(lines[start:index + 1])) > budget:
                pieces.append("\n".join(lines[start:index]))
                start = index
        return pieces + ["\n".join(lines[start:])]
    sentences = re.split(r"(?<=[.?!:])\s+(?=[A-Z*(])", " ".join(line.strip() for line in lines))
    pieces, current = [], ""
    for sentence in sentences:
        if current and block_height(current + " " + sentence) > budget:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    return pieces + [current]


def first_sentence(items: list) -> str:
    """The first sentence of the first text item, as a note for a slide without one."""
    for item in items:
        if item.kind == "text" and not item.content.lstrip().startswith(("|", "<", "```")):
            text = re.sub(r"\s+", " ", item.content).strip()
            return re.split(r"(?<=[.?!])\s", text, maxsplit=1)[0]
    return ""


def pack(items: list[Item], deck_title: str) -> list[Slide]:
    """Put items onto slides: headings open slides, full slides continue on the next one.

    Parameters
    ----------
    items : list of Item
        The lesson's items in order; the first heading is the deck's title.
    deck_title : str
        Heading of slides that come before any section heading.

    Returns
    -------
    list of Slide
    """
    slides: list[Slide] = []
    current = None
    for item in items:
        if item.kind == "heading":
            current = Slide(item.content, section=item.level <= 2, level=item.level,
                            used=TITLE_LINE * (len(item.content) > TITLE_CHARS))
            slides.append(current)
            continue
        if current is None:
            current = Slide(deck_title, section=True)
            slides.append(current)
        if item.kind != "note" and current.items and not fits(current, item):
            title = continued(current.title)
            current = Slide(title, section=False, used=TITLE_LINE * (len(title) > TITLE_CHARS))
            slides.append(current)
        current.items.append(item)
        if item.kind != "note":
            current.used += item.height
    return slides


def fits(slide: Slide, item: Item) -> bool:
    """Whether ``item`` still fits on ``slide`` (a figure needs :data:`FIGURE` px at least)."""
    if item.kind in ("figure", "widget"):
        return slide.used + FIGURE <= BUDGET
    if any(other.kind in ("figure", "widget") for other in slide.items):
        return False
    return slide.used + item.height <= BUDGET


def continued(title: str) -> str:
    """The heading of a slide that continues ``title``."""
    return title if title.endswith("(cont.)") else f"{title} (cont.)"


def title_items(blocks: list[str]) -> list[Item]:
    """The title cell: a title slide, then the questions and objectives on slides of their own.

    Parameters
    ----------
    blocks : list of str
        Markdown blocks of the lesson's first cell (``# title``, then a table of
        ``| **Questions** | ... |`` rows, then any text).

    Returns
    -------
    list of Item
    """
    items = [Item("heading", blocks[0].lstrip("# ").strip(), level=1)]
    rows, rest = {}, []
    for block in blocks[1:]:
        found = re.findall(r"^\|\s*\*\*(.+?)\*\*\s*\|\s*(.+?)\s*\|\s*$", block, re.MULTILINE)
        rows.update(found)
        if not found:
            rest.append(block)
    facts = [f"**{key}:** {rows[key]}" for key in rows if key not in ("Questions", "Objectives")]
    items += [Item("text", fact, block_height(fact)) for fact in facts]
    for key, separator in (("Questions", r"(?<=\?)\s+"), ("Objectives", r"\s+·\s+")):
        if key in rows:
            points = "\n".join(f"- {point}" for point in re.split(separator, rows[key]))
            items.append(Item("heading", key, level=2))
            items += [Item("text", piece, block_height(piece)) for piece in split_block(points)]
    if rest:
        items.append(Item("heading", "This lesson", level=2))
        items += markdown_items(rest)
    return items


def markdown_items(blocks: list[str]) -> list[Item]:
    """Headings and text blocks (cut to fit) of a markdown cell; "Sources" sections are left out."""
    items, skipping = [], False
    for block in blocks:
        heading = re.match(r"^(#+)\s+(.*)", block)
        if heading:
            skipping = heading.group(2).strip().lower() in SKIPPED_SECTIONS
            if not skipping:
                items.append(Item("heading", heading.group(2).strip(), level=len(heading.group(1))))
        elif not skipping:
            items += [Item("text", piece, block_height(piece)) for piece in split_block(block)]
    return items


def table_pieces(markup: str, rows: int = MAX_ROWS) -> list[str]:
    """Cut an HTML table with more than ``rows`` body rows into tables of at most ``rows`` rows."""
    match = re.search(r"(?s)(.*<tbody>)(.*?)(</tbody>.*)", markup)
    if not match:
        return [markup]
    head, body, tail = match.groups()
    body_rows = re.findall(r"(?s)<tr.*?</tr>", body)
    if len(body_rows) <= rows:
        return [markup]
    count = math.ceil(len(body_rows) / rows)
    size = math.ceil(len(body_rows) / count)
    return [head + "".join(body_rows[start:start + size]) + tail
            for start in range(0, len(body_rows), size)]


def table_height(markup: str) -> int:
    """Estimated height in px of an HTML table: header rows wrap to two lines, so does the caption."""
    head = re.search(r"(?s)<thead>(.*?)</thead>", markup)
    head_rows = len(re.findall(r"<tr", head.group(1))) if head else 0
    body_rows = len(re.findall(r"<tr", markup)) - head_rows
    caption = re.search(r"(?s)<caption>(.*?)</caption>", markup)
    caption_lines = math.ceil(len(caption.group(1)) / PRE_CHARS) if caption else 0
    return body_rows * ROW + head_rows * 2 * ROW + caption_lines * PRE_LINE + 20


def output_items(cell) -> list[Item]:
    """Items for a code cell's outputs: figures, tables (cut to fit) and printed text.

    A cell with a figure shows only the figure (its printed text is the figure's
    description for screen readers, which the notebook keeps).
    """
    figure = any("image/png" in output.get("data", {}) for output in cell.outputs)
    description = " ".join(output.get("text", "") for output in cell.outputs
                           if output.get("name") == "stdout").strip()
    items = []
    for output in cell.outputs:
        data = output.get("data", {})
        if "image/png" in data:
            recorded = output.get("metadata", {}).get("image/png", {}).get("fairlearn_lite", {})
            items.append(Item("figure", {"png": data["image/png"], "alt": description,
                                         "text_px": recorded.get("smallest_text_px")}, FIGURE))
        elif figure or WIDGET_VIEW in data:
            continue
        elif "text/html" in data:
            for piece in table_pieces(data["text/html"]):
                shown = {"output_type": "display_data", "metadata": {},
                         "data": {"text/html": piece}}
                items.append(Item("output", shown, table_height(piece)))
        elif output.get("output_type") == "stream" or "text/plain" in data:
            text = output.get("text") or data.get("text/plain", "")
            lines = sum(max(1, math.ceil(len(line) / PRE_CHARS)) for line in text.splitlines())
            items.append(Item("output", output, lines * PRE_LINE + 24))
    return items


def live_notebook(lesson: str, source: str) -> Path | None:
    """The notebook in ``notebooks/live/`` for the widget built by ``source`` in ``lesson``."""
    candidates = sorted(LIVE.glob(f"{lesson[:2]}-*.ipynb"))
    named = re.findall(r"\b(\w+Widget)\(", source)
    for path in candidates:
        if named and f"{named[-1]}(" in nbformat.read(path, as_version=4).cells[0].source:
            return path
    return candidates[0] if len(candidates) == 1 and not named else None


def widget_still(path: Path) -> dict | None:
    """Run a live notebook's cell and draw its widget's still for a slide.

    The cell's last line is the widget. A widget that draws a figure (its
    ``figure``, or its renderer's) is drawn again at the slide's size; the
    fairness tree is drawn by :func:`fairlearn_lite.plotting.plot_fairness_tree`
    along the municipal report's path, and a box of plain controls (lesson
    00's slider) by :func:`fairlearn_lite.plotting.plot_controls`.

    Returns
    -------
    dict or None
        ``{"png": base64 PNG, "text_px": smallest text in px}``.
    """
    tree = ast.parse(nbformat.read(path, as_version=4).cells[0].source)
    last = tree.body.pop()
    if not isinstance(last, ast.Expr):
        raise ValueError(f"{path.name}: the cell must end with the widget, as an expression")
    namespace: dict = {}
    exec(compile(tree, str(path), "exec"), namespace)  # noqa: S102 - the kit's own notebook
    widget = eval(compile(ast.Expression(last.value), str(path), "eval"), namespace)  # noqa: S307
    from fairlearn_lite.plotting._style import kit_style, slide_png

    figure = still_figure(widget)
    if figure is None:
        return None
    with kit_style():  # ticks made while drawing get the projector's sizes too
        picture, text_px = slide_png(figure, aspect=math.inf)  # the slide's full width
    return {"png": base64.b64encode(picture).decode(), "text_px": round(text_px, 2)}


def still_figure(widget):
    """The matplotlib figure a widget's still is drawn from (None if there is none)."""
    import ipywidgets

    from fairlearn_lite.fairness_tree import MUNICIPAL_ROUTE
    from fairlearn_lite.plotting import kit_style, plot_controls, plot_fairness_tree
    from fairlearn_lite.widgets import FairnessTreeWidget

    if isinstance(widget, FairnessTreeWidget):
        with kit_style():
            return plot_fairness_tree(widget.answers or MUNICIPAL_ROUTE).figure
    if isinstance(widget, ipywidgets.Box):
        with kit_style():
            return plot_controls(widget).figure
    renderer = getattr(widget, "renderer", None)
    return getattr(widget, "figure", None) or getattr(renderer, "figure", None)


def widget_item(lesson: str, cell, port: int) -> Item:
    """A widget's slide item: its still figure and a link that opens it live in JupyterLab."""
    path = live_notebook(lesson, cell.source)
    if path is None:
        raise FileNotFoundError(f"{lesson}: no notebook in notebooks/live/ for this widget:\n"
                                f"{cell.source}")
    url = f"http://127.0.0.1:{port}/lab/tree/notebooks/live/{path.name}"
    return Item("widget", {"still": widget_still(path), "url": url, "name": path.name}, FIGURE + 60)


def lesson_items(notebook, lesson: str, port: int) -> list[Item]:
    """Every item of a lesson, in order (see :func:`pack` for how they become slides)."""
    items = title_items(markdown_blocks(notebook.cells[0].source))
    for cell in notebook.cells[1:]:
        tags = cell.metadata.get("tags", [])
        if SKIP in tags:  # output too long for a slide (the audit's full tables): live only
            continue
        if NOTES in tags or cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
            items.append(Item("note", cell.source))
        elif cell.cell_type == "markdown":
            items += markdown_items(markdown_blocks(cell.source))
        elif cell.cell_type == "code":
            if SHOW_CODE in tags:
                lines = cell.source.count("\n") + 1
                items.append(Item("code", cell.source, lines * PRE_LINE + 24))
            if any(WIDGET_VIEW in output.get("data", {}) for output in cell.outputs):
                items.append(widget_item(lesson, cell, port))
            items += output_items(cell)
    return items


def slide_cells(slide: Slide) -> list:
    """The notebook cells of one slide, the first marked as the start of a (sub)slide."""
    cells = [nbformat.v4.new_markdown_cell(f"{'#' if slide.level == 1 else '##'} {slide.title}")]
    for item in slide.items:
        if item.kind == "text":
            cells.append(nbformat.v4.new_markdown_cell(item.content))
        elif item.kind == "note":
            note = nbformat.v4.new_markdown_cell(item.content)
            note.metadata["slideshow"] = {"slide_type": "notes"}
            cells.append(note)
        elif item.kind == "code":
            cells.append(nbformat.v4.new_code_cell(item.content))
        elif item.kind == "widget":
            cells += widget_cells(item.content)
        elif item.kind == "figure":
            cells.append(figure_cell(item.content))
        else:
            cell = nbformat.v4.new_code_cell("", outputs=[copy.deepcopy(item.content)])
            cell.metadata["transient"] = {"remove_source": True}
            cells.append(cell)
    if slide.section and not any(item.kind == "note" for item in slide.items):
        sentence = first_sentence(slide.items)
        if sentence:
            note = nbformat.v4.new_markdown_cell(sentence)
            note.metadata["slideshow"] = {"slide_type": "notes"}
            cells.append(note)
    cells[0].metadata["slideshow"] = {"slide_type": "slide" if slide.section else "subslide"}
    return cells


def figure_cell(figure: dict):
    """A cell that shows a figure, with the size of its smallest text (px) for the browser test."""
    size = "" if figure.get("text_px") is None else f' data-text-px="{figure["text_px"]}"'
    image = (f'<img class="kit-figure" alt="{html.escape(figure.get("alt") or "")}"{size} '
             f'src="data:image/png;base64,{figure["png"].strip()}">')
    cell = nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": image})])
    cell.metadata["transient"] = {"remove_source": True}
    return cell


def widget_cells(widget: dict) -> list:
    """A widget's still figure (if it draws one) and the link to its live notebook."""
    cells = []
    if widget["still"]:
        cells.append(figure_cell({**widget["still"], "alt": f"Still of {widget['name']}"}))
    link = (f'<p class="kit-live">Live in JupyterLab: <a href="{html.escape(widget["url"])}">'
            f'notebooks/live/{html.escape(widget["name"])}</a></p>')
    cells.append(nbformat.v4.new_markdown_cell(link))
    return cells


def slide_notebook(notebook, lesson: str, port: int = DEFAULT_PORT):
    """The lesson as a notebook of slides: one cell per item, slide starts marked.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        An executed lesson.
    lesson : str
        Its file stem (``01-what-is-fair``), used to find its live notebooks.
    port : int
        The JupyterLab port the widget links point at.

    Returns
    -------
    nbformat.NotebookNode
        A notebook for nbconvert's reveal.js exporter; its metadata records the
        number of slides and of slides that show code.
    """
    if not isinstance(port, int) or not 0 < port < 65536:
        raise ValueError(f"port must be a TCP port number (1-65535), not {port!r}")
    items = lesson_items(notebook, lesson, port)
    slides = pack(items, items[0].content)
    result = nbformat.v4.new_notebook(metadata=copy.deepcopy(notebook.metadata))
    result.metadata.pop("widgets", None)
    for slide in slides:
        result.cells += slide_cells(slide)
    result.metadata["kit_slides"] = {
        "slides": len(slides),
        "code_slides": sum(any(item.kind == "code" for item in slide.items) for slide in slides)}
    return result


def exporter(port: int) -> SlidesExporter:
    """nbconvert's reveal.js exporter with the kit's template, 1280 x 720 and local assets."""
    assets = "assets"
    slides = SlidesExporter(extra_template_basedirs=[str(TEMPLATE)], template_name="kit-reveal")
    slides.reveal_url_prefix = f"{assets}/reveal.js"
    slides.reveal_theme = "white"  # its fonts ship with reveal.js ("simple" loads Google Fonts)
    slides.reveal_scroll = False
    slides.reveal_transition = "none"  # a clicker's next slide appears at once
    slides.reveal_number = "c/t"
    slides.reveal_width = "1280"
    slides.reveal_height = "720"
    slides.exclude_input_prompt = True
    slides.exclude_output_prompt = True
    slides.require_js_url = f"{assets}/requirejs/require.js"
    slides.jquery_url = f"{assets}/jquery/dist/jquery.min.js"
    slides.mathjax_url = f"{assets}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    return slides


def build(notebooks: list[Path], out: Path, port: int = DEFAULT_PORT,
          figures: str = "projector") -> list[Path]:
    """Write ``out/<lesson>.slides.html`` for every notebook; return the paths written."""
    out.mkdir(exist_ok=True)
    os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend puts figures into outputs
    if figures == "projector":
        os.environ[STYLE_VARIABLE] = "projector"
    else:
        os.environ.pop(STYLE_VARIABLE, None)
    for name, (package, version, keep) in ASSETS.items():
        fetch(package, version, keep, out / "assets" / name)
    slides = exporter(port)
    written = []
    for path in notebooks:
        lesson = executed_for_slides(path, out / ".projector", figures)
        deck = slide_notebook(lesson, path.stem, port)
        counts = deck.metadata["kit_slides"]
        if counts["code_slides"] * 5 > counts["slides"]:
            raise RuntimeError(f"{path.name}: {counts['code_slides']} of {counts['slides']} slides "
                               f"show code; at most one in five may (tag {SHOW_CODE} fewer cells).")
        body, _ = slides.from_notebook_node(deck, resources={"metadata": {"name": path.stem}})
        external = EXTERNAL.findall(body)
        if external:
            raise RuntimeError(f"{path.name}: the deck would load from the internet: {external}")
        target = out / f"{path.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
        print(f"wrote {target.name}: {counts['slides']} slides, {counts['code_slides']} with code")
    return written


def main(argv=None) -> None:
    """Command line: ``python tools/build_slides.py [--out DIR] [--port N] [notebooks ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "slides-build"))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help="JupyterLab port the widget links open (default %(default)s)")
    parser.add_argument("--figures", choices=("projector", "notebook"), default="projector",
                        help="draw figures for the slides (default) or keep the notebook's")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(argv)
    notebooks = [Path(p) for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    try:
        build(notebooks, Path(args.out), args.port, args.figures)
    except OSError as error:
        sys.exit(f"Could not fetch the slide assets ({error}). The first `make slides` needs the "
                 f"npm registry; later builds run offline.")


if __name__ == "__main__":
    main()
