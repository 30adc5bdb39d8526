"""A small MetricFrame: any metric per group, overall, and the gap between groups.

It keeps fairlearn's names and meaning (``by_group``, ``overall``, ``difference``,
``ratio``, ``group_min``, ``group_max``), so what you learn here works in fairlearn.
The kit's own rates (``selection_rate``, ``true_positive_rate``, ...) are computed
from one confusion-count table; any other function ``f(y_true, y_pred)`` is
simply called once per group.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

import numpy as np
import pandas as pd

from .._validation import (
    as_1d,
    caller,
    check_choice,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_sensitive_features,
    public,
)
from .._warnings import warn
from ..confusion import compute_rates, count_confusion

__all__ = ["METHODS", "MetricFrame"]

Method = Literal["between_groups", "to_overall"]
METHODS = ("between_groups", "to_overall")


class MetricFrame:
    """Metrics per group and overall, with the differences and ratios between groups.

    Parameters
    ----------
    metrics : callable or dict of str to callable
        Functions ``f(y_true, y_pred, **params)``. With a dict, each gets a column.
    y_true, y_pred : array-like
        Actual outcome and prediction per row.
    sensitive_features : array-like, Series, DataFrame or dict
        Group of each row; several columns give intersectional groups.
    sample_params : dict, optional
        Extra per-row arguments, as in fairlearn: ``{"sample_weight": w}`` for a
        single metric, ``{"metric name": {"sample_weight": w}}`` for a dict.

    Attributes
    ----------
    by_group : Series or DataFrame
        The metric(s) for each group.
    overall : float or Series
        The metric(s) for everyone together.

    Notes
    -----
    Same semantics as ``fairlearn.metrics.MetricFrame`` for these parts:
    ``difference("between_groups")`` is max - min over groups,
    ``difference("to_overall")`` the largest absolute gap to ``overall``,
    ``ratio("between_groups")`` is min / max and ``ratio("to_overall")`` the
    smallest of ``group / overall`` and ``overall / group``. Groups whose metric is
    NaN are skipped, as in fairlearn. Not supported: control features, bootstrap.

    Examples
    --------
    >>> from fairlearn_lite.metrics import selection_rate
    >>> mf = MetricFrame(metrics=selection_rate, y_true=[1, 0, 1, 0, 1, 1],
    ...                  y_pred=[1, 1, 1, 0, 0, 0], sensitive_features=list("wwwmmm"))
    >>> mf.by_group
    sensitive_feature_0
    m    0.0
    w    1.0
    Name: selection_rate, dtype: float64
    >>> mf.overall, mf.difference(), mf.ratio()
    (0.5, 1.0, 0.0)
    """

    @public(name="MetricFrame")
    def __init__(self, *, metrics: Callable | Mapping[str, Callable], y_true, y_pred,
                 sensitive_features, sample_params: Mapping | None = None):
        named = _check_metrics(metrics)
        self._single = callable(metrics)
        params = _split_params(sample_params, named, single=self._single)
        y_true = as_1d(y_true, name="y_true")
        y_pred = as_1d(y_pred, name="y_pred")
        n = check_same_length(y_true=y_true, y_pred=y_pred)
        self._groups = check_sensitive_features(sensitive_features, n=n)
        self._labels = None  # the kit's rates validate and count the labels only once
        self._counts = {}
        by_group, overall = {}, {}
        for name, metric in named.items():
            by_group[name], overall[name] = self._evaluate(metric, y_true, y_pred, params[name])
        self._by_group = pd.DataFrame(by_group, index=self._groups.index.copy())
        self._overall = pd.Series(overall, dtype=float)

    # --- computing -----------------------------------------------------------------------
    def _evaluate(self, metric, y_true, y_pred, params):
        rate = getattr(metric, "rate_name", None)
        if rate is not None and set(params) <= {"sample_weight"}:
            return self._fast(rate, y_true, y_pred, params.get("sample_weight"))
        return self._per_group(metric, y_true, y_pred, params)

    def _fast(self, rate, y_true, y_pred, sample_weight):
        """The kit's own rates: one confusion-count pass for all groups (per set of weights)."""
        if self._labels is None:
            self._labels = (check_labels(y_true, name="y_true"),
                            check_labels(y_pred, name="y_pred"))
        key = id(sample_weight)
        if key not in self._counts:
            weight = check_sample_weight(sample_weight, n=len(y_true))
            self._counts[key] = count_confusion(*self._labels, self._groups, weight)
        counts = self._counts[key]
        by_group = compute_rates([rate], counts)[rate]
        overall = compute_rates([rate], counts.total())[rate][0]
        return by_group, overall

    def _per_group(self, metric, y_true, y_pred, params):
        """Any other function: called once on each group's rows, and once on all rows."""
        values = []
        for position in range(len(self._groups)):
            rows = self._groups.codes == position
            subset = {k: np.asarray(v)[rows] for k, v in params.items()}
            try:
                values.append(metric(y_true[rows], y_pred[rows], **subset))
            except Exception as error:
                raise ValueError(
                    f"{_metric_name(metric)} failed for group "
                    f"{self._groups.label(position)!r}: {error}"
                ) from error
        return np.asarray(values, dtype=float), float(metric(y_true, y_pred, **params))

    # --- results, with fairlearn's names --------------------------------------------------
    @property
    def by_group(self) -> pd.Series | pd.DataFrame:
        """The metric(s) for each group."""
        return self._by_group.iloc[:, 0].copy() if self._single else self._by_group.copy()

    @property
    def overall(self) -> float | pd.Series:
        """The metric(s) for all rows together."""
        return float(self._overall.iloc[0]) if self._single else self._overall.copy()

    def group_min(self) -> float | pd.Series:
        """The smallest value over the groups (NaN groups skipped)."""
        return self._scalar_or_series(self._by_group.min())

    def group_max(self) -> float | pd.Series:
        """The largest value over the groups (NaN groups skipped)."""
        return self._scalar_or_series(self._by_group.max())

    @public(name="MetricFrame.difference")
    def difference(self, method: Method = "between_groups") -> float | pd.Series:
        """max - min over groups, or with ``"to_overall"`` the largest |group - overall|.

        Groups whose metric is NaN are skipped; with fewer than two groups left
        there is nothing to compare, and the result is NaN with a warning.
        """
        check_choice(method, name="method", choices=METHODS)
        self._check_two_groups()
        if method == "between_groups":
            result = self._by_group.max() - self._by_group.min()
        else:
            result = (self._by_group - self._overall).abs().max()
        return self._scalar_or_series(self._undefined_comparisons(result, "difference"))

    @public(name="MetricFrame.ratio")
    def ratio(self, method: Method = "between_groups") -> float | pd.Series:
        """min / max over groups, or with ``"to_overall"`` the smallest group/overall ratio.

        NaN with a warning where fewer than two groups have a value, or where
        the value divided by is 0.
        """
        check_choice(method, name="method", choices=METHODS)
        self._check_two_groups()
        with np.errstate(divide="ignore", invalid="ignore"):
            if method == "between_groups":
                result = self._by_group.min() / self._by_group.max()
            else:
                both = self._by_group / self._overall
                result = np.minimum(both, 1 / both).min()
        result = self._undefined_comparisons(result, "ratio")
        result = result.replace([np.inf, -np.inf], np.nan)
        for name in result.index[result.isna() & (self._by_group.notna().sum() >= 2)]:
            warn(f"The ratio of {name} is undefined: the value it divides by is 0. "
                 f"Returning NaN.")
        return self._scalar_or_series(result)

    def _undefined_comparisons(self, result: pd.Series, what: str) -> pd.Series:
        """NaN (with a warning naming the groups) where fewer than two groups have a value."""
        defined = self._by_group.notna()
        result = result.astype(float).copy()
        for name in result.index[defined.sum() < 2]:
            missing = [self._groups.label(i) for i in np.flatnonzero(~defined[name].to_numpy())]
            warn(f"The {what} of {name} is undefined: it is undefined for group(s) "
                 f"{', '.join(repr(g) for g in missing)}, which leaves fewer than two groups "
                 f"to compare. Returning NaN, not 'no gap'.")
            result[name] = np.nan
        return result

    def _check_two_groups(self) -> None:
        if len(self._groups) < 2:
            raise ValueError(
                f"{caller()} compares groups, so the 'sensitive_features' parameter must hold at "
                f"least two groups; got only {self._groups.label(0)!r}."
            )

    def _scalar_or_series(self, series: pd.Series):
        return float(series.iloc[0]) if self._single else series

    def __repr__(self) -> str:
        return f"MetricFrame(by_group=\n{self._by_group!r},\noverall=\n{self._overall!r})"


def _metric_name(metric) -> str:
    return getattr(metric, "__name__", type(metric).__name__)


def _check_metrics(metrics) -> dict:
    """The metrics as a dict of name -> function."""
    if callable(metrics):
        return {_metric_name(metrics): metrics}
    if isinstance(metrics, Mapping) and metrics and all(callable(m) for m in metrics.values()):
        return dict(metrics)
    raise TypeError(
        f"The 'metrics' parameter of {caller()} must be a function or a dict of named "
        f"functions, such as {{'selection rate': selection_rate}}; got {metrics!r} instead."
    )


def _split_params(sample_params, named, *, single: bool) -> dict:
    """fairlearn's ``sample_params`` form, split per metric."""
    if sample_params is None:
        return {name: {} for name in named}
    if not isinstance(sample_params, Mapping):
        raise TypeError(
            f"The 'sample_params' parameter of {caller()} must be a dict; "
            f"got {type(sample_params).__name__} instead."
        )
    if single:
        return {next(iter(named)): dict(sample_params)}
    unknown = set(sample_params) - set(named)
    if unknown:
        raise ValueError(
            f"The 'sample_params' parameter of {caller()} must be keyed by metric names "
            f"{sorted(named)}; got unknown key(s) {sorted(unknown)} instead."
        )
    return {name: dict(sample_params.get(name, {})) for name in named}
