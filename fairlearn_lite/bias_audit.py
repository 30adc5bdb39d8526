"""The pieces of a complete bias audit (lesson 06), after the Amsterdam municipal bias analysis.

A bias audit asks one question of several selections (a model, the process it
would replace, the model after mitigation) and several kinds of groups
(sensitive attributes, and the bands of each model feature):

- :func:`metric_ratios`: one fairness-tree metric per group, its ratio to a
  reference group with a confidence interval, and whether the verdict is
  uncertain (a small group, or an interval that reaches across the band);
- :func:`compare_selections`: the same for several selections side by side,
  and which one is closer to parity for each group;
- :func:`feature_bands`: model features cut into bands, so that indirect bias
  (errors that follow a feature tied to a sensitive attribute) can be measured
  like direct bias;
- :func:`indirect_bias_summary`: per feature, how strongly it is tied to a
  sensitive attribute and how unevenly the metric falls across its bands;
- :func:`rule_selection`: the current process written as a rule ("invite
  every student with mbo prior education or a late application");
- :func:`flag_at_capacity`: a model that flags the same share of students as
  the process, its cut-off chosen on out-of-fold training scores.

``y_pred`` = 1 means *selected for the intervention* throughout, as in
:func:`fairlearn_lite.fairness_tree.tree_metric`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from ._tolerance import within_band
from ._validation import (
    caller,
    check_choice,
    check_fraction,
    check_frame_columns,
    check_keys,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_sensitive_features,
    check_whole_number,
    public,
)
from .confusion import RATES, ConfusionCounts, compute_rates, count_confusion
from .uncertainty import rate_ratio_interval, ratio_or_edge

__all__ = ["Flags", "compare_selections", "feature_bands", "flag_at_capacity",
           "indirect_bias_summary", "metric_ratios", "rule_selection"]

# The rates a ratio between groups can be taken of (every rate of the registry).
METRICS = tuple(RATES)
OPERATORS = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}


def _variables(sensitive_features) -> dict:
    """One column per sensitive variable, from a DataFrame or a dict of columns."""
    if isinstance(sensitive_features, pd.DataFrame):
        if sensitive_features.shape[1] == 0:
            raise ValueError(f"The 'sensitive_features' parameter of {caller()} has no columns.")
        return {str(c): sensitive_features[c] for c in sensitive_features.columns}
    if isinstance(sensitive_features, Mapping) and sensitive_features:
        return {str(k): v for k, v in sensitive_features.items()}
    raise TypeError(f"The 'sensitive_features' parameter of {caller()} must be a DataFrame (or "
                    "dict) with one column per sensitive variable; got "
                    f"{type(sensitive_features).__name__} instead.")


def _reference(counts: ConfusionCounts, privileged, variable: str) -> int:
    """The position of the reference group: ``privileged``, or else the largest group."""
    groups = [counts.groups.label(g) for g in range(len(counts.groups))]
    if len(groups) < 2:
        raise ValueError(f"{caller()} compares groups, so the 'sensitive_features' parameter "
                         f"needs at least two groups in {variable!r}; got only {groups}.")
    if privileged is None:
        return int(np.argmax(counts.n))
    if privileged not in groups:
        raise ValueError(f"The 'privileged' parameter of {caller()} names {privileged!r} for "
                         f"{variable!r}, which is not one of its groups {groups}.")
    return groups.index(privileged)


def _uncertainty(size, low, high, ratio, *, epsilon, min_group_size) -> str:
    """Why a group's verdict is uncertain ('' when it is not): the audit's rules."""
    from .metrics._bias_table import interval_reason

    reasons = [f"fewer than {min_group_size} people"] if size < min_group_size else []
    outside = not bool(within_band(ratio, epsilon, 1 / epsilon))
    if np.isinf(ratio):
        reasons.append("the reference group has none, so a ratio is not defined")
    elif not np.isnan(ratio):
        reason = interval_reason(low, high, outside=outside, epsilon=epsilon, both_ways=True)
        reasons += [reason] if reason else []
    return "; ".join(reasons)


def _variable_rows(variable, counts, metric, reference, *, epsilon, min_group_size, z):
    """The rows of one sensitive variable, in group order."""
    values = compute_rates([metric], counts)[metric]
    rows = []
    for g in range(len(counts.groups)):
        size, ratio = counts.n[g], ratio_or_edge(values[g], values[reference])
        low, high = rate_ratio_interval(counts, metric, g, reference, z=z)
        row = {"variable": variable, "group": counts.groups.label(g),
               "n": int(size) if float(size).is_integer() else float(size),
               "share": float(size / counts.n.sum()), metric: float(values[g]),
               "ratio": ratio, "low": low, "high": high}
        if g == reference:
            rows.append({**row, "ratio": 1.0, "low": 1.0, "high": 1.0, "outside": False,
                         "uncertain": False, "reason": "reference"})
            continue
        reason = _uncertainty(size, low, high, ratio, epsilon=epsilon,
                              min_group_size=min_group_size)
        rows.append({**row, "outside": bool(~within_band(ratio, epsilon, 1 / epsilon)
                                            & ~np.isnan(ratio)),
                     "uncertain": bool(reason), "reason": reason})
    return rows


@public
def metric_ratios(y_true, y_pred, *, sensitive_features, sample_weight=None,
                  metric: str = "fp_per_group_size", privileged: Mapping | None = None,
                  epsilon: float = 0.8, min_group_size: int = 50,
                  confidence: float = 0.95) -> pd.DataFrame:
    """One metric per group of each sensitive variable, its ratio to a reference, and an interval.

    For every group: the metric (a rate of the kit's registry, by default
    *false positives / group size* = FP / n, "the chance that a random member
    of the group is wrongly selected"), its ratio to the reference group of
    the same variable, and Katz's confidence interval for that ratio. A ratio
    outside the band ``[epsilon, 1 / epsilon]`` is marked ``outside``; a
    verdict is ``uncertain`` when the group is small or the interval does not
    settle on which side of the band the ratio lies.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        The actual outcome; 1 = the intervention was warranted.
    y_pred : array-like of 0/1 or bool
        1 = selected for the intervention.
    sensitive_features : DataFrame or dict
        One column per sensitive variable (at least two groups each).
    sample_weight : array-like, optional
        Non-negative weight per row (counts become weighted sums).
    metric : str, default "fp_per_group_size"
        A rate name of :data:`fairlearn_lite.confusion.RATES`.
    privileged : dict, optional
        The reference group per variable; a variable not named uses its
        largest group.
    epsilon : float, default 0.8
        The band is ``[epsilon, 1 / epsilon]``.
    min_group_size : int, default 50
        Smaller groups are marked uncertain whatever their interval.
    confidence : float, default 0.95
        Level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per (variable, group): ``variable, group, n, share, <metric>,
        ratio, low, high, outside, uncertain, reason``. The reference group has
        ratio 1 and reason "reference".

    Notes
    -----
    Without weights the table agrees with :func:`fairlearn_lite.audit.audit`:
    a group whose metric is undefined (a denominator of 0) gets NaN with an
    :class:`~fairlearn_lite.UndefinedRateWarning` naming it; a reference group
    with a metric of 0 gives an infinite ratio for groups above 0 (NaN for
    groups at 0). The interval is Katz's log method
    (:func:`fairlearn_lite.uncertainty.ratio_interval`) on each rate's own
    numerator and denominator, with 0.5 added to each cell when a count is 0
    (Haldane-Anscombe). A ratio inside the band whose interval reaches outside
    it is uncertain too. Weights count as people here, as everywhere in the
    kit's metrics (a weight of 2 is the same as the row twice; ``n`` is the
    sum of the weights); the audit instead treats weights as sampling weights
    and counts people.

    References
    ----------
    Gemeente Amsterdam, bias analysis of the WPI model (false positives /
    group size, chosen with the Aequitas fairness tree); Katz, Baptista, Azen &
    Pike (1978), Biometrics 34(3).

    Examples
    --------
    Group b (4 people) has 2 wrongly selected, group a (6 people) 1:

    >>> table = metric_ratios([0, 0, 0, 0, 1, 1, 0, 0, 0, 0], [1, 0, 0, 0, 1, 0, 1, 1, 0, 0],
    ...                       sensitive_features={"group": list("aaaaaabbbb")})
    >>> table[["group", "n", "fp_per_group_size", "ratio", "uncertain"]].round(3)
      group    n  fp_per_group_size  ratio  uncertain
    0     a  6              0.167    1.0      False
    1     b  4              0.500    3.0       True
    >>> table.loc[1, "reason"]
    'fewer than 50 people; outside the band, but its interval reaches into it'
    """
    check_choice(metric, name="metric", choices=METRICS)
    epsilon = check_fraction(epsilon, name="epsilon", low_open=True)
    confidence = check_fraction(confidence, name="confidence", low_open=True, high=0.999)
    min_group_size = check_whole_number(min_group_size, name="min_group_size")
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    n = check_same_length(y_true=y_true, y_pred=y_pred)
    weight = check_sample_weight(sample_weight, n=n)
    columns = _variables(sensitive_features)
    privileged = check_keys(privileged, name="privileged", valid=list(columns))
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    rows = []
    for variable, column in columns.items():
        counts = count_confusion(y_true, y_pred, check_sensitive_features(column, n=n), weight)
        reference = _reference(counts, privileged.get(variable), variable)
        rows += _variable_rows(variable, counts, metric, reference, epsilon=epsilon,
                               min_group_size=min_group_size, z=z)
    return pd.DataFrame(rows)


def _closer(ratios: pd.DataFrame, tolerance: float) -> pd.Series:
    """The selection whose ratio is nearest 1 (on a log scale), per row; ties 'about equal'."""
    distance = np.abs(np.log(ratios.astype(float)))
    best = distance.idxmin(axis=1, skipna=True) if distance.notna().any(axis=None) else None
    spread = distance.max(axis=1) - distance.min(axis=1)
    verdict = pd.Series("about equal", index=ratios.index, dtype=object)
    if best is not None:
        verdict[spread > tolerance] = best[spread > tolerance]
    verdict[distance.isna().any(axis=1)] = "unknown"
    return verdict


@public
def compare_selections(y_true, selections: Mapping, *, sensitive_features, sample_weight=None,
                       metric: str = "fp_per_group_size", privileged: Mapping | None = None,
                       epsilon: float = 0.8, tolerance: float = 0.05) -> pd.DataFrame:
    """Several selections of the same people side by side: the metric and its ratio per group.

    Each selection (the current process, a model at the same capacity, the
    model after mitigation) is measured with :func:`metric_ratios` on the
    same outcome and groups. The column ``closer to parity`` names the
    selection whose ratio to the reference group is nearest 1 — measured as
    ``|log(ratio)|``, so 0.8 and 1.25 are equally far — or "about equal" when
    the distances differ by at most ``tolerance``.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        The actual outcome; 1 = the intervention was warranted.
    selections : dict
        Name: array-like of 0/1 or bool, 1 = selected (one per row).
    sensitive_features : DataFrame or dict
        One column per sensitive variable.
    sample_weight, metric, privileged, epsilon
        As in :func:`metric_ratios`.
    tolerance : float, default 0.05
        Distances ``|log(ratio)|`` closer than this count as equal.

    Returns
    -------
    pandas.DataFrame
        One row per (variable, group): ``variable, group, n``; per selection
        ``<name>`` (the metric), ``<name> ratio``, ``<name> low`` and
        ``<name> high`` (the ratio's 95% interval); then ``closer to parity``
        ("reference" for the reference group, "unknown" where a ratio is NaN).

    Examples
    --------
    A rule wrongly selects 3 of 4 in group b and 1 of 6 in a; a model 1 in each:

    >>> y = [0] * 10
    >>> table = compare_selections(
    ...     y, {"rule": [1, 0, 0, 0, 0, 0, 1, 1, 1, 0], "model": [1, 0, 0, 0, 0, 0, 1, 0, 0, 0]},
    ...     sensitive_features={"group": list("aaaaaabbbb")})
    >>> table[["group", "rule ratio", "model ratio", "closer to parity"]]
      group  rule ratio  model ratio closer to parity
    0     a         1.0          1.0        reference
    1     b         4.5          1.5            model
    """
    if not isinstance(selections, Mapping) or not selections:
        raise TypeError(f"The 'selections' parameter of {caller()} must be a dict of name -> "
                        f"0/1 predictions; got {type(selections).__name__} instead.")
    tolerance = check_fraction(tolerance, name="tolerance", high=np.inf)
    n = len(check_labels(y_true, name="y_true"))
    tables = {}
    for name, predicted in selections.items():
        check_same_length(y_true=np.arange(n), selections=check_labels(predicted, name="selections"))
        tables[name] = metric_ratios(y_true, predicted, sensitive_features=sensitive_features,
                                     sample_weight=sample_weight, metric=metric,
                                     privileged=privileged, epsilon=epsilon)
    first = next(iter(tables.values()))
    wide = first[["variable", "group", "n"]].copy()
    for name, table in tables.items():
        wide[[f"{name}", f"{name} ratio", f"{name} low", f"{name} high"]] = \
            table[[metric, "ratio", "low", "high"]].to_numpy()
    wide["closer to parity"] = _closer(wide[[f"{name} ratio" for name in tables]]
                                       .set_axis(list(tables), axis=1), tolerance)
    wide.loc[first["reason"] == "reference", "closer to parity"] = "reference"
    return wide


def _band_labels(edges, whole: bool) -> list[str]:
    """'18 to 19', '25 or more' for whole numbers; '6 to <7', '7 or more' otherwise."""
    labels = []
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        labels.append(f"{low:g} or more" if np.isinf(high) else
                      f"{low:g} to {high - 1:g}" if whole and float(low).is_integer()
                      and float(high).is_integer() else f"{low:g} to <{high:g}")
    return labels


def _numeric_bands(values: pd.Series, edges, n_bands: int) -> pd.Series:
    """Cut numbers at ``edges`` (left-closed), or into ``n_bands`` bands of equal size."""
    if edges is None:
        quantiles = values.quantile(np.linspace(0, 1, n_bands + 1)).to_numpy()
        edges = np.unique(np.concatenate([quantiles[:-1], [np.inf]]))
    edges = [float(e) for e in edges]
    if len(edges) < 2 or any(b <= a for a, b in zip(edges[:-1], edges[1:], strict=True)):
        raise ValueError(f"The 'edges' parameter of {caller()} must give increasing band edges "
                         f"for {values.name!r}; got {edges} instead.")
    whole = pd.api.types.is_integer_dtype(values)
    cut = pd.cut(values, edges, right=False, labels=_band_labels(edges, whole))
    return cut.astype(object).where(cut.notna(), "outside the edges" if values.notna().all()
                                    else "missing")


@public
def feature_bands(frame: pd.DataFrame, columns, *, edges: Mapping | None = None,
                  n_bands: int = 3) -> pd.DataFrame:
    """Model features as groups: numbers cut into bands, categories and flags as they are.

    A number column is cut at its ``edges`` (each band includes its lower
    edge), or into ``n_bands`` bands of about equal size at its quantiles.
    Other columns keep their values as text. A missing value becomes the
    group "missing", so that students without (say) an exam grade are
    counted, not dropped.

    Parameters
    ----------
    frame : pandas.DataFrame
    columns : list of str
        The features to band.
    edges : dict, optional
        Column: increasing edges; use ``float("inf")`` for an open last band.
    n_bands : int, default 3
        Bands for a number column without edges.

    Returns
    -------
    pandas.DataFrame
        The same rows and index, one text column per feature.

    Examples
    --------
    >>> frame = pd.DataFrame({"age": [18, 19, 20, 23, 30], "grade": [6.0, 7.5, None, 8.0, 6.5],
    ...                       "mbo": [True, False, False, True, False]})
    >>> feature_bands(frame, ["age", "grade", "mbo"],
    ...               edges={"age": [18, 20, 25, float("inf")]}, n_bands=2)
              age      grade    mbo
    0    18 to 19    6 to <7   True
    1    18 to 19  7 or more  False
    2    20 to 24    missing  False
    3    20 to 24  7 or more   True
    4  25 or more    6 to <7  False
    """
    columns = check_frame_columns(frame, columns)
    edges = check_keys(edges, name="edges", valid=columns)
    n_bands = check_whole_number(n_bands, name="n_bands", low=2)
    bands = {}
    for column in columns:
        values = frame[column]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        bands[column] = _numeric_bands(values, edges.get(column), n_bands) if numeric else \
            values.astype(object).where(values.notna(), "missing").astype(str)
    return pd.DataFrame(bands, index=frame.index)


@public
def indirect_bias_summary(strength: pd.DataFrame, ratios: pd.DataFrame, *, legitimate=(),
                          tie: float = 0.6) -> pd.DataFrame:
    """Per feature: its strongest tie to a sensitive attribute, and how unevenly errors fall.

    ``strength`` is :func:`fairlearn_lite.proxies.proxy_strength`'s table
    (features in rows, attributes in columns, AUCs); ``ratios`` is
    :func:`metric_ratios` over :func:`feature_bands` (one variable per
    feature). A feature's errors are *uneven* when at least one of its bands
    is outside the band of :func:`metric_ratios` and not uncertain. The
    reading follows the municipal analysis:

    - a feature the policy names as ``legitimate`` is "legitimate by policy"
      (looked at on purpose; keep measuring it);
    - otherwise, an uneven feature tied to an attribute (AUC at least
      ``tie``) "acts as a proxy"; an uneven one without such a tie is
      "uneven, not a proxy"; the rest show "no clear sign".

    Parameters
    ----------
    strength : pandas.DataFrame
    ratios : pandas.DataFrame
        With the columns ``variable, ratio, outside, uncertain``.
    legitimate : list of str, optional
        Features the policy allows the decision to use.
    tie : float, default 0.6
        The AUC from which a feature counts as tied to an attribute.

    Returns
    -------
    pandas.DataFrame
        One row per feature in ``ratios``: ``most tied to``, ``AUC``, ``lowest
        ratio``, ``highest ratio`` (over the feature's bands), ``uneven bands``
        (how many are clearly outside the band) and ``reading``.

    Examples
    --------
    >>> strength = pd.DataFrame({"gender": [0.52, 0.70]}, index=["grade", "age"])
    >>> ratios = pd.DataFrame({"variable": ["grade", "grade", "age", "age"],
    ...                        "ratio": [1.0, 1.1, 1.0, 2.0], "outside": [False, False, False, True],
    ...                        "uncertain": [False, False, False, False]})
    >>> summary = indirect_bias_summary(strength, ratios)
    >>> summary[["AUC", "highest ratio", "uneven bands", "reading"]]
            AUC  highest ratio  uneven bands          reading
    grade  0.52            1.1             0    no clear sign
    age    0.70            2.0             1  acts as a proxy
    """
    tie = check_fraction(tie, name="tie")
    needed = {"variable", "ratio", "outside", "uncertain"}
    if not isinstance(ratios, pd.DataFrame) or not needed <= set(ratios.columns):
        raise TypeError(f"The 'ratios' parameter of {caller()} must be the table metric_ratios "
                        f"returns; got {type(ratios).__name__} instead.")
    features = list(dict.fromkeys(ratios["variable"]))
    missing = [f for f in features if f not in getattr(strength, "index", [])]
    if not isinstance(strength, pd.DataFrame) or missing:
        raise ValueError(f"The 'strength' parameter of {caller()} must be proxy_strength's table "
                         f"with a row per feature; missing {missing}.")
    clear = ratios.assign(clear=ratios["outside"].astype(bool) & ~ratios["uncertain"].astype(bool))
    grouped = clear.groupby("variable", sort=False)
    aucs = strength.loc[features]
    table = pd.DataFrame({"most tied to": aucs.idxmax(axis=1), "AUC": aucs.max(axis=1),
                          "lowest ratio": grouped["ratio"].min().loc[features],
                          "highest ratio": grouped["ratio"].max().loc[features],
                          "uneven bands": grouped["clear"].sum().loc[features].astype(int)})
    uneven = table["uneven bands"] > 0
    reading = np.where(uneven & (table["AUC"] >= tie), "acts as a proxy",
                       np.where(uneven, "uneven, not a proxy", "no clear sign"))
    table["reading"] = np.where(table.index.isin(list(legitimate)), "legitimate by policy",
                                reading)
    return table


def _condition(frame: pd.DataFrame, column: str, condition) -> np.ndarray:
    """Rows of ``frame`` that meet one condition: a list of values, or (operator, number)."""
    values = frame[column]
    if isinstance(condition, tuple) and len(condition) == 2 and condition[0] in OPERATORS:
        numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            return OPERATORS[condition[0]](numbers, float(condition[1]))  # NaN never matches
    if isinstance(condition, list | set | frozenset):
        return values.isin(list(condition)).to_numpy()
    raise TypeError(f"The 'rule' parameter of {caller()} must give, for {column!r}, a list of "
                    f"values or a pair such as ('<', 0) with one of {list(OPERATORS)}; got "
                    f"{condition!r} instead.")


@public
def rule_selection(frame: pd.DataFrame, rule: Mapping) -> np.ndarray:
    """The current process written as a rule: who is selected when *any* condition holds.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per person.
    rule : dict
        Column: a list of values (selected when the value is one of them) or
        a pair ``(operator, number)`` with operator ``<``, ``<=``, ``>`` or
        ``>=``. A missing value never meets a condition.

    Returns
    -------
    numpy.ndarray of bool
        True = selected by the rule.

    Examples
    --------
    A study adviser invites every student with mbo prior education or a late
    application (after the deadline: fewer than 0 days before it):

    >>> students = pd.DataFrame({"prior_education": ["mbo", "havo", "vwo", "havo"],
    ...                          "days_before_deadline": [30, -5, 10, None]})
    >>> rule_selection(students, {"prior_education": ["mbo"],
    ...                           "days_before_deadline": ("<", 0)})
    array([ True,  True, False, False])
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"The 'frame' parameter of {caller()} must be a DataFrame; got "
                        f"{type(frame).__name__} instead.")
    if not isinstance(rule, Mapping) or not rule:
        raise TypeError(f"The 'rule' parameter of {caller()} must be a non-empty dict of column "
                        f"-> condition; got {rule!r} instead.")
    unknown = [c for c in rule if c not in frame.columns]
    if unknown:
        raise ValueError(f"The 'rule' parameter of {caller()} names {unknown}, which 'frame' does "
                         f"not have; its columns are {list(frame.columns)}.")
    selected = np.zeros(len(frame), dtype=bool)
    for column, condition in rule.items():
        selected |= _condition(frame, column, condition)
    return selected


@dataclass(frozen=True)
class Flags:
    """The test rows a model flags, with their scores and the operating point (cut-off)."""

    flagged: np.ndarray
    scores: np.ndarray
    operating_point: object


@public
def flag_at_capacity(X_train: pd.DataFrame, y_train, X_test: pd.DataFrame, *, share: float,
                     kind: str = "logistic", sample_weight=None,
                     random_state: int | None = 0) -> Flags:
    """Train a model, choose its cut-off for a capacity on out-of-fold scores, flag the test rows.

    ``y_train`` is True when the intervention is warranted (say: left the
    programme). The cut-off is chosen so that a share ``share`` of the
    *training* rows is flagged, on out-of-fold scores
    (:func:`fairlearn_lite.models.out_of_fold_scores`), so the test rows are
    touched once; on them the share flagged is close to ``share``, not equal.

    Parameters
    ----------
    X_train, X_test : pandas.DataFrame
        The model's features (the columns of :data:`fairlearn_lite.models.FEATURES`).
    y_train : array-like of bool
    share : float
        The capacity: the share to flag, strictly between 0 and 1.
    kind : {"logistic", "random_forest", "gradient_boosting"}, default "logistic"
    sample_weight : array-like, optional
        Training weights, for example from reweighing.
    random_state : int or None, default 0

    Returns
    -------
    Flags
        ``flagged`` (bool per test row), ``scores`` (test scores) and
        ``operating_point`` (:class:`~fairlearn_lite.operating_point.OperatingPoint`).

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import split_cohort
    >>> split = split_cohort(make_study_cohort(400, random_state=0), outcome="retained")
    >>> flags = flag_at_capacity(split.X_train, ~split.y_train, split.X_test, share=0.3)
    >>> flags.operating_point.rule, len(flags.flagged) == len(split.X_test)
    ('capacity:0.3', True)
    """
    from .models import out_of_fold_scores, prognosis_pipeline
    from .operating_point import choose_cutoff

    share = check_fraction(share, name="share", low_open=True)
    if share >= 1:
        raise ValueError(f"The 'share' parameter of {caller()} must be below 1 (flagging "
                         f"everyone needs no model); got {share!r} instead.")
    check_choice(kind, name="kind", choices=("logistic", "random_forest", "gradient_boosting"))
    y = check_labels(y_train, name="y_train").astype(bool)
    weight = check_sample_weight(sample_weight, n=len(y))
    for name, X in {"X_train": X_train, "X_test": X_test}.items():
        if not isinstance(X, pd.DataFrame):
            raise TypeError(f"The '{name}' parameter of {caller()} must be a DataFrame of "
                            f"features; got {type(X).__name__} instead.")
    check_same_length(X_train=np.arange(len(X_train)), y_train=y)
    oof = out_of_fold_scores(kind, X_train, y, sample_weight=weight, random_state=random_state)
    point = choose_cutoff(y, oof, sample_weight=weight, rule=f"capacity:{share:g}")
    params = {} if weight is None else {"model__sample_weight": weight}
    model = prognosis_pipeline(kind, random_state=random_state).fit(X_train, y, **params)
    scores = model.predict_proba(X_test)[:, 1]
    return Flags(flagged=scores >= point.cutoff, scores=scores, operating_point=point)
