"""Comparing prognosis models honestly: choose on validation scores, report on the test set once.

Lesson 04 compares three models. Every choice in it -- the cut-off of each
model, and which model to keep -- is made on *validation* scores: out-of-fold
scores of the training students (:func:`fairlearn_lite.models.out_of_fold_scores`),
from models that never saw them. The test students are used once, to report
the chosen model.

- :func:`fit_models` fits the models, makes their validation and test scores
  and chooses each model's cut-off by a stated rule (:func:`choose_cutoff`);
- :func:`operating_table` and :func:`performance_table` describe them at that
  operating point, next to the habit of cutting at 0.5 and next to baselines;
- :func:`bias_summary` and :func:`choose_model` turn bias tables into a model
  choice by a rule written down in advance;
- :func:`outcome_bias` shows that the outcome definition changes the measured
  bias (same features, two labels, two verdicts);
- :func:`missing_by_group` and :func:`complete_case_shares` show who is missing
  data, and what dropping incomplete rows does to the sample.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validation import (
    caller,
    check_choice,
    check_fraction,
    check_frame_columns,
    check_labels,
    public,
)
from .confusion import overall_rates
from .metrics._fairness_check import fairness_check
from .models import FEATURES, KINDS, CohortSplit, out_of_fold_scores, prognosis_pipeline
from .operating_point import choose_cutoff

__all__ = ["ModelChoice", "ModelComparison", "bias_summary", "choose_model",
           "complete_case_shares", "dalex_verdict", "fit_models", "missing_by_group",
           "operating_table", "outcome_bias", "performance_table", "roc_curves"]

NAMES = {"logistic": "logistic", "random_forest": "random forest",
         "gradient_boosting": "gradient boosting"}
PARTS = ("validation", "test")


@dataclass(frozen=True)
class ModelComparison:
    """Fitted models with their scores and cut-offs (made by :func:`fit_models`).

    Attributes
    ----------
    models : dict
        Name: the pipeline fitted on all training students.
    scores : dict
        ``scores["validation"][name]``: out-of-fold scores of the training
        students; ``scores["test"][name]``: scores of the test students.
    labels : dict
        ``labels["validation"]`` and ``labels["test"]``: the actual outcomes.
    operating_points : dict
        Name: the :class:`OperatingPoint` chosen on the validation scores.
    """

    models: dict
    scores: dict
    labels: dict
    operating_points: dict

    @public
    def predictions(self, part: str = "test") -> dict:
        """Name: predicted positive (``score >= cutoff``) for the validation or test students."""
        check_choice(part, name="part", choices=PARTS)
        return {name: s >= self.operating_points[name].cutoff
                for name, s in self.scores[part].items()}


def _check_split(split) -> CohortSplit:
    if not isinstance(split, CohortSplit):
        raise TypeError(f"The 'split' parameter of {caller()} must be a CohortSplit from "
                        f"split_cohort(); got {type(split).__name__} instead.")
    return split


@public
def fit_models(split, kinds: Mapping | None = None, *, rule="base-rate", cv: int = 5,
               random_state: int | None = 0) -> ModelComparison:
    """Fit each kind of model, score validation and test students, choose cut-offs on validation.

    For each model: out-of-fold scores of the training students (``cv`` parts,
    :func:`~fairlearn_lite.models.out_of_fold_scores`), a cut-off chosen on
    them by ``rule`` (:func:`~fairlearn_lite.operating_point.choose_cutoff`),
    then a model fitted on all training students and its test scores.

    Parameters
    ----------
    split : CohortSplit
        From :func:`fairlearn_lite.models.split_cohort`.
    kinds : dict, optional
        Display name: kind (``"logistic"``, ``"random_forest"``,
        ``"gradient_boosting"``); by default all three.
    rule : "base-rate", "capacity:F" or float, default "base-rate"
        How to choose each model's cut-off (the share predicted positive equals
        the share actually positive, by default).
    cv : int, default 5
    random_state : int or None, default 0

    Returns
    -------
    ModelComparison

    Notes
    -----
    The models run on one thread each, so the time is predictable on shared
    machines (Binder); the results do not depend on it.

    References
    ----------
    Hastie, Tibshirani & Friedman (2009), The Elements of Statistical Learning,
    section 7.10 (cross-validation).

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import split_cohort
    >>> split = split_cohort(make_study_cohort(300, random_state=0))
    >>> comparison = fit_models(split, {"logistic": "logistic"})
    >>> point = comparison.operating_points["logistic"]
    >>> point.rule, round(point.selection_rate, 2)  # on the validation scores
    ('base-rate', 0.69)
    >>> comparison.predictions("test")["logistic"].shape
    (90,)
    """
    from threadpoolctl import threadpool_limits

    split = _check_split(split)
    kinds = {NAMES[k]: k for k in KINDS} if kinds is None else dict(kinds)
    scores, models, points = {"validation": {}, "test": {}}, {}, {}
    with threadpool_limits(limits=1, user_api="openmp"):
        for name, kind in kinds.items():
            check_choice(kind, name="kinds", choices=KINDS)
            oof = out_of_fold_scores(kind, split.X_train, split.y_train, cv=cv,
                                     random_state=random_state)
            points[name] = choose_cutoff(split.y_train, oof, rule=rule)
            models[name] = prognosis_pipeline(kind, random_state=random_state).fit(
                split.X_train, split.y_train)
            scores["validation"][name] = oof
            scores["test"][name] = models[name].predict_proba(split.X_test)[:, 1]
    return ModelComparison(models=models, scores=scores,
                           labels={"validation": split.y_train, "test": split.y_test},
                           operating_points=points)


def _rates(y: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    """Share predicted positive, false positive rate, accuracy (from the rate registry)."""
    rates = overall_rates(y, predicted, ["selection_rate", "false_positive_rate", "accuracy"])
    return rates["selection_rate"], rates["false_positive_rate"], rates["accuracy"]


def _check_comparison(comparison, part: str) -> tuple[ModelComparison, np.ndarray]:
    if not isinstance(comparison, ModelComparison):
        raise TypeError(f"The 'comparison' parameter of {caller()} must be a ModelComparison "
                        f"from fit_models(); got {type(comparison).__name__} instead.")
    check_choice(part, name="part", choices=PARTS)
    return comparison, check_labels(comparison.labels[part], name="labels").astype(bool)


@public
def operating_table(comparison: ModelComparison, part: str = "validation") -> pd.DataFrame:
    """Each model at its chosen cut-off next to the same model cut at 0.5.

    Parameters
    ----------
    comparison : ModelComparison
    part : {"validation", "test"}, default "validation"

    Returns
    -------
    pandas.DataFrame
        One row per model: ``cut-off``, ``predicted positive`` and ``false
        positive rate`` at the cut-off, and the same two at 0.5.

    Notes
    -----
    Predicted positive = ``score >= cut-off``; false positive rate =
    predicted positive among those actually negative, FP / (FP + TN).

    References
    ----------
    Wiśniewski & Biecek (2022), fairmodels, The R Journal 14(1) (cut-offs of
    the fairness check).

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import split_cohort
    >>> comparison = fit_models(split_cohort(make_study_cohort(300, random_state=0)),
    ...                         {"logistic": "logistic"})
    >>> table = operating_table(comparison)
    >>> list(table.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['cut-off', 'predicted positive', 'false positive rate', 'predicted positive at 0.5',
     'false positive rate at 0.5']
    >>> bool(table.loc["logistic", "predicted positive at 0.5"] >
    ...      table.loc["logistic", "predicted positive"])
    True
    """
    comparison, y = _check_comparison(comparison, part)
    rows = {}
    for name, scores in comparison.scores[part].items():
        cutoff = comparison.operating_points[name].cutoff
        share, fpr, _ = _rates(y, scores >= cutoff)
        share_half, fpr_half, _ = _rates(y, scores >= 0.5)
        rows[name] = {"cut-off": cutoff, "predicted positive": share, "false positive rate": fpr,
                      "predicted positive at 0.5": share_half,
                      "false positive rate at 0.5": fpr_half}
    return pd.DataFrame(rows).T.rename_axis("model")


@public
def performance_table(comparison: ModelComparison, part: str = "validation") -> pd.DataFrame:
    """AUC and accuracy at each model's cut-off, next to two baselines that need no model.

    The baselines: predicting everyone positive (accuracy = the base rate
    ``p``), and putting students in a random order and cutting at the same
    share ``s`` predicted positive (expected accuracy ``p·s + (1 - p)·(1 - s)``).
    At a fixed share predicted positive only the order matters, so a model must
    beat the random order; "everyone positive" selects nobody out.

    Parameters
    ----------
    comparison : ModelComparison
    part : {"validation", "test"}, default "validation"

    Returns
    -------
    pandas.DataFrame
        One row per model: ``AUC``, ``accuracy``, ``predicted positive``,
        ``accuracy, everyone positive``, ``accuracy, random order``.

    References
    ----------
    Fawcett (2006), An introduction to ROC analysis, Pattern Recognition
    Letters 27(8), 861-874.

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import split_cohort
    >>> comparison = fit_models(split_cohort(make_study_cohort(300, random_state=0)),
    ...                         {"logistic": "logistic"})
    >>> row = performance_table(comparison).loc["logistic"]
    >>> bool(row["accuracy"] > row["accuracy, random order"])
    True
    """
    from sklearn.metrics import roc_auc_score

    comparison, y = _check_comparison(comparison, part)
    base = float(y.mean())
    rows = {}
    for name, scores in comparison.scores[part].items():
        share, _, accuracy = _rates(y, scores >= comparison.operating_points[name].cutoff)
        rows[name] = {"AUC": roc_auc_score(y, scores), "accuracy": accuracy,
                      "predicted positive": share, "accuracy, everyone positive": base,
                      "accuracy, random order": base * share + (1 - base) * (1 - share)}
    return pd.DataFrame(rows).T.rename_axis("model")


@public
def roc_curves(comparison: ModelComparison, part: str = "validation") -> dict:
    """The ROC curve of each model, with its AUC and its operating point.

    Parameters
    ----------
    comparison : ModelComparison
    part : {"validation", "test"}, default "validation"

    Returns
    -------
    dict
        Model name: DataFrame with ``false positive rate``, ``true positive
        rate`` and ``cut-off`` (scikit-learn's ``roc_curve``); ``.attrs["AUC"]``
        is the area under it and ``.attrs["operating point"]`` the (false
        positive rate, true positive rate) at the model's chosen cut-off.

    References
    ----------
    Fawcett (2006), An introduction to ROC analysis, Pattern Recognition
    Letters 27(8), 861-874.

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import split_cohort
    >>> comparison = fit_models(split_cohort(make_study_cohort(300, random_state=0)),
    ...                         {"logistic": "logistic"})
    >>> curve = roc_curves(comparison)["logistic"]
    >>> list(curve.columns), 0.5 < curve.attrs["AUC"] < 1
    (['false positive rate', 'true positive rate', 'cut-off'], True)
    """
    from sklearn.metrics import roc_auc_score, roc_curve

    comparison, y = _check_comparison(comparison, part)
    curves = {}
    for name, scores in comparison.scores[part].items():
        fpr, tpr, cut = roc_curve(y, scores)
        curve = pd.DataFrame({"false positive rate": fpr, "true positive rate": tpr,
                              "cut-off": np.minimum(cut, 1.0)})
        predicted = scores >= comparison.operating_points[name].cutoff
        curve.attrs["AUC"] = float(roc_auc_score(y, scores))
        rates = overall_rates(y, predicted, ["false_positive_rate", "true_positive_rate"])
        curve.attrs["operating point"] = (rates["false_positive_rate"],
                                          rates["true_positive_rate"])
        curves[name] = curve
    return curves


@public
def bias_summary(tables: Mapping) -> pd.DataFrame:
    """Count, per model, what its bias table flags.

    Parameters
    ----------
    tables : dict
        Model name: a table from :func:`fairlearn_lite.metrics.bias_table`.

    Returns
    -------
    pandas.DataFrame
        One row per model: ``groups with a bias verdict`` (any verdict but "no
        bias" and "reference"), ``of which uncertain``, and ``metrics outside
        the band`` (the sum of ``below`` and ``above`` over all groups).

    Examples
    --------
    >>> table = pd.DataFrame({"verdict": ["reference", "negative bias", "no bias"],
    ...                       "uncertain": [False, True, False], "below": [0, 2, 0],
    ...                       "above": [0, 1, 0]})
    >>> bias_summary({"model": table}).loc["model"].tolist()
    [1, 1, 3]
    """
    if not isinstance(tables, Mapping):
        raise TypeError(f"The 'tables' parameter of {caller()} must be a dict of bias tables "
                        f"(model name: table); got {type(tables).__name__} instead.")
    rows = {}
    for name, table in tables.items():
        flagged = ~table["verdict"].isin(["no bias", "reference"])
        rows[name] = {"groups with a bias verdict": int(flagged.sum()),
                      "of which uncertain": int((flagged & table["uncertain"]).sum()),
                      "metrics outside the band": int(table["below"].sum() +
                                                      table["above"].sum())}
    return pd.DataFrame(rows).T.rename_axis("model")


@dataclass(frozen=True)
class ModelChoice:
    """The model :func:`choose_model` picked, and why."""

    name: str
    best: str
    cost: float
    performance: str
    fairness: str
    table: pd.DataFrame

    def describe(self) -> str:
        """The choice and its cost in one sentence."""
        mine = self.table.loc[self.name, self.fairness]
        if self.name == self.best:
            return (f"{self.name}: the best {self.performance} and {mine:g} "
                    f"{self.fairness}; no trade-off needed.")
        theirs = self.table.loc[self.best, self.fairness]
        return (f"{self.name}: {mine:g} {self.fairness} against {theirs:g} for {self.best}, "
                f"at a cost of {self.cost * 100:.1f} points of {self.performance}.")


@public
def choose_model(table: pd.DataFrame, *, performance: str, fairness: str,
                 max_loss: float = 0.02) -> ModelChoice:
    """Choose a model by a rule written down in advance.

    The rule: keep the models whose ``performance`` is at most ``max_loss``
    below the best; among them, choose the one with the lowest ``fairness``
    (for example the number of metrics outside the band); on a tie, the better
    performing one.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per model (indexed by name) from validation results.
    performance, fairness : str
        Columns: higher ``performance`` is better, lower ``fairness`` is better.
    max_loss : float, default 0.02
        The largest loss of performance accepted for fairness (0.02 = 2 points).

    Returns
    -------
    ModelChoice
        ``.name``, ``.best`` (the best performing), ``.cost`` and ``.describe()``.

    Examples
    --------
    >>> table = pd.DataFrame({"accuracy": [0.67, 0.66, 0.60], "outside": [19, 16, 4]},
    ...                      index=["a", "b", "c"])
    >>> choice = choose_model(table, performance="accuracy", fairness="outside")
    >>> choice.name, round(choice.cost, 3)
    ('b', 0.01)
    >>> choice.describe()
    'b: 16 outside against 19 for a, at a cost of 1.0 points of accuracy.'
    """
    max_loss = check_fraction(max_loss, name="max_loss")
    for column, name in [(performance, "performance"), (fairness, "fairness")]:
        if column not in getattr(table, "columns", []):
            raise ValueError(f"The '{name}' parameter of {caller()} must name a column of "
                             f"'table'; got {column!r} instead.")
    best = table[performance].idxmax()
    kept = table[table[performance] >= table[performance].max() - max_loss - 1e-12]
    ranked = kept.sort_values([fairness, performance], ascending=[True, False])
    name = ranked.index[0]
    return ModelChoice(name=name, best=best,
                       cost=float(table.loc[best, performance] - table.loc[name, performance]),
                       performance=performance, fairness=fairness, table=table)


@public
def dalex_verdict(flagged: int) -> str:
    """dalex's conclusion from the number of metrics outside the band.

    0 metrics: fair "in terms of checked fairness criteria"; 1: "cannot be
    called fair"; 2 or more: "not fair" (``dalex`` 1.8, ``fairness_check``,
    where the code itself calls the threshold an arbitrary decision).

    Examples
    --------
    >>> [dalex_verdict(k) for k in (0, 1, 3)]
    ['no bias detected', 'cannot be called fair', 'not fair']
    """
    if isinstance(flagged, bool) or not isinstance(flagged, (int, np.integer)) or flagged < 0:
        raise ValueError(f"The 'flagged' parameter of {caller()} must be a whole number of at "
                         f"least 0; got {flagged!r} instead.")
    return ["no bias detected", "cannot be called fair"][flagged] if flagged < 2 else "not fair"


def _outcome_row(cohort, favourable, train, test, *, sensitive, group, privileged, kind,
                 rule) -> dict:
    """The leaving rates, the operating point and the fairness check for one outcome."""
    leaving = 1 - favourable.groupby(cohort[sensitive]).mean()
    y_train, y_test = favourable.iloc[train], favourable.iloc[test]
    X_train, X_test = cohort.iloc[train][FEATURES], cohort.iloc[test][FEATURES]
    point = choose_cutoff(y_train, out_of_fold_scores(kind, X_train, y_train), rule=rule)
    scores = prognosis_pipeline(kind).fit(X_train, y_train).predict_proba(X_test)[:, 1]
    check = fairness_check(y_test, scores >= point.cutoff,
                           sensitive_features=cohort.iloc[test][sensitive], privileged=privileged)
    ratios = check.ratios.loc[group]
    outside = [f"{m} {ratios[m]:.3f}" for m in check.flagged.columns if check.flagged.loc[group, m]]
    return {f"leaving, {group}": leaving[group], f"leaving, {privileged}": leaving[privileged],
            "gap (points)": 100 * (leaving[group] - leaving[privileged]),
            "cut-off": point.cutoff, "predicted positive": float((scores >= point.cutoff).mean()),
            "outside the band": ", ".join(outside) or "none",
            "verdict (dalex's rule)": dalex_verdict(len(outside))}


@public
def outcome_bias(cohort: pd.DataFrame, outcomes: Mapping, *, sensitive: str, group, privileged,
                 kind: str = "logistic", rule="base-rate", test_size: float = 0.3,
                 random_state: int | None = 0) -> pd.DataFrame:
    """The same model and features, several outcome definitions: the gap and the verdict of each.

    For each outcome (True = the favourable one, such as "stayed in the
    programme"): the share *leaving* in ``group`` and in ``privileged``, then a
    model of ``kind`` trained on the same training students, cut by ``rule``
    (chosen on out-of-fold scores), and dalex's fairness check of ``group``
    against ``privileged`` on the same test students.

    Parameters
    ----------
    cohort : pandas.DataFrame
        The study cohort (with the model's features and ``sensitive``).
    outcomes : dict
        Outcome name: array-like of bool, one per student (True = favourable).
    sensitive : str
        The column of the sensitive variable.
    group, privileged
        The group to check and the reference group.
    kind : str, default "logistic"
    rule : default "base-rate"
    test_size : float, default 0.3
    random_state : int or None, default 0

    Returns
    -------
    pandas.DataFrame
        One row per outcome: leaving rates, gap in percentage points, cut-off,
        share predicted positive (test), the metrics outside the band for
        ``group`` with their ratios, and dalex's verdict.

    References
    ----------
    The kit's brief and data card: leaving the *programme* differs by
    migration background, leaving *higher education* hardly.

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> cohort = make_study_cohort(600, random_state=0)
    >>> table = outcome_bias(cohort, {"stayed": cohort["retained"]},
    ...                      sensitive="migration_background", group="non-western",
    ...                      privileged="none")
    >>> list(table.columns)[:3]
    ['leaving, non-western', 'leaving, none', 'gap (points)']
    """
    from sklearn.model_selection import train_test_split
    from threadpoolctl import threadpool_limits

    if not isinstance(cohort, pd.DataFrame) or sensitive not in cohort.columns:
        raise ValueError(f"The 'sensitive' parameter of {caller()} must name a column of "
                         f"'cohort'; got {sensitive!r} instead.")
    check_choice(kind, name="kind", choices=KINDS)
    train, test = train_test_split(np.arange(len(cohort)), test_size=test_size,
                                   random_state=random_state)
    rows = {}
    for name, favourable in outcomes.items():
        favourable = pd.Series(check_labels(favourable, name="outcomes").astype(bool),
                               index=cohort.index)
        with threadpool_limits(limits=1, user_api="openmp"):
            rows[name] = _outcome_row(cohort, favourable, train, test, sensitive=sensitive,
                                      group=group, privileged=privileged, kind=kind, rule=rule)
    return pd.DataFrame(rows).T.rename_axis("outcome")


def _check_frame(frame, columns, by) -> list:
    columns = check_frame_columns(frame, columns)
    if by not in frame.columns:
        raise ValueError(f"The 'by' parameter of {caller()} must name a column of 'frame'; "
                         f"got {by!r} instead.")
    return columns


@public
def missing_by_group(frame: pd.DataFrame, columns, by: str) -> pd.DataFrame:
    """The share of missing values in ``columns``, per group of ``by``.

    Parameters
    ----------
    frame : pandas.DataFrame
    columns : str or list of str
        The columns whose missing values (NaN, None) to count.
    by : str
        The column that defines the groups.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``students``, ``share of the sample`` and, per
        column, ``missing <column>`` (the share of the group's rows without it).

    Examples
    --------
    >>> frame = pd.DataFrame({"grade": [7.0, None, 6.5, None, None],
    ...                       "group": ["a", "a", "a", "b", "b"]})
    >>> missing_by_group(frame, "grade", by="group").round(2)
           students  share of the sample  missing grade
    group
    a             3                  0.6           0.33
    b             2                  0.4           1.00
    """
    columns = _check_frame(frame, columns, by)
    grouped = frame.groupby(by, observed=True)
    table = pd.DataFrame({"students": grouped.size()})
    table["share of the sample"] = table["students"] / len(frame)
    for column in columns:
        table[f"missing {column}"] = grouped[column].apply(lambda s: float(s.isna().mean()))
    return table


@public
def complete_case_shares(frame: pd.DataFrame, columns, by: str) -> pd.DataFrame:
    """What dropping rows with a missing value in ``columns`` does to the shares of ``by``'s groups.

    Parameters
    ----------
    frame : pandas.DataFrame
    columns : str or list of str
        A row is dropped when any of these is missing ("complete cases").
    by : str
        The column that defines the groups.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``share before``, ``share after`` (0 when the whole
        group is dropped), ``change (points)`` and ``dropped`` (the share of the
        group's own rows that is dropped).

    References
    ----------
    Little & Rubin (2019), Statistical Analysis with Missing Data, 3rd ed.,
    chapter 3 (complete-case analysis and its bias).

    Examples
    --------
    >>> frame = pd.DataFrame({"grade": [7.0, None, 6.5, 8.0, None],
    ...                       "group": ["a", "a", "a", "a", "b"]})
    >>> complete_case_shares(frame, "grade", by="group")
           share before  share after  change (points)  dropped
    group
    a               0.8          1.0             20.0     0.25
    b               0.2          0.0            -20.0     1.00
    """
    columns = _check_frame(frame, columns, by)
    complete = frame[columns].notna().all(axis=1)
    groups = frame[by]
    before = groups.value_counts(normalize=True, sort=False)
    after = groups[complete].value_counts(normalize=True, sort=False).reindex(before.index,
                                                                              fill_value=0.0)
    dropped = (~complete).groupby(groups, observed=True).mean().reindex(before.index)
    table = pd.DataFrame({"share before": before, "share after": after,
                          "change (points)": 100 * (after - before), "dropped": dropped})
    return table.rename_axis(by).sort_index()
