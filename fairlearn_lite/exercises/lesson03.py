"""Checks for the exercises of lesson 03, Three fairness criteria."""

from __future__ import annotations

from functools import lru_cache

from ._core import ChoiceQuestion, NumberQuestion, qualify
from ._shared import lesson_model

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]

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
def _validation():
    """The lesson's split, out-of-fold (validation) scores of the training students, test scores."""
    from ..models import out_of_fold_scores

    split, scores = lesson_model("logistic")
    return split, out_of_fold_scores("logistic", split.X_train, split.y_train), scores


def _cutoff(on: str = "validation") -> float:
    from ..operating_point import choose_cutoff

    split, oof, scores = _validation()
    if on == "validation":
        return choose_cutoff(split.y_train, oof, rule="base-rate").cutoff
    return choose_cutoff(split.y_test, scores, rule="base-rate").cutoff


@lru_cache(maxsize=2)
def _equal_opportunity(on: str = "validation"):
    """Equal-opportunity thresholds by migration background, chosen on validation or test data."""
    from ..thresholds import group_thresholds

    split, oof, scores = _validation()
    y, s, part = (split.y_train, oof, split.train) if on == "validation" else \
        (split.y_test, scores, split.test)
    return group_thresholds(y, s, sensitive_features=part["migration_background"],
                            constraint="equal_opportunity", objective="balanced_accuracy")


def _tpr_gap(thresholds_on: str, measured_on: str) -> float:
    from ..thresholds import ScoredGroups, rate_gap

    split, oof, scores = _validation()
    y, s, part = (split.y_train, oof, split.train) if measured_on == "validation" else \
        (split.y_test, scores, split.test)
    scored = ScoredGroups(y, s, sensitive_features=part["migration_background"])
    return rate_gap(scored, _equal_opportunity(thresholds_on))


q3 = NumberQuestion(
    "q3",
    prompt="Choose the lesson's operating point: choose_cutoff on the validation scores (the "
           "training students' out-of-fold scores) with the base-rate rule. What is the cut-off?",
    expected=lambda: _cutoff("validation"),
    tolerance=0.005,
    mistakes=[(0.5, "0.5 is a habit, not a rule you can state. Use choose_cutoff(split.y_train, "
                    "oof, rule='base-rate')."),
              (lambda: float(_validation()[0].y_train.mean()),
               "That is the share predicted to pass (the base rate) — the target of the rule. "
               "The question asks for the cut-off that reaches it: point.cutoff."),
              (lambda: _cutoff("test"), "That cut-off was chosen on the test students. Choose "
                                        "on the validation scores: split.y_train and oof.")],
    hints=["point = choose_cutoff(split.y_train, oof, rule='base-rate')",
           "The cut-off is point.cutoff; point.describe() says what the rule did."],
    solution_text="point = choose_cutoff(split.y_train, oof, rule='base-rate'); point.cutoff — "
                  "about 0.63: at that cut-off the share of training students predicted to pass "
                  "equals the share who passed.",
    explanation="The rule is stated and the cut-off chosen on validation data; the test students "
                "are left for the report.",
)

q4 = NumberQuestion(
    "q4",
    prompt="Per-group thresholds for equal opportunity by migration background, chosen on the "
           "validation scores with group_thresholds (objective balanced accuracy). What is the "
           "threshold for non-western students?",
    expected=lambda: float(_equal_opportunity("validation")["non-western"]),
    tolerance=0.005,
    mistakes=[(lambda: float(_equal_opportunity("test")["non-western"]),
               "That threshold was chosen on the test students. Use the validation scores: "
               "split.y_train, oof and split.train['migration_background']."),
              (lambda: float(_equal_opportunity("validation")["none"]),
               "That is the threshold for students without a migration background."),
              (0.5, "0.5 is a single default cut-off; use group_thresholds.")],
    hints=["group_thresholds(split.y_train, oof, sensitive_features="
           "split.train['migration_background'], constraint='equal_opportunity', "
           "objective='balanced_accuracy')",
           "The result is a Series indexed by group; read the entry 'non-western'."],
    solution_text="thresholds = group_thresholds(split.y_train, oof, sensitive_features=split."
                  "train['migration_background'], constraint='equal_opportunity', "
                  "objective='balanced_accuracy'); thresholds['non-western']",
    explanation="A lower threshold for non-western students equalises their true positive rate: "
                "equal outcomes through unequal treatment of equal scores.",
)

q5 = NumberQuestion(
    "q5",
    prompt="Apply the thresholds of exercise 4 to the test students. What is the largest gap in "
           "true positive rate between the groups? Use rate_gap with a ScoredGroups of the test "
           "students.",
    expected=lambda: _tpr_gap("validation", "test"),
    tolerance=0.002,
    mistakes=[(lambda: _tpr_gap("validation", "validation"),
               "That is the gap on the validation scores, where the thresholds were chosen: "
               "there they fit by construction. Measure on the test students."),
              (lambda: _tpr_gap("test", "test"),
               "That gap comes from thresholds chosen on the test students themselves: it looks "
               "better than it is. Use the thresholds of exercise 4.")],
    hints=["testing = ScoredGroups(split.y_test, scores, sensitive_features="
           "split.test['migration_background'])",
           "rate_gap(testing, thresholds) gives the largest minus the smallest true positive rate."],
    solution_text="rate_gap(ScoredGroups(split.y_test, scores, sensitive_features=split.test["
                  "'migration_background']), thresholds) — about 0.03, against about 0.001 on "
                  "the validation scores they were chosen on.",
    explanation="On fresh students the equality is less perfect than where it was fitted: report "
                "the test figure.",
)

q6 = NumberQuestion(
    "q6",
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

q7 = ChoiceQuestion(
    "q7",
    prompt="A college flags students for a compulsory interview that can end in a negative "
           "study advice. The labels are trusted, and the college worries about every student, "
           "whatever their actual result. Which metric does the fairness tree give? "
           "a) false positives / group size  b) false negative rate  c) selection rate",
    options={"a": "false positives / group size", "b": "false negative rate",
             "c": "selection rate"},
    correct="a",
    feedback={"b": "The false negative rate belongs to assistive interventions (missed help). "
                   "Is a compulsory interview that can end in a negative advice assistive?",
              "c": "The selection rate is where the tree ends for representation; untrusted "
                   "labels lead to fixing the labels first."},
    hints=["Errors matter, labels are trusted. Is the intervention punitive or assistive?",
           "Punitive, and the concern is everyone regardless of outcome."],
    solution_text="a) False positives / group size: the chance that a random student of the "
                  "group is wrongly flagged — the municipal report's choice.",
    explanation="Punitive + everyone → FP / group size, as the municipal bias analysis chose.",
)

q8 = ChoiceQuestion(
    "q8",
    prompt="Coaching goes to students flagged as at risk (predicted NOT to pass). Recall parity "
           "for the at-risk class means: of the students who do not pass, every group has the "
           "same share flagged. In the lessons' pass/fail framing (positive = pass), that is "
           "equal ... for 'pass'. a) true positive rates  b) false negative rates  "
           "c) false positive rates  d) precision",
    options={"a": "true positive rates", "b": "false negative rates",
             "c": "false positive rates", "d": "precision"},
    correct="c",
    feedback={"a": "The true positive rate for 'pass' is the recall of the students who pass, "
                   "not of those at risk.",
              "b": "The false negative rate for 'pass' counts students who DO pass but are "
                   "predicted to fail. The at-risk class are the students who do not pass.",
              "d": "Precision is about those predicted to pass (sufficiency), not about how "
                   "many of the at-risk students are found."},
    hints=["Which students form the at-risk class: those who pass, or those who do not?",
           "Among students who do not pass, 'flagged' = predicted not to pass = 1 - (predicted "
           "to pass). Which rate for 'pass' counts students who do not pass but are predicted "
           "to pass?"],
    solution_text="c) Recall of the at-risk class = flagged among those who do not pass = "
                  "1 - FPR('pass'). Equal recall for the at-risk class is equal false positive "
                  "rates for 'pass'.",
    explanation="Recall of at-risk = 1 - FPR(pass): flip the question and the matrix flips too.",
)

qualify(globals())
