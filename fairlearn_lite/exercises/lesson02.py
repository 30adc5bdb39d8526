"""Checks for the exercises of lesson 02, Confusion matrices.

The lesson's one account of the errors: the prediction stands for the decision
(predicted to pass = may continue, predicted to fail = stopped), so a false
negative is the student's error and a false positive the institution's.
"""

from __future__ import annotations

from functools import lru_cache

from ._core import ChoiceQuestion, NumberQuestion, qualify
from ._shared import lesson_model

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]

MATRIX = {"tp": 70, "fn": 30, "fp": 10, "tn": 90}
ABSENCE_LIMIT = 0.25  # the rule of question 8: "missed more than a quarter of the lessons"


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
    explanation="Eight in ten predictions are right — but which errors remain, and who bears them?",
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
    explanation="Three in ten students who would pass are wrongly stopped: the error the "
                "student bears.",
)

q3 = ChoiceQuestion(
    "q3",
    prompt="Read the prediction as the lesson does: predicted to pass = may continue, predicted "
           "to fail = stopped. Which error does the student bear? "
           "a) a false positive  b) a false negative",
    options={"a": "a false positive", "b": "a false negative"},
    correct="b",
    feedback={"a": "A false positive lets a student continue who then fails: they are no worse "
                   "off than without the model, where everyone continues. The institution bears "
                   "that error. Which error stops a student who would have passed?"},
    hints=["Which error says 'you will fail' to a student who would have passed?"],
    solution_text="b) A false negative: the student would have passed, but is stopped. A false "
                  "positive lets a student continue who fails anyway — the institution's error.",
    explanation="Turn the question round (predict dropout) and the same harm becomes a false "
                "positive: always ask which cell hurts whom, and how the prediction is used.",
)


@lru_cache(maxsize=1)
def _operating_point():
    """The base-rate cut-off, chosen on the training students' out-of-fold scores."""
    from ..models import out_of_fold_scores
    from ..operating_point import choose_cutoff

    split, _ = lesson_model("logistic")
    oof = out_of_fold_scores("logistic", split.X_train, split.y_train)
    return choose_cutoff(split.y_train, oof, rule="base-rate"), oof


@lru_cache(maxsize=8)
def _rates(cutoff: float, part: str = "test"):
    """The lesson's logistic model: metrics per gender at a cut-off, on the test students (or
    on the training students' out-of-fold scores)."""
    from ..thresholds import ScoredGroups

    split, scores = lesson_model("logistic")
    if part == "train":
        return ScoredGroups(split.y_train, _operating_point()[1],
                            sensitive_features=split.train["gender"]).metrics(cutoff)
    return ScoredGroups(split.y_test, scores,
                        sensitive_features=split.test["gender"]).metrics(cutoff)


def _cutoff() -> float:
    return _operating_point()[0].cutoff


q4 = NumberQuestion(
    "q4",
    prompt="Use choose_cutoff(split.y_train, oof, rule='base-rate').cutoff: which cut-off "
           "does the base-rate rule give?",
    expected=_cutoff,
    tolerance=0.005,
    mistakes=[(0.5, "0.5 is the convention the rule replaces. Run choose_cutoff and take its "
                    ".cutoff."),
              (lambda: _operating_point()[0].selection_rate,
               "That is the share predicted to pass at the cut-off (equal to the share that "
               "actually passes), not the cut-off itself: take .cutoff, not .selection_rate.")],
    hints=["point = choose_cutoff(split.y_train, oof, rule='base-rate')",
           "point.cutoff is the cut-off; point.describe() says it in a sentence."],
    solution_text="cutoff = choose_cutoff(split.y_train, oof, rule='base-rate').cutoff, about "
                  "0.63: from there up, as many training students are predicted to pass as "
                  "actually pass (68%).",
    explanation="Chosen on the training students' out-of-fold scores; the test students are "
                "only used to report.",
)

q5 = NumberQuestion(
    "q5",
    prompt="Use fl.ScoredGroups(split.y_test, scores, sensitive_features=split.test['gender'])"
           ".metrics(cutoff). What is the false negative rate for male students?",
    expected=lambda: float(_rates(_cutoff()).loc["male", "false_negative_rate"]),
    tolerance=0.005,
    mistakes=[(lambda: _rates(_cutoff()).loc["female", "false_negative_rate"],
               "That is the rate for female students."),
              (lambda: _rates(0.5).loc["male", "false_negative_rate"],
               "That is the rate at 0.5; use the base-rate cutoff of exercise 4."),
              (lambda: _rates(_cutoff()).loc["male", "false_positive_rate"],
               "That is the false *positive* rate."),
              (lambda: _rates(_cutoff(), "train").loc["male", "false_negative_rate"],
               "That is the rate on the training students' out-of-fold scores; report on the "
               "test students (split.y_test, scores).")],
    hints=["scored = fl.ScoredGroups(split.y_test, scores, sensitive_features=split.test['gender'])",
           "scored.metrics(cutoff) gives a table per gender; read the column "
           "false_negative_rate, row 'male'."],
    solution_text="fl.ScoredGroups(split.y_test, scores, sensitive_features=split.test['gender'])"
                  ".metrics(cutoff).loc['male', 'false_negative_rate']  (about 0.27, "
                  "against 0.08 at 0.5)",
    explanation="At 0.5 it was about 0.08: the rule stops more students who would pass — more "
                "for men than for women. This holds at this cut-off only.",
)

q6 = ChoiceQuestion(
    "q6",
    prompt="Moving the cut-off up from 0.5 to the base-rate cut-off, what happens to the false "
           "negative rate? a) it rises  b) it falls  c) it stays the same",
    options={"a": "it rises", "b": "it falls", "c": "it stays the same"},
    correct="a",
    feedback={"b": "A higher cut-off predicts 'pass' for fewer students. What happens to the "
                   "students who would pass but now score below it?",
              "c": "Move the threshold in the widget and watch the FN cells."},
    hints=["A higher cut-off means fewer students are predicted to pass."],
    solution_text="a) It rises: more students who would pass now score below the cut-off and "
                  "are predicted to fail; in exchange, the false positive rate falls.",
    explanation="One error goes down, the other goes up: the cut-off is a trade-off.",
)


@lru_cache(maxsize=1)
def _mbo_counts() -> dict:
    """Confusion counts of the two dropout rules on the mbo intake (positive = dropout)."""
    from ..datasets import load_mbo_dropout

    mbo = load_mbo_dropout()
    dropout = mbo["dropout"].to_numpy(bool)
    flagged = (mbo["absence_rate"] > ABSENCE_LIMIT).to_numpy()
    return {"dropout": dropout,
            "rule": {"tp": int((flagged & dropout).sum()), "fp": int((flagged & ~dropout).sum()),
                     "fn": int((~flagged & dropout).sum()),
                     "tn": int((~flagged & ~dropout).sum())}}


def _rule_rate(name: str) -> float:
    from ..metrics import rates_from_counts

    return float(rates_from_counts(**_mbo_counts()["rule"])[name])


q7 = NumberQuestion(
    "q7",
    prompt="On the mbo intake, the 'model' everyone_stays predicts that nobody drops out. "
           "Use accuracy_score(dropout, everyone_stays): what is its accuracy?",
    expected=lambda: 1 - float(_mbo_counts()["dropout"].mean()),
    mistakes=[(lambda: float(_mbo_counts()["dropout"].mean()),
               "That is the share that drops out — the accuracy of 'everyone drops out'. "
               "'Everyone stays' is right for every student who stays."),
              (0.0, "That is its sensitivity (recall): it finds no dropout at all. The accuracy "
                    "counts the stayers it gets right too.")],
    hints=["accuracy_score(dropout, everyone_stays)",
           "Everyone stays is right exactly for the students who do not drop out."],
    solution_text="accuracy_score(dropout, everyone_stays) = share of students who stay, "
                  "about 0.58 — while it finds none of the dropouts.",
    explanation="More than half right, and useless for finding dropouts: accuracy alone "
                "says little.",
)

q8 = NumberQuestion(
    "q8",
    prompt="The rule flagged = mbo['absence_rate'] > 0.25 predicts dropout for students who "
           "missed more than a quarter of their lessons. Use recall_score(dropout, flagged): "
           "what share of the dropouts does it find?",
    expected=lambda: _rule_rate("true_positive_rate"),
    mistakes=[(lambda: _rule_rate("accuracy"),
               "That is the rule's accuracy: the share of all students predicted right."),
              (lambda: _rule_rate("positive_predictive_value"),
               "That is the rule's precision: of the students flagged, the share who drop out."),
              (lambda: _rule_rate("selection_rate"),
               "That is the share of all students flagged."),
              (lambda: _rule_rate("false_negative_rate"),
               "That is the share of dropouts the rule *misses*.")],
    hints=["recall_score(dropout, flagged): of the students who drop out, the share flagged.",
           "Recall = sensitivity = TP / (TP + FN), with dropout as the positive outcome."],
    solution_text="recall_score(dropout, flagged) = 207 / 1256, about 0.16: the rule finds one "
                  "dropout in six, although its accuracy (0.60) beats 'everyone stays' (0.58).",
    explanation="A higher accuracy, and still five in six dropouts missed.",
)

q9 = ChoiceQuestion(
    "q9",
    prompt="A presentation says: 'Accuracy 83%. This means that the model can predict the "
           "dropout of 4 of the 5 students who drop out.' a) right: 83% is about 4 in 5  "
           "b) it does not follow: accuracy counts all correct predictions; the share of "
           "dropouts found is the sensitivity, a separate number  c) it does not follow: 4 in "
           "5 would be the precision",
    options={"a": "right: 83% is about 4 in 5",
             "b": "it does not follow: accuracy counts all correct predictions; the share of "
                  "dropouts found is the sensitivity, a separate number",
             "c": "it does not follow: 4 in 5 would be the precision"},
    correct="b",
    feedback={"a": "83% is the share of *all* predictions that are right, stayers included. "
                   "'Everyone stays' already scores 58% on the mbo intake and finds no dropout.",
              "c": "Precision is the share of flagged students who drop out. 'Finds 4 of the 5 "
                   "dropouts' is about the dropouts: which rate divides by them?"},
    hints=["Which rate has 'students who drop out' (TP + FN) as its denominator?"],
    solution_text="b) The claim needs the sensitivity (recall) for dropout, TP / (TP + FN); "
                  "accuracy (TP + TN) / n cannot tell it. Ask for the sensitivity, the "
                  "precision and the share flagged, at the cut-off that will be used.",
    explanation="Report sensitivity and precision next to accuracy, at a stated cut-off.",
)

qualify(globals())
