"""The audit as one call: direct bias per sensitive variable, at a stated operating point."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np
import pandas as pd

from .._tolerance import at_least, at_most
from .._validation import (
    Groups,
    _factorize,
    caller,
    check_choice,
    check_fraction,
    check_whole_number,
    public,
)
from .._warnings import warn
from ..confusion import ConfusionCounts, compute_rates, count_confusion
from ..metrics._bias_table import interval_reason
from ..metrics._fairness_check import CHECKED_METRICS, FairnessCheckResult, check_from_counts
from ..operating_point import OperatingPoint, choose_cutoff, parse_rule
from ..uncertainty import rate_ratio_interval, ratio_or_edge
from ._inputs import AuditInputs, check_frame, check_inputs

__all__ = ["METRICS", "AuditResult", "audit"]

# The metrics an audit can judge by (the fairness tree's rates): what each measures in plain
# words, and which direction is worse for a group ("higher", "lower", or None: it depends).
METRICS = {
    "fp_per_group_size": ("the chance of being wrongly selected", "higher"),
    "false_discovery_rate": ("the share wrongly selected among those selected", "higher"),
    "false_positive_rate": ("the share selected among those who should not be", "higher"),
    "true_positive_rate": ("the share selected among those who should be", "lower"),
    "fn_per_group_size": ("the chance of being wrongly passed over", "higher"),
    "false_omission_rate": ("the share who should have been selected among those passed over",
                            "higher"),
    "false_negative_rate": ("the share passed over among those who should be selected", "higher"),
    "selection_rate": ("the share selected", None),
}


@dataclass(frozen=True)
class AuditResult:
    """The outcome of :func:`audit`: the table, the operating point, and the choices made.

    Attributes
    ----------
    table : DataFrame
        One row per (variable, group); see :func:`audit`.
    cutoff : float or None
        Predicted positive when ``score >= cutoff`` (None when predictions were given).
    selection_rate : float
        The share predicted positive: the operating point actually used.
    base_rate : float
        The share actually positive.
    metric, epsilon, confidence, min_group_size
        The audit's measure, band ``[epsilon, 1 / epsilon]``, interval level and small-group size.
    operating_point : OperatingPoint or None
        The rule that chose the cut-off.
    label, positive
        The outcome column and its positive value.
    checks : dict
        The fairness check per variable (for its chart).
    choices : dict
        What the auditor chose, in words, for the report.
    data : DataFrame
        The audited columns (for the report's description of the data).
    """

    table: pd.DataFrame
    cutoff: float | None
    selection_rate: float
    base_rate: float
    metric: str
    epsilon: float
    confidence: float
    min_group_size: int
    operating_point: OperatingPoint | None
    label: str
    positive: object
    checks: dict = field(repr=False)
    choices: dict = field(repr=False)
    data: pd.DataFrame = field(repr=False)

    @property
    def band(self) -> tuple[float, float]:
        return (self.epsilon, 1 / self.epsilon)

    def summary(self) -> str:
        """The audit's conclusion in one plain-language paragraph."""
        from ._report import summary

        return summary(self)

    def to_html(self, path=None, *, source: str | None = None) -> str:
        """A self-contained, printable report; written to ``path`` when given. Returns the HTML.

        ``source`` names the data (for example the file name) in the report's heading.
        """
        from ._report import to_html

        return to_html(self, path, source=source)

    def _repr_html_(self) -> str:
        from ._report import notebook_html

        return notebook_html(self)

    def __repr__(self) -> str:
        return self.summary()


def _operating_point(inputs: AuditInputs, cutoff) -> tuple[np.ndarray, OperatingPoint | None]:
    """The predictions, and the rule that made them from the scores (None for given predictions)."""
    if inputs.scores is None:
        if not (isinstance(cutoff, str) and cutoff == "base-rate"):
            raise ValueError(f"The 'cutoff' parameter of {caller()} turns scores into decisions; "
                             f"with 'prediction' the decisions are given, so leave it out (got "
                             f"{cutoff!r}).")
        return inputs.prediction, None
    parse_rule(cutoff, name="cutoff")
    point = choose_cutoff(inputs.y, inputs.scores, sample_weight=inputs.weight, rule=cutoff)
    return (inputs.scores >= point.cutoff).astype(np.int8), point


def _groups(values: pd.Series) -> Groups:
    codes, labels = _factorize(values, name=str(values.name))
    return Groups(codes, labels)


def _intersections(pairs, columns: dict) -> dict[str, pd.Series]:
    """One column per pair of sensitive variables, with groups such as "female & western"."""
    joined = {}
    for pair in pairs:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2 or \
                any(name not in columns for name in pair):
            raise ValueError(f"The 'intersections' parameter of {caller()} must list pairs of "
                             f"sensitive columns {list(columns)}, such as "
                             f"[({next(iter(columns))!r}, ...)]; got {pair!r}.")
        a, b = columns[pair[0]], columns[pair[1]]
        name = f"{pair[0]} × {pair[1]}"
        joined[name] = (a.astype(str) + " & " + b.astype(str)).rename(name)
    return joined


def _verdict(ratio: float, direction: str | None, epsilon: float) -> str:
    if np.isnan(ratio):
        return "unknown"
    if at_least(ratio, epsilon) and at_most(ratio, 1 / epsilon):
        return "no bias"
    side = "higher" if ratio > 1 else "lower"
    if direction is None:
        return side
    return "worse off" if side == direction else "better off"


@dataclass(frozen=True)
class _Counted:
    """One variable's counts: weighted (for the rates), people (for sizes), effective (intervals)."""

    counts: ConfusionCounts
    people: np.ndarray
    effective: ConfusionCounts


def _count(y: np.ndarray, predicted: np.ndarray, groups: Groups, weight) -> _Counted:
    """With weights, the intervals use Kish's effective size: (sum w)^2 / sum w^2 per group."""
    people = np.bincount(groups.codes, minlength=len(groups)).astype(float)
    counts = count_confusion(y, predicted, groups, weight)
    if weight is None:
        return _Counted(counts, people, counts)
    squares = np.bincount(groups.codes, weights=weight ** 2, minlength=len(groups))
    total = counts.n
    scale = np.divide(total, squares, out=np.zeros_like(total), where=squares > 0)
    effective = ConfusionCounts(counts.tp * scale, counts.fp * scale, counts.fn * scale,
                                counts.tn * scale, counts.groups)
    return _Counted(counts, people, effective)


def _group_row(counted: _Counted, values, check, g: int, reference: int, *, metric: str,
               min_group_size: int, z: float) -> dict:
    """The comparison columns of one group with its reference."""
    ratio = ratio_or_edge(values[g], values[reference])
    verdict = _verdict(ratio, METRICS[metric][1], check.epsilon)
    low, high = rate_ratio_interval(counted.effective, metric, g, reference, z=z)
    reason = interval_reason(low, high, outside=verdict not in ("no bias", "unknown"),
                             epsilon=check.epsilon, both_ways=True)
    reasons = ([f"fewer than {min_group_size} people"] if counted.people[g] < min_group_size
               else [])
    reasons += ["the reference group has none, so a ratio is not defined"] \
        if np.isinf(ratio) else [reason] if reason else []
    if verdict == "unknown":
        reasons.append("both the group and its reference have none")
    group = counted.counts.groups.label(g)
    return {"ratio": ratio, "low": low, "high": high, **check.ratios.loc[group].to_dict(),
            "outside": ", ".join(m for m in CHECKED_METRICS if check.flagged.loc[group, m]),
            "verdict": verdict, "uncertain": bool(reasons), "reason": "; ".join(reasons)}


def _variable_rows(variable: str, counted: _Counted, check: FairnessCheckResult, *,
                   metric: str, min_group_size: int, z: float) -> list[dict]:
    """One row per group of one variable: size, the metric and its ratio, the five ratios."""
    counts = counted.counts
    values = compute_rates([metric], counts)[metric]
    reference = list(counts.groups.index).index(check.privileged)
    if not values[reference] > 0:
        warn(f"The reference group {check.privileged!r} of {variable!r} has a {metric} of "
             f"{values[reference]}: the ratios to it are undefined (infinite for groups above "
             f"0, NaN for groups at 0).")
    rows = []
    for g in range(len(counts.groups)):
        row = {"variable": variable, "group": counts.groups.label(g),
               "n": int(counted.people[g]), "share": float(counts.n[g] / counts.n.sum()),
               metric: float(values[g])}
        if g == reference:
            row.update({"ratio": 1.0, "low": np.nan, "high": np.nan,
                        **dict.fromkeys(CHECKED_METRICS, 1.0), "outside": "",
                        "verdict": "reference", "uncertain": False, "reason": ""})
        else:
            row.update(_group_row(counted, values, check, g, reference, metric=metric,
                                  min_group_size=min_group_size, z=z))
        rows.append(row)
    return rows


def _findings(table: pd.DataFrame, metric: str) -> pd.Series:
    """One plain sentence per row: the group, its metric, and how it compares with the reference."""
    words = METRICS[metric][0]
    references = table[table["verdict"] == "reference"].set_index("variable")
    sentences = []
    for row in table.itertuples(index=False):
        ref = references.loc[row.variable]
        value = getattr(row, metric)
        if row.verdict == "reference":
            sentences.append(f"Reference group for {row.variable}: {words} is {value:.1%}.")
            continue
        compared = (f"{words} is {value:.1%}, against {ref[metric]:.1%} for {ref['group']}"
                    + (f": {row.ratio:.2f} times as high" if np.isfinite(row.ratio) else ""))
        doubt = f" Uncertain: {row.reason}." if row.uncertain and row.reason else ""
        sentences.append(f"{row.group} ({row.variable}, n = {row.n:,}): {compared}; "
                         f"{row.verdict}.{doubt}")
    return pd.Series(sentences, index=table.index)


@public
def audit(data, *, label, score=None, prediction=None, sensitive, positive=True,
          cutoff="base-rate", privileged=None, metric: str = "fp_per_group_size",
          epsilon: float = 0.8, min_group_size: int = 50, confidence: float = 0.95,
          intersections=(), sample_weight=None) -> AuditResult:
    """Audit a model's decisions for bias: one call, one table, one report.

    For each sensitive variable (and each pair in ``intersections``) every
    group is compared with a reference group on the chosen ``metric`` and on
    the fairness check's five ratios (TPR, ACC, PPV, FPR, STP). A ratio
    outside the band ``[epsilon, 1 / epsilon]`` counts as bias; a verdict is
    *uncertain* when the group is small or the ratio's interval does not
    support it.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per person (see :func:`read_table` for a CSV file).
    label : str
        The column with the actual outcome (two values).
    score : str, optional
        A column of scores between 0 and 1 (higher: more likely positive).
    prediction : str, optional
        A column of decisions instead (0/1, True/False or the label's values).
    sensitive : str or list of str
        The sensitive columns (gender, age band, ...). Missing values must be
        an explicit group ("unknown").
    positive : default True
        The label value that counts as positive: the outcome the model
        selects for (for example "left the programme").
    cutoff : "base-rate", "capacity:F" or float, default "base-rate"
        With ``score``: as many predicted positive as actually positive; or the
        share F with the highest scores; or a fixed cut-off. Chosen on these
        data: for a model in use, pass the cut-off it uses.
    privileged : dict, optional
        The reference group per variable, e.g. ``{"gender": "male"}``;
        otherwise the largest group.
    metric : str, default "fp_per_group_size"
        The measure chosen with the fairness tree, one of :data:`METRICS`.
    epsilon : float, default 0.8
        The band ``[epsilon, 1 / epsilon]``.
    min_group_size : int, default 50
        Smaller groups are marked uncertain.
    confidence : float, default 0.95
        The level of the ratios' intervals (Katz's log method).
    intersections : list of pairs, optional
        Pairs of sensitive columns to audit together, e.g. ``[("gender", "age_band")]``.
    sample_weight : array-like, optional
        Non-negative weight per row.

    Returns
    -------
    AuditResult
        ``.table`` has one row per (variable, group) with ``variable, group,
        n, share``, the metric's value, ``ratio`` (to the reference) with its
        interval ``low, high``, the ratios ``TPR, ACC, PPV, FPR, STP``,
        ``outside`` (those outside the band), ``verdict`` ("reference", "no
        bias", "worse off", "better off"; for the selection rate "higher" or
        "lower"), ``uncertain``, ``reason`` and ``finding`` (a sentence).
        Also ``.cutoff``, ``.selection_rate``, ``.summary()`` and ``.to_html()``.

    References
    ----------
    Saleiro et al. (2018), Aequitas (the fairness tree); Wiśniewski & Biecek
    (2022), fairmodels (the fairness check); Katz et al. (1978) (intervals);
    Gemeente Amsterdam, *Bias analyse WPI algoritme* (its model for applications for income
    support; pre-pilot data 2021-2022).

    Examples
    --------
    >>> data = pd.DataFrame({"left": [1, 0, 0, 0, 1, 0, 0, 0] * 10,
    ...                      "flagged": [1, 1, 0, 0, 1, 0, 0, 0] * 10,
    ...                      "gender": ["f"] * 40 + ["m"] * 40})
    >>> data.loc[40:, "flagged"] = [1, 1, 1, 0, 1, 0, 0, 0] * 5
    >>> result = audit(data, label="left", prediction="flagged", sensitive="gender",
    ...                privileged={"gender": "f"})
    >>> result.table[["group", "n", "fp_per_group_size", "ratio", "verdict"]]
      group   n  fp_per_group_size  ratio    verdict
    0     f  40              0.125    1.0  reference
    1     m  40              0.250    2.0  worse off
    """
    data = check_frame(data)
    metric = check_choice(metric, name="metric", choices=tuple(METRICS))
    epsilon = check_fraction(epsilon, name="epsilon", low_open=True)
    confidence = check_fraction(confidence, name="confidence", low_open=True, high=0.999)
    min_group_size = check_whole_number(min_group_size, name="min_group_size")
    inputs = check_inputs(data, label=label, score=score, prediction=prediction,
                          sensitive=sensitive, positive=positive, privileged=privileged,
                          sample_weight=sample_weight)
    predicted, point = _operating_point(inputs, cutoff)
    columns = {**inputs.sensitive, **_intersections(intersections, inputs.sensitive)}
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    rows, checks = [], {}
    for variable, values in columns.items():
        counted = _count(inputs.y, predicted, _groups(values), inputs.weight)
        checks[variable] = check_from_counts(counted.counts,
                                             privileged=inputs.privileged.get(variable),
                                             epsilon=epsilon)
        rows += _variable_rows(variable, counted, checks[variable], metric=metric,
                               min_group_size=min_group_size, z=z)
    table = pd.DataFrame(rows)
    table["finding"] = _findings(table, metric)
    return AuditResult(
        table=table, cutoff=None if point is None else point.cutoff,
        selection_rate=float(np.average(predicted, weights=inputs.weight)),
        base_rate=float(np.average(inputs.y, weights=inputs.weight)), metric=metric,
        epsilon=epsilon, confidence=confidence, min_group_size=min_group_size,
        operating_point=point, label=label, positive=positive, checks=checks,
        choices=_choices(label=label, positive=positive, score=score, prediction=prediction,
                         cutoff=cutoff, privileged=privileged, checks=checks, metric=metric,
                         intersections=intersections),
        data=data)


def _choices(*, label, positive, score, prediction, cutoff, privileged, checks, metric,
             intersections) -> dict:
    """What the auditor chose, in words, for the report's last section."""
    given = privileged or {}
    references = {variable: (f"{check.privileged} (chosen)" if variable in given
                             else f"{check.privileged} (the largest group)")
                  for variable, check in checks.items()}
    return {
        "outcome": f"column {label!r}; positive = {positive!r}",
        "decision": (f"scores in column {score!r}, cut-off rule {cutoff!r}" if score is not None
                     else f"decisions in column {prediction!r}"),
        "measure": f"{metric} ({METRICS[metric][0]})",
        "reference groups": references,
        "intersections": [" × ".join(pair) for pair in intersections] or "none",
    }
