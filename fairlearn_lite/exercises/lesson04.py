"""Checks for the exercises of lesson 04, Explaining and comparing models.

The expected answers are computed when a check first needs them (never on import): the
lesson's models, each cut at its base-rate cut-off chosen on out-of-fold scores of the
training students, as in the lesson.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

from ._core import ChoiceQuestion, NumberQuestion, qualify
from ._shared import lesson_model

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]

SENSITIVE = ["gender", "migration_background", "prior_education", "transition", "premaster"]


@lru_cache(maxsize=3)
def _cutoff(kind: str) -> float:
    """The base-rate cut-off of one kind of model, chosen on out-of-fold training scores."""
    from ..models import out_of_fold_scores
    from ..operating_point import choose_cutoff

    split, _ = lesson_model(kind)
    scores = out_of_fold_scores(kind, split.X_train, split.y_train)
    return choose_cutoff(split.y_train, scores, rule="base-rate").cutoff


def _stp_ratio_male(kind: str = "logistic", cutoff: float | None = None) -> float:
    from ..metrics import fairness_check

    split, scores = lesson_model(kind)
    predicted = scores >= (_cutoff(kind) if cutoff is None else cutoff)
    check = fairness_check(split.y_test, predicted, sensitive_features=split.test["gender"],
                           privileged="female")
    return float(check.ratios.loc["male", "STP"])


def _positive_bias_groups(kind: str, cutoff: float | None = None) -> int:
    from ..metrics import bias_table

    split, scores = lesson_model(kind)
    predicted = scores >= (_cutoff(kind) if cutoff is None else cutoff)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        table = bias_table(split.y_test, predicted, sensitive_features=split.test[SENSITIVE])
    return int((table["verdict"] == "positive bias").sum())


def _missing_share(group: str | None) -> float:
    from ..comparison import missing_by_group
    from ..datasets import load_study_cohort

    cohort = load_study_cohort()
    if group is None:
        return float(cohort["exam_grade"].isna().mean())
    table = missing_by_group(cohort, "exam_grade", by="migration_background")
    return float(table.loc[group, "missing exam_grade"])


def _sample_share(group: str) -> float:
    from ..datasets import load_study_cohort

    return float((load_study_cohort()["migration_background"] == group).mean())


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
    prompt="Choose the logistic model's cut-off by the base-rate rule, on out-of-fold scores of "
           "the training students: choose_cutoff(split.y_train, out_of_fold_scores('logistic', "
           "split.X_train, split.y_train)). What is the cut-off?",
    expected=lambda: _cutoff("logistic"),
    tolerance=0.003,
    mistakes=[(0.5, "0.5 is the habit, not a rule: here it predicts nearly 9 in 10 students to "
                    "pass. Use choose_cutoff."),
              (lambda: float(lesson_model("logistic")[0].y_train.mean()),
               "That is the share of students who pass (the base rate). The rule looks for the "
               "cut-off, a score, at which the share predicted to pass equals it.")],
    hints=["point = choose_cutoff(split.y_train, out_of_fold_scores('logistic', split.X_train, "
           "split.y_train))",
           "point.cutoff; point.describe() says what share it predicts positive."],
    solution_text="choose_cutoff(split.y_train, out_of_fold_scores('logistic', split.X_train, "
                  "split.y_train)).cutoff",
    explanation="At this cut-off the share of training students predicted to pass equals the "
                "share that passes.",
)

q3 = NumberQuestion(
    "q3",
    prompt="Run fl.fairness_check on the logistic model's test predictions at its base-rate "
           "cut-off (cutoffs['logistic']) by gender, privileged 'female'. What is the STP ratio "
           "for male students?",
    expected=lambda: _stp_ratio_male("logistic"),
    tolerance=0.002,
    mistakes=[(lambda: 1 / _stp_ratio_male("logistic"),
               "That is female / male; the check divides each group by the privileged group."),
              (lambda: _stp_ratio_male("logistic", cutoff=0.5),
               "That is the ratio at a cut-off of 0.5. Use cutoffs['logistic']."),
              (lambda: _stp_ratio_male("random_forest"),
               "That is the random forest's ratio; use the logistic model.")],
    hints=["predicted = scores['logistic'] >= cutoffs['logistic']",
           "fl.fairness_check(split.y_test, predicted, sensitive_features=split.test['gender'], "
           "privileged='female').ratios.loc['male', 'STP']"],
    solution_text="fl.fairness_check(split.y_test, scores['logistic'] >= cutoffs['logistic'], "
                  "sensitive_features=split.test['gender'], privileged='female')"
                  ".ratios.loc['male', 'STP']",
    explanation="Inside the band: by gender, the shares predicted to pass are close.",
)

q4 = NumberQuestion(
    "q4",
    prompt="Make the bias table (fl.bias_table) for the gradient boosting model at its "
           "base-rate cut-off over gender, migration background, prior education, transition "
           "and premaster. How many groups get the verdict 'positive bias'?",
    expected=lambda: _positive_bias_groups("gradient_boosting"),
    tolerance=0.01,
    mistakes=[(lambda: _positive_bias_groups("gradient_boosting", cutoff=0.5),
               "That is the count at a cut-off of 0.5. Use cutoffs['gradient_boosting']."),
              (lambda: _positive_bias_groups("logistic"),
               "That is the count for the logistic model; use gradient boosting.")],
    hints=["predicted = scores['gradient_boosting'] >= cutoffs['gradient_boosting']",
           "table = fl.bias_table(split.y_test, predicted, sensitive_features=split.test[columns])"
           "; then (table['verdict'] == 'positive bias').sum()"],
    solution_text="(fl.bias_table(split.y_test, scores['gradient_boosting'] >= "
                  "cutoffs['gradient_boosting'], sensitive_features=split.test[columns])"
                  "['verdict'] == 'positive bias').sum()",
    explanation="Now look at the 'uncertain' column for those groups.",
)

q5 = ChoiceQuestion(
    "q5",
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

q6 = ChoiceQuestion(
    "q6",
    prompt="The positive prediction is 'will pass'. A group's PPV ratio is 0.7, below the band. "
           "What does that mean? a) the group gets fewer 'pass' predictions  b) a 'pass' is less "
           "reliable for them: of their students predicted to pass, fewer actually pass  c) of "
           "their students who pass, fewer are predicted to pass",
    options={"a": "the group gets fewer 'pass' predictions",
             "b": "a 'pass' is less reliable for them",
             "c": "of their students who pass, fewer are predicted to pass"},
    correct="b",
    feedback={"a": "That is STP (statistical parity), the share predicted to pass. PPV looks "
                   "only at those predicted to pass.",
              "c": "That is TPR (equal opportunity). PPV = TP / (TP + FP)."},
    hints=["PPV = TP / (TP + FP): among the students predicted to pass, the share that passes."],
    solution_text="b) Among its students predicted to pass, fewer pass: more false positives. "
                  "Whether that hurts the group depends on the use: if 'predicted to pass' "
                  "means no guidance talk, those false positives miss a talk.",
    explanation="Below the band is not 'less of a positive prediction' for PPV; whether it "
                "disadvantages the group depends on what a false positive does.",
)

q7 = ChoiceQuestion(
    "q7",
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

q8 = NumberQuestion(
    "q8",
    prompt="Use missing_by_group(cohort, 'exam_grade', by='migration_background'). What share "
           "of the students with a western migration background has no exam grade?",
    expected=lambda: _missing_share("western"),
    tolerance=0.002,
    mistakes=[(lambda: _sample_share("western"),
               "That is the western share of the whole sample. Look at the column "
               "'missing exam_grade'."),
              (lambda: _missing_share("none"),
               "That is the share for students without a migration background."),
              (lambda: _missing_share(None),
               "That is the share missing among all students; look at the western row.")],
    hints=["table = missing_by_group(cohort, 'exam_grade', by='migration_background')",
           "table.loc['western', 'missing exam_grade']"],
    solution_text="missing_by_group(cohort, 'exam_grade', by='migration_background')"
                  ".loc['western', 'missing exam_grade']",
    explanation="More than twice the share of students without a migration background: dropping "
                "rows without a grade shrinks this group most.",
)

qualify(globals())
