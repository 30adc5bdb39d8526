"""The operating point: where scores become decisions, chosen by a rule you can state.

A model gives scores; a cut-off turns them into predictions. Every number of a
fairness check holds for one cut-off only. Cutting at 0.5 is a convention, not
a choice: when most students pass, nearly everyone is predicted to pass at 0.5,
and ratios of rates near 1 fall inside any band almost automatically. So the
kit always states its rule, and prints the share predicted positive beside it:

- ``"base-rate"``: the share predicted positive equals the share actually
  positive (as many students predicted to pass as actually pass);
- ``"capacity:F"``: the share F with the highest scores is predicted positive
  (for example ``"capacity:0.25"``: intensive guidance for 25% of students);
- a number: that cut-off itself.

Choose the cut-off on training or validation data (or out-of-fold scores), and
report on the test data. :func:`fairness_check_by_cutoff` shows how the verdict
changes with the cut-off (fairmodels' ``all_cutoffs`` does the same for its
parity loss; its ``ceteris_paribus_cutoff`` moves one group's cut-off only).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._tolerance import within_band
from ._validation import (
    Groups,
    caller,
    check_fraction,
    check_group_present,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_scores,
    check_sensitive_features,
    public,
)
from .confusion import compute_rates, count_at_thresholds
from .metrics._fairness_check import CHECKED_METRICS

__all__ = ["CutoffProfile", "OperatingPoint", "choose_cutoff", "fairness_check_by_cutoff",
           "parse_rule"]


@dataclass(frozen=True)
class OperatingPoint:
    """A cut-off and the rule that chose it.

    Attributes
    ----------
    cutoff : float
        Predicted positive when ``score >= cutoff``.
    rule : str
        ``"base-rate"``, ``"capacity:F"`` or ``"fixed"``.
    target_share : float or None
        The share predicted positive that the rule asks for (None for a fixed cut-off).
    selection_rate : float
        The share actually predicted positive, on the data the cut-off was chosen on.
    """

    cutoff: float
    rule: str
    target_share: float | None
    selection_rate: float

    def describe(self) -> str:
        """The operating point in one sentence."""
        why = {"base-rate": f"the share predicted positive equals the share actually positive "
                            f"({self.target_share:.1%})" if self.target_share is not None else "",
               "fixed": "a fixed cut-off"}.get(self.rule)
        if why is None:
            why = f"capacity: the {self.target_share:.0%} with the highest scores"
        return (f"Cut-off {self.cutoff:.3f} ({why}); {self.selection_rate:.1%} predicted "
                f"positive.")

    def __repr__(self) -> str:
        return self.describe()


def parse_rule(rule, *, name: str = "rule") -> tuple[str, float | None]:
    """``"base-rate"``, ``"capacity:F"`` or a number, as (kind, value).

    Examples
    --------
    >>> parse_rule("base-rate"), parse_rule("capacity:0.25"), parse_rule(0.6)
    (('base-rate', None), ('capacity', 0.25), ('fixed', 0.6))
    """
    func = caller()
    if isinstance(rule, str) and rule == "base-rate":
        return "base-rate", None
    if isinstance(rule, str) and rule.startswith("capacity:"):
        try:
            share = float(rule.split(":", 1)[1])
        except ValueError:
            share = float("nan")
        if not 0 < share < 1:
            raise ValueError(f"The '{name}' parameter of {func} must give a capacity between 0 and "
                             f"1, such as 'capacity:0.25'; got {rule!r} instead.")
        return "capacity", share
    if isinstance(rule, (int, float, np.number)) and not isinstance(rule, bool):
        return "fixed", check_fraction(rule, name=name)
    raise ValueError(f"The '{name}' parameter of {func} must be 'base-rate', 'capacity:F' (a share "
                     f"such as 'capacity:0.25') or a cut-off between 0 and 1; got {rule!r} "
                     f"instead.")


def _candidates(scores: np.ndarray) -> np.ndarray:
    """Cut-offs that reproduce every possible selection: above the top score (where it is below
    1), between each pair of neighbouring distinct scores, and 0."""
    distinct = np.unique(scores)[::-1]
    middle = (distinct[:-1] + distinct[1:]) / 2
    middle = np.where(middle > distinct[1:], middle, distinct[:-1])
    top = [(distinct[0] + 1) / 2] if distinct[0] < 1 else []
    return np.r_[top, middle, 0.0]


def _share_at(y: np.ndarray, scores: np.ndarray, weight, cutoffs: np.ndarray) -> np.ndarray:
    everyone = Groups(np.zeros(len(scores), dtype=np.int64), pd.Index(["all"]))
    counts = count_at_thresholds(y, scores, everyone, cutoffs, weight)
    return compute_rates(["selection_rate"], counts, warn_undefined=False)["selection_rate"][:, 0]


@public
def choose_cutoff(y_true, scores, *, sample_weight=None, rule="base-rate") -> OperatingPoint:
    """Choose the cut-off by a stated rule, on the data you pass (training or validation).

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        The actual outcome (the base-rate rule needs it).
    scores : array-like of float in [0, 1]
        The model's scores; predicted positive means ``score >= cutoff``.
    sample_weight : array-like, optional
    rule : "base-rate", "capacity:F" or float, default "base-rate"
        Share predicted positive = share actually positive; or the share F with
        the highest scores; or a fixed cut-off.

    Returns
    -------
    OperatingPoint
        ``.cutoff``, ``.rule``, ``.target_share`` and ``.selection_rate`` (the
        share predicted positive on these data), and ``.describe()``.

    Notes
    -----
    Among the cut-offs that reproduce a selection (one between each pair of
    neighbouring distinct scores), the one whose share predicted positive is
    closest to the target is chosen; with ties in the scores the share can
    only be met approximately.

    References
    ----------
    Kleinberg, Mullainathan & Raghavan (2016), Inherent trade-offs in the fair
    determination of risk scores, on why the cut-off matters; Barocas, Hardt &
    Narayanan, *Fairness and Machine Learning*, ch. 3 (classification at a threshold).

    Examples
    --------
    Three of five actually positive: the three highest scores are predicted positive.

    >>> point = choose_cutoff([1, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.2])
    >>> round(point.cutoff, 3), point.selection_rate
    (0.65, 0.6)
    >>> point = choose_cutoff([1, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.2], rule="capacity:0.4")
    >>> round(point.cutoff, 3), point.selection_rate
    (0.75, 0.4)
    """
    kind, value = parse_rule(rule)
    y = check_labels(y_true, name="y_true")
    s = check_scores(scores, name="scores")
    n = check_same_length(y_true=y, scores=s)
    weight = check_sample_weight(sample_weight, n=n)
    if kind == "fixed":
        share = float(_share_at(y, s, weight, np.array([value]))[0])
        return OperatingPoint(cutoff=value, rule="fixed", target_share=None, selection_rate=share)
    target = float(np.average(y, weights=weight)) if kind == "base-rate" else value
    cutoffs = _candidates(s)
    shares = _share_at(y, s, weight, cutoffs)
    best = int(np.argmin(np.abs(shares - target)))
    name = "base-rate" if kind == "base-rate" else f"capacity:{value:g}"
    return OperatingPoint(cutoff=float(cutoffs[best]), rule=name, target_share=target,
                          selection_rate=float(shares[best]))


@dataclass(frozen=True)
class CutoffProfile:
    """The fairness check at many cut-offs (the outcome of :func:`fairness_check_by_cutoff`).

    Attributes
    ----------
    ratios : DataFrame
        Index (cutoff, group): the five ratios TPR, ACC, PPV, FPR, STP to the
        privileged group at that cut-off.
    selection_rate : Series
        The share predicted positive (everyone) at each cut-off.
    privileged, epsilon
        The reference group and the band's lower edge.
    """

    ratios: pd.DataFrame
    selection_rate: pd.Series
    privileged: object
    epsilon: float

    @property
    def flagged(self) -> pd.Series:
        """How many of the five ratios fall outside the band, per cut-off (all groups)."""
        outside = ~within_band(self.ratios, self.epsilon, 1 / self.epsilon) & self.ratios.notna()
        return pd.DataFrame(outside, index=self.ratios.index,
                            columns=self.ratios.columns).groupby(level="cutoff").sum().sum(axis=1)

    def passing_cutoffs(self) -> pd.Index:
        """The cut-offs at which no ratio of any group is outside the band."""
        flagged = self.flagged
        return flagged.index[flagged == 0]


@public
def fairness_check_by_cutoff(y_true, scores, *, sensitive_features, sample_weight=None,
                             privileged=None, epsilon: float = 0.8,
                             cutoffs=None) -> CutoffProfile:
    """The fairness check's five ratios as a function of the cut-off.

    A fairness verdict holds for one cut-off only: this shows how the ratios
    (TPR, ACC, PPV, FPR, STP of each group divided by the privileged group's)
    move as the cut-off moves, against the band ``[epsilon, 1 / epsilon]``.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
    scores : array-like of float in [0, 1]
    sensitive_features : array-like or Series
    sample_weight : array-like, optional
    privileged : group label, optional
        The reference group (default: the largest).
    epsilon : float, default 0.8
    cutoffs : array-like of float, optional
        The cut-offs to try (default: 0.05, 0.06, ..., 0.95).

    Returns
    -------
    CutoffProfile
        ``.ratios`` per (cutoff, group), ``.selection_rate`` per cutoff,
        ``.flagged`` and ``.passing_cutoffs()``.

    References
    ----------
    fairmodels' ``all_cutoffs`` (the same cut-off for every group, parity loss
    instead of ratios); Wiśniewski & Biecek (2022), fairmodels, The R Journal 14(1).

    Examples
    --------
    >>> profile = fairness_check_by_cutoff([1, 1, 0, 0, 1, 1, 0, 0],
    ...                                    [0.9, 0.6, 0.4, 0.1, 0.8, 0.3, 0.7, 0.2],
    ...                                    sensitive_features=list("aaaabbbb"), privileged="a",
    ...                                    cutoffs=[0.5, 0.25])
    >>> profile.ratios["TPR"].round(2).tolist()
    [0.5, 1.0]
    >>> profile.selection_rate.tolist()
    [0.5, 0.75]
    """
    y = check_labels(y_true, name="y_true")
    s = check_scores(scores, name="scores")
    n = check_same_length(y_true=y, scores=s)
    groups = check_sensitive_features(sensitive_features, n=n)
    weight = check_sample_weight(sample_weight, n=n)
    epsilon = check_fraction(epsilon, name="epsilon", low_open=True)
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2) if cutoffs is None else \
        np.array([check_fraction(c, name="cutoffs") for c in np.ravel(cutoffs)])
    if len(groups) < 2:
        raise ValueError(f"{caller()} compares groups, so the 'sensitive_features' parameter must "
                         f"hold at least two; got only {groups.label(0)!r}.")
    reference = (int(np.argmax(np.bincount(groups.codes, weights=weight)))
                 if privileged is None else check_group_present(privileged, groups,
                                                                name="privileged"))
    counts = count_at_thresholds(y, s, groups, grid, weight)
    ratios = _ratios_by_cutoff(counts, grid, reference)
    share = compute_rates(["selection_rate"], counts.total(), warn_undefined=False)
    return CutoffProfile(ratios=ratios,
                         selection_rate=pd.Series(share["selection_rate"][:, 0],
                                                  index=pd.Index(grid, name="cutoff"),
                                                  name="selection_rate"),
                         privileged=groups.label(reference), epsilon=epsilon)


def _ratios_by_cutoff(counts, grid: np.ndarray, reference: int) -> pd.DataFrame:
    """(cutoff x group) ratios of the five checked rates to the reference group."""
    rates = compute_rates(CHECKED_METRICS.values(), counts, warn_undefined=False)
    others = [g for g in range(len(counts.groups)) if g != reference]
    columns = {}
    for short, long in CHECKED_METRICS.items():
        base = rates[long][:, [reference]]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(base > 0, rates[long] / np.where(base > 0, base, 1), np.nan)
        columns[short] = ratio[:, others].ravel()
    index = pd.MultiIndex.from_product([grid, [counts.groups.label(g) for g in others]],
                                       names=["cutoff", "group"])
    return pd.DataFrame(columns, index=index)
