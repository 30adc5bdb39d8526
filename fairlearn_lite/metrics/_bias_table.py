"""The bias table: the fairness check for several sensitive variables at once, one row per group.

For every sensitive variable, each group is compared with the privileged
group (the largest, unless given) on dalex's five metrics. The table counts
how many ratios fall below the band (negative bias: with a favourable
positive class, such as a positive BSA, the group gets less of it) and how
many above (positive bias), and marks groups whose verdict the data cannot
support: groups that are too small; groups with a ratio outside the band
whose confidence interval reaches back into it (the bias may be noise); and
groups with a ratio inside the band whose interval spans the whole band (the
data cannot tell).

The confidence interval of a ratio of two proportions p1 / p2 is the usual
log method (Katz et al. 1978): exp(log(p1 / p2) ± z · se), with
se² = (1 - p1) / (n1 · p1) + (1 - p2) / (n2 · p2), where n is each rate's
denominator (for example, the actual positives for the true positive rate).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy.stats import norm

from .._tolerance import at_least, at_most
from .._validation import check_fraction
from ._counts import confusion_counts
from ._fairness_check import CHECKED_METRICS, fairness_check
from ._rates import RATES


def _columns(sensitive_features) -> dict:
    if isinstance(sensitive_features, pd.DataFrame):
        return {str(c): sensitive_features[c] for c in sensitive_features.columns}
    if isinstance(sensitive_features, Mapping):
        return dict(sensitive_features)
    raise TypeError("The 'sensitive_features' parameter of bias_table must be a DataFrame (or "
                    "dict) with one column per sensitive variable; got "
                    f"{type(sensitive_features).__name__} instead.")


def ratio_interval(a1, n1, a2, n2, *, confidence: float = 0.95) -> tuple[float, float]:
    """Confidence interval for (a1 / n1) / (a2 / n2), by the log method; NaN if a count is 0.

    Examples
    --------
    >>> low, high = ratio_interval(30, 50, 96, 120)
    >>> round(low, 2), round(high, 2)
    (0.59, 0.96)
    """
    if min(a1, a2) <= 0 or min(n1, n2) <= 0:
        return (np.nan, np.nan)
    p1, p2 = a1 / n1, a2 / n2
    se = np.sqrt((1 - p1) / (n1 * p1) + (1 - p2) / (n2 * p2))
    z = norm.ppf(0.5 + confidence / 2)
    centre = np.log(p1 / p2)
    return (float(np.exp(centre - z * se)), float(np.exp(centre + z * se)))


def bias_table(y_true, y_pred, *, sensitive_features, privileged: Mapping | None = None,
               epsilon: float = 0.8, min_group_size: int = 50,
               confidence: float = 0.95) -> pd.DataFrame:
    """One row per sensitive variable and group: size, biased metrics, verdict, certainty.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
        Outcome and prediction; positive should be the favourable outcome.
    sensitive_features : DataFrame or dict
        One column per sensitive variable (gender, migration background, ...).
    privileged : dict, optional
        The reference group per variable; by default the largest group.
    epsilon : float, default 0.8
        The band is ``[epsilon, 1 / epsilon]``, as in :func:`fairness_check`.
    min_group_size : int, default 50
        Smaller groups are marked uncertain whatever their ratios.
    confidence : float, default 0.95
        Level of the confidence intervals for the ratios.

    Returns
    -------
    pandas.DataFrame
        Columns ``variable, group, n, share, below, above, verdict, uncertain,
        reason``; ``below`` and ``above`` list how many of the five metrics
        (TPR, ACC, PPV, FPR, STP) fall below or above the band. ``verdict`` is
        "reference", "no bias", "negative bias", "positive bias" or "mixed".

    Examples
    --------
    Group m has lower TPR, accuracy, precision and selection rate than f (four
    ratios below 0.8) and the same FPR. At 60 students per group only the TPR
    gap is clearly outside the band:

    >>> table = bias_table([1, 1, 0, 0] * 30, [1, 1, 1, 0] * 15 + [1, 0, 1, 0] * 15,
    ...                    sensitive_features={"gender": ["f"] * 60 + ["m"] * 60})
    >>> table[["group", "n", "below", "above", "verdict", "uncertain"]]
      group   n  below  above        verdict  uncertain
    0     f  60      0      0      reference      False
    1     m  60      4      0  negative bias       True
    >>> table.loc[1, "reason"].split("; ")[0]
    'ACC: outside the band, but its interval reaches into it'
    """
    epsilon = check_fraction(epsilon, name="epsilon", func="bias_table", low_open=True)
    confidence = check_fraction(confidence, name="confidence", func="bias_table", low_open=True,
                                high=0.999)
    if isinstance(min_group_size, bool) or not isinstance(min_group_size, (int, np.integer)) \
            or min_group_size < 0:
        raise ValueError("The 'min_group_size' parameter of bias_table must be a whole number "
                         f"of at least 0; got {min_group_size!r} instead.")
    privileged = dict(privileged or {})
    rows = []
    for variable, column in _columns(sensitive_features).items():
        counts = confusion_counts(y_true, y_pred, sensitive_features=column, func="bias_table")
        sizes = pd.Series(counts.n, index=counts.groups.index)
        reference = privileged.get(variable, sizes.idxmax())
        check = fairness_check(y_true, y_pred, sensitive_features=column, privileged=reference,
                               epsilon=epsilon)
        frame = counts.to_frame()
        for group, n in sizes.items():
            row = {"variable": variable, "group": group, "n": int(n),
                   "share": float(n / sizes.sum())}
            if group == reference:
                rows.append({**row, "below": 0, "above": 0, "verdict": "reference",
                             "uncertain": False, "reason": ""})
                continue
            ratios = check.ratios.loc[group]
            below = int((~at_least(ratios, epsilon) & ratios.notna()).sum())
            above = int((~at_most(ratios, 1 / epsilon) & ratios.notna()).sum())
            verdict = {(False, False): "no bias", (True, False): "negative bias",
                       (False, True): "positive bias", (True, True): "mixed"}[(below > 0,
                                                                                above > 0)]
            reasons = []
            if n < min_group_size:
                reasons.append(f"fewer than {min_group_size} people")
            for short, long in CHECKED_METRICS.items():
                rate = RATES[long]
                mine, theirs = frame.loc[group], frame.loc[reference]
                low, high = ratio_interval(
                    sum(mine[c] for c in rate.numerator), sum(mine[c] for c in rate.denominator),
                    sum(theirs[c] for c in rate.numerator),
                    sum(theirs[c] for c in rate.denominator), confidence=confidence)
                outside = bool(check.flagged.loc[group, short])
                if np.isnan(low):
                    reasons.append(f"{short}: no interval (a count of 0)")
                elif outside and (low <= 1 / epsilon and high >= epsilon):
                    reasons.append(f"{short}: outside the band, but its interval reaches into it")
                elif not outside and low < epsilon and high > 1 / epsilon:
                    reasons.append(f"{short}: its interval spans the whole band")
            rows.append({**row, "below": below, "above": above, "verdict": verdict,
                         "uncertain": bool(reasons), "reason": "; ".join(reasons)})
    return pd.DataFrame(rows)
