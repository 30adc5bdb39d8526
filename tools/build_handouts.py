"""Printable handouts: a PDF per lesson and a one-page cheat sheet (`make handouts`).

    python tools/build_handouts.py [--out handouts] [--no-cheat-sheet] [notebooks ...]

1. Each lesson is converted with nbconvert's HTML exporter: its text, figures,
   tables and the still figure of every widget, without code, except cells
   tagged ``handout-show-code``. Lecturer pointers and the live widgets are left
   out; formulas are drawn by matplotlib as inline SVG.
2. The cheat sheet is generated from the package: the rates of
   ``fairlearn_lite.confusion.RATES``, the criteria of
   ``fairlearn_lite.criteria.CRITERIA`` and ``fairlearn_lite.fairness_tree``.
   ``docs/cheat-sheet.md`` is the same sheet as text (``--markdown`` rewrites it).
3. Debian's chromium prints each page to PDF (headless, A4). The HTML may only
   use inline and ``data:`` resources, and chromium runs with a host resolver
   that resolves nothing, so printing never touches the network.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
SHOW_CODE = "handout-show-code"
HIDE_CODE = "handout-hide-code"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Anything but an inline or data: resource: a src/href/url() with a scheme or a path.
NOT_INLINE = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["']"""
                        r"""(?!data:|#)|url\(\s*['"]?(?!data:|#)|@import""", re.IGNORECASE)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-extensions", "--no-pdf-header-footer",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
                  "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]
PRINT_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
body { font-size: 10.5pt; }
.jp-Notebook { padding: 0 !important; }
.jp-Cell { padding: 2px 0 !important; break-inside: avoid-page; }
.jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
.jp-OutputArea-output img { max-width: 100% !important; max-height: 125mm; height: auto; }
.jp-OutputArea-output, .jp-RenderedHTMLCommon, .jp-OutputArea { overflow: visible !important; }
.jp-RenderedHTMLCommon table { font-size: 8pt; table-layout: auto; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { padding: 1px 4px !important; }
.jp-OutputArea-output pre { white-space: pre-wrap; word-break: break-word; font-size: 7.5pt; }
h1, h2, h3 { break-after: avoid-page; }
img.kit-math { vertical-align: middle; }
"""


def _formula_svg(tex: str) -> str:
    """A ``$...$`` formula as an inline SVG image (matplotlib's mathtext; no TeX needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure()
    figure.text(0, 0, f"${tex}$", fontsize=12)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.02, transparent=True)
    data = base64.b64encode(buffer.getvalue()).decode()
    return f'<img class="kit-math" alt="{html.escape(tex)}" src="data:image/svg+xml;base64,{data}">'


def _render_formulas(text: str) -> str:
    """Replace each ``$...$`` and ``$$...$$`` in a markdown cell by its drawing (or keep the text)."""
    def draw(match: re.Match) -> str:
        display, inline = match.group(1), match.group(2)
        try:
            image = _formula_svg((display or inline).strip())
        except ValueError:  # mathtext cannot parse it: keep the text
            return match.group(0)
        return f'<p style="text-align: center">{image}</p>' if display else image
    return re.sub(r"\$\$(.+?)\$\$|(?<!\\)\$([^$\n]+)\$", draw, text, flags=re.S)


def prepare(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The lesson as a handout: no live widgets, no lecturer pointers, code only where tagged.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        An executed lesson; it is not changed.

    Returns
    -------
    nbformat.NotebookNode
        A copy: widget views, error and stderr outputs, ``lecturer-notes``
        cells and code cells without output are removed; every other code cell
        not tagged ``handout-show-code`` is tagged ``handout-hide-code``.
    """
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.pop("widgets", None)
    cells = []
    for cell in notebook.cells:
        tags = cell.metadata.setdefault("tags", [])
        if "lecturer-notes" in tags:
            continue
        if cell.cell_type == "markdown":
            cell.source = _render_formulas(cell.source)
        elif cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if WIDGET_VIEW not in o.get("data", {})
                            and o.output_type != "error" and o.get("name") != "stderr"]
            if not cell.outputs and SHOW_CODE not in tags:
                continue
            if SHOW_CODE not in tags:
                tags.append(HIDE_CODE)
        cells.append(cell)
    notebook.cells = cells
    return notebook


def lesson_html(path: Path) -> str:
    """One lesson as a self-contained HTML page for printing (raises if it would load anything)."""
    exporter = HTMLExporter(template_name="lab")
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    exporter.widget_renderer_url = ""
    exporter.exclude_anchor_links = True
    exporter.register_preprocessor(_tag_remover(), enabled=True)
    body, _ = exporter.from_notebook_node(prepare(nbformat.read(path, as_version=4)),
                                          resources={"metadata": {"name": path.stem}})
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S | re.I)  # nothing runs on paper
    body = body.replace("</head>", f"<style>{PRINT_CSS}</style></head>", 1)
    check_inline(body, path.name)
    return body


def _tag_remover():
    from nbconvert.preprocessors import TagRemovePreprocessor

    return TagRemovePreprocessor(remove_input_tags={HIDE_CODE})


def check_inline(page: str, name: str) -> None:
    """Raise if the page would load anything that is not inline or a ``data:`` URL."""
    found = NOT_INLINE.findall(page)
    if found:
        raise RuntimeError(f"{name}: the handout would load outside resources: {found[:3]}")


def code_inputs(page: str) -> int:
    """How many code input areas a page shows (0 for a handout without tagged code)."""
    return len(re.findall(r'class="[^"]*\bjp-InputArea-editor\b', page))


# --- the cheat sheet, generated from the package ------------------------------------------

def _tree_items(key: str = "focus") -> list[tuple[int, str, str]]:
    """The fairness tree as (depth, answer, question or leaf) lines, depth first."""
    from fairlearn_lite.fairness_tree import FAIRNESS_TREE, TreeLeaf

    def walk(node_key: str, depth: int) -> list[tuple[int, str, str]]:
        question, lines = FAIRNESS_TREE[node_key], []
        for answer, step in question.options.items():
            if isinstance(step, TreeLeaf):
                lines.append((depth, answer, f"→ **{step.name}** (`{step.metric}`)"))
            else:
                lines.append((depth, answer, FAIRNESS_TREE[step].text))
                lines += walk(step, depth + 1)
        return lines

    return walk(key, 0)


def cheat_sheet_markdown() -> str:
    """The cheat sheet as markdown: the rates, the three criteria and the fairness tree."""
    from fairlearn_lite.confusion import RATES
    from fairlearn_lite.criteria import CRITERIA
    from fairlearn_lite.fairness_tree import FAIRNESS_TREE

    lines = ["# Cheat sheet: fair machine learning with study data", "",
             "Generated from the kit (`python tools/build_handouts.py --markdown`); do not edit.", "",
             "## The confusion matrix", "", "| | predicted positive | predicted negative |",
             "|---|---|---|", "| **actually positive** | TP (true positive) | FN (false negative) |",
             "| **actually negative** | FP (false positive) | TN (true negative) |", "",
             "n = TP + FP + FN + TN, per group.", "", "## Rates", "",
             "| rate | formula | meaning |", "|---|---|---|"]
    lines += [f"| {r.name.replace('_', ' ')} | {r.formula.upper()} | {r.meaning} |"
              for r in RATES.values()]
    lines += ["", "## Three fairness criteria", "", "| criterion | equal across groups |",
              "|---|---|"]
    lines += [f"| {name} | {', '.join(m.replace('_', ' ') for m in metrics)} |"
              for name, metrics in CRITERIA.items()]
    lines += ["", "When base rates differ between groups, no prediction meets all three, and "
              "usually not even two (Kleinberg et al. 2016; Chouldechova 2017).", "",
              "## The fairness tree", "", f"{FAIRNESS_TREE['focus'].text}", ""]
    lines += [f"{'  ' * depth}- *{answer}*: {text}" for depth, answer, text in _tree_items()]
    return "\n".join(lines) + "\n"


def cheat_sheet_html() -> str:
    """The cheat sheet as one self-contained A4 page (the markdown, rendered with nbconvert)."""
    from nbconvert.filters import markdown2html

    body = markdown2html(cheat_sheet_markdown().replace(
        "Generated from the kit (`python tools/build_handouts.py --markdown`); do not edit.",
        "From the kit <code>fairlearn_lite</code>: <code>confusion.RATES</code>, "
        "<code>criteria.CRITERIA</code>, <code>fairness_tree</code>."))
    style = """@page { size: A4; margin: 10mm 12mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; line-height: 1.25; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 3pt; } h2 { font-size: 11pt; margin: 7pt 0 3pt; }
p { margin: 2pt 0; } ul { margin: 1pt 0; padding-left: 13pt; } li { margin: 0.5pt 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #999; padding: 1.5pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; } code { font-size: 8pt; }"""
    body = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", body)
    page = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Cheat sheet"
            f"</title><style>{style}</style></head><body>{body}</body></html>")
    check_inline(page, "cheat sheet")
    return page


# --- printing ----------------------------------------------------------------------------

def chromium() -> str:
    """Debian's chromium (never a downloaded browser); the error says how to install it."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Debian's chromium is not installed: `sudo apt-get install chromium`.")
    return executable


def print_pdf(page: str, target: Path) -> Path:
    """Print an HTML page to ``target`` with headless chromium, offline; return ``target``."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.html"
        source.write_text(page, encoding="utf-8")
        command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={folder}/profile",
                   f"--print-to-pdf={target.resolve()}", source.as_uri()]
        run = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if run.returncode != 0 or not target.exists():
        raise RuntimeError(f"chromium could not print {target.name}: {run.stderr[-1500:]}")
    return target


def build(notebooks: list[Path], out: Path, *, cheat_sheet: bool = True) -> list[Path]:
    """Write ``out/<lesson>.pdf`` per notebook and ``out/cheat-sheet.pdf``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    pages = [(f"{path.stem}.pdf", lesson_html(path)) for path in notebooks]
    if cheat_sheet:
        pages.append(("cheat-sheet.pdf", cheat_sheet_html()))
    written = []
    for name, page in pages:
        written.append(print_pdf(page, out / name))
        print(f"wrote {out / name}")
    return written


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "handouts"))
    parser.add_argument("--no-cheat-sheet", action="store_true")
    parser.add_argument("--markdown", action="store_true",
                        help="only rewrite docs/cheat-sheet.md from the package")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(argv)
    if args.markdown:
        (ROOT / "docs" / "cheat-sheet.md").write_text(cheat_sheet_markdown(), encoding="utf-8")
        return
    notebooks = [Path(p) for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    try:
        build(notebooks, Path(args.out), cheat_sheet=not args.no_cheat_sheet)
    except RuntimeError as error:
        sys.exit(str(error))


if __name__ == "__main__":
    main()
