"""How sure are we? Bootstrap intervals for the rates per group and the gaps between groups.

The bootstrap asks: if we had drawn another sample of students like this one,
how different would the numbers be? It resamples the students with
replacement many times and recomputes the rates each time; the middle 95% of
those recomputed values is the 95% interval.

Because every rate depends only on the confusion counts per group, resampling
students is the same as drawing those counts from a multinomial distribution
(with the observed shares of every group x cell). That makes 1,000 replicates
for 100,000 students take milliseconds instead of minutes.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from ._validation import (
    caller,
    check_count,
    check_fraction,
    check_group_present,
    check_random_state,
    check_whole_number,
    public,
)
from .confusion import ConfusionCounts, compute_rates, confusion_counts, rate_frame

__all__ = ["BootstrapResult", "bootstrap_group_metrics", "ratio_interval"]

CELLS = ("tn", "fp", "fn", "tp")  # the order the replicates are drawn in


def _replicate_rates(draws: np.ndarray, counts: ConfusionCounts, names) -> np.ndarray:
    """Registry rates for every replicate and group: (boot, groups, 4 cells) -> (boot, groups, m)."""
    cells = {cell: draws[..., i] for i, cell in enumerate(CELLS)}
    replicated = ConfusionCounts(**cells, groups=counts.groups)
    rates = compute_rates(names, replicated, warn_undefined=False)
    return np.stack([rates[name] for name in names], axis=-1)


@public
def ratio_interval(a1, n1, a2, n2, *, confidence: float = 0.95) -> tuple[float, float]:
    """Confidence interval for the ratio of two proportions (a1 / n1) / (a2 / n2).

    The log method (Katz et al. 1978): exp(log(p1 / p2) ± z · se), with
    se² = (1 - p1) / (n1 · p1) + (1 - p2) / (n2 · p2).

    Parameters
    ----------
    a1, n1 : number
        Successes and trials of the group compared (a1 <= n1).
    a2, n2 : number
        Successes and trials of the reference group (a2 <= n2).
    confidence : float, default 0.95
        The interval's level, strictly between 0 and 1.

    Returns
    -------
    (low, high)
        NaN, NaN when a count is 0 (the log method has no interval there).

    References
    ----------
    Katz, Baptista, Azen & Pike (1978), Obtaining confidence intervals for the
    risk ratio in cohort studies. Biometrics 34(3).

    Examples
    --------
    The nursing programme: 30 of 50 men and 96 of 120 women admitted.

    >>> low, high = ratio_interval(30, 50, 96, 120)
    >>> round(low, 2), round(high, 2)
    (0.59, 0.96)
    """
    confidence = check_fraction(confidence, name="confidence", low_open=True, high=0.999999)
    for name, value in {"a1": a1, "n1": n1, "a2": a2, "n2": n2}.items():
        check_count(value, name=name)
    for a_name, a, n_name, n in (("a1", a1, "n1", n1), ("a2", a2, "n2", n2)):
        if a > n:
            raise ValueError(f"The '{a_name}' parameter of {caller()} counts successes among "
                             f"'{n_name}' trials, so it cannot exceed it; got {a_name}={a!r} "
                             f"and {n_name}={n!r}.")
    return katz_interval(a1, n1, a2, n2, z=NormalDist().inv_cdf(0.5 + confidence / 2))


def katz_interval(a1, n1, a2, n2, *, z: float) -> tuple[float, float]:
    """:func:`ratio_interval` for counts already checked, with the normal quantile ``z``."""
    if min(a1, a2) <= 0 or min(n1, n2) <= 0:
        return (math.nan, math.nan)
    p1, p2 = a1 / n1, a2 / n2
    se = math.sqrt((1 - p1) / (n1 * p1) + (1 - p2) / (n2 * p2))
    centre = math.log(p1 / p2)
    return (math.exp(centre - z * se), math.exp(centre + z * se))


def rate_ratio_interval(counts: ConfusionCounts, rate: str, g: int, reference: int, *,
                        z: float) -> tuple[float, float]:
    """Katz's interval of group ``g``'s ``rate`` over the ``reference`` group's, from counts.

    With a numerator of 0 in either group, 0.5 is added to each cell of both
    groups' 2 x 2 tables first (the Haldane-Anscombe correction), so that a
    group without any (say) false positives still gets an interval.

    Examples
    --------
    >>> counts = confusion_counts([0] * 20, [1] * 5 + [0] * 15,
    ...                           sensitive_features=["a"] * 10 + ["b"] * 10)
    >>> [round(v, 3) for v in rate_ratio_interval(counts, "fp_per_group_size", 1, 0, z=1.96)]
    [0.006, 1.453]
    """
    from .confusion import RATES

    numerator, denominator = RATES[rate].parts(counts)
    a1, n1, a2, n2 = numerator[g], denominator[g], numerator[reference], denominator[reference]
    if min(a1, a2) == 0 and min(n1, n2) > 0:
        a1, n1, a2, n2 = a1 + 0.5, n1 + 1, a2 + 0.5, n2 + 1
    return katz_interval(a1, n1, a2, n2, z=z)


def ratio_or_edge(value: float, base: float) -> float:
    """``value / base``; infinite when only the base is 0, NaN when both are.

    Examples
    --------
    >>> ratio_or_edge(0.2, 0.1), ratio_or_edge(0.2, 0.0), ratio_or_edge(0.0, 0.0)
    (2.0, inf, nan)
    """
    if base > 0:
        return float(value / base)
    return math.inf if value > 0 else math.nan


@dataclass(frozen=True)
class BootstrapResult:
    """Bootstrap replicates of the group-metrics table, with percentile intervals.

    Attributes
    ----------
    estimate : DataFrame
        The rates on the data themselves (groups x metrics).
    samples : ndarray, shape (n_boot, groups, metrics)
        The rates in every replicate (NaN where undefined in that replicate).
    confidence : float
        The interval's coverage, for example 0.95.
    sizes : Series
        The group sizes.

    Notes
    -----
    The bootstrap holds the trained model fixed: it shows how much the rates
    would vary with another sample of students scored by *this* model, not how
    much a retrained model would differ. With many comparisons, some gaps come
    out "not within noise" by chance alone (at 95%, about 1 in 20 when there is
    no real gap).
    """

    estimate: pd.DataFrame
    samples: np.ndarray
    confidence: float
    sizes: pd.Series

    def _percentiles(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        tail = (1 - self.confidence) / 2 * 100
        with warnings.catch_warnings():  # an all-NaN column (a rate never defined) gives NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            return (np.nanpercentile(values, tail, axis=0),
                    np.nanpercentile(values, 100 - tail, axis=0))

    @property
    def low(self) -> pd.DataFrame:
        return pd.DataFrame(self._percentiles(self.samples)[0], index=self.estimate.index,
                            columns=self.estimate.columns)

    @property
    def high(self) -> pd.DataFrame:
        return pd.DataFrame(self._percentiles(self.samples)[1], index=self.estimate.index,
                            columns=self.estimate.columns)

    @public(name="BootstrapResult.intervals")
    def intervals(self, metric: str) -> pd.DataFrame:
        """One metric per group: n, estimate, low, high."""
        self._check_metric(metric)
        return pd.DataFrame({"n": self.sizes, "estimate": self.estimate[metric],
                             "low": self.low[metric], "high": self.high[metric]})

    def _check_metric(self, metric: str) -> None:
        if not isinstance(metric, str) or metric not in self.estimate.columns:
            raise ValueError(f"The 'metric' parameter of {caller()} must be one of "
                             f"{list(self.estimate.columns)}; got {metric!r} instead.")

    def _reference(self, privileged) -> int:
        if privileged is None:
            return int(np.argmax(self.sizes.to_numpy()))
        return check_group_present(privileged, self._groups, name="privileged")

    @property
    def _groups(self):
        from ._validation import Groups

        return Groups(np.zeros(0, dtype=np.int64), self.estimate.index)

    def _gaps(self, metric: str, privileged, kind: str) -> pd.DataFrame:
        self._check_metric(metric)
        j = list(self.estimate.columns).index(metric)
        r = self._reference(privileged)
        values, point = self.samples[:, :, j], self.estimate[metric].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            if kind == "difference":
                replicated, observed = values - values[:, [r]], point - point[r]
            else:
                replicated = np.where(values[:, [r]] > 0, values / values[:, [r]], np.nan)
                observed = point / point[r] if point[r] > 0 else point * np.nan
        low, high = self._percentiles(replicated)
        neutral = 0.0 if kind == "difference" else 1.0
        frame = pd.DataFrame({"n": self.sizes, kind: observed, "low": low, "high": high},
                             index=self.estimate.index)
        within = (frame["low"] <= neutral) & (frame["high"] >= neutral)
        undefined = frame[[kind, "low", "high"]].isna().any(axis=1)
        frame["within noise"] = within.astype("boolean").mask(undefined)
        return frame.drop(index=self.estimate.index[r])

    @public(name="BootstrapResult.difference")
    def difference(self, metric: str, *, privileged=None) -> pd.DataFrame:
        """Each group's rate minus the privileged (reference) group's, with its interval.

        ``privileged`` defaults to the largest group. ``within noise`` is True
        when the interval contains 0 (a gap this size could be chance), False
        when it does not, and missing (``<NA>``) when the gap is undefined.
        """
        return self._gaps(metric, privileged, "difference")

    @public(name="BootstrapResult.ratio")
    def ratio(self, metric: str, *, privileged=None) -> pd.DataFrame:
        """Each group's rate divided by the privileged group's, with its interval (contains 1?)."""
        return self._gaps(metric, privileged, "ratio")


@public
def bootstrap_group_metrics(y_true, y_pred, *, sensitive_features, sample_weight=None,
                            metrics=None, n_boot: int = 1000, confidence: float = 0.95,
                            random_state: int | None = None) -> BootstrapResult:
    """Bootstrap percentile intervals for :func:`group_metrics`.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
    sensitive_features : array-like, Series or DataFrame
    sample_weight : array-like, optional
        Frequency weights: a weight of 2 counts as the row twice.
    metrics : list of str, optional
        Rates from the registry (default: all).
    n_boot : int, default 1000
        Number of bootstrap replicates.
    confidence : float, default 0.95
        Coverage of the intervals.
    random_state : int, optional
        Seed for the replicates.

    Returns
    -------
    BootstrapResult
        ``.estimate``, ``.low``, ``.high``, ``.intervals(metric)``,
        ``.difference(metric)`` and ``.ratio(metric)``.

    Notes
    -----
    Equivalent to resampling the students with replacement (the group sizes
    vary between replicates, as they would between samples): the confusion
    counts of a replicate are one multinomial draw over the group x cell shares.
    A rate that is undefined in some replicates (no positives drawn in a small
    group) is left out of those replicates; the interval is then wide, as it
    should be. Percentile intervals (Efron & Tibshirani 1993).

    Examples
    --------
    >>> result = bootstrap_group_metrics([1, 0] * 200, [1, 0] * 150 + [0, 0] * 50,
    ...                                  sensitive_features=["a"] * 200 + ["b"] * 200,
    ...                                  metrics=["true_positive_rate"], random_state=0)
    >>> result.estimate["true_positive_rate"].tolist()
    [1.0, 0.5]
    >>> bool(result.difference("true_positive_rate", privileged="a")["within noise"].iloc[0])
    False
    """
    from .metrics._rates import check_metric_names

    names = check_metric_names(metrics)
    n_boot = check_whole_number(n_boot, name="n_boot", low=2)
    confidence = check_fraction(confidence, name="confidence", low_open=True, high=0.9999)
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features,
                              sample_weight=sample_weight)
    estimate = rate_frame(counts, names).drop(columns="count")
    table = np.stack([counts[c] for c in CELLS], axis=-1).astype(float)  # (groups, 4)
    total = table.sum()
    rng = check_random_state(random_state)
    draws = rng.multinomial(max(int(round(total)), 1), (table / total).ravel(), size=n_boot)
    draws = draws.reshape(n_boot, *table.shape).astype(float)
    sizes = pd.Series(counts.n, index=counts.groups.index.copy(), name="n")
    return BootstrapResult(estimate=estimate, samples=_replicate_rates(draws, counts, names),
                           confidence=confidence, sizes=sizes)
