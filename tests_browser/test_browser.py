"""Real-browser test: lesson 02's threshold widget in JupyterLab (the decks: test_slides.py)."""

import re
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def shrink(path: Path, width: int = 900) -> None:
    """Keep screenshots small enough to commit."""
    image = Image.open(path)
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    image.convert("RGB").quantize(colors=128).save(path, optimize=True)


def dismiss_dialogs(page, seen: list) -> None:
    """Close dialogs JupyterLab may open on a first start, noting their titles.

    A kernel choice is accepted (the default is the notebook's Python 3); anything
    else (news, a build suggestion) is declined, so the test never changes the set-up.
    """
    dialog = page.locator(".jp-Dialog")
    for _ in range(3):
        if not dialog.count() or not dialog.first.is_visible():
            return
        title = dialog.first.locator(".jp-Dialog-header").inner_text()
        seen.append(title)
        choice = ".jp-mod-accept" if "kernel" in title.lower() else ".jp-mod-reject"
        buttons = dialog.first.locator(f".jp-Dialog-button{choice}")
        if buttons.count():
            buttons.first.click()
        else:
            page.keyboard.press("Escape")
        page.wait_for_timeout(500)


def threshold_widget(page):
    """The threshold widget's slider and the sentence it writes."""
    slider = page.locator(".widget-hslider", has=page.locator("label", has_text="threshold"))
    finding = page.locator(".widget-html-content", has_text="At threshold")
    return slider.first, finding.first


def test_threshold_widget_follows_the_slider_in_jupyterlab(lab, browser, screenshots):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{lab}/lab/tree/notebooks/02-confusion-matrices.ipynb")
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.wait_for_timeout(2000)
    dialogs: list[str] = []
    slider, finding = threshold_widget(page)
    for attempt in range(3):  # a kernel that is still starting can miss the first request
        dismiss_dialogs(page, dialogs)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
        try:
            finding.wait_for(timeout=60_000)
            break
        except Exception:
            if attempt == 2:
                raise
    slider.scroll_into_view_if_needed()
    before_text = finding.inner_text()
    readout = slider.locator(".widget-readout")
    assert readout.inner_text().strip() == "0.50"
    assert "At threshold 0.50" in before_text
    table = page.locator(".widget-html-content", has_text="Rates per group").first
    before_table = table.inner_text()

    track = slider.locator(".noUi-target, .ui-slider").first
    box = track.bounding_box()
    handle = slider.locator(".noUi-handle, .ui-slider-handle").first
    handle.hover()
    page.mouse.down()
    page.mouse.move(box["x"] + 0.75 * box["width"], box["y"] + box["height"] / 2, steps=15)
    page.mouse.up()

    new_value = float(readout.inner_text())
    assert 0.65 <= new_value <= 0.85
    # The kernel works through the drag's updates in order; wait for the last one to show.
    page.wait_for_function(
        "([el, value]) => el.innerText.includes('At threshold ' + value)",
        arg=[finding.element_handle(), f"{new_value:.2f}"], timeout=30_000)
    assert table.inner_text() != before_table  # the rates per group were recomputed

    widget = page.locator(".widget-vbox", has=finding).first
    path = screenshots / "lesson-02-threshold-widget.png"
    widget.screenshot(path=str(path))
    shrink(path)
    assert not [e for e in errors if "widget" in e.lower()], errors
    print(f"dialogs accepted on the way: {dialogs}")
    page.close()

