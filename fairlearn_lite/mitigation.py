"""Bias mitigation: change the data (pre-processing), the training (in-processing) or the scores.

=================  ========================================  ==========================================
stage              method                                    here
=================  ========================================  ==========================================
pre-processing     reweighing (Kamiran & Calders 2012)       :func:`reweighing_weights`
pre-processing     resampling, uniform or preferential       :func:`resample`, :func:`resample_indices`
in-processing      a fairness constraint in the training     fairlearn's ``ExponentiatedGradient``
post-processing    ROC pivot (Kamiran, Karim & Zhang 2012)   :func:`roc_pivot`
post-processing    per-group thresholds (Hardt et al. 2016)  :func:`fairlearn_lite.thresholds.group_thresholds`
=================  ========================================  ==========================================

Reweighing changes the data the model learns from; the weights reach a model
through ``model.fit(X, y, sample_weight=w)``, so the group is used only while
training. The ROC pivot (Reject Option based Classification, not the ROC curve)
and per-group thresholds use the group at decision time.

Reweighing, resampling and the ROC pivot follow dalex's ``dalex.fairness``
(``reweight``, ``resample``, ``roc_pivot``) and the R package fairmodels.
They aim at **statistical parity** between groups; always re-check the other
criteria, and the other sensitive attributes, afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from ._validation import (
    as_1d,
    caller,
    check_choice,
    check_fraction,
    check_group_present,
    check_labels,
    check_random_state,
    check_same_length,
    check_scores,
    check_sensitive_features,
    public,
)
from ._warnings import warn

__all__ = ["reweighing_weights", "resample", "resample_indices", "roc_pivot"]

KINDS = ("uniform", "preferential")


def _cells(y, sensitive_features):
    """Labels, group codes, and the count of every group x label cell."""
    y = check_labels(y, name="y")
    groups = check_sensitive_features(sensitive_features, n=len(y), against="y")
    cells = np.bincount(groups.codes * 2 + y, minlength=2 * len(groups)).reshape(-1, 2)
    empty = [(groups.label(g), label) for g, label in zip(*np.nonzero(cells == 0), strict=True)]
    if empty:
        described = ", ".join(f"group {g!r} with label {label}" for g, label in empty)
        warn(f"Some group x label cells are empty ({described}): reweighing and resampling "
             f"cannot give those groups the overall positive rate. Consider merging small groups.")
    return y, groups, cells


@public
def reweighing_weights(y, *, sensitive_features) -> np.ndarray:
    """Kamiran & Calders' reweighing: weight = P(group) · P(label) / P(group, label).

    Rows of a group x label cell that is rarer than independence would predict
    get a weight above 1, more common cells a weight below 1. Trained with
    these weights, a model sees a world in which the label is independent of
    the group: every group has the same weighted positive rate, and the weights
    of each group add up to its size.

    Parameters
    ----------
    y : array-like of 0/1 or bool
        The labels (not the predictions).
    sensitive_features : array-like, Series or DataFrame
        Several columns give intersectional groups.

    Returns
    -------
    numpy.ndarray
        One weight per row, for scikit-learn's ``sample_weight``.

    Notes
    -----
    Same weights as ``dalex.fairness.reweight``. Reference: F. Kamiran and T.
    Calders (2012), Data preprocessing techniques for classification without
    discrimination, Knowledge and Information Systems 33(1).

    Examples
    --------
    Group a: 3 of 4 positive; group b: 1 of 4; overall 4 of 8.

    >>> reweighing_weights([1, 1, 1, 0, 1, 0, 0, 0], sensitive_features=list("aaaabbbb")).round(3)
    array([0.667, 0.667, 0.667, 2.   , 2.   , 0.667, 0.667, 0.667])
    """
    y, groups, cells = _cells(y, sensitive_features)
    n = len(y)
    group_size = cells.sum(axis=1, keepdims=True)
    label_size = cells.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        table = group_size * label_size / (n * cells)
    return table[groups.codes, y]


@public
def resample_indices(y, *, sensitive_features, kind: Literal["uniform", "preferential"] = "uniform",
                     scores=None, random_state=None) -> np.ndarray:
    """Row numbers of a resampled data set in which the label is independent of the group.

    Each group x label cell is brought to its expected size under independence,
    ``round(count · weight)`` with the reweighing weight. Too large cells are
    undersampled, too small ones oversampled (all rows repeated as often as
    fits, plus a remainder).

    ``kind="uniform"`` picks the rows at random. ``kind="preferential"`` uses
    the ``scores`` (the chance of the favourable label): it drops, or
    duplicates, the rows closest to the decision border first — for label 0 the
    highest scores, for label 1 the lowest — as in dalex and Kamiran & Calders'
    preferential sampling.

    References
    ----------
    Kamiran & Calders (2012), Data preprocessing techniques for classification
    without discrimination. Knowledge and Information Systems 33(1).

    Examples
    --------
    Group a: 3 of 4 positive; group b: 1 of 4. Under independence each group has
    2 positives and 2 negatives, so a's only negative (row 3) is taken twice:

    >>> rows = resample_indices([1, 1, 1, 0, 1, 0, 0, 0], sensitive_features=list("aaaabbbb"),
    ...                         random_state=0)
    >>> [int(r) for r in rows].count(3), len(rows)
    (2, 8)
    """
    check_choice(kind, name="kind", choices=KINDS)
    y, groups, cells = _cells(y, sensitive_features)
    if kind == "preferential":
        if scores is None:
            raise ValueError(f"The 'scores' parameter of {caller()} is required for "
                             "kind='preferential' (the chance of the favourable label per row).")
        scores = check_scores(scores, name="scores")
        check_same_length(y=y, scores=scores)
    rng = check_random_state(random_state)
    expected = np.round(cells.sum(axis=1, keepdims=True) * cells.sum(axis=0, keepdims=True)
                        / len(y))
    chosen = []
    for g in range(len(groups)):
        for label in (0, 1):
            rows = np.flatnonzero((groups.codes == g) & (y == label))
            if len(rows):
                chosen.append(_resample_cell(rows, int(expected[g, label]), label, kind,
                                             scores, rng))
    return np.concatenate(chosen) if chosen else np.zeros(0, dtype=int)


def _resample_cell(rows: np.ndarray, want: int, label: int, kind: str, scores, rng):
    """``want`` rows from one group x label cell: fewer (dropped) or more (repeated)."""
    have = len(rows)
    if kind == "preferential":  # nearest the border first
        rows = rows[np.argsort(scores[rows], kind="stable")]
        rows = rows[::-1] if label == 0 else rows
    if want <= have:
        keep = rows[have - want:] if kind == "preferential" else \
            rng.choice(rows, want, replace=False)
        return np.sort(keep)
    extra = want - have * (want // have)
    more = rows[:extra] if kind == "preferential" else rng.choice(rows, extra)
    return np.concatenate([np.tile(np.sort(rows), want // have), more])


@public
def resample(X, y, *, sensitive_features, kind: Literal["uniform", "preferential"] = "uniform",
             scores=None, random_state=None):
    """Resample ``X`` and ``y`` so that the label is independent of the group.

    Returns ``(X_resampled, y_resampled, sensitive_resampled)``, with the same
    types as given (DataFrame or Series rows selected with ``.iloc``). See
    :func:`resample_indices` for how rows are chosen.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"grade": [8, 7, 6, 5, 7, 6, 5, 4]})
    >>> _, y_new, groups = resample(X, [1, 1, 1, 0, 1, 0, 0, 0],
    ...                             sensitive_features=list("aaaabbbb"), random_state=0)
    >>> pd.Series(y_new).groupby(groups).mean().to_dict()
    {'a': 0.5, 'b': 0.5}
    """
    n = len(as_1d(y, name="y"))
    if X is None or np.isscalar(X):
        raise TypeError(f"The 'X' parameter of {caller()} must be a table or array with one row "
                        f"per person; got {X!r} instead.")
    if len(X) != n:
        raise ValueError(f"The 'X' parameter of {caller()} has {len(X)} rows, but 'y' has "
                         f"{n}; they must have the same length.")
    indices = resample_indices(y, sensitive_features=sensitive_features, kind=kind,
                               scores=scores, random_state=random_state)

    def take(values):
        if isinstance(values, (pd.DataFrame, pd.Series)):
            return values.iloc[indices]
        if isinstance(values, Mapping):
            return {key: take(column) for key, column in values.items()}
        return np.asarray(values)[indices]

    return take(X), take(y), take(sensitive_features)


@public
def roc_pivot(scores, *, sensitive_features, privileged, cutoff: float = 0.5,
              theta: float = 0.05) -> np.ndarray:
    """Reject-option classification: flip scores near the cutoff, in favour of the unprivileged.

    Scores within ``theta`` of the ``cutoff`` are mirrored to the other side:
    privileged rows just above the cutoff move just below it; unprivileged rows
    at or just below it move just above. Elsewhere the scores stay as they are.

    Same rule as ``dalex.fairness.roc_pivot`` (which changes an explainer's
    ``y_hat``); here it takes and returns the scores. Reference: F. Kamiran,
    A. Karim and X. Zhang (2012), Decision theory for discrimination-aware
    classification, ICDM.

    Examples
    --------
    >>> roc_pivot([0.52, 0.48, 0.52, 0.48, 0.9], sensitive_features=list("ppuuu"),
    ...           privileged="p").round(2).tolist()
    [0.48, 0.48, 0.52, 0.52, 0.9]
    """
    s = check_scores(scores, name="scores").copy()
    groups = check_sensitive_features(sensitive_features, n=len(s), against="scores")
    position = check_group_present(privileged, groups, name="privileged")
    cutoff = check_fraction(cutoff, name="cutoff", low_open=True)
    theta = check_fraction(theta, name="theta", low_open=True)
    close = np.abs(s - cutoff) < theta
    is_privileged = groups.codes == position
    favourable = s > cutoff
    down = close & is_privileged & favourable
    up = close & ~is_privileged & ~favourable
    s[down] = cutoff - (s[down] - cutoff)
    s[up] = cutoff + (cutoff - s[up])
    return np.clip(s, 0, 1)
