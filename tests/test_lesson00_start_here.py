"""Lesson 00's advice: what to do when a widget shows as text, and how an exercise is checked."""

import contextlib
import io
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "notebooks" / "00-start-here.ipynb"


def cells():
    return nbformat.read(LESSON, as_version=4).cells


def words():
    return " ".join(" ".join(c.source for c in cells() if c.cell_type == "markdown").split())


def test_a_widget_shown_as_text_is_fixed_by_running_its_cell_not_by_reloading():
    text = words()
    assert "run the cell again" in text.lower() and "Run All Cells" in text
    for sentence in re.split(r"(?<=[.!?])\s", text):
        if "reload" in sentence.lower():  # reloading may only be named as the cause, never the fix
            assert re.search(r"do not reload|not a reload|or reload the browser page, for example",
                             sentence), sentence


def test_the_exercise_example_is_the_ex_q1_check_form_and_runs():
    (block,) = re.findall(r"```python\n(.*?)```", "\n".join(c.source for c in cells()), flags=re.S)
    assert "ex.q1.check(" in block and not re.search(r"(?<!ex\.)\bq1\.check\(", block)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(block, {})
    assert printed.getvalue().startswith("✓ q1: correct!")


def test_lecturer_notes_are_a_pointer_and_the_lesson_ends_with_sources():
    notes = [c.source for c in cells() if "lecturer-notes" in c.metadata.get("tags", [])]
    assert notes == ["(lecturer: see the instructor guide)"]
    last = " ".join(cells()[-1].source.split())
    assert "## Key points" in last and "## Sources" in last
    for cited in ("Eerlijke machine learning met studiedata", "7.8b", "data/README.md"):
        assert cited in last[last.index("## Sources"):], cited
