"""Plots for the lessons (matplotlib): pass precomputed results and an ``ax``, get the Axes back.

Nothing here changes matplotlib's settings when imported. Call :func:`use_kit_style`
once at the top of a notebook for large, projector-friendly text, or use
:func:`kit_style` as a context manager.
"""

from ._audit import plot_audit_ratios
from ._basic import (
    plot_calibration,
    plot_confusion_matrices,
    plot_confusion_matrix,
    plot_score_histograms,
    plot_selection_rates,
)
from ._lesson01 import (
    plot_prediction_errors,
    plot_stage_shares,
    style_four_fifths,
    style_proxy_strength,
    style_rates,
)
from ._lesson02 import plot_cutoff_comparison
from ._lesson03 import plot_equal_rate_sweep, style_preset_table
from ._lesson04 import plot_performance_and_fairness, plot_roc_curves
from ._lesson05 import plot_mitigation_tradeoff, plot_reductions_front
from ._lesson06 import plot_selection_comparison
from ._models import (
    plot_break_down,
    plot_fairness_check,
    plot_fairness_check_by_cutoff,
    plot_group_intervals,
    plot_model_comparison,
    plot_partial_dependence,
    plot_tradeoff,
    plot_variable_importance,
)
from ._stills import plot_controls, plot_fairness_tree
from ._style import COLORS, PALETTE, kit_style, use_kit_style
from ._tables import style_table

__all__ = [
    "plot_audit_ratios",
    "plot_fairness_check_by_cutoff",
    "plot_cutoff_comparison",
    "plot_equal_rate_sweep",
    "style_preset_table",
    "plot_mitigation_tradeoff", "plot_reductions_front",
    "plot_selection_comparison",
    "COLORS",
    "PALETTE",
    "kit_style",
    "plot_break_down",
    "plot_calibration",
    "plot_confusion_matrices",
    "plot_confusion_matrix",
    "plot_fairness_check",
    "plot_group_intervals",
    "plot_model_comparison",
    "plot_partial_dependence",
    "plot_score_histograms",
    "plot_selection_rates",
    "plot_tradeoff",
    "plot_variable_importance",
    "plot_prediction_errors", "plot_stage_shares", "style_four_fifths", "style_proxy_strength",
    "style_rates", "style_table", "plot_controls", "plot_fairness_tree",
    "use_kit_style",
    "plot_performance_and_fairness",
    "plot_roc_curves",
]
