"""Checks for the exercises of lesson 03, Three fairness criteria."""

from __future__ import annotations

from functools import lru_cache

from ._core import ChoiceQuestion, NumberQuestion, qualify
from ._shared import lesson_model

__all__ = ["q1", "q2", "q3", "q4", "q5"]

q1 = ChoiceQuestion(
    "q1",
    prompt="Which criterion protects the student from being wrongly predicted to fail? "
           "a) independence  b) separation  c) sufficiency",
    options={"a": "independence", "b": "separation", "c": "sufficiency"},
    correct="b",
    feedback={"a": "Independence asks for equal selection rates, whatever the students' actual "
                   "results: society's interest.",
              "c": "Sufficiency asks that a 'pass' prediction is right equally often: the "
                   "institution's interest in few students wrongly continuing."},
    hints=["Which criterion is about error rates among students with the same actual outcome?"],
    solution_text="b) Separation: equal true (and false) positive rates, so students who would "
                  "pass are recognised equally often in every group.",
    explanation="Separation is the student's criterion: equal chances to be recognised.",
)

q2 = NumberQuestion(
    "q2",
    prompt="Group A: TP 40, FP 10. Group B: TP 16, FP 24. What is group B's precision (PPV) "
           "minus group A's?",
    expected=16 / 40 - 40 / 50,
    tolerance=0.005,
    mistakes=[(40 / 50 - 16 / 40, "Mind the order: B minus A. B's precision is the lower one, "
                                  "so the answer is negative."),
              ((16 / 40) / (40 / 50), "That is the ratio B / A; the question asks for the "
                                      "difference."),
              (16 / 40, "That is B's precision alone; subtract A's.")],
    hints=["Precision = TP / (TP + FP).", "A: 40 / 50; B: 16 / 40."],
    solution_text="PPV A = 40 / 50 = 0.80, PPV B = 16 / 40 = 0.40; B - A = -0.40.",
    explanation="A 'pass' prediction for group B comes true only half as often: sufficiency fails.",
)


@lru_cache(maxsize=1)
def _equal_opportunity_thresholds():
    from ..thresholds import group_thresholds

    split, scores = lesson_model("logistic")
    return group_thresholds(split.y_test, scores,
                            sensitive_features=split.test["migration_background"],
                            constraint="equal_opportunity", objective="balanced_accuracy")


q3 = NumberQuestion(
    "q3",
    prompt="With the lesson's model, find per-group thresholds for equal opportunity by "
           "migration background (objective balanced accuracy). What is the threshold for "
           "non-western students?",
    expected=lambda: float(_equal_opportunity_thresholds()["non-western"]),
    tolerance=0.005,
    mistakes=[(lambda: _equal_opportunity_thresholds()["none"],
               "That is the threshold for students without a migration background."),
              (0.5, "0.5 is the default single threshold; use group_thresholds.")],
    hints=["group_thresholds(y_test, scores, sensitive_features=test['migration_background'], "
           "constraint='equal_opportunity', objective='balanced_accuracy')",
           "The result is a Series indexed by group; read the entry 'non-western'."],
    solution_text="group_thresholds(split.y_test, scores, sensitive_features=split.test["
                  "'migration_background'], constraint='equal_opportunity', "
                  "objective='balanced_accuracy')['non-western']",
    explanation="A lower threshold for non-western students equalises their true positive rate: "
                "equal outcomes through unequal treatment of equal scores.",
)

q4 = NumberQuestion(
    "q4",
    prompt="Two groups have the same TPR (0.8) and the same precision (0.8). Group A's base rate "
           "is 0.5, group B's is 0.7. What is group B's false positive rate?",
    expected=0.7 / 0.3 * (0.2 / 0.8) * 0.8,
    tolerance=0.005,
    mistakes=[(0.5 / 0.5 * (0.2 / 0.8) * 0.8, "That is group A's false positive rate. Use B's "
                                              "base rate in the formula."),
              (0.2, "Equal TPR and PPV do not give equal FPR when base rates differ: use the "
                    "formula FPR = p / (1 - p) x (1 - PPV) / PPV x TPR.")],
    hints=["FPR = p / (1 - p) x (1 - PPV) / PPV x TPR (Chouldechova 2017).",
           "For B: p / (1 - p) = 0.7 / 0.3; (1 - PPV) / PPV = 0.2 / 0.8."],
    solution_text="FPR_B = 0.7 / 0.3 x 0.2 / 0.8 x 0.8 = 0.467, against FPR_A = 0.2: separation "
                  "fails although TPR and precision are equal.",
    explanation="With different base rates, separation and sufficiency cannot both hold.",
)

q5 = ChoiceQuestion(
    "q5",
    prompt="A college flags students for a compulsory interview that can end in a negative "
           "study advice. The labels are trusted, and the college worries about every student, "
           "whatever their actual result. Which metric does the fairness tree give? "
           "a) false positives / group size  b) false negative rate  c) selection rate",
    options={"a": "false positives / group size", "b": "false negative rate",
             "c": "selection rate"},
    correct="a",
    feedback={"b": "The false negative rate belongs to assistive interventions (missed help). "
                   "Is a compulsory interview that can end in a negative advice assistive?",
              "c": "The selection rate is where the tree ends for representation, or when labels "
                   "are not trusted."},
    hints=["Errors matter, labels are trusted. Is the intervention punitive or assistive?",
           "Punitive, and the concern is everyone regardless of outcome."],
    solution_text="a) False positives / group size: the chance that a random student of the "
                  "group is wrongly flagged — the municipal report's choice.",
    explanation="Punitive + everyone → FP / group size, as the municipal bias analysis chose.",
)

qualify(globals())
