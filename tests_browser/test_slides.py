"""Every slide of every deck, measured in chromium at 1280 x 720 (a projector), offline.

Per slide: nothing scrolls inside it, no element sticks out of it, no visible text
is smaller than 20 px and body text (paragraphs, list items) is at least 24 px.
Text inside figures counts too: the slide build records each figure's smallest
text in pixels of its picture (``data-text-px``); shown at the size the slide
gives the picture, it must still be 20 px or more. A figure without that record
fails.
Per deck: at most one slide in five shows code, there are speaker notes, and
nothing is requested from outside ``file://``. A widget slide links to its live
notebook. Build the decks first: ``make slides``.
"""

import json
from pathlib import Path

import pytest
from test_browser import shrink

ROOT = Path(__file__).resolve().parents[1]
DECKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BUILD = ROOT / "slides-build"
TOLERANCE = 1  # px

# Runs in the page on the slide shown; returns what the test checks.
MEASURE = """() => {
  const slide = Reveal.getCurrentSlide();
  const box = slide.getBoundingClientRect();
  const visible = (el) => {
    if (el.closest('aside.notes')) return false;
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return style.display !== 'none' && style.visibility !== 'hidden' && r.width > 0 && r.height > 0;
  };
  const outside = [];
  for (const el of slide.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 ||
        r.bottom > box.bottom + 1) {
      outside.push(`${el.tagName.toLowerCase()}.${el.className}: ` +
                   `${Math.round(r.left - box.left)},${Math.round(r.top - box.top)} ` +
                   `${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  let smallest = 999, smallestText = '', body = 999;
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !visible(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) { smallest = size; smallestText = node.textContent.trim().slice(0, 40); }
    if (el.closest('p, li') && !el.closest('table, pre, code, kbd, sub, sup, small, .kit-live')) {
      body = Math.min(body, size);
    }
  }
  let figureText = 999, figureTextOf = '', unmeasured = 0;
  for (const img of slide.querySelectorAll('img')) {
    if (!visible(img)) continue;
    const recorded = parseFloat(img.dataset.textPx);
    if (!(recorded > 0) || !img.naturalWidth) { unmeasured++; continue; }
    const shown = recorded * img.getBoundingClientRect().width / img.naturalWidth;
    if (shown < figureText) { figureText = shown; figureTextOf = (img.alt || '').slice(0, 40); }
  }
  return {
    figureText, figureTextOf, unmeasured,
    index: Reveal.getIndices(), title: (slide.querySelector('h1, h2, h3') || {}).textContent,
    box: [box.left, box.top, box.width, box.height],
    scrollY: slide.scrollHeight - slide.clientHeight, scrollX: slide.scrollWidth - slide.clientWidth,
    outside: outside.slice(0, 3), outsideCount: outside.length,
    smallest, smallestText, body,
    code: slide.querySelectorAll('.jp-CodeCell .jp-InputArea').length > 0,
    images: slide.querySelectorAll('img').length,
    live: Array.from(slide.querySelectorAll('a[href*="/lab/tree/notebooks/live/"]')).map(a => a.href),
  };
}"""


def measure_deck(browser, deck: Path) -> tuple[list[dict], int, list[str]]:
    """Show every slide of ``deck`` at 1280 x 720; return the measures, notes count and requests."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    requests = []
    page.on("request", lambda r: requests.append(r.url)
            if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(deck.as_uri())
    page.locator(".reveal.ready").wait_for(timeout=30_000)
    total = page.evaluate("() => Reveal.getTotalSlides()")
    page.evaluate("() => Reveal.slide(0, 0)")
    measures = []
    for number in range(total):
        page.wait_for_function("() => { const s = Reveal.getCurrentSlide();"
                               " return s.dataset.fitted === '1'; }", timeout=10_000)
        measures.append(page.evaluate(MEASURE))
        if number < total - 1:
            page.evaluate("() => Reveal.next()")
    notes = page.locator("aside.notes").count()
    page.close()
    return measures, notes, requests


def problems(measures: list[dict]) -> list[str]:
    """Every slide that scrolls, sticks out, or has type too small, one line each."""
    found = []
    for m in measures:
        where = f"slide {m['index']['h']}.{m['index']['v']} ({m['title']!r})"
        if m["box"] != [0, 0, 1280, 720]:
            found.append(f"{where}: the slide is at {m['box']}, not the full 1280 x 720 screen")
        if m["scrollY"] > TOLERANCE or m["scrollX"] > TOLERANCE:
            found.append(f"{where}: scrolls {m['scrollX']} px sideways, {m['scrollY']} px down")
        if m["outsideCount"]:
            found.append(f"{where}: {m['outsideCount']} elements outside the slide, {m['outside']}")
        if m["smallest"] < 20:
            found.append(f"{where}: text at {m['smallest']} px ({m['smallestText']!r})")
        if m["body"] < 24:
            found.append(f"{where}: body text at {m['body']} px")
        if m["unmeasured"]:
            found.append(f"{where}: {m['unmeasured']} figure(s) without a recorded text size")
        if m["figureText"] < 20:
            found.append(f"{where}: text inside a figure at {m['figureText']:.1f} px "
                         f"({m['figureTextOf']!r})")
    return found


@pytest.fixture(scope="module")
def decks(browser):
    """Measures of every deck, taken once: {lesson: (measures, notes, requests)}."""
    if not all((BUILD / f"{path.stem}.slides.html").exists() for path in DECKS):
        pytest.fail("Build the slides first: make slides")
    measured = {path.stem: measure_deck(browser, BUILD / f"{path.stem}.slides.html")
                for path in DECKS}
    summary = {name: summarise(measures) for name, (measures, _, _) in measured.items()}
    (BUILD / "slide-measures.json").write_text(json.dumps(summary, indent=1))
    return measured


def summarise(measures: list[dict]) -> dict:
    """Counts for a deck: slides, slides that scroll, clip or show code, smallest type."""
    return {"slides": len(measures),
            "scroll": sum(m["scrollY"] > TOLERANCE or m["scrollX"] > TOLERANCE for m in measures),
            "clip": sum(m["outsideCount"] > 0 for m in measures),
            "code": sum(m["code"] for m in measures),
            "smallest_px": min(m["smallest"] for m in measures),
            "smallest_body_px": min(m["body"] for m in measures),
            "smallest_figure_text_px": round(min(m["figureText"] for m in measures), 1),
            "figures": sum(m["images"] for m in measures)}


@pytest.mark.parametrize("lesson", [path.stem for path in DECKS])
def test_every_slide_fits_a_projector(decks, lesson):
    measures, _, _ = decks[lesson]
    assert len(measures) >= 5
    found = problems(measures)
    assert not found, f"{lesson}: {len(found)} problems:\n" + "\n".join(found)


@pytest.mark.parametrize("lesson", [path.stem for path in DECKS])
def test_decks_show_little_code_have_notes_and_stay_offline(decks, lesson):
    measures, notes, requests = decks[lesson]
    code = sum(m["code"] for m in measures)
    assert code * 5 <= len(measures), f"{code} of {len(measures)} slides show code"
    assert notes >= 1, "no speaker notes in the deck"
    assert requests == [], f"the deck loaded from the internet: {requests}"


def test_widget_slides_link_to_their_live_notebook(decks):
    links = [link for measures, _, _ in decks.values() for m in measures for link in m["live"]]
    assert len(links) == 5, links  # one per widget in lessons 00-03
    for link in links:
        name = link.split("/lab/tree/", 1)[1]
        assert link.startswith("http://127.0.0.1:8888/lab/tree/notebooks/live/")
        assert (ROOT / name).exists(), f"{link} points at a notebook that is not there"


def test_screenshot_of_a_figure_slide(browser, decks, screenshots):
    measures, _, _ = decks["01-what-is-fair"]
    first = next(m for m in measures if m["images"] and not m["outsideCount"])
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    deck = BUILD / "01-what-is-fair.slides.html"
    page.goto(f"{deck.as_uri()}#/{first['index']['h']}/{first['index']['v']}")
    page.locator(".reveal.ready").wait_for(timeout=30_000)
    page.wait_for_function("() => Reveal.getCurrentSlide().dataset.fitted === '1'")
    path = screenshots / "slide-01-what-is-fair.png"
    page.screenshot(path=str(path))
    shrink(path)
    page.close()
