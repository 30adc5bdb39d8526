"""Handouts without a browser: the cheat sheet follows the package, lessons print without code."""

import sys
from pathlib import Path

import nbformat
import pytest

from fairlearn_lite.confusion import RATES
from fairlearn_lite.fairness_tree import LEAVES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_handouts  # noqa: E402


def test_docs_cheat_sheet_is_the_generated_one():
    committed = (ROOT / "docs" / "cheat-sheet.md").read_text(encoding="utf-8")
    assert committed == build_handouts.cheat_sheet_markdown(), \
        "run `python tools/build_handouts.py --markdown`"


def test_cheat_sheet_has_every_rate_and_leaf_and_loads_nothing():
    page = build_handouts.cheat_sheet_html()
    for rate in RATES.values():
        assert rate.formula.upper() in page and rate.meaning in page
    for leaf in LEAVES.values():
        assert leaf.name in page
    assert "<script" not in page and not build_handouts.NOT_INLINE.search(page)


@pytest.fixture(scope="module")
def lesson02():
    return build_handouts.lesson_html(ROOT / "notebooks" / "02-confusion-matrices.ipynb")


def test_a_lesson_handout_shows_no_code_but_its_figures_and_the_widget_still(lesson02):
    assert build_handouts.code_inputs(lesson02) == 0
    assert "print(" not in lesson02 and "import " not in lesson02
    notebook = nbformat.read(ROOT / "notebooks" / "02-confusion-matrices.ipynb", as_version=4)
    figures = sum("image/png" in o.get("data", {}) for c in notebook.cells if c.cell_type == "code"
                  for o in c.outputs)
    assert lesson02.count('src="data:image/png;base64') == figures >= 3  # the widget's still is one
    assert "lecturer: see the instructor guide" not in lesson02


def test_a_lesson_handout_loads_nothing_from_outside(lesson02):
    assert "<script" not in lesson02.lower()
    assert not build_handouts.NOT_INLINE.search(lesson02)


def test_a_cell_tagged_to_show_its_code_keeps_it():
    notebook = nbformat.read(ROOT / "notebooks" / "02-confusion-matrices.ipynb", as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "code" and c.outputs)
    cell.metadata.setdefault("tags", []).append(build_handouts.SHOW_CODE)
    prepared = build_handouts.prepare(notebook)
    hidden = [c for c in prepared.cells if build_handouts.HIDE_CODE in c.metadata.get("tags", [])]
    shown = [c for c in prepared.cells if c.cell_type == "code" and c not in hidden]
    assert [c.source for c in shown] == [cell.source]


@pytest.mark.parametrize(("page", "inline"), [
    ('<img src="data:image/png;base64,AAAA">', True),
    ('<a href="#section-2">', True),
    ('<img src="figure.png">', False),
    ('<link rel="stylesheet" href="https://cdn.example/x.css">', False),
    ('<style>@import "x.css";</style>', False),
    ("<div style=\"background: url('file:///etc/x.png')\">", False),
])
def test_the_inline_check_catches_every_outside_resource(page, inline):
    assert (not build_handouts.NOT_INLINE.search(page)) is inline


def test_formulas_are_drawn_inline():
    text = build_handouts._render_formulas(r"Here $\frac{p}{1-p} \cdot \text{TPR}$ and $5.")
    assert text.startswith('Here <img class="kit-math"') and "data:image/svg+xml" in text
    assert text.endswith(" and $5.")


def test_the_code_count_sees_code_when_it_is_shown():
    notebook = nbformat.read(ROOT / "notebooks" / "02-confusion-matrices.ipynb", as_version=4)
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", []).append(build_handouts.SHOW_CODE)
    shown = sum(c.cell_type == "code" for c in build_handouts.prepare(notebook).cells)
    from nbconvert import HTMLExporter
    page, _ = HTMLExporter(template_name="lab").from_notebook_node(build_handouts.prepare(notebook))
    assert build_handouts.code_inputs(page) == shown > 5


def test_display_formulas_are_drawn_whole():
    text = build_handouts._render_formulas("Before\n$$\\text{FPR} = \\frac{p}{1-p}$$\nafter")
    assert "$" not in text and text.count("<img") == 1 and "text-align: center" in text
