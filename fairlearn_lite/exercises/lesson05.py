"""Checks for the exercises of lesson 05, Mitigation."""

from __future__ import annotations

from functools import lru_cache

from ._core import ChoiceQuestion, NumberQuestion, qualify
from ._shared import lesson_model

__all__ = ["q1", "q2", "q3", "q4", "q5"]


@lru_cache(maxsize=4)
def _selection_gap_interval(end: str) -> float:
    from ..uncertainty import bootstrap_group_metrics

    split, scores = lesson_model("logistic")
    result = bootstrap_group_metrics(split.y_test, scores >= 0.5,
                                     sensitive_features=split.test["migration_background"],
                                     n_boot=1000, random_state=0)
    return float(result.difference("selection_rate", privileged="none").loc["non-western", end])


@lru_cache(maxsize=4)
def _pivot_parity(theta: float) -> float:
    from ..metrics import demographic_parity_ratio
    from ..mitigation import roc_pivot

    split, scores = lesson_model("logistic")
    groups = split.test["migration_background"]
    pivoted = roc_pivot(scores, sensitive_features=groups, privileged="none", theta=theta) >= 0.5
    return float(demographic_parity_ratio(split.y_test, pivoted, sensitive_features=groups))


q1 = NumberQuestion(
    "q1",
    prompt="100 men and 100 women; 40 men and 60 women get a positive BSA. Which reweighing "
           "weight do men with a positive BSA get?",
    expected=(100 / 200) * (100 / 200) / (40 / 200),
    tolerance=0.005,
    mistakes=[((40 / 200) / ((100 / 200) * (100 / 200)), "That is the inverse: P(group) x "
                                                         "P(label) goes on top."),
              ((100 / 200) * (100 / 200) / (60 / 200), "That is the weight of men *without* a "
                                                       "positive BSA (60 of 200 students).")],
    hints=["weight = P(group) x P(label) / P(group, label)",
           "P(man) = 0.5, P(positive) = 100 / 200 = 0.5, P(man and positive) = 40 / 200."],
    solution_text="0.5 x 0.5 / 0.2 = 1.25: positive men are rarer than independence predicts, "
                  "so each counts for a little more.",
    explanation="Rare cells weigh more, common cells less.",
)

q2 = NumberQuestion(
    "q2",
    prompt="Bootstrap the logistic model's predictions (threshold 0.5) by migration background "
           "(n_boot=1000, random_state=0). What is the upper end of the 95% interval of the "
           "selection-rate difference non-western minus none?",
    expected=lambda: _selection_gap_interval("high"),
    tolerance=0.002,
    mistakes=[(lambda: _selection_gap_interval("low"),
               "That is the lower end; the question asks for the upper end ('high')."),
              (lambda: _selection_gap_interval("difference"), "That is the estimate itself.")],
    hints=["result = bootstrap_group_metrics(y_test, scores >= 0.5, sensitive_features="
           "test['migration_background'], n_boot=1000, random_state=0)",
           "result.difference('selection_rate', privileged='none').loc['non-western', 'high']"],
    solution_text="bootstrap_group_metrics(...).difference('selection_rate', privileged='none')"
                  ".loc['non-western', 'high']",
    explanation="The whole interval lies below 0: this gap is not chance.",
)

q3 = ChoiceQuestion(
    "q3",
    prompt="You reweighed the training data for migration background, and the parity ratio is "
           "now fine. What next? a) use the model  b) re-test gender, prior education and the "
           "other attributes  c) reweigh for gender as well, to be safe",
    options={"a": "use the model",
             "b": "re-test gender, prior education and the other attributes",
             "c": "reweigh for gender as well, to be safe"},
    correct="b",
    feedback={"a": "Fixing one attribute can break another: the municipal report re-checked age, "
                   "gender and country of birth after reweighing.",
              "c": "Reweigh only for a problem you have measured; first measure."},
    hints=["Look at section 4 of the lesson."],
    solution_text="b) Re-test every other sensitive attribute (and intersections) before use.",
    explanation="Mitigation for one attribute is never the end of the check.",
)

q4 = NumberQuestion(
    "q4",
    prompt="Apply the ROC pivot to the logistic model's scores with theta=0.10 (privileged "
           "'none'). What is the demographic parity ratio by migration background at 0.5?",
    expected=lambda: _pivot_parity(0.10),
    tolerance=0.002,
    mistakes=[(lambda: _pivot_parity(0.05), "That is theta=0.05; use 0.10.")],
    hints=["pivoted = roc_pivot(scores, sensitive_features=test['migration_background'], "
           "privileged='none', theta=0.10)",
           "fl.demographic_parity_ratio(y_test, pivoted >= 0.5, sensitive_features=...)"],
    solution_text="fl.demographic_parity_ratio(y_test, roc_pivot(scores, sensitive_features="
                  "groups, privileged='none', theta=0.10) >= 0.5, sensitive_features=groups)",
    explanation="Lower than with theta=0.05: pivoting too much overshoots.",
)

q5 = ChoiceQuestion(
    "q5",
    prompt="The BSA labels may themselves be biased against one group. Which criterion does "
           "*not* measure against those labels? a) independence  b) separation  c) sufficiency",
    options={"a": "independence", "b": "separation", "c": "sufficiency"},
    correct="a",
    feedback={"b": "Separation compares error rates, and errors are defined by the labels.",
              "c": "Sufficiency compares precision, which is defined by the labels."},
    hints=["Which criterion uses only the predictions and the groups?"],
    solution_text="a) Independence compares selection rates only; it does not use the labels, "
                  "so biased labels cannot distort it (though it ignores real differences).",
    explanation="That is why the fairness tree points to representation when labels are not "
                "trusted.",
)

qualify(globals())
