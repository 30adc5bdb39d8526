"""The confusion counts per group as a table (the core is :mod:`fairlearn_lite.confusion`)."""

from __future__ import annotations

import pandas as pd

from .._validation import public
from ..confusion import confusion_counts

__all__ = ["group_confusion"]

@public
def group_confusion(y_true, y_pred, *, sensitive_features, sample_weight=None) -> pd.DataFrame:
    """Count true/false positives and negatives for each group.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        What actually happened (for example: passed the first year).
    y_pred : array-like of 0/1 or bool
        What the model or procedure predicted.
    sensitive_features : array-like, Series, DataFrame or dict
        The group of each row. Several columns give intersectional groups
        (for example gender x migration background), indexed by a MultiIndex.
    sample_weight : array-like, optional
        Non-negative weight per row; counts become sums of weights.

    Returns
    -------
    pandas.DataFrame
        One row per group; columns ``tp, fp, fn, tn`` and ``n`` (their sum).

    Notes
    -----
    Groups are ordered alphabetically, or in category order when the column is a
    pandas Categorical. Categories that never occur are left out.

    Examples
    --------
    >>> group_confusion([1, 1, 0, 0, 1, 0], [1, 0, 0, 1, 1, 0],
    ...                 sensitive_features=["f", "f", "f", "m", "m", "m"])
                       tp  fp  fn  tn  n
    sensitive_feature_0
    f                   1   0   1   1  3
    m                   1   1   0   1  3
    """
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features,
                              sample_weight=sample_weight)
    return counts.to_frame()
