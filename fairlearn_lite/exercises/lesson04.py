"""Checks for the exercises of lesson 04, Explaining and comparing models."""

from __future__ import annotations

import warnings
from functools import lru_cache

from ._core import ChoiceQuestion, NumberQuestion, qualify
from ._shared import lesson_model

__all__ = ["q1", "q2", "q3", "q4", "q5"]


@lru_cache(maxsize=1)
def _lesson_models():
    kinds = ["logistic", "random_forest", "gradient_boosting"]
    predictions = {kind: lesson_model(kind)[1] >= 0.5 for kind in kinds}
    return lesson_model("logistic")[0], predictions


def _stp_ratio_male(kind: str = "logistic") -> float:
    from ..metrics import fairness_check

    split, predictions = _lesson_models()
    check = fairness_check(split.y_test, predictions[kind],
                           sensitive_features=split.test["gender"], privileged="female")
    return float(check.ratios.loc["male", "STP"])


def _positive_bias_groups(kind: str) -> int:
    from ..metrics import bias_table

    split, predictions = _lesson_models()
    features = split.test[["gender", "migration_background", "prior_education", "transition",
                           "premaster"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        table = bias_table(split.y_test, predictions[kind], sensitive_features=features)
    return int((table["verdict"] == "positive bias").sum())


q1 = ChoiceQuestion(
    "q1",
    prompt="In dalex's fairness check, which metric stands for 'predictive equality'? "
           "a) TPR  b) FPR  c) PPV  d) STP",
    options={"a": "TPR", "b": "FPR", "c": "PPV", "d": "STP"},
    correct="b",
    feedback={"a": "TPR is equal opportunity.", "c": "PPV is predictive parity.",
              "d": "STP is statistical parity."},
    hints=["Predictive equality is about errors among those who actually fail."],
    solution_text="b) FPR: equal false positive rates, 'predictive equality' in dalex/fairmodels.",
    explanation="Predictive equality = equal false positive rates.",
)

q2 = NumberQuestion(
    "q2",
    prompt="Run fl.fairness_check on the logistic model (threshold 0.5) by gender, privileged "
           "'female'. What is the STP ratio for male students?",
    expected=lambda: _stp_ratio_male("logistic"),
    tolerance=0.005,
    mistakes=[(lambda: 1 / _stp_ratio_male("logistic"),
               "That is female / male; the check divides each group by the privileged group."),
              (lambda: _stp_ratio_male("random_forest"),
               "That is the random forest's ratio; use the logistic model.")],
    hints=["check = fl.fairness_check(y_test, predictions['logistic'], "
           "sensitive_features=test['gender'], privileged='female')",
           "check.ratios.loc['male', 'STP']"],
    solution_text="fl.fairness_check(y_test, scores >= 0.5, sensitive_features=test['gender'], "
                  "privileged='female').ratios.loc['male', 'STP']",
    explanation="Inside the band: by gender, the selection rates are close.",
)

q3 = NumberQuestion(
    "q3",
    prompt="Make the bias table for the gradient boosting model over gender, migration "
           "background, prior education, transition and premaster. How many groups get the "
           "verdict 'positive bias'?",
    expected=lambda: _positive_bias_groups("gradient_boosting"),
    tolerance=0.01,
    mistakes=[(lambda: _positive_bias_groups("logistic"),
               "That is the count for the logistic model; use gradient boosting.")],
    hints=["table = fl.bias_table(y_test, predicted, sensitive_features=test[[...five columns...]])",
           "(table['verdict'] == 'positive bias').sum()"],
    solution_text="(fl.bias_table(y_test, predictions['gradient_boosting'], sensitive_features="
                  "test[columns])['verdict'] == 'positive bias').sum()",
    explanation="Now look at the 'uncertain' column for those groups.",
)

q4 = ChoiceQuestion(
    "q4",
    prompt="A group of 30 students shows a TPR ratio of 0.7, and the bias table marks it "
           "uncertain. What do you conclude? a) the model is unfair to them  b) there is no "
           "bias  c) the data are too few to tell either way",
    options={"a": "the model is unfair to them", "b": "there is no bias",
             "c": "the data are too few to tell either way"},
    correct="c",
    feedback={"a": "The ratio is outside the band, but the interval reaches back into it: the "
                   "gap may be noise.",
              "b": "Uncertain does not mean fair: the gap may be real."},
    hints=["What does a wide confidence interval say about a ratio of 0.7?"],
    solution_text="c) Too few to tell: report it as a possible problem, collect more data or "
                  "pool years, and do not claim the model is fair (or unfair) for this group.",
    explanation="Small groups are where unfairness hides and where evidence is weakest.",
)

q5 = ChoiceQuestion(
    "q5",
    prompt="Which variable is the most important for the random forest, by dalex's permutation "
           "importance? Answer with the column name, e.g. 'age'.",
    options={v: v for v in ["prior_education", "transition", "age",
                            "application_days_before_deadline", "exam_grade", "premaster"]},
    correct="exam_grade",
    feedback={"prior_education": "Important, but not the most. Sort by dropout_loss for the "
                                 "random forest.",
              "application_days_before_deadline": "Important, but not the most."},
    hints=["parts = explainer.model_parts(N=1000, B=5, random_state=0); look at parts.result.",
           "The most important variable has the largest dropout_loss."],
    solution_text="exam_grade: shuffling it increases the loss the most.",
    explanation="The prior education's grade carries most of the signal.",
)

qualify(globals())
