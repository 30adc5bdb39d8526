"""The lessons' prognosis models: scikit-learn pipelines on the study cohort.

The question throughout the kit is "will this student pass the first year?"
(a positive BSA), or "will this student still be in the programme after a
year?" (retention). The models never see gender, migration background or
first-generation status: they are *unaware*, which, as the lessons show, does
not make them fair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from ._validation import check_choice

CATEGORICAL = ["prior_education", "transition"]
NUMERIC = ["age", "application_days_before_deadline", "exam_grade"]
FLAGS = ["premaster"]
FEATURES = CATEGORICAL + NUMERIC + FLAGS
SENSITIVE = ["gender", "migration_background", "first_generation"]
TARGETS = {"bsa": "positive BSA", "retained": "retained after year 1"}
KINDS = ("logistic", "random_forest", "gradient_boosting")

Kind = Literal["logistic", "random_forest", "gradient_boosting"]


def target(cohort: pd.DataFrame, name: str = "bsa") -> pd.Series:
    """The outcome to predict: ``"bsa"`` (positive BSA) or ``"retained"``, as True/False."""
    check_choice(name, name="name", func="target", choices=tuple(TARGETS))
    outcome = cohort["bsa"] == "positive" if name == "bsa" else cohort["retained"].astype(bool)
    return outcome.rename(TARGETS[name])


def prognosis_pipeline(kind: Kind = "logistic", *, features=FEATURES,
                       random_state: int | None = 0) -> Pipeline:
    """A pipeline that prepares the features and fits one kind of classifier.

    Categories are one-hot encoded; a missing exam grade (foreign diploma,
    higher education, 21+ test) is filled with the median and flagged.
    """
    check_choice(kind, name="kind", func="prognosis_pipeline", choices=KINDS)
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
    """A train/test split of the cohort, with the features and outcome of each part."""

    train: pd.DataFrame
    test: pd.DataFrame
    X_train: pd.DataFrame
    X_test: pd.DataFrame
    y_train: pd.Series
    y_test: pd.Series


def split_cohort(cohort: pd.DataFrame, *, outcome: str = "bsa", features=FEATURES,
                 test_size: float = 0.3, random_state: int | None = 0) -> CohortSplit:
    """Split students into a training and a test part (stratified on the outcome)."""
    y = target(cohort, outcome)
    train, test = train_test_split(cohort, test_size=test_size, random_state=random_state,
                                   stratify=y)
    features = list(features)
    return CohortSplit(train=train, test=test, X_train=train[features], X_test=test[features],
                       y_train=y.loc[train.index], y_test=y.loc[test.index])
