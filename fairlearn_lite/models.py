"""The lessons' prognosis models: scikit-learn pipelines on the study cohort.

The question throughout the kit is "will this student pass the first year?"
(a positive BSA), or "will this student still be in the programme after a
year?" (retention). The models never see gender, migration background or
first-generation status: they are *unaware*, which, as the lessons show, does
not make them fair.

The column lists: ``FEATURES`` (what the models may use) is ``CATEGORICAL``
+ ``NUMERIC`` + ``FLAGS``; ``SENSITIVE`` are the columns they never see;
``TARGETS`` names the two outcomes and ``KINDS`` the three kinds of model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from ._validation import check_choice, public

__all__ = [
    "out_of_fold_scores",
    "CATEGORICAL",
    "FEATURES",
    "FLAGS",
    "KINDS",
    "NUMERIC",
    "SENSITIVE",
    "TARGETS",
    "CohortSplit",
    "prognosis_pipeline",
    "split_cohort",
    "target",
]

CATEGORICAL = ["prior_education", "transition"]
NUMERIC = ["age", "application_days_before_deadline", "exam_grade"]
FLAGS = ["premaster"]
FEATURES = CATEGORICAL + NUMERIC + FLAGS
SENSITIVE = ["gender", "migration_background", "first_generation"]
TARGETS = {"bsa": "positive BSA", "retained": "retained after year 1"}
KINDS = ("logistic", "random_forest", "gradient_boosting")

Kind = Literal["logistic", "random_forest", "gradient_boosting"]


@public
def target(cohort: pd.DataFrame, name: str = "bsa") -> pd.Series:
    """The outcome to predict, as True/False per student.

    ``"bsa"`` is True when the binding study advice is positive
    (``cohort["bsa"] == "positive"``), and False when it is negative or
    postponed; ``"retained"`` is True when the student is still in the same
    programme after year 1 (``cohort["retained"]``).

    Parameters
    ----------
    cohort : pandas.DataFrame
        The study cohort, for example from
        :func:`fairlearn_lite.datasets.make_study_cohort`.
    name : {"bsa", "retained"}, default "bsa"
        Which outcome.

    Returns
    -------
    pandas.Series of bool
        One value per student, with the same index as ``cohort``, named
        ``"positive BSA"`` or ``"retained after year 1"``.

    Raises
    ------
    ValueError
        When ``name`` is not ``"bsa"`` or ``"retained"``.

    References
    ----------
    .. [1] The kit's data card, ``data/README.md``: the columns ``bsa`` and
       ``retained``.
    .. [2] Wet op het hoger onderwijs en wetenschappelijk onderzoek (WHW),
       article 7.8b: the binding study advice at the end of the first year.

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import target
    >>> cohort = make_study_cohort(300, random_state=0)
    >>> y = target(cohort, "bsa")
    >>> y.name
    'positive BSA'
    >>> len(y), round(float(y.mean()), 2)
    (300, 0.68)
    """
    check_choice(name, name="name", choices=tuple(TARGETS))
    outcome = cohort["bsa"] == "positive" if name == "bsa" else cohort["retained"].astype(bool)
    return outcome.rename(TARGETS[name])


@public
def prognosis_pipeline(kind: Kind = "logistic", *, features=FEATURES,
                       random_state: int | None = 0) -> Pipeline:
    """A scikit-learn pipeline that prepares the features and fits one kind of classifier.

    The pipeline has two steps, ``"prepare"`` and ``"model"``:

    * categories (``CATEGORICAL``, and any sensitive column you pass in
      ``features``) are one-hot encoded;
    * numbers (``NUMERIC``) get a missing value filled with the median and a
      0/1 column flagging that it was missing (a foreign diploma, higher
      education or the 21+ test has no exam grade), then are standardised:
      ``(x - mean) / standard deviation``;
    * flags (``FLAGS``) are passed on as they are.

    Then ``"model"`` fits the classifier and ``predict_proba(X)[:, 1]`` gives
    each student's score.

    Parameters
    ----------
    kind : {"logistic", "random_forest", "gradient_boosting"}, default "logistic"
        ``LogisticRegression(max_iter=1000)``;
        ``RandomForestClassifier(n_estimators=200, min_samples_leaf=20)``; or
        ``HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05)``.
    features : list of str, default FEATURES
        The columns the model may use. The default leaves out every sensitive
        column (``SENSITIVE``): the model is *unaware*.
    random_state : int or None, default 0
        Seed of the random forest and the gradient boosting (the logistic
        regression needs none); the same seed gives the same model.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Not yet fitted: call ``.fit(X, y)``.

    Raises
    ------
    ValueError
        When ``kind`` is not one of the three names.

    See Also
    --------
    split_cohort : the training and test data to fit and score it on.

    References
    ----------
    .. [1] Pedregosa, F. et al. (2011). Scikit-learn: Machine learning in
       Python. Journal of Machine Learning Research 12, 2825-2830.
    .. [2] Breiman, L. (2001). Random forests. Machine Learning 45(1), 5-32.
    .. [3] Ke, G. et al. (2017). LightGBM: A highly efficient gradient
       boosting decision tree. Advances in Neural Information Processing
       Systems 30 (the histogram method behind ``HistGradientBoostingClassifier``).

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import prognosis_pipeline, split_cohort
    >>> split = split_cohort(make_study_cohort(300, random_state=0))
    >>> model = prognosis_pipeline("logistic").fit(split.X_train, split.y_train)
    >>> list(model.named_steps)
    ['prepare', 'model']
    >>> scores = model.predict_proba(split.X_test)[:, 1]
    >>> scores.shape
    (90,)
    >>> round(model.score(split.X_test, split.y_test), 2)  # accuracy on the test part
    0.73
    """
    check_choice(kind, name="kind", choices=KINDS)
    features = list(features)
    prepare = ColumnTransformer([
        ("categories", OneHotEncoder(handle_unknown="ignore"),
         [f for f in features if f in CATEGORICAL or f in SENSITIVE]),
        ("numbers", make_pipeline(SimpleImputer(strategy="median", add_indicator=True),
                                  StandardScaler()), [f for f in features if f in NUMERIC]),
        ("flags", "passthrough", [f for f in features if f in FLAGS]),
    ])
    classifier = {
        "logistic": LogisticRegression(max_iter=1000),
        "random_forest": RandomForestClassifier(n_estimators=200, min_samples_leaf=20,
                                                random_state=random_state, n_jobs=1),
        "gradient_boosting": HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05,
                                                            random_state=random_state),
    }[kind]
    return Pipeline([("prepare", prepare), ("model", classifier)])


@dataclass(frozen=True)
class CohortSplit:
    """A train/test split of the cohort, with the features and outcome of each part.

    Made by :func:`split_cohort`.

    Attributes
    ----------
    train, test : pandas.DataFrame
        All columns of the students in each part, sensitive ones included (to
        compare groups afterwards).
    X_train, X_test : pandas.DataFrame
        Only the feature columns the model may use.
    y_train, y_test : pandas.Series of bool
        The outcome (see :func:`target`).
    """

    train: pd.DataFrame
    test: pd.DataFrame
    X_train: pd.DataFrame
    X_test: pd.DataFrame
    y_train: pd.Series
    y_test: pd.Series


@public
def split_cohort(cohort: pd.DataFrame, *, outcome: str = "bsa", features=FEATURES,
                 test_size: float = 0.3, random_state: int | None = 0) -> CohortSplit:
    """Split students into a training and a test part, stratified on the outcome.

    A share ``test_size`` of the students goes to the test part, drawn at
    random, but so that both parts have (nearly) the same share of positive
    outcomes ("stratified"). The model is fitted on the training part and
    judged on the test part, on students it has not seen.

    Parameters
    ----------
    cohort : pandas.DataFrame
        The study cohort, for example from
        :func:`fairlearn_lite.datasets.make_study_cohort`.
    outcome : {"bsa", "retained"}, default "bsa"
        The outcome to predict (see :func:`target`).
    features : list of str, default FEATURES
        The columns that go into ``X_train`` and ``X_test``.
    test_size : float, default 0.3
        Share of the students in the test part.
    random_state : int or None, default 0
        Seed; the same seed gives the same split.

    Returns
    -------
    CohortSplit
        ``.train``, ``.test`` (all columns), ``.X_train``, ``.X_test`` (the
        features) and ``.y_train``, ``.y_test`` (the outcome).

    Raises
    ------
    ValueError
        When ``outcome`` is unknown, or from scikit-learn when ``test_size``
        is out of range or a part would be too small to stratify.

    See Also
    --------
    prognosis_pipeline : a model to fit on ``X_train`` and ``y_train``.

    References
    ----------
    .. [1] scikit-learn's ``sklearn.model_selection.train_test_split``, with
       ``stratify=y``. Pedregosa, F. et al. (2011). Scikit-learn: Machine
       learning in Python. Journal of Machine Learning Research 12, 2825-2830.

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import FEATURES, split_cohort
    >>> split = split_cohort(make_study_cohort(300, random_state=0), outcome="bsa")
    >>> len(split.X_train), len(split.X_test)
    (210, 90)
    >>> list(split.X_train.columns) == FEATURES
    True
    >>> "gender" in split.test.columns  # kept for comparing groups, not a feature
    True
    >>> round(float(split.y_train.mean()), 2), round(float(split.y_test.mean()), 2)
    (0.69, 0.68)
    """
    y = target(cohort, outcome)
    train, test = train_test_split(cohort, test_size=test_size, random_state=random_state,
                                   stratify=y)
    features = list(features)
    return CohortSplit(train=train, test=test, X_train=train[features], X_test=test[features],
                       y_train=y.loc[train.index], y_test=y.loc[test.index])


@public
def out_of_fold_scores(kind: Kind, X: pd.DataFrame, y, *, sample_weight=None, cv: int = 5,
                       random_state: int | None = 0) -> np.ndarray:
    """Scores for the training students from models that did not see them (cross-fitting).

    The training data are cut into ``cv`` parts (stratified on ``y``); for each
    part a fresh :func:`prognosis_pipeline` is fitted on the other parts and
    scores this one. Every student thus gets a score from a model that never
    saw them — as honest as a score on new students, so thresholds, pivots and
    presets can be chosen on these scores and the test set is touched once, at
    the end. In-sample scores of a flexible model look better than they are
    (gradient boosting: AUC 0.85 on its own training data, 0.65 on new students).

    Parameters
    ----------
    kind : {"logistic", "random_forest", "gradient_boosting"}
    X : pandas.DataFrame
        The training features (``split.X_train``).
    y : array-like of bool
        The training outcome (``split.y_train``).
    sample_weight : array-like, optional
        Training weights (for example from reweighing), passed to each fit.
    cv : int, default 5
        Number of parts.
    random_state : int or None, default 0
        Seed for the parts and the models.

    Returns
    -------
    numpy.ndarray
        One out-of-fold score per training row, in the order of ``X``.

    References
    ----------
    scikit-learn's ``cross_val_predict`` with ``StratifiedKFold``; Hastie,
    Tibshirani & Friedman (2009), The Elements of Statistical Learning, 7.10.

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> split = split_cohort(make_study_cohort(300, random_state=0))
    >>> scores = out_of_fold_scores("logistic", split.X_train, split.y_train)
    >>> scores.shape, bool(((scores > 0) & (scores < 1)).all())
    ((210,), True)
    """
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    check_choice(kind, name="kind", choices=KINDS)
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    params = None if sample_weight is None else {"model__sample_weight": np.asarray(sample_weight)}
    return cross_val_predict(prognosis_pipeline(kind, random_state=random_state), X, y, cv=folds,
                             method="predict_proba", params=params)[:, 1]
