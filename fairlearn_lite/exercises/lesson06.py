"""Checks for the exercises of lesson 06, A complete bias audit.

Expected answers are computed on first check (never on import), on the lesson's data: the
retention split of the study cohort, the adviser's rule, and the model at the rule's capacity.
"""

from __future__ import annotations

from functools import lru_cache

from ._core import ChoiceQuestion, NumberQuestion, qualify

__all__ = ["q1", "q2", "q3", "q4", "q5"]

RULE = {"prior_education": ["mbo"], "application_days_before_deadline": ("<", 0)}
AGE_BANDS = {"age": [18, 20, 22, 25, float("inf")]}


@lru_cache(maxsize=1)
def _split():
    from ..datasets import load_study_cohort
    from ..models import split_cohort

    return split_cohort(load_study_cohort(), outcome="retained", random_state=0)


def _capacity() -> float:
    from ..bias_audit import rule_selection

    return float(rule_selection(_split().train, RULE).mean())


def _process_ratio(group: str) -> float:
    from ..bias_audit import feature_bands, metric_ratios, rule_selection

    split = _split()
    bands = feature_bands(split.test, ["age"], edges=AGE_BANDS)
    table = metric_ratios(~split.y_test, rule_selection(split.test, RULE),
                          sensitive_features=bands,
                          privileged={"age": "18 to 19"})
    return float(table.set_index("group").loc[group, "ratio"])


def _leaving_gap(column: str) -> float:
    test = _split().test
    leaving = ~test["retained"] if column == "retained" else test[column]
    rates = leaving.groupby(test["migration_background"]).mean()
    return float(100 * (rates["non-western"] - rates["none"]))


q1 = NumberQuestion(
    "q1",
    prompt="200 students without a migration background: 30 are put on the track and would have "
           "stayed. 50 non-western students: 12. What is the ratio of false positives / group "
           "size, non-western to none?",
    expected=(12 / 50) / (30 / 200),
    tolerance=0.005,
    mistakes=[((30 / 200) / (12 / 50), "That is the inverse: the reference group goes below."),
              (12 / 30, "Divide each count by its own group size first.")],
    hints=["false positives / group size = wrongly flagged / everyone in the group",
           "(12 / 50) / (30 / 200)"],
    solution_text="0.24 / 0.15 = 1.6: a random non-western student is 1.6 times as likely to be "
                  "put on the track wrongly.",
    explanation="Outside the band 0.8-1.25: and with 50 students, look at the interval too.",
)

q2 = NumberQuestion(
    "q2",
    prompt="What share of the training students does the adviser's rule select (mbo prior "
           "education or an application after the deadline)? This is the capacity.",
    expected=_capacity,
    tolerance=0.002,
    mistakes=[(lambda: float(_split().train["prior_education"].eq("mbo").mean()),
               "That is mbo alone; the rule also selects late applications."),
              (lambda: float((~_split().y_train).mean()),
               "That is the share who left the programme, not the share the rule selects.")],
    hints=["rule_selection(train, RULE) gives True for every selected student.",
           "rule_selection(train, RULE).mean()"],
    solution_text="rule_selection(train, RULE).mean(): about 39%.",
    explanation="The model is compared with the rule at this same share.",
)

q3 = ChoiceQuestion(
    "q3",
    prompt="The programme changes the track into voluntary coaching that students can decline. "
           "At which question does the fairness tree now take another turn? a) errors or "
           "representation  b) trust in the labels  c) punitive or assistive",
    options={"a": "errors or representation", "b": "trust in the labels",
             "c": "punitive or assistive"},
    correct="c",
    feedback={"a": "Wrong coaching invitations are still errors; the focus can stay on errors.",
              "b": "The outcome data are the same; only the intervention changed."},
    hints=["Which answer in §1 described the track itself?"],
    solution_text="c) Voluntary coaching is assistive: the tree then asks about those who need "
                  "help and do not get it (false negatives), not about wrong selections.",
    explanation="The metric follows the intervention, not the model.",
)

q4 = NumberQuestion(
    "q4",
    prompt="Audit the adviser's rule on the test students with metric_ratios and the age bands "
           "(reference 18 to 19). What is the ratio for the band '25 or more'?",
    expected=lambda: _process_ratio("25 or more"),
    tolerance=0.005,
    mistakes=[(lambda: _process_ratio("20 to 21"), "That is the band 20 to 21."),
              (lambda: _process_ratio("22 to 24"), "That is the band 22 to 24.")],
    hints=["metric_ratios(left_test, process, sensitive_features=bands, "
           "privileged={'age': '18 to 19'})",
           ".set_index('group').loc['25 or more', 'ratio']"],
    solution_text="About 1.66 for the rule, against 3.41 for the model: for the oldest "
                  "students the model is less fair than the rule it would replace.",
    explanation="A model can be fairer for some groups and less fair for others.",
)

q5 = NumberQuestion(
    "q5",
    prompt="With 'left higher education' (the column dropout_he) as the outcome: how many "
           "percentage points more non-western test students leave than students without a "
           "migration background?",
    expected=lambda: _leaving_gap("dropout_he"),
    tolerance=0.05,
    mistakes=[(lambda: _leaving_gap("retained"),
               "That is the gap for leaving the programme; use the column dropout_he.")],
    hints=["test['dropout_he'].groupby(test['migration_background']).mean()",
           "100 * (rates['non-western'] - rates['none'])"],
    solution_text="About 4 points, against 16 for leaving the programme.",
    explanation="The outcome definition changes the measured gap, and with it the audit.",
)

qualify(globals())
