"""Lecturer materials stay in step with the kit: the agenda, the slide tooling, the Binder set-up."""

import re
import sys
from pathlib import Path

import nbformat
import pytest

import fairlearn_lite as fl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))  # the slide builder is a tool, not part of the package
import build_slides  # noqa: E402


def guide_section(heading: str) -> str:
    guide = (ROOT / "docs" / "instructor-guide.md").read_text()
    start = guide.index(f"\n{heading}\n")
    following = re.search(r"\n#{1,3} ", guide[start + len(heading) + 2:])
    return guide[start:start + len(heading) + 2 + following.start()]


@pytest.mark.parametrize(("heading", "cut_reading"), [
    ("## The workshop day (3.5 hours)", False), ("### The 3-hour version", True)])
def test_instructor_guide_agenda_matches_the_workshop_agenda(heading, cut_reading):
    rows = re.findall(r"^\| (\d\d:\d\d) \| (\d+) \| ([^|]+?) \|", guide_section(heading),
                      flags=re.MULTILINE)
    agenda = fl.workshop_agenda(start="09:30", cut_reading=cut_reading)
    assert [(start, int(minutes)) for start, minutes, _ in rows] == \
        list(zip(agenda["start"], agenda["minutes"], strict=True))
    for (_, _, item), title in zip(rows, agenda["title"], strict=True):
        assert title.lower().split()[0] in item.lower()
    end = re.search(r"^\| (\d\d:\d\d) \| +\| end", guide_section(heading), flags=re.MULTILINE)
    assert end and end.group(1) == agenda["end"].iloc[-1]
    if cut_reading:
        for cut in agenda.loc[agenda["reading"] > 0, "cut"]:
            assert cut in guide_section(heading)


def test_instructor_guide_says_what_to_cut_for_every_lesson():
    section = guide_section("### What to cut when late")
    for title in fl.workshop_agenda().query("kind == 'lesson'")["title"]:
        assert re.search(rf"^\| \d\d {re.escape(title)} \|", section, flags=re.MULTILINE), title


def test_instructor_guide_corrects_fpr_equals_precision():
    section = guide_section("## A slide to correct: the false positive rate is not precision")
    from fairlearn_lite.confusion import RATES
    for name in ("false_positive_rate", "positive_predictive_value", "false_discovery_rate"):
        formula = RATES[name].formula.upper().replace("(", "").replace(")", "")
        assert formula in section.replace("(", "").replace(")", ""), name


def test_every_lesson_is_in_the_agenda_and_has_exercises():
    from fairlearn_lite._lessons import FOLLOW_UPS

    agenda = set(fl.workshop_agenda()["notebook"].dropna())
    follow_ups = {notebook for notebook, *_ in FOLLOW_UPS}
    lessons = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert lessons == agenda | follow_ups
    solutions = {p.stem for p in (ROOT / "solutions").glob("*.ipynb")}
    without = {notebook for notebook, *_, exercises in FOLLOW_UPS if not exercises}
    assert solutions == lessons - {"00-start-here"} - without


def test_every_follow_up_module_is_in_the_readme_and_the_guide_with_its_time():
    from fairlearn_lite._lessons import FOLLOW_UPS

    readme = (ROOT / "README.md").read_text()
    guide = (ROOT / "docs" / "instructor-guide.md").read_text()
    for notebook, *_ in FOLLOW_UPS:
        row = re.search(rf"^\| `{notebook}` \|.*\| (\d+) min", readme, flags=re.MULTILINE)
        assert row, notebook
        assert f"(notebook {notebook[:2]})" in guide, notebook
    row = re.search(r"^\| `06-bias-audit` \|.*\| (\d+) min", readme, flags=re.MULTILINE)
    assert int(row.group(1)) == FOLLOW_UPS[0][2]
    timings = re.findall(r"^\| (\d+) min \|", guide_section(
        "## Follow-up module: a complete bias audit (notebook 06)"), flags=re.MULTILINE)
    assert sum(map(int, timings)) == FOLLOW_UPS[0][2]


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_lesson_has_a_frame_and_lecturer_notes(path):
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0].source
    last = notebook.cells[-1].source if "lecturer-notes" not in \
        notebook.cells[-1].metadata.get("tags", []) else notebook.cells[-2].source
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    if path.stem != "00-start-here":
        for heading in ["Questions", "Objectives", "Time"]:
            assert f"**{heading}**" in first, heading
    assert "Key points" in last
    notes = [c for c in notebook.cells if "lecturer-notes" in c.metadata.get("tags", [])]
    assert notes and all(c.metadata["slideshow"]["slide_type"] == "notes" for c in notes)


def test_slides_show_widgets_as_stills_with_a_live_link_and_hide_code():
    notebook = nbformat.read(ROOT / "notebooks" / "01-what-is-fair.ipynb", as_version=4)
    deck = build_slides.slide_notebook(notebook, "01-what-is-fair", port=8890)
    assert "widgets" not in deck.metadata
    outputs = [o for c in deck.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if build_slides.WIDGET_VIEW in o.get("data", {})]
    assert all(c.metadata["transient"]["remove_source"] for c in deck.cells if c.cell_type == "code")
    markdown = "\n".join(c.source for c in deck.cells if c.cell_type == "markdown")
    assert "http://127.0.0.1:8890/lab/tree/notebooks/live/01-selection.ipynb" in markdown
    assert deck.metadata["kit_slides"]["code_slides"] == 0
    assert "widgets" in notebook.metadata  # the lesson itself is untouched
    with pytest.raises(ValueError, match="port"):
        build_slides.slide_notebook(notebook, "01-what-is-fair", port=0)


@pytest.mark.parametrize(("html", "loads_from_internet"), [
    ('<script src="assets/reveal.js/dist/reveal.js"></script>', False),
    ('<a href="https://dalex.drwhy.ai">dalex</a>', False),
    ('<script src="https://unpkg.com/reveal.js@4.0.2/dist/reveal.js"></script>', True),
    ('<link rel="stylesheet" href="//fonts.example.org/x.css">', True),
    ("import mermaid from 'https://cdn.example/mermaid.mjs';", True),
])
def test_the_offline_check_catches_loads_but_not_links(html, loads_from_internet):
    assert bool(build_slides.EXTERNAL.search(html)) is loads_from_internet


def test_binder_configuration_is_at_the_top_level():
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    post_build = (ROOT / "postBuild").read_text()
    assert post_build.startswith("#!/usr/bin/env bash")
    assert (ROOT / "tools" / "check_binder.sh").stat().st_mode & 0o111


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_committed_lessons_carry_their_figures(path):
    """Every cell that shows a plot has the picture saved, so the lesson reads well on GitHub."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and "plt.show()" in cell.source:
            images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            assert images, f"{path.name}: a plot cell has no saved figure (re-run `make notebooks`)"
