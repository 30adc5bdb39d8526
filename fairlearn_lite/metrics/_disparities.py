"""One number for the gap between groups, with fairlearn's names and meaning.

Each function computes a rate per group with a ``MetricFrame`` and reports either
the difference (0 means equal) or the ratio (1 means equal) between groups.
``method="between_groups"`` compares the extreme groups; ``method="to_overall"``
compares every group with everyone together.
"""

from __future__ import annotations

from typing import Literal

from .._validation import check_choice, public
from ._metric_frame import METHODS, Method, MetricFrame
from ._rates import false_positive_rate, selection_rate, true_positive_rate

__all__ = ["demographic_parity_difference", "demographic_parity_ratio",
           "equal_opportunity_difference", "equal_opportunity_ratio",
           "equalized_odds_difference", "equalized_odds_ratio"]

Agg = Literal["worst_case", "mean"]
AGGREGATIONS = ("worst_case", "mean")


def _frame(metrics, y_true, y_pred, sensitive_features, sample_weight) -> MetricFrame:
    params = None
    if sample_weight is not None:
        params = {"sample_weight": sample_weight} if callable(metrics) else \
            {name: {"sample_weight": sample_weight} for name in metrics}
    return MetricFrame(metrics=metrics, y_true=y_true, y_pred=y_pred,
                       sensitive_features=sensitive_features, sample_params=params)


@public
def demographic_parity_difference(y_true, y_pred, *, sensitive_features,
                                  sample_weight=None, method: Method = "between_groups") -> float:
    """Largest gap in selection rate between groups (0 = statistical parity).

    Same as ``fairlearn.metrics.demographic_parity_difference``.

    Examples
    --------
    >>> demographic_parity_difference([1, 0, 1, 0, 1, 0], [1, 1, 0, 1, 0, 0],
    ...                               sensitive_features=list("aaabbb"))
    0.3333333333333333
    """
    check_choice(method, name="method", choices=METHODS)
    return _frame(selection_rate, y_true, y_pred, sensitive_features, sample_weight) \
        .difference(method=method)


@public
def demographic_parity_ratio(y_true, y_pred, *, sensitive_features,
                             sample_weight=None, method: Method = "between_groups") -> float:
    """Lowest selection rate divided by the highest (1 = statistical parity).

    The four-fifths rule asks for this ratio to be at least 0.8.
    Same as ``fairlearn.metrics.demographic_parity_ratio``.

    Examples
    --------
    >>> demographic_parity_ratio([1, 0, 1, 0, 1, 0], [1, 1, 0, 1, 0, 0],
    ...                          sensitive_features=list("aaabbb"))
    0.5
    """
    check_choice(method, name="method", choices=METHODS)
    return _frame(selection_rate, y_true, y_pred, sensitive_features, sample_weight) \
        .ratio(method=method)


@public
def equal_opportunity_difference(y_true, y_pred, *, sensitive_features,
                                 sample_weight=None, method: Method = "between_groups") -> float:
    """Largest gap in true positive rate between groups (0 = equal opportunity).

    Equal opportunity (Hardt, Price & Srebro 2016): among those who would succeed,
    every group has the same chance of being predicted to succeed.
    Same as ``fairlearn.metrics.equal_opportunity_difference``.

    Examples
    --------
    Group a: TPR 1/2, FPR 1/1; group b: TPR 1/1, FPR 1/2.

    >>> equal_opportunity_difference([1, 1, 0, 0, 1, 0], [1, 0, 1, 0, 1, 1],
    ...                              sensitive_features=list("aaabbb"))
    0.5
    """
    check_choice(method, name="method", choices=METHODS)
    return _frame(true_positive_rate, y_true, y_pred, sensitive_features, sample_weight) \
        .difference(method=method)


@public
def equal_opportunity_ratio(y_true, y_pred, *, sensitive_features,
                            sample_weight=None, method: Method = "between_groups") -> float:
    """Lowest true positive rate divided by the highest (1 = equal opportunity).

    Same as ``fairlearn.metrics.equal_opportunity_ratio``.

    Examples
    --------
    Group a: TPR 1/2, FPR 1/1; group b: TPR 1/1, FPR 1/2.

    >>> equal_opportunity_ratio([1, 1, 0, 0, 1, 0], [1, 0, 1, 0, 1, 1],
    ...                         sensitive_features=list("aaabbb"))
    0.5
    """
    check_choice(method, name="method", choices=METHODS)
    return _frame(true_positive_rate, y_true, y_pred, sensitive_features, sample_weight) \
        .ratio(method=method)


@public
def equalized_odds_difference(y_true, y_pred, *, sensitive_features,
                              sample_weight=None, method: Method = "between_groups",
                              agg: Agg = "worst_case") -> float:
    """The larger (or mean) of the gaps in true and in false positive rate.

    Equalized odds (Hardt et al. 2016) asks for equal error rates of both kinds.
    ``agg="worst_case"`` returns the larger gap, ``agg="mean"`` their average.
    Same as ``fairlearn.metrics.equalized_odds_difference``.

    Examples
    --------
    Group a: TPR 1/2, FPR 1/1; group b: TPR 1/1, FPR 1/2.

    >>> equalized_odds_difference([1, 1, 0, 0, 1, 0], [1, 0, 1, 0, 1, 1],
    ...                           sensitive_features=list("aaabbb"))
    0.5
    """
    check_choice(method, name="method", choices=METHODS)
    check_choice(agg, name="agg", choices=AGGREGATIONS)
    gaps = _frame({"tpr": true_positive_rate, "fpr": false_positive_rate}, y_true, y_pred,
                  sensitive_features, sample_weight).difference(method=method)
    return float(gaps.max(skipna=False) if agg == "worst_case" else gaps.mean(skipna=False))


@public
def equalized_odds_ratio(y_true, y_pred, *, sensitive_features,
                         sample_weight=None, method: Method = "between_groups",
                         agg: Agg = "worst_case") -> float:
    """The smaller (or mean) of the ratios of true and of false positive rates.

    Same as ``fairlearn.metrics.equalized_odds_ratio``.

    Examples
    --------
    Group a: TPR 1/2, FPR 1/1; group b: TPR 1/1, FPR 1/2.

    >>> equalized_odds_ratio([1, 1, 0, 0, 1, 0], [1, 0, 1, 0, 1, 1],
    ...                      sensitive_features=list("aaabbb"))
    0.5
    """
    check_choice(method, name="method", choices=METHODS)
    check_choice(agg, name="agg", choices=AGGREGATIONS)
    ratios = _frame({"tpr": true_positive_rate, "fpr": false_positive_rate}, y_true, y_pred,
                    sensitive_features, sample_weight).ratio(method=method)
    return float(ratios.min(skipna=False) if agg == "worst_case" else ratios.mean(skipna=False))
