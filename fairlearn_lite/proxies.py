"""Proxies: how much do a model's features reveal about a sensitive attribute?

A model that never sees gender or migration background can still treat those
groups differently when its features carry the same information. Two checks,
both for lesson 01:

- :func:`proxy_strength`: how well each feature (and all of them together)
  predicts each sensitive attribute, as a cross-validated AUC. 0.5 is chance,
  1 is a perfect proxy.
- :func:`error_rates_with_baseline`: each group's error rate for a model and for
  a guess that predicts the same for everyone. A gap in errors that the guess
  shows too comes from the groups' base rates, not from a proxy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._validation import caller, check_labels, check_whole_number, public
from .metrics import group_metrics

__all__ = ["ALL_FEATURES", "error_rates_with_baseline", "proxy_strength"]

ALL_FEATURES = "all features together"


def _column_list(columns, frame: pd.DataFrame, *, name: str) -> list[str]:
    """``columns`` (one name or several) as a list; each must be a column of ``frame``."""
    names = [columns] if isinstance(columns, str) else list(columns) \
        if isinstance(columns, Sequence | pd.Index) else None
    if not names:
        raise TypeError(f"The '{name}' parameter of {caller()} must be a column name or a "
                        f"non-empty list of column names; got {columns!r} instead.")
    missing = [c for c in names if c not in frame.columns]
    if missing:
        raise ValueError(f"The '{name}' parameter of {caller()} names {missing}, which "
                         f"'frame' does not have; its columns are {list(frame.columns)}.")
    return names


def _check_attribute(values: pd.Series, *, cv: int) -> None:
    """A sensitive attribute needs no missing values and at least ``cv`` rows per group."""
    if values.isna().any():
        raise ValueError(f"The 'sensitive' parameter of {caller()} names column "
                         f"{values.name!r}, which has {int(values.isna().sum())} missing "
                         f"value(s); give them a group of their own first.")
    sizes = values.value_counts()
    if len(sizes) < 2 or sizes.min() < cv:
        raise ValueError(f"The 'sensitive' parameter of {caller()} names column "
                         f"{values.name!r}, which needs at least two groups of at least "
                         f"cv={cv} rows each; got {sizes.to_dict()}.")


def _proxy_model(frame: pd.DataFrame, columns: list[str]):
    """Logistic regression on the columns: categories one-hot, numbers imputed and standardised."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numeric = [c for c in columns if pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    categories = [c for c in columns if c not in numeric]
    prepare = ColumnTransformer([
        ("categories", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
                                     OneHotEncoder(handle_unknown="ignore")), categories),
        ("numbers", make_pipeline(SimpleImputer(strategy="median", add_indicator=True),
                                  StandardScaler()), numeric),
    ])
    return make_pipeline(prepare, LogisticRegression(max_iter=1000))


def _cross_validated_auc(frame: pd.DataFrame, columns: list[str], target: pd.Series,
                         folds) -> float:
    """AUC of out-of-fold predictions of ``target`` from ``columns`` (one-vs-rest for several)."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import cross_val_predict

    X = frame[columns].astype({c: object for c in columns if frame[c].dtype == bool})
    y = target.astype(str).to_numpy()
    proba = cross_val_predict(_proxy_model(frame, columns), X, y, cv=folds,
                              method="predict_proba")
    classes = np.unique(y)
    if len(classes) == 2:
        return float(roc_auc_score(y == classes[1], proba[:, 1]))
    return float(roc_auc_score(y, proba, multi_class="ovr", average="macro", labels=classes))


@public
def proxy_strength(frame: pd.DataFrame, features, sensitive, *, cv: int = 5,
                   random_state: int | None = 0) -> pd.DataFrame:
    """How well each feature, and all of them together, predicts each sensitive attribute.

    For every feature (and, with several, for all of them together) a
    logistic regression learns to guess the sensitive attribute; each row is
    guessed by a model fitted on the other ``cv - 1`` parts of the data
    (cross-validation), and the guesses are scored with the AUC: the chance
    that a random member of a group gets a higher score for that group than a
    random non-member. For an attribute with more than two groups the AUC is
    computed for each group against the rest and averaged ("one-vs-rest").

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per person, with the feature and sensitive columns.
    features : str or list of str
        The model's features (numbers, categories or True/False columns).
    sensitive : str or list of str
        The sensitive attributes to guess.
    cv : int, default 5
        Number of parts for the cross-validation (stratified, shuffled).
    random_state : int or None, default 0
        Seed for the parts; the same seed gives the same table.

    Returns
    -------
    pandas.DataFrame
        One row per feature, plus ``ALL_FEATURES`` when there are several; one
        column per sensitive attribute; values are AUCs.

    Notes
    -----
    AUC 0.5 means the features reveal nothing (values a little below 0.5 are
    noise from the cross-validation); 1.0 means a perfect proxy. A logistic
    regression finds straight-line relations only: a table of low values does
    not prove that a more flexible model finds nothing.

    References
    ----------
    Hastie, Tibshirani & Friedman (2009), The Elements of Statistical
    Learning, 7.10 (cross-validation); Hand & Till (2001), A simple
    generalisation of the area under the ROC curve for multiple class
    classification problems, Machine Learning 45 (the one-vs-rest average).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> group = rng.choice(["a", "b"], 400)
    >>> frame = pd.DataFrame({"group": group, "noise": rng.normal(size=400),
    ...                       "copy": np.where(group == "a", 1.0, 0.0)})
    >>> proxy_strength(frame, ["noise", "copy"], "group").round(1)
                           group
    features
    noise                    0.5
    copy                     1.0
    all features together    1.0
    """
    from sklearn.model_selection import StratifiedKFold

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"The 'frame' parameter of {caller()} must be a pandas DataFrame; "
                        f"got {type(frame).__name__} instead.")
    features = _column_list(features, frame, name="features")
    sensitive = _column_list(sensitive, frame, name="sensitive")
    cv = check_whole_number(cv, name="cv", low=2)
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    sets = {f: [f] for f in features} | ({ALL_FEATURES: features} if len(features) > 1 else {})
    table = {}
    for attribute in sensitive:
        _check_attribute(frame[attribute], cv=cv)
        table[attribute] = {name: _cross_validated_auc(frame, columns, frame[attribute], folds)
                            for name, columns in sets.items()}
    return pd.DataFrame(table).rename_axis(index="features")


@public
def error_rates_with_baseline(y_true, y_pred, *, sensitive_features,
                              baseline: bool = True) -> pd.DataFrame:
    """Each group's error rate for a model and for predicting ``baseline`` for everyone.

    error rate = 1 - accuracy = (FP + FN) / n. The baseline predicts the same
    outcome for every row ("everyone passes" with ``baseline=True``), so its
    error rate in a group is the share of that group with the other outcome:
    a gap between groups that the baseline shows as well comes from the
    groups' base rates, not from anything the model learned.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1 or bool
        Actual outcome and the model's prediction per row.
    sensitive_features : array-like
        Group of each row.
    baseline : bool, default True
        The prediction of the baseline for every row.

    Returns
    -------
    pandas.DataFrame
        Columns ``"everyone predicted True"`` (or False) and ``"model"``; one
        row per group and a last row ``"gap"``: the largest minus the smallest
        error rate.

    References
    ----------
    Hardt, Price & Srebro (2016), Equality of opportunity in supervised
    learning (why error rates must be read against the groups' base rates).

    Examples
    --------
    >>> error_rates_with_baseline([1, 1, 0, 1, 0, 0], [1, 0, 0, 1, 1, 0],
    ...                           sensitive_features=["a", "a", "a", "b", "b", "b"]).round(2)
           everyone predicted True  model
    a                         0.33   0.33
    b                         0.67   0.33
    gap                       0.33   0.00
    """
    n = len(check_labels(y_true, name="y_true"))
    if not isinstance(baseline, bool | np.bool_):
        raise TypeError(f"The 'baseline' parameter of {caller()} must be True or False; "
                        f"got {baseline!r} instead.")
    guesses = {f"everyone predicted {bool(baseline)}": np.full(n, bool(baseline)),
               "model": y_pred}
    errors = pd.DataFrame({name: 1 - group_metrics(y_true, guess,
                                                   sensitive_features=sensitive_features,
                                                   metrics=["accuracy"])["accuracy"]
                           for name, guess in guesses.items()})
    errors.loc["gap"] = errors.max() - errors.min()
    return errors.rename_axis(index=None)
