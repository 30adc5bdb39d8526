"""The audit report: one self-contained, printable HTML page that a board member can read.

Everything is in the file: styles inline, figures as embedded PNG images, no
script and no request to any other host. Every string from the data passes
through :func:`html.escape`. A verdict is always written out in words; the
colour only repeats it.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import numpy as np
import pandas as pd

from ..metrics._fairness_check import CHECKED_METRICS

RATE_WORDS = {
    "TPR": "of those who are actually positive, the share predicted positive",
    "ACC": "the share predicted correctly",
    "PPV": "of those predicted positive, the share actually positive",
    "FPR": "of those who are actually negative, the share predicted positive",
    "STP": "the share predicted positive",
}
REFERENCES = [
    "Gemeente Amsterdam. Bias analyse WPI algoritme, on its model for applications for income "
    "support (pre-pilot data 2021-2022) "
    "(the method this report follows: a metric chosen with the fairness tree, direct and "
    "indirect bias, re-tests after changes).",
    "Saleiro, P. et al. (2018). Aequitas: a bias and fairness audit toolkit. arXiv:1811.05577 "
    "(the fairness tree).",
    "Wiśniewski, J. & Biecek, P. (2022). fairmodels: a flexible tool for bias detection, "
    "visualization, and mitigation in binary classification models. The R Journal 14(1) "
    "(the fairness check and its band 0.8 to 1.25).",
    "Katz, D. et al. (1978). Obtaining confidence intervals for the risk ratio in cohort "
    "studies. Biometrics 34(3) (the intervals of the ratios).",
]
CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;color:#111;line-height:1.5;font-size:17px}
h1{font-size:1.8rem}h2{font-size:1.35rem;margin-top:2.2rem;border-bottom:2px solid #0072B2}
table{border-collapse:collapse;margin:.8rem 0;font-size:15px}
th,td{border:1px solid #bbb;padding:.3rem .55rem;text-align:left;vertical-align:top}
th{background:#eef3f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
.summary{background:#f4f8fb;border-left:5px solid #0072B2;padding:.8rem 1rem}
.worse{background:#fbe3d6}.better{background:#d9ebf7}.none{background:#e3f3ec}
.unsure{font-style:italic}img{max-width:100%;height:auto}
.note{color:#444;font-size:15px}.wide{overflow-x:auto}.keep{break-inside:avoid}
@media print{body{max-width:none;margin:0;font-size:11pt}h2{break-after:avoid;margin-top:1rem}
img,table,.keep{break-inside:avoid}img{max-height:16cm}}
"""
CLASSES = {"worse off": "worse", "higher": "worse", "better off": "better", "lower": "better",
           "no bias": "none"}


def _e(value) -> str:
    return html.escape(str(value))


def _pct(value: float) -> str:
    return "–" if value != value else f"{value:.1%}"


def _ratio(value: float) -> str:
    return "–" if value != value else f"{value:.2f}"


def _operating_words(result) -> str:
    point = result.operating_point
    if point is None:
        return "the decisions given in the data"
    if point.rule == "base-rate":
        rule = "as many predicted positive as actually positive"
    elif point.rule.startswith("capacity"):
        rule = f"capacity: the {point.target_share:.0%} with the highest scores"
    else:
        rule = "a fixed cut-off"
    return f"cut-off {point.cutoff:.3f} ({rule})"


def _listed(rows: pd.DataFrame) -> str:
    parts = [f"{r.group} ({r.variable}, "
             f"{f'{r.ratio:.2f}×' if np.isfinite(r.ratio) else 'reference has none'})"
             for r in rows.itertuples(index=False)]
    return "; ".join(parts)


def summary(result) -> str:
    """The conclusion in one paragraph of plain language: clear findings first."""
    from ._core import METRICS

    words, _ = METRICS[result.metric]
    compared = result.table[result.table["verdict"] != "reference"]
    low, high = result.band
    outcome = f"{result.label}: {result.positive}"
    text = [f"This audit looked at {len(result.data):,} people. At {_operating_words(result)}, "
            f"the model selects {result.selection_rate:.1%} of them (predicts {outcome}); "
            f"{result.base_rate:.1%} actually have {outcome}. Each group is compared with a "
            f"reference group on {words}; a group counts as treated differently when its value "
            f"is more than {high:.2f} times, or less than {low:.2f} times, the reference's."]
    for verdict in ("worse off", "better off", "higher", "lower"):
        rows = compared[compared["verdict"] == verdict]
        for certain, label in ((True, ""), (False, " (uncertain)")):
            part = rows[rows["uncertain"] != certain]
            if len(part):
                text.append(f"{verdict.capitalize()}{label}: {_listed(part)}.")
    fine = compared[compared["verdict"] == "no bias"]
    text.append(f"{len(fine)} of the {len(compared)} groups compared are inside the band"
                + (f", {int(fine['uncertain'].sum())} of them uncertain." if fine["uncertain"].any()
                   else "."))
    if compared["uncertain"].any():
        text.append("Uncertain means the data cannot settle the verdict: the group is small, or "
                    "the range of plausible values crosses the edge of the band.")
    text.append("These conclusions hold at this operating point only; another cut-off can "
                "give another verdict.")
    return " ".join(text)


def figure_png(figure) -> str:
    """A matplotlib figure as an ``<img>`` with the PNG embedded (no file, no request)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    title = figure.get_suptitle() or figure.axes[0].get_title()
    return f'<img alt="{_e(title)}" src="data:image/png;base64,{encoded}">'


def _charts(result, variable: str) -> str:
    """The audit-metric chart and the fairness-check chart of one variable, as embedded images."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    from ..plotting import plot_audit_ratios, plot_fairness_check
    from ..plotting._style import report_rc

    with mpl.rc_context(report_rc()):  # the notebook's sizes, also when slides are being built
        rows = int((result.table["variable"] == variable).sum()) - 1
        first = Figure(figsize=(9, 0.5 * rows + 1.9), layout="constrained")
        plot_audit_ratios(result.table, variable, metric=result.metric, band=result.band,
                          ax=first.subplots())
        height = max(2.2, 0.45 * rows + 1.3)
        second = Figure(figsize=(11, 2 * height + 0.9), layout="constrained")
        panels = second.subplots(2, 3, sharey=True).ravel()
        plot_fairness_check(result.checks[variable], axes=panels[:5])
        check = result.checks[variable]
        second.supxlabel(f"ratio to the reference group ({check.privileged}); grey: the band "
                         f"{check.band[0]:g} to {check.band[1]:g}", fontsize=12)
        panels[2].set_xlabel("")
        panels[5].set_visible(False)
        return figure_png(first) + figure_png(second)


def _variable_table(result, variable: str) -> str:
    """The rows of one variable as an HTML table: the verdict in words, the colour repeating it."""
    rows = result.table[result.table["variable"] == variable]
    head = ["group", "people", "share", result.metric, "ratio (interval)", "verdict", "why uncertain",
            *CHECKED_METRICS]
    lines = ["<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for r in rows.to_dict("records"):
        interval = "" if r["low"] != r["low"] else f" ({r['low']:.2f}–{r['high']:.2f})"
        verdict = r["verdict"] + (" (uncertain)" if r["uncertain"] else "")
        flags = set(r["outside"].split(", "))
        checks = "".join(f'<td class="num">{_ratio(r[m])}{" ✗" if m in flags else ""}</td>'
                         for m in CHECKED_METRICS)
        lines.append(
            f'<tr><td>{_e(r["group"])}</td><td class="num">{r["n"]:,}</td>'
            f'<td class="num">{_pct(r["share"])}</td><td class="num">{_pct(r[result.metric])}</td>'
            f'<td class="num">{_ratio(r["ratio"])}{interval}</td>'
            f'<td class="{CLASSES.get(r["verdict"], "")}{" unsure" if r["uncertain"] else ""}">'
            f'{_e(verdict)}</td><td>{_e(r["reason"])}</td>{checks}</tr>')
    return "<table>" + "".join(lines) + "</table>"


def _missing_table(result) -> str:
    """Missing values per column and group of each sensitive variable (columns with any only)."""
    data = result.data
    gaps = [c for c in data.columns if data[c].isna().any()]
    if not gaps:
        return "<p>No column has missing values.</p>"
    lines = ["<tr>" + "".join(f"<th>{_e(c)}</th>" for c in ["variable", "group", *gaps]) + "</tr>"]
    for variable in result.checks:
        if variable not in data.columns:
            continue
        shares = data[gaps].isna().groupby(data[variable], observed=True).mean()
        lines += [f"<tr><td>{_e(variable)}</td><td>{_e(g)}</td>" + "".join(
            f'<td class="num">{_pct(v)}</td>' for v in row) + "</tr>"
            for g, row in zip(shares.index, shares.to_numpy(), strict=True)]
    parts = [f"<p>Columns with missing values: {_e(', '.join(gaps))}. The share missing per "
             f"group:</p><table>{''.join(lines)}</table>"]
    return "".join(parts)


def _data_section(result) -> str:
    groups = "".join(
        f"<li>{_e(v)}: {len(c.metrics)} groups, reference {_e(c.privileged)}</li>"
        for v, c in result.checks.items())
    return (f"<h2>The data</h2><p>{len(result.data):,} rows and {len(result.data.columns)} "
            f"columns. The groups compared:</p><ul>{groups}</ul>{_missing_table(result)}")


def _operating_section(result) -> str:
    outcome = _e(f"{result.label} = {result.positive!r}")
    return (f"<h2>The operating point</h2><p>Decisions: {_e(_operating_words(result))}. "
            f"Selected (predicted {outcome}): {result.selection_rate:.1%}. Actually {outcome}: "
            f"{result.base_rate:.1%}.</p><p class='note'>Every number below holds for this "
            f"operating point only. A cut-off chosen on the audited data themselves is fine for "
            f"an audit; for a model in use, audit the cut-off it actually uses.</p>")


def _method_section(result) -> str:
    from ._core import METRICS

    low, high = result.band
    rates = "".join(f"<li><b>{m}</b>: {_e(w)}.</li>" for m, w in RATE_WORDS.items())
    refs = "".join(f"<li>{_e(r)}</li>" for r in REFERENCES)
    return (
        "<h2>How this audit works</h2>"
        f"<p>The measure: <b>{_e(result.metric)}</b>, {_e(METRICS[result.metric][0])}. For each "
        f"group it is divided by the reference group's value. A ratio below {low:.2f} or above "
        f"{high:.2f} (the band) counts as bias: the four-fifths rule, applied in both "
        f"directions. \"Worse off\" and \"better off\" say on which side of the band a group "
        f"lies and what that means for this measure.</p>"
        f"<p>Alongside, the fairness check compares five rates in the same way. ✗ marks a "
        f"ratio outside the band in either direction; whether that harms the group depends on "
        f"the rate (a higher TPR, for instance, means more of the group's actual positives are "
        f"found):</p><ul>{rates}</ul>"
        f"<p>A verdict is <i>uncertain</i> when the group has fewer than {result.min_group_size} "
        f"people, or when the {result.confidence:.0%} interval of its ratio (the range of "
        f"plausible values) crosses an edge of the band: then the data fit both verdicts. The "
        f"interval is Katz's log method for a ratio of two proportions (with 0.5 added to each "
        f"count when one is 0; with weights, from each group's effective size).</p>"
        "<p>What an audit cannot say: whether the recorded outcomes are themselves fair, "
        "whether the sensitive groups are the right ones, or which differences are justified. "
        "Those are choices for people, stated below.</p>"
        f"<h3>References</h3><ol>{refs}</ol>")


def _choices_section(result) -> str:
    items = []
    for key, value in result.choices.items():
        if isinstance(value, dict):
            value = "; ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(value)
        items.append(f"<li><b>{_e(key)}</b>: {_e(value)}</li>")
    items.append(f"<li><b>band</b>: {result.epsilon:.2f} to {1 / result.epsilon:.2f}; "
                 f"<b>small group</b>: fewer than {result.min_group_size}; <b>interval</b>: "
                 f"{result.confidence:.0%}</li>")
    return f"<h2>The choices made in this audit</h2><ul>{''.join(items)}</ul>"


def _heading(source: str | None) -> str:
    """What was audited, when, with what (a report is read later, by others)."""
    from datetime import date

    from .. import __version__

    data = f"Data: {_e(source)}. " if source else ""
    return (f"<p class='note'>{data}Made on {date.today():%d %B %Y} with fairlearn_lite "
            f"{_e(__version__)}, on this computer: no data were sent anywhere.</p>")


def to_html(result, path=None, *, source: str | None = None) -> str:
    """The whole report as one HTML page; written (UTF-8) to ``path`` when given."""
    variables = "".join(
        f"<section><div class='keep'><h2>{_e(v)}</h2><div class='wide'>"
        f"{_variable_table(result, v)}</div></div>{_charts(result, v)}</section>"
        for v in result.checks)
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Bias audit</title><style>{CSS}</style></head><body>"
        f"<h1>Bias audit of a model's decisions</h1>{_heading(source)}"
        f"<p class='summary'>{_e(summary(result))}</p>"
        f"{_data_section(result)}{_operating_section(result)}{variables}"
        f"{_method_section(result)}{_choices_section(result)}</body></html>")
    if path is not None:
        Path(path).write_text(page, encoding="utf-8")
    return page


def notebook_html(result) -> str:
    """For a notebook: the summary and one table per variable (the figures are in the report)."""
    tables = "".join(f"<h4>{_e(v)}</h4>{_variable_table(result, v)}" for v in result.checks)
    return f"<p>{_e(summary(result))}</p>{tables}"


__all__ = ["figure_png", "notebook_html", "summary", "to_html"]
