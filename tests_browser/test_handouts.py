"""Handouts printed by Debian's chromium: page counts, no code, nothing loaded from outside."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_handouts  # noqa: E402

LESSON = ROOT / "notebooks" / "02-confusion-matrices.ipynb"


def pages(pdf: Path) -> int:
    """The page count: pdfinfo (poppler-utils) when installed, else the /Type /Page objects."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, flags=re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    return {p.name: p for p in build_handouts.build([LESSON], out)}


def test_the_cheat_sheet_is_exactly_one_page(printed):
    assert pages(printed["cheat-sheet.pdf"]) == 1


def test_a_lesson_handout_is_a_few_pages_with_its_figures(printed):
    pdf = printed[f"{LESSON.stem}.pdf"]
    assert 3 <= pages(pdf) <= 12
    assert pdf.stat().st_size > 100_000  # the figures and the widget's still are in it


def test_the_printed_html_has_no_code_and_loads_nothing():
    page = build_handouts.lesson_html(LESSON)
    assert build_handouts.code_inputs(page) == 0
    assert "<script" not in page.lower() and not build_handouts.NOT_INLINE.search(page)


def test_chromium_prints_with_the_network_closed():
    flags = " ".join(build_handouts.CHROMIUM_FLAGS)
    assert "--host-resolver-rules=MAP * ~NOTFOUND" in flags and "--proxy-server=127.0.0.1:9" in flags
    assert "--disable-background-networking" in flags and "--disable-component-update" in flags


@pytest.mark.parametrize("which", ["lesson", "cheat sheet"])
def test_the_handout_page_requests_only_data_urls_in_chromium(browser, which):
    page_html = (build_handouts.lesson_html(LESSON) if which == "lesson"
                 else build_handouts.cheat_sheet_html())
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_content(page_html, wait_until="load")
    images = page.evaluate("document.images.length")
    page.close()
    assert images >= (3 if which == "lesson" else 0)
    outside = [url for url in requested if not url.startswith("data:")]
    assert outside == [], outside
