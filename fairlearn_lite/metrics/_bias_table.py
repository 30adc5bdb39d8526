"""The bias table: the fairness check for several sensitive variables at once, one row per group.

For every sensitive variable, each group is compared with the privileged
group (the largest, unless given) on dalex's five metrics. The table counts
how many ratios fall below the band (``below``) and how many above
(``above``), and marks groups whose verdict the data cannot support.

**What a ratio below the band means depends on the metric.** The names
"negative bias" and "positive bias" only say on which side of the band a ratio
lies. With a favourable positive class (predicted to pass, a positive BSA),
a ratio of the group to the privileged group *below* the band means:

=====  ==================================================================  ===================
ratio  below the band means, for the group                                 disadvantages it?
=====  ==================================================================  ===================
TPR    of its students who pass, fewer are predicted to pass               yes: more are
       (more are wrongly written off)                                      wrongly written off
STP    fewer of its students are predicted to pass                         yes, if the
                                                                           prediction is a
                                                                           benefit
ACC    the model is wrong more often for it, in either direction           yes: worse
                                                                           predictions, not
                                                                           fewer positive ones
PPV    of its students predicted to pass, fewer do pass: a "pass" is       depends on the use:
       less reliable for it (the model is, if anything, too generous)      see below
FPR    of its students who fail, fewer are predicted to pass               depends on the use:
                                                                           see below
=====  ==================================================================  ===================

A *false positive* (predicted to pass, then fails) harms the student when a
positive prediction means "no extra guidance needed": then a higher FPR and a
lower PPV disadvantage the group. When a positive prediction is itself a
benefit (a place, admission), a higher FPR favours the group. So "below the
band = the group gets less of a positive prediction" holds for STP only, and
"below = disadvantaged" for TPR, STP and ACC; for PPV and FPR decide per case.

**How the verdict is decided here.** ``verdict`` is "negative bias" when at
least one ratio is below the band and none above, "positive bias" when at
least one is above and none below, "mixed" when both. Other tools decide
differently: dalex's ``fairness_check`` calls a *model* "not fair" when two or
more of the five metrics are outside the band, for any of the groups ("cannot
be called fair" at one); the source workshop's R package (nfwa) speaks of bias for a *group* only
when two or more of its ratios are outside on the same side, and leaves out
groups of fewer than 15 students. A group is marked ``uncertain`` when the
data cannot support its verdict: it has fewer than ``min_group_size``
students; or a ratio outside the band has a confidence interval that reaches
back into it (the bias may be noise); or a ratio inside the band has an
interval that spans the whole band (the data cannot tell).

The confidence interval of a ratio of two proportions p1 / p2 is the usual
log method (Katz et al. 1978): exp(log(p1 / p2) ± z · se), with
se² = (1 - p1) / (n1 · p1) + (1 - p2) / (n2 · p2), where n is each rate's
denominator (for example, the actual positives for the true positive rate).

References: Wiśniewski & Biecek (2022), fairmodels, The R Journal 14(1);
dalex 1.8, ``dalex/fairness/_group_fairness/utils.py``; Tanjung & Bakker,
nfwa ("No Fairness Without Awareness", github.com/cedanl/no-fairness-without-awareness).
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import NormalDist

import numpy as np
import pandas as pd

from .._tolerance import at_least, at_most
from .._validation import (
    caller,
    check_fraction,
    check_keys,
    check_labels,
    check_same_length,
    check_sample_weight,
    check_sensitive_features,
    check_whole_number,
    public,
)
from ..confusion import RATES, ConfusionCounts, count_confusion
from ..uncertainty import katz_interval
from ._fairness_check import CHECKED_METRICS, FairnessCheckResult, check_from_counts

__all__ = ["bias_table"]

VERDICTS = {(False, False): "no bias", (True, False): "negative bias",
            (False, True): "positive bias", (True, True): "mixed"}


def _columns(sensitive_features) -> dict:
    if isinstance(sensitive_features, pd.DataFrame):
        return {str(c): sensitive_features[c] for c in sensitive_features.columns}
    if isinstance(sensitive_features, Mapping):
        return {str(k): v for k, v in sensitive_features.items()}
    raise TypeError(f"The 'sensitive_features' parameter of {caller()} must be a DataFrame (or "
                    "dict) with one column per sensitive variable; got "
                    f"{type(sensitive_features).__name__} instead.")


@public
def bias_table(y_true, y_pred, *, sensitive_features, sample_weight=None,
               privileged: Mapping | None = None, epsilon: float = 0.8,
               min_group_size: int = 50, confidence: float = 0.95) -> pd.DataFrame:
    """One row per sensitive variable and group: size, biased metrics, verdict, certainty.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
        Outcome and prediction; positive should be the favourable outcome.
    sensitive_features : DataFrame or dict
        One column per sensitive variable (gender, migration background, ...).
    privileged : dict, optional
        The reference group per variable, e.g. ``{"gender": "male"}``; a
        variable not named uses its largest group. Unknown variables are an error.
    epsilon : float, default 0.8
        The band is ``[epsilon, 1 / epsilon]``, as in :func:`fairness_check`.
    min_group_size : int, default 50
        Smaller groups are marked uncertain whatever their ratios.
    confidence : float, default 0.95
        Level of the confidence intervals for the ratios.
    sample_weight : array-like, optional
        Non-negative weight per row.

    Returns
    -------
    pandas.DataFrame
        Columns ``variable, group, n, share, below, above, verdict, uncertain,
        reason``; ``below`` and ``above`` list how many of the five metrics
        (TPR, ACC, PPV, FPR, STP) fall below or above the band. ``verdict`` is
        "reference", "no bias", "negative bias" (one or more ratios below the
        band, none above), "positive bias" (one or more above, none below) or
        "mixed". "Negative" names the side of the band, not who is
        disadvantaged: below the band disadvantages the group for TPR, STP and
        ACC; for PPV and FPR it depends on what a false positive does to the
        student (see the module's table).

    Notes
    -----
    The interval of a ratio of two rates is Katz's log method
    (:func:`fairlearn_lite.uncertainty.ratio_interval`), with each rate's own
    numerator and denominator from the rate registry.

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
    epsilon = check_fraction(epsilon, name="epsilon", low_open=True)
    confidence = check_fraction(confidence, name="confidence", low_open=True, high=0.999)
    min_group_size = check_whole_number(min_group_size, name="min_group_size")
    y_true = check_labels(y_true, name="y_true")
    y_pred = check_labels(y_pred, name="y_pred")
    n = check_same_length(y_true=y_true, y_pred=y_pred)
    weight = check_sample_weight(sample_weight, n=n)
    columns = _columns(sensitive_features)
    privileged = check_keys(privileged, name="privileged", valid=list(columns))
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    rows = []
    for variable, column in columns.items():
        counts = count_confusion(y_true, y_pred, check_sensitive_features(column, n=n), weight)
        check = check_from_counts(counts, privileged=privileged.get(variable), epsilon=epsilon)
        rows += _variable_rows(variable, counts, check, min_group_size=min_group_size, z=z)
    return pd.DataFrame(rows)


def _variable_rows(variable: str, counts: ConfusionCounts, check: FairnessCheckResult, *,
                   min_group_size: int, z: float) -> list[dict]:
    """The rows of one sensitive variable: its reference group first in group order."""
    rows, sizes, epsilon = [], counts.n, check.epsilon
    reference = list(counts.groups.index).index(check.privileged)
    for g in range(len(counts.groups)):
        group = counts.groups.label(g)
        row = {"variable": variable, "group": group, "n": _number(sizes[g]),
               "share": float(sizes[g] / sizes.sum())}
        if g == reference:
            rows.append({**row, "below": 0, "above": 0, "verdict": "reference",
                         "uncertain": False, "reason": ""})
            continue
        ratios = check.ratios.loc[group]
        below = int((~at_least(ratios, epsilon) & ratios.notna()).sum())
        above = int((~at_most(ratios, 1 / epsilon) & ratios.notna()).sum())
        reasons = [f"fewer than {min_group_size} people"] if sizes[g] < min_group_size else []
        reasons += _interval_reasons(counts, g, reference, check.flagged.loc[group], epsilon, z)
        rows.append({**row, "below": below, "above": above,
                     "verdict": VERDICTS[(below > 0, above > 0)],
                     "uncertain": bool(reasons), "reason": "; ".join(reasons)})
    return rows


def _interval_reasons(counts: ConfusionCounts, g: int, reference: int, flagged: pd.Series,
                      epsilon: float, z: float) -> list[str]:
    """Why the verdict on each of the five ratios is uncertain, from its interval."""
    reasons = []
    for short, long in CHECKED_METRICS.items():
        *_, reason = ratio_certainty(counts, long, g, reference, outside=bool(flagged[short]),
                                     epsilon=epsilon, z=z)
        reasons += [f"{short}: {reason}"] if reason else []
    return reasons


def ratio_certainty(counts: ConfusionCounts, rate: str, g: int, reference: int, *, outside: bool,
                    epsilon: float, z: float) -> tuple[float, float, str]:
    """The interval of group ``g``'s ratio to ``reference`` on ``rate``, and why it makes the
    verdict uncertain ("" when it does not; see :func:`interval_reason`).

    Examples
    --------
    >>> from fairlearn_lite.confusion import confusion_counts
    >>> counts = confusion_counts([1, 0] * 20, [1, 1] * 10 + [1, 0] * 10,
    ...                           sensitive_features=["a"] * 20 + ["b"] * 20)
    >>> low, high, reason = ratio_certainty(counts, "selection_rate", 1, 0, outside=True,
    ...                                     epsilon=0.8, z=1.96)
    >>> round(low, 2), round(high, 2), reason
    (0.32, 0.78, '')
    """
    numerator, denominator = RATES[rate].parts(counts)
    low, high = katz_interval(numerator[g], denominator[g], numerator[reference],
                              denominator[reference], z=z)
    return low, high, interval_reason(low, high, outside=outside, epsilon=epsilon)


def interval_reason(low: float, high: float, *, outside: bool, epsilon: float,
                    both_ways: bool = False) -> str:
    """Why a ratio's interval ``[low, high]`` makes its verdict uncertain ("" when it does not).

    A ratio outside the band is uncertain when its interval reaches into the
    band. A ratio inside is uncertain when its interval spans the whole band
    (this table's rule), or, with ``both_ways`` (the audit's stricter rule),
    as soon as its interval reaches outside the band: then the data fit
    either verdict.

    Examples
    --------
    >>> interval_reason(1.1, 1.6, outside=True, epsilon=0.8)
    'outside the band, but its interval reaches into it'
    >>> interval_reason(0.9, 1.4, outside=False, epsilon=0.8), interval_reason(
    ...     0.9, 1.4, outside=False, epsilon=0.8, both_ways=True)
    ('', 'inside the band, but its interval reaches outside it')
    """
    if np.isnan(low):
        return "no interval (a count of 0)"
    if outside and low <= 1 / epsilon and high >= epsilon:
        return "outside the band, but its interval reaches into it"
    if not outside and low < epsilon and high > 1 / epsilon:
        return "its interval spans the whole band"
    if both_ways and not outside and (low < epsilon or high > 1 / epsilon):
        return "inside the band, but its interval reaches outside it"
    return ""


def _number(value: float):
    """A count as int when whole (unweighted), else the weighted float."""
    return int(value) if float(value).is_integer() else float(value)
