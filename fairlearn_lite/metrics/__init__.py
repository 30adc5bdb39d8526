"""Group fairness metrics, all computed from one confusion-count table per group.

Start with :func:`group_metrics` (every rate for every group) or
:func:`group_confusion` (the counts themselves). The functions with fairlearn's
names (``selection_rate``, ``demographic_parity_ratio``, ``MetricFrame``, ...)
behave like fairlearn's, so what you learn here carries over.
"""

from ..confusion import RATES, Rate
from ..thresholds import ScoredGroups
from ..uncertainty import ratio_interval
from ._bias_table import bias_table
from ._counts import group_confusion
from ._disparities import (
    demographic_parity_difference,
    demographic_parity_ratio,
    equal_opportunity_difference,
    equal_opportunity_ratio,
    equalized_odds_difference,
    equalized_odds_ratio,
)
from ._fairness_check import CHECKED_METRICS, FairnessCheckResult, fairness_check
from ._four_fifths import FourFifthsResult, fisher_exact_test, four_fifths_rule
from ._metric_frame import MetricFrame
from ._rates import (
    false_negative_rate,
    false_positive_rate,
    group_metrics,
    rates_from_counts,
    selection_rate,
    true_negative_rate,
    true_positive_rate,
)

__all__ = [
    "CHECKED_METRICS",
    "FairnessCheckResult",
    "FourFifthsResult",
    "MetricFrame",
    "RATES",
    "Rate",
    "ScoredGroups",
    "bias_table",
    "demographic_parity_difference",
    "demographic_parity_ratio",
    "equal_opportunity_difference",
    "equal_opportunity_ratio",
    "equalized_odds_difference",
    "equalized_odds_ratio",
    "fairness_check",
    "false_negative_rate",
    "false_positive_rate",
    "fisher_exact_test",
    "four_fifths_rule",
    "group_confusion",
    "group_metrics",
    "rates_from_counts",
    "ratio_interval",
    "selection_rate",
    "true_negative_rate",
    "true_positive_rate",
]
