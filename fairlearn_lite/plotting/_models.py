"""Plots for lesson 04: the fairness check, model comparison, and still versions of dalex's plots.

dalex draws with plotly, which stays blank in static HTML and in slides. These
matplotlib versions take dalex's own result tables (``.result``) and the kit's
fairness-check results, so a lesson reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._tolerance import within_band
from ._basic import MARKERS, new_axes
from ._style import COLORS, PALETTE, projector, slide_label

HATCHES = ["", "//", "..", "xx", "\\\\", "++"]


def _as_mapping(checks) -> dict:
    return dict(checks) if isinstance(checks, Mapping) else {"model": checks}


def fairness_check_title(checks) -> str:
    """A title stating how many metrics fall outside the band, per model."""
    checks = _as_mapping(checks)
    counts = {name: len(check.flagged_metrics) for name, check in checks.items()}
    if len(counts) == 1:
        (name, count), = counts.items()
        return "All five metrics inside the band" if count == 0 else \
            f"{count} of 5 metrics outside the band"
    best = min(counts, key=counts.get)
    return f"Fewest metrics outside the band: {best} ({counts[best]} of 5)"


def _fairness_check_panel(ax, checks, metric: str, groups, band, span: float) -> None:
    """One metric's panel: a bar per group and model from 1 to its ratio, the band shaded."""
    low, high = band
    bar = 0.8 / len(checks)
    ax.axvspan(low, high, color=COLORS["band"], zorder=0)
    ax.axvline(1, color=COLORS["black"], linewidth=1)
    for k, check in enumerate(checks.values()):
        for g, group in enumerate(groups):
            ratio = check.ratios.loc[group, metric]
            y = g + (k - (len(checks) - 1) / 2) * bar
            if np.isnan(ratio):
                ax.text(1.03, y, "NaN", va="center", fontsize="small")
                continue
            inside = bool(within_band(ratio, low, high))
            value = max(ratio, 1 / span)
            ax.barh(y, value - 1, left=1, height=bar * 0.9, color=PALETTE[k % len(PALETTE)],
                    hatch=HATCHES[k % len(HATCHES)], edgecolor=COLORS["black"],
                    linewidth=0.5 if inside else 2.2)
            if not inside:
                ax.text(value * (1.05 if ratio > 1 else 0.95), y, f"{ratio:.2f}",
                        va="center", ha="left" if ratio > 1 else "right", fontsize="small",
                        fontweight="bold")
    ax.set_xscale("log")
    ax.set_xlim(1 / span, span)
    ax.set_xticks([low, 1, high], [f"{low:g}", "1", f"{high:g}"])
    ax.minorticks_off()
    ax.set_title(metric, fontsize="medium")
    ax.grid(axis="y", visible=False)


def plot_fairness_check(checks, axes=None, *, title: str | None = None):
    """dalex's fairness-check chart: each metric's ratio per group, against the shaded band.

    One panel per metric (TPR, ACC, PPV, FPR, STP), one bar per group other
    than the privileged one. The bar runs from 1 to the group's ratio,
    ``rate of the group / rate of the privileged group``, on a log scale (so
    0.8 and 1.25 are equally far from 1). The band ``[epsilon, 1 / epsilon]``
    (0.8 to 1.25 by default) is shaded grey. A bar outside the band gets a
    thick black edge and its ratio printed next to it; a ratio of 0 is drawn
    to the left edge, and an undefined ratio shows the word "NaN" instead of
    a bar. Several models are drawn side by side and differ in colour *and*
    hatch. The figure title counts the metrics outside the band (for several
    models: the model with the fewest).

    Parameters
    ----------
    checks : FairnessCheckResult or dict of them
        From :func:`fairlearn_lite.metrics.fairness_check`; a dict gives one
        check per model (name: check), all with the same groups and band.
    axes : sequence of matplotlib Axes, optional
        One per metric; by default a new figure with one row of five panels.
    title : str, optional
        The figure title; by default how many metrics fall outside the band.

    Returns
    -------
    numpy.ndarray of matplotlib Axes
        One per metric.

    See Also
    --------
    fairlearn_lite.metrics.fairness_check : computes the ratios and the verdict.

    References
    ----------
    .. [1] Wiśniewski, J. & Biecek, P. (2022). fairmodels: a flexible tool for
       bias detection, visualization, and mitigation in binary classification
       models. The R Journal 14(1); in Python
       ``dalex.Explainer.model_fairness(...).plot()``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.metrics import fairness_check
    >>> from fairlearn_lite.plotting import plot_fairness_check
    >>> check = fairness_check([1, 1, 0, 0, 1, 1, 0, 0], [1, 1, 1, 0, 1, 0, 0, 0],
    ...                        sensitive_features=list("mmmmffff"), privileged="m")
    >>> axes = plot_fairness_check(check)
    >>> [ax.get_title() for ax in axes]
    ['TPR', 'ACC', 'PPV', 'FPR', 'STP']
    >>> [text.get_text() for ax in axes for text in ax.texts]  # the ratios outside the band
    ['0.50', '1.50', '0.00', '0.33']
    >>> plt.close("all")
    """
    from matplotlib.patches import Patch

    checks = _as_mapping(checks)
    first = next(iter(checks.values()))
    low, high = first.band
    metrics, groups = list(first.ratios.columns), list(first.ratios.index)
    if axes is None:
        import matplotlib.pyplot as plt

        height = max(2.8, 0.55 * len(groups) * max(1, len(checks) ** 0.7) + 1.6)
        _, axes = plt.subplots(1, len(metrics), figsize=(3.1 * len(metrics), height),
                               sharey=True)
    axes = np.atleast_1d(axes)
    extreme = [r for c in checks.values() for r in c.ratios.to_numpy().ravel() if r == r and r > 0]
    span = max([high * 1.35, *[max(r, 1 / r) * 1.35 for r in extreme]])
    for ax, metric in zip(axes, metrics, strict=True):
        _fairness_check_panel(ax, checks, metric, groups, (low, high), span)
    axes[0].set_yticks(np.arange(len(groups)), [str(g) for g in groups])
    axes[0].invert_yaxis()
    figure = axes[0].figure
    axes[len(axes) // 2].set_xlabel(f"ratio to the privileged group ({first.privileged}); "
                                    f"shaded: {low:g} to {high:g}", fontsize="medium")
    if len(checks) > 1:
        handles = [Patch(facecolor=PALETTE[k % len(PALETTE)], hatch=HATCHES[k % len(HATCHES)],
                         edgecolor=COLORS["black"], label=name)
                   for k, name in enumerate(checks)]
        figure.legend(handles=handles, loc="outside lower center", ncols=len(checks),
                      frameon=False, fontsize="small")
    figure.suptitle(title or fairness_check_title(checks), fontweight="bold", fontsize="large")
    return axes


def plot_model_comparison(table: pd.DataFrame, *, performance: str, fairness: str, ax=None,
                          band: tuple[float, float] | None = None, title: str | None = None):
    """Performance against a fairness metric, one labelled point per model (rows of ``table``).

    Each model is a point: across, its performance (for example accuracy);
    up, its fairness metric (for example a ratio from the fairness check).
    Each point has its own colour *and* marker and is labelled with the
    model's name. The optional grey band marks the fair range of the metric,
    so the best models are far right *inside* the band.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per model, indexed by the model's name.
    performance, fairness : str
        The column for the x axis and the column for the y axis.
    ax : matplotlib Axes, optional
        Where to draw; by default on a new figure.
    band : (float, float), optional
        Lower and upper edge of the fair range, for example ``(0.8, 1.25)``.
    title : str, optional
        Shown above the plot.

    Returns
    -------
    matplotlib Axes

    See Also
    --------
    plot_tradeoff : the same for several models *and* mitigation methods.

    References
    ----------
    .. [1] Wiśniewski, J. & Biecek, P. (2022). fairmodels: a flexible tool for
       bias detection, visualization, and mitigation in binary classification
       models. The R Journal 14(1) (the ``performance_and_fairness`` plot).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from fairlearn_lite.plotting import plot_model_comparison
    >>> table = pd.DataFrame({"accuracy": [0.71, 0.70], "FPR ratio": [1.29, 1.22]},
    ...                      index=["logistic", "forest"])
    >>> ax = plot_model_comparison(table, performance="accuracy", fairness="FPR ratio",
    ...                            band=(0.8, 1.25))
    >>> sorted(text.get_text() for text in ax.texts)  # every point is labelled
    ['forest', 'logistic']
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('accuracy', 'FPR ratio')
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(7.5, 5))
    if band is not None:
        ax.axhspan(*band, color=COLORS["band"], zorder=0, label="fairness band")
    for k, (model, row) in enumerate(table.iterrows()):
        ax.scatter(row[performance], row[fairness], s=140, marker=MARKERS[k % len(MARKERS)],
                   color=PALETTE[k % len(PALETTE)], edgecolor=COLORS["black"], zorder=3,
                   label=str(model))
        ax.annotate(str(model), (row[performance], row[fairness]), xytext=(8, 8),
                    textcoords="offset points", fontsize="medium")
    ax.set_xlabel(performance)
    ax.set_ylabel(fairness)
    ax.margins(0.25)
    ax.legend(loc="best", frameon=False, fontsize="small")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_variable_importance(result: pd.DataFrame, ax=None, *, title: str | None = None):
    """Permutation importance from dalex's ``model_parts(...).result``, one bar set per model.

    The bar is how much the loss grows when the variable's values are
    shuffled: ``dropout_loss(variable) - dropout_loss(_full_model_)``, each
    averaged over dalex's permutation rounds. By default dalex's loss for a
    classifier is ``1 - AUC``. The longest bar is the variable the model leans
    on most. Variables are sorted by their mean increase over the models, the
    most important at the top; models differ in colour *and* hatch.

    Parameters
    ----------
    result : pandas.DataFrame
        dalex's ``explainer.model_parts().result`` (several models:
        ``pd.concat`` of them), with the columns ``variable``,
        ``dropout_loss`` and ``label`` (the model's name), and the rows
        ``_full_model_`` and ``_baseline_``.
    ax : matplotlib Axes, optional
        Where to draw; by default on a new figure.
    title : str, optional
        By default the most important variable overall.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    .. [1] Fisher, A., Rudin, C. & Dominici, F. (2019). All models are wrong,
       but many are useful: learning a variable's importance by studying an
       entire class of prediction models simultaneously. Journal of Machine
       Learning Research 20(177), 1-81.
    .. [2] Biecek, P. & Burzykowski, T. (2021). Explanatory Model Analysis:
       explore, explain, and examine predictive models. Chapman & Hall/CRC,
       chapter "Variable-importance measures".

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from fairlearn_lite.plotting import plot_variable_importance
    >>> parts = pd.DataFrame({"variable": ["_full_model_", "age", "exam_grade", "_baseline_"],
    ...                       "dropout_loss": [0.30, 0.32, 0.41, 0.50], "label": "logistic"})
    >>> ax = plot_variable_importance(parts)
    >>> ax.get_title()
    'Most important overall: exam_grade'
    >>> [round(float(bar.get_width()), 2) for bar in ax.patches]  # age, exam_grade
    [0.02, 0.11]
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(8, 5))
    models = list(dict.fromkeys(result["label"]))
    rows = result[~result["variable"].isin(["_full_model_", "_baseline_"])]
    full = result[result["variable"] == "_full_model_"].groupby("label")["dropout_loss"].mean()
    gain = rows.groupby(["label", "variable"])["dropout_loss"].mean() - \
        full.reindex(rows["label"].unique()).rename_axis("label")
    order = gain.groupby("variable").mean().sort_values().index
    height = 0.8 / len(models)
    for k, model in enumerate(models):
        values = gain.loc[model].reindex(order)
        positions = np.arange(len(order)) + (k - (len(models) - 1) / 2) * height
        ax.barh(positions, values, height=height * 0.9, color=PALETTE[k % len(PALETTE)],
                hatch=HATCHES[k % len(HATCHES)], edgecolor=COLORS["black"], linewidth=0.5,
                label=model)
    ax.set_yticks(np.arange(len(order)), [slide_label(name) for name in order])
    ax.set_xlabel("increase in loss when the variable is shuffled")
    ax.axvline(0, color=COLORS["black"], linewidth=1)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    ax.set_title(title or f"Most important overall: {order[-1]}")
    return ax


def plot_partial_dependence(result: pd.DataFrame, variable: str, ax=None, *,
                            title: str | None = None):
    """Partial dependence from dalex's ``model_profile(...).result`` for one variable.

    One line per model: at each value ``x`` of the variable, the average
    score when *every* student's value of that variable is set to ``x`` and
    the rest of their data is kept, ``PD(x) = mean over students of
    f(x, their other values)``. A rising line means higher values raise the
    score. Models differ in colour *and* line style.

    Parameters
    ----------
    result : pandas.DataFrame
        dalex's ``explainer.model_profile().result`` (several models:
        ``pd.concat`` of them), with the columns ``_vname_`` (variable),
        ``_label_`` (model), ``_x_`` and ``_yhat_``.
    variable : str
        The variable to show, one of the values of ``_vname_``.
    ax : matplotlib Axes, optional
        Where to draw; by default on a new figure.
    title : str, optional
        By default "How the score depends on" the variable.

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    ValueError
        When ``variable`` is not in ``result``; the message lists the ones that are.

    References
    ----------
    .. [1] Friedman, J. H. (2001). Greedy function approximation: a gradient
       boosting machine. The Annals of Statistics 29(5), 1189-1232.
    .. [2] Biecek, P. & Burzykowski, T. (2021). Explanatory Model Analysis:
       explore, explain, and examine predictive models. Chapman & Hall/CRC,
       chapter "Partial-dependence profiles".

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from fairlearn_lite.plotting import plot_partial_dependence
    >>> profile = pd.DataFrame({"_vname_": "exam_grade",
    ...                         "_label_": ["logistic"] * 3 + ["forest"] * 3,
    ...                         "_x_": [6, 7, 8] * 2,
    ...                         "_yhat_": [0.50, 0.70, 0.85, 0.55, 0.60, 0.80]})
    >>> ax = plot_partial_dependence(profile, "exam_grade")
    >>> ax.get_title()
    'How the score depends on exam_grade'
    >>> [line.get_linestyle() for line in ax.lines]  # one line per model
    ['-', '--']
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(7, 4.5))
    rows = result[result["_vname_"] == variable]
    if rows.empty:
        raise ValueError(f"The 'variable' parameter of plot_partial_dependence must be one of "
                         f"{sorted(result['_vname_'].unique())}; got {variable!r} instead.")
    for k, (model, line) in enumerate(rows.groupby("_label_", sort=False)):
        ax.plot(line["_x_"], line["_yhat_"], color=PALETTE[k % len(PALETTE)], linewidth=2.5,
                linestyle=["-", "--", ":", "-."][k % 4], label=model)
    ax.set_xlabel(variable)
    ax.set_ylabel("average predicted score")
    ax.legend(frameon=False, fontsize="small")
    ax.set_title(title or f"How the score depends on {variable}")
    return ax


def plot_break_down(result: pd.DataFrame, ax=None, *, title: str | None = None):
    """One prediction taken apart, from dalex's ``predict_parts`` (break-down or SHAP).

    Each bar is a variable's contribution to this student's score: blue raises
    it, vermillion (hatched) lowers it; each bar shows its value.

    * Break-down: the bars form a waterfall from the average score over all
      students (dashed line, dalex's ``intercept``) to this student's score
      (solid line): ``score = average score + sum of the contributions``.
    * SHAP (a result with a ``B`` column): each variable's contribution is
      averaged over dalex's orderings of the variables (the rows with
      ``B == 0`` when dalex has already averaged them); the bars start at 0
      and are sorted by size, the largest on top.

    The title names the variable that weighs most (largest contribution, up
    or down).

    Parameters
    ----------
    result : pandas.DataFrame
        dalex's ``explainer.predict_parts(student, type="break_down").result``
        or ``type="shap"``, with the columns ``variable`` and ``contribution``
        (and ``B`` for SHAP).
    ax : matplotlib Axes, optional
        Where to draw; by default on a new figure.
    title : str, optional
        By default the kind of plot and the variable that weighs most.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    .. [1] Staniak, M. & Biecek, P. (2018). Explanations of model predictions
       with live and breakDown packages. The R Journal 10(2).
    .. [2] Lundberg, S. M. & Lee, S.-I. (2017). A unified approach to
       interpreting model predictions. Advances in Neural Information
       Processing Systems 30.
    .. [3] Biecek, P. & Burzykowski, T. (2021). Explanatory Model Analysis:
       explore, explain, and examine predictive models. Chapman & Hall/CRC,
       chapters "Break-down plots for additive attributions" and "Shapley
       Additive Explanations (SHAP) for average attributions".

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from fairlearn_lite.plotting import plot_break_down
    >>> parts = pd.DataFrame({"variable": ["intercept", "exam_grade = 6.2", "age = 19.0",
    ...                                    "prediction"],
    ...                       "contribution": [0.69, -0.23, 0.04, 0.50]})
    >>> ax = plot_break_down(parts)
    >>> ax.get_title()
    'Break-down: exam_grade = 6.2 weighs most'
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['average score 0.69', 'this student 0.50']
    >>> [text.get_text() for text in ax.texts]
    ['-0.230', '+0.040']
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(9, 4.5))
    if "B" in result.columns:  # SHAP: average contribution per variable
        rows = result[result["B"] == 0] if (result["B"] == 0).any() else result
        parts = rows.groupby("variable", sort=False)["contribution"].mean()
        start, kind = 0.0, "SHAP"
    else:
        body = result[~result["variable"].isin(["intercept", "prediction", ""])]
        parts = body.set_index("variable")["contribution"]
        start = float(result.loc[result["variable"] == "intercept", "contribution"].iloc[0])
        kind = "Break-down"
    if kind == "SHAP":
        parts = parts.reindex(parts.abs().sort_values(ascending=False).index)
    left = start
    for y, value in enumerate(parts.to_numpy()):
        raise_ = value >= 0
        ax.barh(y, value, left=left, color=COLORS["blue"] if raise_ else COLORS["vermillion"],
                hatch="" if raise_ else "//", edgecolor=COLORS["black"], linewidth=0.5)
        ax.text(max(left, left + value) + 0.004, y, f"{value:+.3f}", va="center", ha="left",
                fontsize="small")
        if kind != "SHAP":
            left += value
    ax.set_yticks(np.arange(len(parts)), [slide_label(name) for name in parts.index])
    ax.invert_yaxis()
    if kind == "SHAP":
        ax.axvline(0, color=COLORS["black"], linewidth=1)
        ax.set_xlabel("average contribution to the score")
    else:
        _score_lines(ax, start, left)
    ax.margins(x=0.15)
    ax.grid(axis="y", visible=False)
    ax.set_title(title or f"{kind}: {parts.abs().idxmax()} weighs most")
    return ax


def _score_lines(ax, start: float, end: float) -> None:
    """A break-down's average score and the student's score as lines, with their legend."""
    average = ax.axvline(start, color=COLORS["grey"], linestyle="--", linewidth=1.5,
                         label=f"average score {start:.2f}")
    student = ax.axvline(end, color=COLORS["black"], linewidth=1.5,
                         label=f"this student {end:.2f}")
    ax.set_xlabel("score")
    if projector():  # a slide's panel has no free corner: a short legend goes below it
        ax.legend([average, student], [f"average {start:.2f}", f"student {end:.2f}"],
                  loc="upper right", bbox_to_anchor=(1.0, -0.22), ncols=2, frameon=False,
                  fontsize="small", handlelength=1.2, columnspacing=0.8, borderaxespad=0)
    else:
        ax.legend(loc="best", frameon=True, fontsize="small")


def plot_group_intervals(intervals: pd.DataFrame, ax=None, *, metric: str = "rate",
                         reference: float | None = None, title: str | None = None):
    """Each group's estimate with its interval as an error bar (``BootstrapResult.intervals``).

    One row per group: a dot at the estimate and a bar from ``low`` to
    ``high``. Groups are labelled with their size (small groups have wide
    intervals); a dashed line marks ``reference``, for example the overall
    rate. The title names the group with the widest interval. Where two
    groups' intervals overlap a lot, the gap between them may be noise.

    Parameters
    ----------
    intervals : pandas.DataFrame
        One row per group with the columns ``n``, ``estimate``, ``low`` and
        ``high``, as made by ``BootstrapResult.intervals(metric)`` (see
        :func:`fairlearn_lite.uncertainty.bootstrap_group_metrics`).
        Intersectional groups (tuples) are shown as "a × b".
    ax : matplotlib Axes, optional
        Where to draw; by default on a new figure.
    metric : str, default "rate"
        The label of the x axis.
    reference : float, optional
        Where to draw the dashed line.
    title : str, optional
        By default the group with the widest interval.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    .. [1] Efron, B. & Tibshirani, R. J. (1993). An Introduction to the
       Bootstrap. Chapman & Hall (percentile intervals).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.plotting import plot_group_intervals
    >>> from fairlearn_lite.uncertainty import bootstrap_group_metrics
    >>> result = bootstrap_group_metrics([1, 0] * 200, [1, 0] * 150 + [0, 0] * 50,
    ...                                  sensitive_features=["a"] * 200 + ["b"] * 200,
    ...                                  metrics=["true_positive_rate"], n_boot=200,
    ...                                  random_state=0)
    >>> ax = plot_group_intervals(result.intervals("true_positive_rate"),
    ...                           metric="true positive rate", reference=1.0)
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['a (n=200)', 'b (n=200)']
    >>> ax.get_title()
    'Widest interval: b'
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(8, 0.55 * len(intervals) + 1.8))
    y = np.arange(len(intervals))
    estimate = intervals["estimate"].to_numpy(float)
    errors = np.vstack([estimate - intervals["low"].to_numpy(float),
                        intervals["high"].to_numpy(float) - estimate])
    ax.errorbar(estimate, y, xerr=errors, fmt="o", color=COLORS["blue"], ecolor=COLORS["black"],
                elinewidth=2, capsize=6, markersize=9)
    if reference is not None:
        ax.axvline(reference, color=COLORS["grey"], linestyle="--", linewidth=1.5)
    names = [" × ".join(map(str, g)) if isinstance(g, tuple) else str(g) for g in intervals.index]
    labels = [f"{g} (n={int(n):,})" for g, n in zip(names, intervals["n"], strict=True)]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel(metric)
    ax.grid(axis="y", visible=False)
    widest = names[int(np.argmax((intervals["high"] - intervals["low"]).to_numpy()))]
    ax.set_title(title or f"Widest interval: {widest}")
    return ax


def plot_tradeoff(table: pd.DataFrame, *, performance: str, fairness: str, model: str = "model",
                  method: str = "method", band: tuple[float, float] | None = None, ax=None,
                  title: str | None = None):
    """Accuracy against fairness for every model and method: colour = model, marker = method.

    Each row of ``table`` is one point: across, its performance; up, its
    fairness metric. The colour says which model, the marker which
    mitigation method (for example none, reweighing, resampling, ROC pivot),
    and the legend lists both. The optional grey band marks the fair range,
    so the plot shows what fairness costs (or does not cost) in accuracy.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per model and method.
    performance, fairness : str
        The column for the x axis and the column for the y axis.
    model, method : str, default "model", "method"
        The columns with the model's name and the method's name.
    band : (float, float), optional
        Lower and upper edge of the fair range, for example ``(0.8, 1.25)``.
    ax : matplotlib Axes, optional
        Where to draw; by default on a new figure.
    title : str, optional
        Shown above the plot.

    Returns
    -------
    matplotlib Axes

    See Also
    --------
    plot_model_comparison : one point per model, labelled.

    References
    ----------
    .. [1] Kamiran, F. & Calders, T. (2012). Data preprocessing techniques for
       classification without discrimination. Knowledge and Information
       Systems 33(1), 1-33 (reweighing and resampling).
    .. [2] Kamiran, F., Karim, A. & Zhang, X. (2012). Decision theory for
       discrimination-aware classification. IEEE 12th International
       Conference on Data Mining (ICDM), 924-929 (the ROC pivot).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from fairlearn_lite.plotting import plot_tradeoff
    >>> table = pd.DataFrame({"model": ["logistic", "logistic", "forest", "forest"],
    ...                       "method": ["none", "reweighing", "none", "reweighing"],
    ...                       "accuracy": [0.71, 0.70, 0.73, 0.72],
    ...                       "STP ratio": [0.72, 0.86, 0.69, 0.83]})
    >>> ax = plot_tradeoff(table, performance="accuracy", fairness="STP ratio", band=(0.8, 1.25))
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['logistic', 'forest', 'none', 'reweighing']
    >>> len(ax.collections)  # one point per row
    4
    >>> plt.close("all")
    """
    from matplotlib.lines import Line2D

    ax = new_axes(ax, figsize=(9, 6))
    if band is not None:
        ax.axhspan(*band, color=COLORS["band"], zorder=0)
    models = list(dict.fromkeys(table[model]))
    methods = list(dict.fromkeys(table[method]))
    for _, row in table.iterrows():
        k, m = models.index(row[model]), methods.index(row[method])
        ax.scatter(row[performance], row[fairness], s=130, marker=MARKERS[m % len(MARKERS)],
                   color=PALETTE[k % len(PALETTE)], edgecolor=COLORS["black"], zorder=3)
    handles = [Line2D([], [], linestyle="", marker="o", markersize=10,
                      color=PALETTE[k % len(PALETTE)], label=name)
               for k, name in enumerate(models)]
    handles += [Line2D([], [], linestyle="", marker=MARKERS[m % len(MARKERS)], markersize=10,
                       color=COLORS["grey"], label=name) for m, name in enumerate(methods)]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False,
              fontsize="small")
    ax.set_xlabel(performance)
    ax.set_ylabel(fairness)
    if title is not None:
        ax.set_title(title)
    return ax


LINESTYLES = ["-", "--", ":", "-."]


def cutoff_title(profile, cutoff: float | None = None) -> str:
    """A title that states the finding of a :class:`CutoffProfile`."""
    passing = profile.passing_cutoffs()
    total = len(profile.flagged)
    where = ("nowhere" if len(passing) == 0 else
             f"at {len(passing)} of {total} cut-offs ({passing.min():.2f}–{passing.max():.2f})")
    text = f"Every ratio inside the band {where}"
    if cutoff is not None:
        nearest = profile.flagged.index[np.argmin(np.abs(profile.flagged.index - cutoff))]
        text += f"; at {cutoff:.2f}: {int(profile.flagged.loc[nearest])} outside"
    return text


def plot_fairness_check_by_cutoff(profile, axes=None, *, cutoff: float | None = None,
                                  title: str | None = None):
    """The fairness check's five ratios against the cut-off, one panel per metric.

    Each line is one group's ratio to the privileged group as the cut-off moves
    (colour *and* line style per group); the band ``[epsilon, 1 / epsilon]`` is
    shaded and a chosen ``cutoff`` is marked. A verdict read off at one cut-off
    holds for that cut-off only. Returns the array of Axes.

    References
    ----------
    fairmodels' ``all_cutoffs`` plot; Wiśniewski & Biecek (2022), fairmodels.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from fairlearn_lite.operating_point import fairness_check_by_cutoff
    >>> profile = fairness_check_by_cutoff([1, 0, 1, 0, 1, 0, 1, 0],
    ...                                    [0.9, 0.1, 0.9, 0.1, 0.6, 0.1, 0.6, 0.1],
    ...                                    sensitive_features=list("aaaabbbb"), privileged="a",
    ...                                    cutoffs=[0.05, 0.3, 0.7])
    >>> axes = plot_fairness_check_by_cutoff(profile, cutoff=0.3)
    >>> len(axes), axes[0].figure.texts[0].get_text()
    (5, 'Every ratio inside the band at 2 of 3 cut-offs (0.05–0.30); at 0.30: 0 outside')
    >>> plt.close("all")
    """
    low, high = profile.epsilon, 1 / profile.epsilon
    ratios = profile.ratios
    groups = list(dict.fromkeys(ratios.index.get_level_values("group")))
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, len(ratios.columns), figsize=(3.1 * len(ratios.columns), 3.6),
                               sharey=True, layout="constrained")
    axes = np.atleast_1d(axes)
    finite = ratios.to_numpy()[np.isfinite(ratios.to_numpy()) & (ratios.to_numpy() > 0)]
    # At extreme cut-offs few are selected and ratios swing wildly: show at most 4x either way.
    span = min(4.0, max(high * 1.3, *(np.maximum(finite, 1 / finite) * 1.1))) \
        if finite.size else high * 1.3
    for ax, metric in zip(axes, ratios.columns, strict=True):
        ax.axhspan(low, high, color=COLORS["band"], zorder=0)
        for k, group in enumerate(groups):
            line = ratios.xs(group, level="group")[metric]
            ax.plot(line.index, line.clip(lower=1 / span), color=PALETTE[k % len(PALETTE)],
                    linestyle=LINESTYLES[k % len(LINESTYLES)], linewidth=2, label=str(group))
        if cutoff is not None:
            ax.axvline(cutoff, color=COLORS["black"], linewidth=1.2, linestyle="--")
        ax.set_yscale("log")
        ax.set_ylim(1 / span, span)
        ax.set_yticks([low, 1, high], [f"{low:g}", "1", f"{high:g}"])
        ax.minorticks_off()
        ax.set_title(metric, fontsize="medium")
        ax.set_xlabel("cut-off")
    axes[0].set_ylabel(f"ratio to {profile.privileged}")
    axes[-1].legend(frameon=False, fontsize="small", loc="best")
    axes[0].figure.suptitle(title or cutoff_title(profile, cutoff), fontweight="bold",
                            fontsize="large")
    return axes
