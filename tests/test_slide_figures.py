"""Figures drawn for the slides, stills of widgets without a figure, tables that stay put."""

import base64
import io
import re
import sys
from pathlib import Path

import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from PIL import Image

import fairlearn_lite as fl
from fairlearn_lite.fairness_tree import MUNICIPAL_ROUTE
from fairlearn_lite.plotting import (
    kit_style,
    plot_break_down,
    plot_confusion_matrix,
    plot_controls,
    plot_fairness_check,
    plot_fairness_tree,
    plot_selection_rates,
    style_table,
)
from fairlearn_lite.plotting._style import (
    PROJECTOR,
    SLIDE_FIGURE,
    projector,
    slide_png,
    smallest_text_px,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))  # the slide builder is a tool, not part of the package
import build_slides  # noqa: E402


@pytest.fixture
def projector_style(monkeypatch):
    monkeypatch.setenv("FAIRLEARN_LITE_STYLE", "projector")
    yield
    plt.close("all")


# --- measuring text in a figure ------------------------------------------------------------

def test_smallest_text_is_points_times_dpi_over_72():
    figure = Figure(figsize=(4, 3))
    ax = figure.subplots()
    ax.set_title("big", fontsize=30)
    ax.set_xlabel("label", fontsize=12)
    ax.set_yticks([])
    ax.set_xticks([])
    assert smallest_text_px(figure, dpi=72) == pytest.approx(12)
    assert smallest_text_px(figure, dpi=150) == pytest.approx(12 * 150 / 72)  # 25 px


def test_hidden_and_empty_text_do_not_count():
    figure = Figure(figsize=(4, 3))
    ax = figure.subplots()
    ax.text(0.5, 0.5, "shown", fontsize=20)
    ax.text(0.5, 0.2, "hidden", fontsize=5).set_visible(False)
    ax.text(0.5, 0.2, "   ", fontsize=4)
    ax.set_axis_off()  # its tick labels (10 pt) are not drawn
    figure.canvas.draw()
    assert smallest_text_px(figure, dpi=72) == pytest.approx(20)
    assert smallest_text_px(Figure(), dpi=72) == float("inf")


def test_matplotlib_defaults_are_too_small_for_a_slide():
    with matplotlib.rc_context({"font.size": 10}):  # what a figure without the kit's style gets
        figure = Figure(figsize=(8, 6))
        figure.subplots().plot([0, 1], [0, 1])
        _, text_px = slide_png(figure)
    assert text_px == pytest.approx(10 * 100 / 72)  # 13.9 px: the browser test must fail this


# --- the projector style -------------------------------------------------------------------

def test_projector_style_is_switched_on_by_the_environment(monkeypatch):
    monkeypatch.delenv("FAIRLEARN_LITE_STYLE", raising=False)
    assert not projector()
    with kit_style():
        assert matplotlib.rcParams["font.size"] == 13
    monkeypatch.setenv("FAIRLEARN_LITE_STYLE", "Projector ")
    assert projector()
    with kit_style():
        assert matplotlib.rcParams["font.size"] == PROJECTOR["font.size"]
        assert tuple(matplotlib.rcParams["figure.figsize"]) == SLIDE_FIGURE
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0] == "#0072B2"


@pytest.mark.parametrize(("size", "drawn"), [
    ((8, 4.5), (7.47, 4.2)),    # keeps its proportions at the slide's figure height
    ((4, 4), (7.14, 4.2)),      # a square is widened to 1.7 : 1
    ((15, 3), (11.68, 4.2)),    # a wide strip gets the slide's whole area
])
def test_slide_png_draws_a_figure_at_the_slides_size(size, drawn):
    figure = Figure(figsize=size)
    figure.subplots().set_title("x")
    picture, _ = slide_png(figure)
    assert tuple(float(v) for v in figure.get_size_inches()) == pytest.approx(drawn, abs=0.01)
    width, height = Image.open(io.BytesIO(picture)).size
    assert width <= round(drawn[0] * 100) + 4 and height <= 424  # cropped to its content


def test_slide_png_draws_moving_artists_and_leaves_them_moving():
    figure = Figure(figsize=(6, 4))
    ax = figure.subplots()
    line = ax.axvline(0.5, color="black", linewidth=20)
    line.set_animated(True)
    ax.set_xlim(0, 1)
    picture, _ = slide_png(figure, aspect=1.5)
    pixels = np.asarray(Image.open(io.BytesIO(picture)).convert("L"))
    assert (pixels < 30).any(axis=0).sum() > 10  # the thick black line is in the picture
    assert line.get_animated()


def _counts():
    return {"tp": 30, "fn": 10, "fp": 20, "tn": 40}


def _four_fifths():
    return fl.four_fifths_rule(selected={"women": 96, "men": 30},
                               applicants={"women": 120, "men": 50})


def _fairness_check():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    predicted = np.where(rng.random(400) < 0.8, y, 1 - y)
    groups = rng.choice(["a", "b", "c"], 400)
    return fl.fairness_check(y, predicted, sensitive_features=groups, privileged="a")


def _break_down():
    return pd.DataFrame({"variable": ["intercept", "exam_grade = 7.6",
                                      "application_days_before_deadline = 103.0", "age = 19.0",
                                      "prediction"],
                         "contribution": [0.69, 0.128, 0.012, 0.037, 0.867]})


def test_on_a_slide_a_break_down_names_variables_in_words_and_keeps_its_legend_below(
        projector_style):
    with kit_style():
        ax = plot_break_down(_break_down())
        slide_png(ax.figure)
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert labels[1] == "application days before\ndeadline = 103.0"
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["average 0.69", "student 0.87"]
    assert legend.get_window_extent().y1 < ax.get_window_extent().y0  # under the panel


@pytest.mark.parametrize("draw", [
    lambda: plot_confusion_matrix(_counts()),
    lambda: plot_selection_rates(_four_fifths()),
    lambda: plot_fairness_check(_fairness_check()),
    lambda: plot_fairness_tree(MUNICIPAL_ROUTE),
    lambda: plot_controls(widgets.VBox([widgets.IntSlider(value=5, description="n"),
                                        widgets.Label("five")])),
    lambda: plot_break_down(_break_down()),
], ids=["confusion matrix", "selection rates", "fairness check", "tree", "controls",
        "break-down"])
def test_kit_figures_in_the_projector_style_have_text_of_20_px_or_more(projector_style, draw):
    with kit_style():
        result = draw()
        axes = result if isinstance(result, plt.Axes) else np.ravel(result)[0]
        _, text_px = slide_png(axes.figure)
    assert text_px >= 21  # 20 px even where a slide shows the figure at 95% of its size


# --- stills of the widgets without a figure of their own --------------------------------------

def test_fairness_tree_still_shows_each_answer_and_the_metric():
    ax = plot_fairness_tree(MUNICIPAL_ROUTE)
    texts = [text.get_text().replace("\n", " ") for text in ax.texts]
    assert len(texts) == 9  # four questions, each with its answer, then the leaf
    assert texts[0].startswith("What should be equal")
    assert texts[4:6] == ["Is the intervention punitive or assistive?", "punitive  (1 of 2)"]
    assert texts[-1].startswith("→ false positives / group size parity")
    plt.close("all")
    open_question = plot_fairness_tree({"focus": "who is treated wrongly (errors)"})
    assert open_question.get_title(loc="left") == "The fairness tree: a question still open"
    assert "not answered yet (2 answers)" in [t.get_text() for t in open_question.texts]
    plt.close("all")
    with pytest.raises(ValueError, match="'answers' parameter of plot_fairness_tree"):
        plot_fairness_tree({"nonsense": "yes"})


def test_controls_still_puts_the_handle_at_the_sliders_value():
    box = widgets.VBox([widgets.IntSlider(value=25, min=0, max=100, description="Students"),
                        widgets.HTML("<b>25</b> of 100 (25%)"), widgets.Button(description="x")])
    ax = plot_controls(box)
    handle = [line for line in ax.lines if line.get_marker() == "o"][0]
    assert handle.get_xdata()[0] == pytest.approx(0.25 + 0.6 * 0.25)
    assert [t.get_text() for t in ax.texts] == ["Students", "25", "25 of 100"]  # no tags, no aside
    plt.close("all")
    with pytest.raises(TypeError, match="'box' parameter of plot_controls must be an ipywidgets"):
        plot_controls([box])


@pytest.mark.parametrize("live", ["00-slider.ipynb", "03-fairness-tree.ipynb"])
def test_slide_build_draws_stills_for_the_slider_and_the_tree(projector_style, live):
    still = build_slides.widget_still(ROOT / "notebooks" / "live" / live)
    assert still is not None
    picture = Image.open(io.BytesIO(base64.b64decode(still["png"])))
    assert picture.size[0] > 1000 and picture.size[1] <= 422  # the slide's full width
    assert still["text_px"] >= 20


def test_slide_build_carries_the_text_size_of_each_figure():
    cell = build_slides.figure_cell({"png": "AAAA", "text_px": 22.5, "alt": 'a "bar" chart'})
    markup = cell.outputs[0]["data"]["text/html"]
    assert 'data-text-px="22.5"' in markup
    assert 'alt="a &quot;bar&quot; chart"' in markup
    assert "data-text-px" not in build_slides.figure_cell({"png": "AAAA"}).outputs[0]["data"][
        "text/html"]  # no record: the browser test reports the figure


# --- tables ----------------------------------------------------------------------------------

def test_style_table_html_is_the_same_on_every_run_and_differs_between_tables():
    frame = pd.DataFrame({"n": [120, 50], "rate": [0.8, 0.6]}, index=["women", "men"])
    before = frame.copy()
    first = style_table(frame, "Caption", highlight="rate", percent=["rate"]).to_html()
    again = style_table(frame.copy(), "Caption", highlight="rate", percent=["rate"]).to_html()
    assert first == again
    assert frame.equals(before)
    other = style_table(frame.assign(rate=[0.7, 0.6]), "Caption").to_html()
    assert re.search(r"T_(\w{8})", first).group(1) != re.search(r"T_(\w{8})", other).group(1)
    assert "80.0%" in first and "<caption>Caption</caption>" in first
    assert "font-weight: bold" in first
    assert "Styler at 0x" not in repr(style_table(frame))


def test_style_table_says_what_was_wrong():
    frame = pd.DataFrame({"n": [1]})
    with pytest.raises(TypeError, match="'frame' parameter of style_table must be a pandas"):
        style_table([1, 2])
    with pytest.raises(ValueError, match=r"must name columns of the table, \['n'\]; got \['x'\]"):
        style_table(frame, highlight="x")
    with pytest.raises(ValueError, match="'highlight_rows' parameter"):
        style_table(frame, highlight_rows=["nope"])


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("0*.ipynb")), ids=lambda p: p.stem)
def test_lessons_save_tables_without_random_ids(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert "Styler at 0x" not in str(data.get("text/plain", "")), cell.source[:80]
            ids = set(re.findall(r"#T_(\w+?)_", str(data.get("text/html", ""))))
            assert all(re.fullmatch(r"[0-9a-f]{8}", i) for i in ids), (ids, cell.source[:80])


def test_slide_png_breaks_a_title_wider_than_the_slide():
    figure = Figure(figsize=(8, 4.5))
    ax = figure.subplots()
    ax.set_title("A finding stated in a title much longer than any slide is wide, " * 2,
                 fontsize=20)
    picture, _ = slide_png(figure)
    assert "\n" in ax.get_title()
    assert Image.open(io.BytesIO(picture)).size[0] <= 752  # no wider than the figure (7.47 in)


def test_slide_png_breaks_a_panel_title_wider_than_its_column():
    figure = Figure(figsize=(12, 4))
    left, right = figure.subplots(1, 2)
    left.set_title("short")
    right.set_title("a panel title that is far too long for half of a slide", fontsize=20)
    slide_png(figure)
    assert left.get_title() == "short"
    assert "\n" in right.get_title()


def test_slide_png_leaves_titles_that_fit_and_breaks_one_past_the_edge():
    figure = Figure(figsize=(12, 4))
    left, right = figure.subplots(1, 2, width_ratios=[1, 0.25])
    left.set_title("Fits on one line")
    right.set_title("A title centred on a narrow panel at the edge", fontsize=20)
    picture, _ = slide_png(figure)
    assert left.get_title() == "Fits on one line"
    assert "\n" in right.get_title()
    assert Image.open(io.BytesIO(picture)).size[0] <= 1172  # within the slide's width
