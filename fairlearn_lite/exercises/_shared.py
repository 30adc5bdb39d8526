"""The lessons' model, trained once per kind and shared by the exercise checks."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4)
def lesson_model(kind: str = "logistic"):
    """The cohort split of lessons 02-05 and the test students' scores for one kind of model."""
    from ..datasets import load_study_cohort
    from ..models import prognosis_pipeline, split_cohort

    split = split_cohort(load_study_cohort(), outcome="bsa", random_state=0)
    model = prognosis_pipeline(kind, random_state=0).fit(split.X_train, split.y_train)
    return split, model.predict_proba(split.X_test)[:, 1]
