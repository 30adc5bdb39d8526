"""fairlearn_lite: a small, readable toolkit for fair machine learning with study data.

Open the source: every function is short and says what it computes.

- :mod:`fairlearn_lite.confusion`: the confusion counts per group and the one
  registry of rates that every other number comes from.
- :mod:`fairlearn_lite.metrics`: rates per group, gaps between groups, the
  four-fifths rule, dalex's fairness check and the bias table.
- :mod:`fairlearn_lite.criteria` and :mod:`fairlearn_lite.fairness_tree`: the three
  criteria, and a tree for choosing a metric.
- :mod:`fairlearn_lite.thresholds`: scores, thresholds and per-group thresholds.
- :mod:`fairlearn_lite.uncertainty`: bootstrap and ratio intervals.
- :mod:`fairlearn_lite.mitigation`: reweighing, resampling and the ROC pivot.

Importing the package loads numpy and pandas only; scikit-learn, dalex and
matplotlib are loaded by the functions that need them.
"""

from ._environment import check_environment
from ._lessons import workshop_agenda
from ._warnings import UndefinedRateWarning
from .metrics import (
    MetricFrame,
    ScoredGroups,
    bias_table,
    demographic_parity_difference,
    demographic_parity_ratio,
    equal_opportunity_difference,
    equal_opportunity_ratio,
    equalized_odds_difference,
    equalized_odds_ratio,
    fairness_check,
    false_negative_rate,
    false_positive_rate,
    four_fifths_rule,
    group_confusion,
    group_metrics,
    rates_from_counts,
    selection_rate,
    true_negative_rate,
    true_positive_rate,
)
from .mitigation import reweighing_weights
from .uncertainty import bootstrap_group_metrics

__version__ = "0.1.0"

__all__ = [
    "MetricFrame",
    "ScoredGroups",
    "UndefinedRateWarning",
    "bias_table",
    "bootstrap_group_metrics",
    "check_environment",
    "demographic_parity_difference",
    "demographic_parity_ratio",
    "equal_opportunity_difference",
    "equal_opportunity_ratio",
    "equalized_odds_difference",
    "equalized_odds_ratio",
    "fairness_check",
    "false_negative_rate",
    "false_positive_rate",
    "four_fifths_rule",
    "group_confusion",
    "group_metrics",
    "rates_from_counts",
    "reweighing_weights",
    "selection_rate",
    "true_negative_rate",
    "true_positive_rate",
    "workshop_agenda",
]
