"""The fairness check of dalex / fairmodels: five ratios against a band.

For every group other than the privileged one, five rates are divided by the
privileged group's rate. A ratio outside ``[epsilon, 1 / epsilon]`` (by default
0.8 to 1.25, the four-fifths rule applied both ways) is flagged.

=====  ===========================  ========================  =====================
name   rate                         fairness criterion        dalex's name
=====  ===========================  ========================  =====================
TPR    true positive rate           separation                Equal opportunity
ACC    accuracy                     --                        Accuracy equality
PPV    positive predictive value    sufficiency               Predictive parity
FPR    false positive rate          separation                Predictive equality
STP    selection rate               independence              Statistical parity
=====  ===========================  ========================  =====================

Reference: Wiśniewski & Biecek (2022), fairmodels: a flexible tool for bias
detection, visualization, and mitigation in binary classification models.
The R Journal 14(1); the same check is ``dalex.Explainer.model_fairness(...).fairness_check()``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._tolerance import within_band
from .._validation import caller, check_fraction, check_group_present, public
from .._warnings import warn
from ..confusion import ConfusionCounts, compute_rates, confusion_counts

__all__ = ["CHECKED_METRICS", "FairnessCheckResult", "fairness_check"]

CHECKED_METRICS = {
    "TPR": "true_positive_rate",
    "ACC": "accuracy",
    "PPV": "positive_predictive_value",
    "FPR": "false_positive_rate",
    "STP": "selection_rate",
}


@dataclass(frozen=True)
class FairnessCheckResult:
    """The outcome of :func:`fairness_check`.

    Attributes
    ----------
    metrics : DataFrame
        The five rates for every group, the privileged one included.
    ratios : DataFrame
        Each non-privileged group's rates divided by the privileged group's.
    flagged : DataFrame of bool
        True where a ratio lies outside ``[epsilon, 1 / epsilon]``.
    privileged, epsilon
        The reference group and the band's lower edge.
    """

    metrics: pd.DataFrame
    ratios: pd.DataFrame
    flagged: pd.DataFrame
    privileged: object
    epsilon: float

    @property
    def band(self) -> tuple[float, float]:
        return (self.epsilon, 1 / self.epsilon)

    @property
    def flagged_metrics(self) -> list[str]:
        """The metrics with at least one group outside the band."""
        return [m for m in self.flagged.columns if self.flagged[m].any()]

    @property
    def passed(self) -> bool:
        """True when no ratio of any group falls outside the band."""
        return not self.flagged_metrics

    @property
    def verdict(self) -> str:
        """dalex's conclusion in plain words: 0, 1, or 2+ metrics outside the band."""
        low, high = self.band
        flagged = self.flagged_metrics
        where = f"compared with {self.privileged!r}, band {low:.2f} to {high:.2f}"
        if not flagged:
            text = f"No bias detected: all five ratios are inside the band ({where})."
        elif len(flagged) == 1:
            text = (f"Bias detected in 1 metric, {flagged[0]} ({where}). By dalex's rule the "
                    f"model cannot be called fair, which does not yet mean it is unfair.")
        else:
            text = (f"Bias detected in {len(flagged)} metrics: {', '.join(flagged)} ({where}). "
                    f"By dalex's rule the model is not fair.")
        if self.ratios.isna().to_numpy().any():
            text += " Some ratios are NaN (a rate was undefined); look at .metrics."
        return text

    def __repr__(self) -> str:
        return f"{self.verdict}\n\nRatios to {self.privileged!r}:\n{self.ratios.round(3)}"

    def _repr_html_(self) -> str:
        marked = self.ratios.round(3).astype(str) + np.where(self.flagged, " ✗", "")
        return f"<p>{self.verdict}</p>{marked.to_html()}"


@public
def fairness_check(y_true, y_pred, *, sensitive_features, sample_weight=None,
                   privileged=None, epsilon: float = 0.8) -> FairnessCheckResult:
    """Run dalex's fairness check: five rate ratios to the privileged group.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
        Actual outcome and prediction per row. To match dalex, threshold the
        scores the way dalex does: ``y_pred = scores >= 0.5``.
    sensitive_features : array-like or Series
        Group of each row (a DataFrame gives intersectional groups; then
        ``privileged`` is a tuple).
    privileged : group label, optional
        The reference group, for example ``"male"``; by default the largest group.
    epsilon : float, default 0.8
        The band is ``[epsilon, 1 / epsilon]``; a ratio on the edge passes.
    sample_weight : array-like, optional
        Non-negative weight per row.

    Returns
    -------
    FairnessCheckResult
        ``.ratios``, ``.flagged``, ``.passed`` and ``.verdict`` (it never prints).

    Notes
    -----
    Same metrics, ratios and verdict as dalex 1.8 (``model_fairness`` +
    ``fairness_check``), with two deliberate differences: dalex rounds each rate
    to 3 decimals before dividing, this does not; and dalex turns a ratio of 0
    into NaN, while here 0 stays 0 (and is flagged), since a group that never
    gets a positive prediction is the clearest bias of all. A privileged rate of
    0 gives NaN with a warning.

    Examples
    --------
    >>> check = fairness_check([1, 1, 0, 0, 1, 1, 0, 0], [1, 1, 1, 0, 1, 0, 0, 0],
    ...                        sensitive_features=list("mmmmffff"), privileged="m")
    >>> check.ratios.round(3)
                         TPR  ACC  PPV  FPR    STP
    sensitive_feature_0
    f                    0.5  1.0  1.5  0.0  0.333
    >>> check.flagged_metrics
    ['TPR', 'PPV', 'FPR', 'STP']
    """
    epsilon = check_fraction(epsilon, name="epsilon", low_open=True)
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features,
                              sample_weight=sample_weight)
    return check_from_counts(counts, privileged=privileged, epsilon=epsilon)


def check_from_counts(counts: ConfusionCounts, *, privileged=None,
                      epsilon: float = 0.8) -> FairnessCheckResult:
    """The fairness check from counts already validated and made (bias_table, the audit).

    Examples
    --------
    >>> from fairlearn_lite.confusion import confusion_counts
    >>> counts = confusion_counts([1, 1, 0, 0, 1, 1, 0, 0], [1, 1, 1, 0, 1, 0, 0, 0],
    ...                           sensitive_features=list("mmmmffff"))
    >>> check_from_counts(counts, privileged="m").flagged_metrics
    ['TPR', 'PPV', 'FPR', 'STP']
    """
    if len(counts.groups) < 2:
        raise ValueError(
            f"{caller()} compares groups, so the 'sensitive_features' parameter must hold at "
            f"least two; got only {counts.groups.label(0)!r}."
        )
    reference = (int(np.argmax(counts.n)) if privileged is None
                 else check_group_present(privileged, counts.groups, name="privileged"))
    privileged = counts.groups.label(reference)
    rates = compute_rates(CHECKED_METRICS.values(), counts)
    metrics = pd.DataFrame({short: rates[long] for short, long in CHECKED_METRICS.items()},
                           index=counts.groups.index.copy())
    base = metrics.iloc[reference]
    if (base == 0).any():
        warn(f"The privileged group {privileged!r} has a rate of 0 for "
             f"{list(base.index[base == 0])}: those ratios divide by 0 and are NaN.")
    others = metrics.drop(index=metrics.index[reference])
    ratios = others / base.where(base != 0)
    flagged = pd.DataFrame(~within_band(ratios, epsilon, 1 / epsilon) & ratios.notna().to_numpy(),
                           index=ratios.index, columns=ratios.columns)
    return FairnessCheckResult(metrics=metrics, ratios=ratios, flagged=flagged,
                               privileged=privileged, epsilon=epsilon)
