"""Checks for the exercises of lesson 05, Mitigation.

Expected answers are computed on first check (never on import), at the lesson's operating
point: the base-rate cut-off chosen on the logistic model's out-of-fold training scores.
"""

from __future__ import annotations

from functools import lru_cache

from ._core import ChoiceQuestion, NumberQuestion, qualify
from ._shared import lesson_model

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]


@lru_cache(maxsize=1)
def _cutoff() -> float:
    """The base-rate cut-off on the logistic model's out-of-fold training scores."""
    from ..models import out_of_fold_scores
    from ..operating_point import choose_cutoff

    split, _ = lesson_model("logistic")
    scores = out_of_fold_scores("logistic", split.X_train, split.y_train)
    return choose_cutoff(split.y_train, scores, rule="base-rate").cutoff


def _share_predicted_positive(cutoff: float | None) -> float:
    _, scores = lesson_model("logistic")
    return float((scores >= (_cutoff() if cutoff is None else cutoff)).mean())


@lru_cache(maxsize=8)
def _selection_gap_interval(end: str, cutoff: float | None = None) -> float:
    from ..uncertainty import bootstrap_group_metrics

    split, scores = lesson_model("logistic")
    predicted = scores >= (_cutoff() if cutoff is None else cutoff)
    result = bootstrap_group_metrics(split.y_test, predicted,
                                     sensitive_features=split.test["migration_background"],
                                     n_boot=1000, random_state=0)
    return float(result.difference("selection_rate", privileged="none").loc["non-western", end])


@lru_cache(maxsize=8)
def _pivot_parity(theta: float, cutoff: float | None = None) -> float:
    from ..metrics import demographic_parity_ratio
    from ..mitigation import roc_pivot

    split, scores = lesson_model("logistic")
    cut = _cutoff() if cutoff is None else cutoff
    groups = split.test["migration_background"]
    pivoted = roc_pivot(scores, sensitive_features=groups, privileged="none", cutoff=cut,
                        theta=theta) >= cut
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
    prompt="What share of the test students would the logistic model predict to pass at the "
           "conventional cut-off 0.5? (Compare with the share at the operating point.)",
    expected=lambda: _share_predicted_positive(0.5),
    tolerance=0.002,
    mistakes=[(lambda: _share_predicted_positive(None),
               "That is the share at the operating point (point.cutoff); the question asks for "
               "the cut-off 0.5.")],
    hints=["A student is predicted to pass when scores >= cut-off.",
           "(scores >= 0.5).mean()"],
    solution_text="(scores >= 0.5).mean(): about 89%, while about 68% actually pass.",
    explanation="At 0.5 nearly everyone is predicted to pass, and ratios between groups sit "
                "close to 1 whatever the model does: state the operating point.",
)

q3 = NumberQuestion(
    "q3",
    prompt="Bootstrap the logistic model's predictions at the operating point (scores >= "
           "point.cutoff) by migration background (n_boot=1000, random_state=0). What is the "
           "upper end of the 95% interval of the selection-rate difference non-western minus "
           "none?",
    expected=lambda: _selection_gap_interval("high"),
    tolerance=0.002,
    mistakes=[(lambda: _selection_gap_interval("low"),
               "That is the lower end; the question asks for the upper end ('high')."),
              (lambda: _selection_gap_interval("difference"), "That is the estimate itself."),
              (lambda: _selection_gap_interval("high", 0.5),
               "That is at the cut-off 0.5; use the operating point, scores >= point.cutoff.")],
    hints=["result = bootstrap_group_metrics(y_test, scores >= point.cutoff, sensitive_features="
           "test['migration_background'], n_boot=1000, random_state=0)",
           "result.difference('selection_rate', privileged='none').loc['non-western', 'high']"],
    solution_text="bootstrap_group_metrics(y_test, scores >= point.cutoff, ...).difference("
                  "'selection_rate', privileged='none').loc['non-western', 'high']",
    explanation="The whole interval lies below 0: this gap is not chance — at this cut-off.",
)

q4 = ChoiceQuestion(
    "q4",
    prompt="You reweighed the training data for migration background, and the parity ratio is "
           "now fine. What next? a) use the model  b) re-test gender, prior education and the "
           "other attributes  c) reweigh for gender as well, to be safe",
    options={"a": "use the model",
             "b": "re-test gender, prior education and the other attributes",
             "c": "reweigh for gender as well, to be safe"},
    correct="b",
    feedback={"a": "Fixing one attribute can change another: the municipal analysis ran its "
                   "whole bias analysis again after reweighing.",
              "c": "Reweigh only for a problem you have measured; first measure."},
    hints=["Look at section 5 of the lesson."],
    solution_text="b) Re-test every other sensitive attribute (and intersections) before use.",
    explanation="Mitigation for one attribute is never the end of the check.",
)

q5 = NumberQuestion(
    "q5",
    prompt="Apply the ROC pivot to the logistic model's test scores around the operating point "
           "(cutoff=point.cutoff) with theta=0.10 and privileged 'none'. What is the demographic "
           "parity ratio by migration background of pivoted >= point.cutoff?",
    expected=lambda: _pivot_parity(0.10),
    tolerance=0.002,
    mistakes=[(lambda: _pivot_parity(0.04), "That is theta=0.04; use 0.10."),
              (lambda: _pivot_parity(0.10, 0.5),
               "That pivots around 0.5; pass cutoff=point.cutoff and compare with "
               "point.cutoff.")],
    hints=["pivoted = roc_pivot(scores, sensitive_features=test['migration_background'], "
           "privileged='none', cutoff=point.cutoff, theta=0.10)",
           "fl.demographic_parity_ratio(y_test, pivoted >= point.cutoff, sensitive_features=...)"],
    solution_text="fl.demographic_parity_ratio(y_test, roc_pivot(scores, sensitive_features="
                  "groups, privileged='none', cutoff=point.cutoff, theta=0.10) >= point.cutoff, "
                  "sensitive_features=groups)",
    explanation="Far below the untreated ratio: a wide pivot overshoots, and with three groups "
                "it lifts western students too.",
)

q6 = ChoiceQuestion(
    "q6",
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

q7 = ChoiceQuestion(
    "q7",
    prompt="In the grant check only visited students have an outcome (breach or not). Which "
           "can you compute per origin from these data? a) the false positive rate  b) false "
           "positives / group size  c) the share of breaches that were missed",
    options={"a": "the false positive rate", "b": "false positives / group size",
             "c": "the share of breaches that were missed"},
    correct="b",
    feedback={"a": "FPR = FP / (FP + TN), and TN are the unvisited students who did live at "
                   "their address: nobody checked them.",
              "c": "A missed breach is an unvisited student in breach: nobody checked them."},
    hints=["Which numbers need an outcome for students who were never visited?"],
    solution_text="b) Wrongly visited students are known (visited, no breach), and the group "
                  "size is known: their ratio is the chance that a random recipient is visited "
                  "wrongly — the metric the municipal analysis chose.",
    explanation="With selective labels, choose a metric the data can carry.",
)

q8 = ChoiceQuestion(
    "q8",
    prompt="Which method uses a student's group at decision time, so that two students with the "
           "same features can get a different prediction? a) reweighing  b) fairlearn's "
           "GridSearch  c) per-group thresholds  d) preferential resampling",
    options={"a": "reweighing", "b": "fairlearn's GridSearch", "c": "per-group thresholds",
             "d": "preferential resampling"},
    correct="c",
    feedback={"a": "Reweighing uses the group only while training; the trained model never "
                   "sees it.",
              "b": "GridSearch uses the group only while training (its weights and labels); "
                   "the chosen model never sees it.",
              "d": "Resampling changes the training rows; the trained model never sees the "
                   "group."},
    hints=["Which method needs the group column when a new student is scored?"],
    solution_text="c) Per-group thresholds look at the group when deciding — a direct "
                  "distinction (so does the ROC pivot). Reweighing, resampling and GridSearch "
                  "use it only while training.",
    explanation="Post-processing uses the group at decision time; pre- and in-processing do "
                "not.",
)

qualify(globals())
