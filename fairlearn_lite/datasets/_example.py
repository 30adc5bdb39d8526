"""The example file for auditing your own model: the mbo intake with a model's scores.

``data/mbo_dropout_scored.csv`` is what a participant might bring: one row per
student, the actual outcome, a model's risk score and sensitive columns, saved
the way Excel saves a CSV with Dutch settings (semicolons, decimal commas).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import public
from ._cases import make_mbo_dropout

__all__ = ["FEATURES", "dutch_csv_text", "make_audit_example"]

FEATURES = ["absence_rate", "pathway", "prior_education", "age"]  # no gender, no background


@public
def make_audit_example(n_students: int = 3000, *, random_state: int = 0) -> pd.DataFrame:
    """The mbo intake with an out-of-fold dropout risk from a logistic regression.

    The model sees absence, pathway, prior education and age, but not gender
    or migration background; each student's score comes from a model fitted
    on the other four fifths of the students (5-fold cross-fitting).

    Parameters
    ----------
    n_students : int, default 3000
    random_state : int, default 0

    Returns
    -------
    pandas.DataFrame
        ``student_id, gender, age, migration_background, prior_education,
        pathway, absence_rate``, ``dropout`` ("yes"/"no") and ``risk``
        (between 0 and 1, three decimals).

    References
    ----------
    The intake itself: :func:`make_mbo_dropout` and its sources on the data card
    (``data/README.md``); cross-fitting: Chernozhukov et al. (2018), Double/debiased
    machine learning, The Econometrics Journal 21(1).

    Examples
    --------
    >>> example = make_audit_example(400)
    >>> list(example.columns[-2:]), sorted(example["dropout"].unique())
    (['dropout', 'risk'], ['no', 'yes'])
    >>> bool(example["risk"].between(0, 1).all())
    True
    """
    from sklearn.compose import make_column_transformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    intake = make_mbo_dropout(n_students, random_state=random_state)
    encode = make_column_transformer(
        (OneHotEncoder(handle_unknown="ignore"), ["pathway", "prior_education"]),
        (StandardScaler(), ["absence_rate", "age"]))
    model = make_pipeline(encode, LogisticRegression(max_iter=1000))
    folds = StratifiedKFold(5, shuffle=True, random_state=random_state)
    risk = cross_val_predict(model, intake[FEATURES], intake["dropout"], cv=folds,
                             method="predict_proba")[:, 1]
    columns = ["student_id", "gender", "age", "migration_background", "prior_education",
               "pathway", "absence_rate"]
    return intake[columns].assign(dropout=np.where(intake["dropout"], "yes", "no"),
                                  risk=np.round(risk, 3))


def dutch_csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as Excel writes a CSV with Dutch settings: ``;`` between fields, decimal commas.

    Examples
    --------
    >>> print(dutch_csv_text(pd.DataFrame({"id": ["S1"], "risk": [0.25]})), end="")
    id;risk
    S1;0,25
    """
    return frame.to_csv(index=False, sep=";", decimal=",", lineterminator="\n",
                        float_format="%.10g")
