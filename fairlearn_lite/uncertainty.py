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

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validation import check_fraction
from .metrics._counts import confusion_counts
from .metrics._rates import RATES, check_metric_names, rate_frame

CELLS = ("tn", "fp", "fn", "tp")  # the order of count_confusion's bincount


def _rates(samples: np.ndarray, names) -> np.ndarray:
    """Rates for every replicate and group: samples (boot, groups, 4 cells) -> (boot, groups, m)."""
    named = {cell: samples[..., i] for i, cell in enumerate(CELLS)}
    named["n"] = samples.sum(axis=-1)
    out = np.empty(samples.shape[:-1] + (len(names),))
    for j, name in enumerate(names):
        rate = RATES[name]
        numerator = sum(named[c] for c in rate.numerator)
        denominator = sum(named[c] for c in rate.denominator)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[..., j] = np.where(denominator > 0, numerator / np.maximum(denominator, 1), np.nan)
    return out


@dataclass(frozen=True)
class BootstrapResult:
    """Bootstrap replicates of the group-metrics table, with percentile intervals.

    Attributes
    ----------
    estimate : DataFrame
        The rates on the data themselves (groups x metrics).
    samples : ndarray, shape (n_boot, groups, metrics)
        The rates in every replicate (NaN where undefined in that replicate).
    ci : float
        The interval's coverage, for example 0.95.
    """

    estimate: pd.DataFrame
    samples: np.ndarray
    ci: float
    sizes: pd.Series

    def _percentiles(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        tail = (1 - self.ci) / 2 * 100
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

    def intervals(self, metric: str) -> pd.DataFrame:
        """One metric per group: n, estimate, low, high."""
        self._check_metric(metric)
        return pd.DataFrame({"n": self.sizes, "estimate": self.estimate[metric],
                             "low": self.low[metric], "high": self.high[metric]})

    def _check_metric(self, metric: str) -> None:
        if metric not in self.estimate.columns:
            raise ValueError(f"The 'metric' must be one of {list(self.estimate.columns)}; "
                             f"got {metric!r} instead.")

    def _reference(self, reference) -> int:
        if reference == "largest":
            return int(np.argmax(self.sizes.to_numpy()))
        matches = np.flatnonzero(self.estimate.index == reference)
        if len(matches) == 0:
            raise ValueError(f"The 'reference' must be one of the groups "
                             f"{list(self.estimate.index)}; got {reference!r} instead.")
        return int(matches[0])

    def _gaps(self, metric: str, reference, kind: str) -> pd.DataFrame:
        self._check_metric(metric)
        j = list(self.estimate.columns).index(metric)
        r = self._reference(reference)
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
        frame["within noise"] = (frame["low"] <= neutral) & (frame["high"] >= neutral)
        return frame.drop(index=self.estimate.index[r])

    def difference(self, metric: str, *, reference="largest") -> pd.DataFrame:
        """Each group's rate minus the reference group's, with its interval.

        ``within noise`` is True when the interval contains 0: a gap this size
        could be chance.
        """
        return self._gaps(metric, reference, "difference")

    def ratio(self, metric: str, *, reference="largest") -> pd.DataFrame:
        """Each group's rate divided by the reference group's, with its interval (contains 1?)."""
        return self._gaps(metric, reference, "ratio")


def bootstrap_group_metrics(y_true, y_pred, *, sensitive_features, metrics=None,
                            n_boot: int = 1000, ci: float = 0.95,
                            random_state: int | None = None) -> BootstrapResult:
    """Bootstrap percentile intervals for :func:`group_metrics`.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
    sensitive_features : array-like, Series or DataFrame
    metrics : list of str, optional
        Rates from the registry (default: all).
    n_boot : int, default 1000
        Number of bootstrap replicates.
    ci : float, default 0.95
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
    vary between replicates, as they would between samples). A rate that is
    undefined in some replicates (no positives drawn in a small group) is left
    out of those replicates; the interval is then wide, as it should be.
    Percentile intervals (Efron & Tibshirani 1993).

    Examples
    --------
    >>> result = bootstrap_group_metrics([1, 0] * 200, [1, 0] * 150 + [0, 0] * 50,
    ...                                  sensitive_features=["a"] * 200 + ["b"] * 200,
    ...                                  metrics=["true_positive_rate"], random_state=0)
    >>> result.estimate["true_positive_rate"].tolist()
    [1.0, 0.5]
    >>> bool(result.difference("true_positive_rate", reference="a")["within noise"].iloc[0])
    False
    """
    func = "bootstrap_group_metrics"
    names = check_metric_names(metrics, func=func)
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 2:
        raise ValueError(f"The 'n_boot' parameter of {func} must be a whole number of at least "
                         f"2; got {n_boot!r} instead.")
    ci = check_fraction(ci, name="ci", func=func, low_open=True, high=0.9999)
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features, func=func)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        estimate = rate_frame(counts, names).drop(columns="count")
    table = np.stack([counts[c] for c in CELLS], axis=1).astype(float)
    n = int(table.sum())
    rng = np.random.default_rng(random_state)
    draws = rng.multinomial(n, (table / n).ravel(), size=n_boot).reshape(n_boot, *table.shape)
    sizes = pd.Series(counts.n, index=counts.groups.index.copy(), name="n")
    return BootstrapResult(estimate=estimate, samples=_rates(draws, names), ci=ci, sizes=sizes)


__all__ = ["BootstrapResult", "bootstrap_group_metrics"]
