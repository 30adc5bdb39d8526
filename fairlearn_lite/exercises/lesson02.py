"""Checks for the exercises of lesson 02, Confusion matrices."""

from __future__ import annotations

from ..metrics import rates_from_counts
from ._core import ChoiceQuestion, NumberQuestion

MATRIX = {"tp": 70, "fn": 30, "fp": 10, "tn": 90}
RATES = rates_from_counts(**MATRIX)

q1 = NumberQuestion(
    "q1",
    prompt="A BSA prognosis for 200 students has TP 70, FN 30, FP 10, TN 90. What is its "
           "accuracy?",
    expected=float(RATES["accuracy"]),
    mistakes=[(float(RATES["true_positive_rate"]), "That is the sensitivity (TP / (TP + FN)). "
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
    expected=float(RATES["false_negative_rate"]),
    mistakes=[(float(RATES["false_positive_rate"]),
               "That is the false positive rate FP / (FP + TN): students predicted to pass who "
               "fail. The question is about students who would pass."),
              (30 / 200, "Divide by the students who would pass (TP + FN), not by everyone."),
              (float(RATES["true_positive_rate"]), "That is the share predicted *correctly* "
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
    options={"a": "false positive", "b": "false negative"},
    correct="b",
    feedback={"a": "A false positive predicts a pass for a student who then fails: an error, "
                   "but it does not stop the student. Which error does?"},
    hints=["Which error says 'you will fail' to a student who would have passed?"],
    solution_text="b) A false negative: the student would have passed, but the prognosis says "
                  "they will not — and may discourage them or steer them away.",
    explanation="Turn the question round (predict dropout) and the same harm becomes a false "
                "positive: always ask which cell hurts whom.",
)
