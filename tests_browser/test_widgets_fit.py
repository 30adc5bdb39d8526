"""Every lesson widget fits a 1280×720 laptop in JupyterLab, for every choice it offers.

Each widget runs in a one-cell notebook written into the test's temporary copy
of the lessons (built from the package and the shipped data, as the lessons
build it). The page is 1280×720 with the file browser closed; for each choice
(attribute, preset, path through the tree) the widget's box is measured:
at most 680 px tall, no wider than the notebook's output area, and nothing in
it cut off by a scroll box.
"""

import json
import re
import urllib.request

import pytest
from test_browser import dismiss_dialogs, shrink

MAX_HEIGHT = 680
VIEWPORT = {"width": 1280, "height": 720}

SETUP = """\
from fairlearn_lite.datasets import load_study_cohort
from fairlearn_lite.models import out_of_fold_scores, prognosis_pipeline, split_cohort
from fairlearn_lite.operating_point import choose_cutoff

split = split_cohort(load_study_cohort(), outcome="bsa", random_state=0)
model = prognosis_pipeline("logistic").fit(split.X_train, split.y_train)
scores = model.predict_proba(split.X_test)[:, 1]
oof = out_of_fold_scores("logistic", split.X_train, split.y_train)
point = choose_cutoff(split.y_train, oof, rule="base-rate")
"""

CELLS = {
    "start-slider": """\
import ipywidgets as widgets

slider = widgets.IntSlider(value=50, min=0, max=100, description="Students")
widgets.VBox([slider, widgets.Label("50 students out of 100 is 50%.")])""",
    "selection": "from fairlearn_lite.widgets import SelectionWidget\n\nSelectionWidget()",
    "threshold": SETUP + """
from fairlearn_lite.widgets import ThresholdWidget

ThresholdWidget(split.y_test, scores,
                split.test[["gender", "migration_background", "prior_education"]],
                threshold=0.5, operating_point=point, outcome="positive BSA")""",
    "groups": SETUP + """
from fairlearn_lite.widgets import GroupThresholdWidget

GroupThresholdWidget(split.y_train, oof, split.train["migration_background"],
                     outcome="positive BSA", tolerance=0.05, objective="balanced_accuracy",
                     start=point.cutoff)""",
    "groups-six": SETUP + """
from fairlearn_lite.widgets import GroupThresholdWidget

GroupThresholdWidget(split.y_train, oof, split.train["prior_education"],
                     outcome="positive BSA", tolerance=0.05, objective="balanced_accuracy",
                     start=point.cutoff)""",
    "tree": SETUP + """
from fairlearn_lite.widgets import FairnessTreeWidget

at_risk = (~split.y_test).astype(int)
flagged = (scores < point.cutoff).astype(int)
FairnessTreeWidget(at_risk, flagged, split.test["migration_background"])""",
}

# Every path through the fairness tree, as the answers clicked in order.
TREE_PATHS = [
    ["who is selected (representation)", "the same number"],
    ["who is selected (representation)", "in proportion to its size"],
    ["who is treated wrongly (errors)", "no, the labels may be biased"],
    *[["who is treated wrongly (errors)", "yes, we trust them", "punitive", leaf]
      for leaf in ["everyone, whatever their actual outcome", "those who are selected",
                   "those for whom the intervention is not warranted"]],
    ["who is treated wrongly (errors)", "yes, we trust them", "assistive",
     "only a small fraction"],
    *[["who is treated wrongly (errors)", "yes, we trust them", "assistive", "most of them", leaf]
      for leaf in ["everyone, whatever their actual need", "those who are not helped",
                   "those with an actual need"]],
]

# The widget's box (with anything sticking out of it), the output area's width, and any
# element whose content is cut off by its own scroll box.
MEASURE = """() => {
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')]
      .filter(o => o.querySelector('.widget-box, .widget-inline-hbox'));
  if (!outputs.length) return null;
  const output = outputs[outputs.length - 1];
  const root = output.querySelector('.widget-box, .widget-inline-hbox');
  const box = root.getBoundingClientRect();
  let [left, top, right, bottom] = [box.left, box.top, box.right, box.bottom];
  const clipped = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    [left, top] = [Math.min(left, r.left), Math.min(top, r.top)];
    [right, bottom] = [Math.max(right, r.right), Math.max(bottom, r.bottom)];
    const cuts = v => v !== 'visible';
    if ((cuts(style.overflowX) && el.scrollWidth > el.clientWidth + 2) ||
        (cuts(style.overflowY) && el.scrollHeight > el.clientHeight + 2)) {
      clipped.push(el.className + ' ' + el.scrollWidth + 'x' + el.scrollHeight + ' in ' +
                   el.clientWidth + 'x' + el.clientHeight);
    }
  }
  const area = output.getBoundingClientRect();
  return {height: Math.round(bottom - top), width: Math.round(right - left),
          right: Math.round(right), areaRight: Math.round(area.right),
          areaWidth: Math.round(area.width), clipped: clipped.slice(0, 5)};
}"""


def api(base: str, path: str, body: dict) -> None:
    request = urllib.request.Request(f"{base}{path}", data=json.dumps(body).encode(),
                                     method="PUT", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).read()


@pytest.fixture(scope="module")
def fit_lab(lab):
    """The lab, rendering every cell (no windowing), with one small notebook per widget."""
    api(lab, "/lab/api/settings/@jupyterlab/notebook-extension:tracker",
        {"raw": json.dumps({"windowingMode": "none"})})
    for name, source in CELLS.items():
        notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "cells": [{"cell_type": "code", "id": "widget", "metadata": {}, "source": source,
                       "outputs": [], "execution_count": None}]}
        api(lab, f"/api/contents/notebooks/fit-{name}.ipynb",
            {"type": "notebook", "format": "json", "content": notebook})
    return lab


def open_widget(browser, base: str, name: str):
    """A 1280×720 page with the notebook run and the file browser closed."""
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{base}/lab/workspaces/fit-{name}/tree/notebooks/fit-{name}.ipynb")
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    dialogs: list[str] = []
    widget = page.locator(".jp-OutputArea-output .widget-box, "
                          ".jp-OutputArea-output .widget-inline-hbox").first
    for attempt in range(3):  # a kernel still starting can miss the first request
        dismiss_dialogs(page, dialogs)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
        try:
            widget.wait_for(timeout=90_000)
            break
        except Exception:
            if attempt == 2:
                raise
    browser_tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if browser_tab.count():
        browser_tab.first.click()  # closes the open side panel (the file browser)
    page.wait_for_timeout(1500)
    assert page.locator(".jp-FileBrowser").first.is_hidden()
    return page


def measure(page, sizes: dict, choice: str) -> dict:
    page.wait_for_timeout(700)  # the kernel's reply and the new picture
    size = page.evaluate(MEASURE)
    assert size is not None, "no widget on the page"
    sizes[choice] = size
    print(f"{choice}: {size['height']} px tall, {size['width']} px wide "
          f"(output area {size['areaWidth']} px)")
    return size


def open_each_section(page, sizes: dict, choice: str, shot=None) -> None:
    """Open each section of the widget's Accordion (the details on demand), measuring each.

    ``shot``, when given, is called with the page while the last section is open.
    """
    headers = page.locator(".jp-OutputArea-output .widget-accordion "
                           ".jupyter-widget-Collapse-header")
    titles = headers.all_inner_texts()
    assert titles, "the widget has no details to open"
    for index, title in enumerate(titles):
        headers.nth(index).click()
        measure(page, sizes, f"{choice}, {title.strip()} open")
    if shot is not None:
        shot(page)
    headers.nth(len(titles) - 1).click()  # closed again
    page.wait_for_timeout(300)


def check(sizes: dict) -> None:
    too_big = {choice: (s["height"], s["width"], s["areaWidth"], s["clipped"])
               for choice, s in sizes.items()
               if s["height"] > MAX_HEIGHT or s["right"] > s["areaRight"] + 1 or s["clipped"]}
    assert not too_big, f"widgets that do not fit 1280×720 (height, width, area, clipped): " \
                        f"{too_big}"


def screenshot(page, screenshots, name: str) -> None:
    root = page.locator(".jp-OutputArea-output .widget-box, "
                        ".jp-OutputArea-output .widget-inline-hbox").first
    root.scroll_into_view_if_needed()
    path = screenshots / f"widget-fit-{name}.png"
    page.screenshot(path=str(path))
    shrink(path, width=1280)


@pytest.mark.parametrize("name", ["start-slider", "selection"])
def test_a_widget_without_choices_fits(fit_lab, browser, screenshots, name):
    page = open_widget(browser, fit_lab, name)
    sizes: dict = {}
    measure(page, sizes, "as it opens")
    screenshot(page, screenshots, name)
    page.close()
    check(sizes)


def test_the_threshold_widget_fits_for_every_attribute(fit_lab, browser, screenshots):
    page = open_widget(browser, fit_lab, "threshold")
    menu = page.locator(".widget-dropdown select").first
    options = menu.locator("option").all_inner_texts()
    assert options == ["gender", "migration_background", "prior_education"]
    sizes: dict = {}
    for option in options:
        menu.select_option(option)
        page.wait_for_timeout(1500)
        measure(page, sizes, option)
        screenshot(page, screenshots, f"threshold-{option}")
        if option == "migration_background":  # the widget as lesson 02 shows it, for the docs
            path = screenshots / "lesson-02-threshold-widget-1280x720.png"
            page.locator(".jp-OutputArea-output .widget-box").first.screenshot(path=str(path))
            shrink(path, width=1280)
        open_each_section(page, sizes, option, shot=lambda p, o=option: screenshot(
            p, screenshots, f"threshold-{o}-details"))
    page.close()
    check(sizes)


@pytest.mark.parametrize("name", ["groups", "groups-six"])
def test_the_per_group_widget_fits_for_every_preset(fit_lab, browser, screenshots, name):
    page = open_widget(browser, fit_lab, name)
    sizes: dict = {}
    measure(page, sizes, "as it opens")
    buttons = page.locator(".jp-OutputArea-output button.widget-button")
    presets = [b for b in buttons.all_inner_texts() if b.strip()]
    assert "equal opportunity" in presets
    for preset in presets:
        buttons.filter(has_text=re.compile(f"^{re.escape(preset)}$")).first.click()
        page.wait_for_timeout(1500)
        measure(page, sizes, preset)
    screenshot(page, screenshots, name)
    open_each_section(page, sizes, "last preset",
                      shot=lambda p: screenshot(p, screenshots, f"{name}-details"))
    page.close()
    check(sizes)


def test_the_tree_widget_fits_on_every_path(fit_lab, browser, screenshots):
    page = open_widget(browser, fit_lab, "tree")
    sizes: dict = {}
    measure(page, sizes, "as it opens")
    for path in TREE_PATHS:
        for answer in path:
            page.locator(".widget-toggle-button", has_text=answer).last.click()
            page.wait_for_timeout(600)
        measure(page, sizes, " → ".join(path[1:]))
    screenshot(page, screenshots, "tree")
    page.close()
    check(sizes)
