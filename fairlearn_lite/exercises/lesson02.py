"""Checks for the exercises of lesson 02, Confusion matrices."""

from __future__ import annotations

from functools import lru_cache

from ._core import ChoiceQuestion, NumberQuestion, qualify
from ._shared import lesson_model

__all__ = ["q1", "q2", "q3", "q4", "q5"]

MATRIX = {"tp": 70, "fn": 30, "fp": 10, "tn": 90}


def _rate(name: str) -> float:
    """One rate of the matrix of questions 1 and 2."""
    from ..metrics import rates_from_counts

    return float(rates_from_counts(**MATRIX)[name])

q1 = NumberQuestion(
    "q1",
    prompt="A BSA prognosis for 200 students has TP 70, FN 30, FP 10, TN 90. What is its "
           "accuracy?",
    expected=lambda: _rate("accuracy"),
    mistakes=[(lambda: _rate("true_positive_rate"), "That is the sensitivity (TP / (TP + FN)). "
                                                  "Accuracy counts every correct prediction."),
              (160, "That is the number of correct predictions; divide it by all 200 students.")],
    hints=["Accuracy = correct predictions / all predictions.",
           "The correct predictions are the true positives and the true negatives."],
    solution_text="(TP + TN) / all = (70 + 90) / 200 = 0.80",
    explanation="Eight in ten predictions are right — but which errors remain?",
)

q2 = NumberQuestion(
    "q2",
    prompt="Same matrix. Of the students who would pass, what share is wrongly predicted to "
           "fail (the false negative rate)?",
    expected=lambda: _rate("false_negative_rate"),
    mistakes=[(lambda: _rate("false_positive_rate"),
               "That is the false positive rate FP / (FP + TN): students predicted to pass who "
               "fail. The question is about students who would pass."),
              (30 / 200, "Divide by the students who would pass (TP + FN), not by everyone."),
              (lambda: _rate("true_positive_rate"), "That is the share predicted *correctly* "
                                                    "among those who pass (sensitivity).")],
    hints=["Students who would pass: TP + FN.",
           "Of those, the false negatives are wrongly predicted to fail."],
    solution_text="FN / (TP + FN) = 30 / 100 = 0.30 (and sensitivity is 1 - 0.30 = 0.70)",
    explanation="Three in ten students who would pass are told they will fail: the error that "
                "harms students.",
)

q3 = ChoiceQuestion(
    "q3",
    prompt="The model predicts a positive BSA. Which error harms the student most directly? "
           "a) a false positive  b) a false negative",
    options={"a": "a false positive", "b": "a false negative"},
    correct="b",
    feedback={"a": "A false positive predicts a pass for a student who then fails: an error, "
                   "but it does not stop the student. Which error does?"},
    hints=["Which error says 'you will fail' to a student who would have passed?"],
    solution_text="b) A false negative: the student would have passed, but the prognosis says "
                  "they will not — and may discourage them or steer them away.",
    explanation="Turn the question round (predict dropout) and the same harm becomes a false "
                "positive: always ask which cell hurts whom.",
)


@lru_cache(maxsize=8)
def _model_rates(threshold: float):
    """The lesson's logistic model on the cohort: metrics per gender at a threshold."""
    from ..metrics import ScoredGroups

    split, scores = lesson_model("logistic")
    scored = ScoredGroups(split.y_test, scores, sensitive_features=split.test["gender"])
    return scored.metrics(threshold)


q4 = NumberQuestion(
    "q4",
    prompt="Train the lesson's logistic model. At threshold 0.6, what is the false negative rate "
           "for male students?",
    expected=lambda: float(_model_rates(0.6).loc["male", "false_negative_rate"]),
    tolerance=0.005,
    mistakes=[(lambda: _model_rates(0.6).loc["female", "false_negative_rate"],
               "That is the rate for female students."),
              (lambda: _model_rates(0.5).loc["male", "false_negative_rate"],
               "That is the rate at threshold 0.5; use 0.6."),
              (lambda: _model_rates(0.6).loc["male", "false_positive_rate"],
               "That is the false *positive* rate.")],
    hints=["scored = fl.ScoredGroups(split.y_test, scores, sensitive_features=split.test['gender'])",
           "scored.metrics(0.6) gives a table per gender; read the column false_negative_rate."],
    solution_text="fl.ScoredGroups(split.y_test, scores, sensitive_features=split.test['gender'])"
                  ".metrics(0.6).loc['male', 'false_negative_rate']",
    explanation="Compare it with 0.5: a higher threshold stops more students who would pass.",
)

q5 = ChoiceQuestion(
    "q5",
    prompt="When you raise the threshold from 0.5 to 0.7, what happens to the false negative "
           "rate? a) it rises  b) it falls  c) it stays the same",
    options={"a": "it rises", "b": "it falls", "c": "it stays the same"},
    correct="a",
    feedback={"b": "A higher threshold predicts 'pass' for fewer students. What happens to the "
                   "students who would pass but now score below it?",
              "c": "Move the threshold in the widget and watch the FN cells."},
    hints=["A higher threshold means fewer students are predicted to pass."],
    solution_text="a) It rises: more students who would pass now score below the threshold and "
                  "are predicted to fail; in exchange, the false positive rate falls.",
    explanation="One error goes down, the other goes up: the threshold is a trade-off.",
)

qualify(globals())
