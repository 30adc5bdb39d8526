"""Checks for the exercises of lesson 01, What is fair?"""

from __future__ import annotations

from functools import lru_cache

from ..datasets import load_grant_check
from ..metrics import four_fifths_rule
from ._core import ChoiceQuestion, NumberQuestion, qualify

__all__ = ["q1", "q2", "q3", "q4"]


def _economics_ratio() -> float:
    result = four_fifths_rule({"women": 45, "men": 70}, {"women": 60, "men": 80})
    return float(result.table["ratio_to_highest"].min())


def _nursing_shortfall_at_90() -> float:
    result = four_fifths_rule({"women": 96, "men": 30}, {"women": 120, "men": 50}, epsilon=0.9)
    return float(result.table.loc["men", "shortfall"])


@lru_cache(maxsize=4)
def _share_non_european(stage: str) -> float:
    grants = load_grant_check()
    rows = {"recipients": grants.index == grants.index,
            "top": grants["risk_category"] == 6,
            "selected": grants["selected_for_visit"]}[stage]
    return float((grants.loc[rows, "origin"] == "non-European").mean())


q1 = NumberQuestion(
    "q1",
    prompt="An economics programme admits 45 of 60 women and 70 of 80 men. What is the lower "
           "selection rate divided by the higher one?",
    expected=_economics_ratio,
    tolerance=0.005,
    mistakes=[(lambda: 1 / _economics_ratio(), "You divided the higher rate by the lower one: the rule "
                                       "compares each group with the highest rate, so the "
                                       "answer is at most 1."),
              (0.125, "That is the difference between the rates (87.5% - 75%). The four-fifths "
                      "rule uses their ratio."),
              (45 / 70, "That compares the numbers admitted; compare the selection *rates* "
                        "(admitted / applied).")],
    hints=["First compute each group's selection rate: admitted / applied.",
           "Women: 45 / 60; men: 70 / 80. Divide the lower rate by the higher one.",
           "Or let the kit do it: fl.four_fifths_rule({'women': 45, 'men': 70}, "
           "{'women': 60, 'men': 80}).table"],
    solution_text="women 45/60 = 0.75, men 70/80 = 0.875; ratio 0.75 / 0.875 = 0.857, which is "
                  "above 0.8: this selection passes the four-fifths rule.\n\n"
                  "fl.four_fifths_rule({'women': 45, 'men': 70}, {'women': 60, 'men': 80})"
                  ".table['ratio_to_highest'].min()",
    explanation="The ratio is above 0.8, so this selection passes the four-fifths rule.",
)

q2 = NumberQuestion(
    "q2",
    prompt="Suppose the nursing programme had to meet a stricter 90% rule instead of 80%. How "
           "many more men would it have had to admit (the women's admissions unchanged)?",
    expected=_nursing_shortfall_at_90,
    tolerance=0.01,
    mistakes=[(2, "That is the shortfall under the 80% rule. Use epsilon=0.9."),
              (36, "36 men is the number needed in total; the question asks how many *more* "
                   "than the 30 admitted.")],
    hints=["The rate needed is 90% of the women's rate of 80%.",
           "0.9 x 0.8 = 72% of 50 men = 36 men. How many more than 30 is that?",
           "fl.four_fifths_rule(..., epsilon=0.9).table gives the shortfall per group."],
    solution_text="Needed: 0.9 x 80% = 72% of 50 men = 36 men; 30 were admitted, so 6 more.\n\n"
                  "fl.four_fifths_rule({'women': 96, 'men': 30}, {'women': 120, 'men': 50}, "
                  "epsilon=0.9).table.loc['men', 'shortfall']",
    explanation="With 126 places, admitting 6 more men means 6 fewer women — or more places.",
)

q3 = ChoiceQuestion(
    "q3",
    prompt="Which of these is NOT a special category of personal data under the GDPR (art. 9)? "
           "a) health  b) trade-union membership  c) age  d) religious or philosophical beliefs",
    options={"a": "health", "b": "trade-union membership", "c": "age",
             "d": "religious or philosophical beliefs"},
    correct="c",
    feedback={"a": "Health data is one of the GDPR's special categories.",
              "b": "Trade-union membership is one of the GDPR's special categories.",
              "d": "Religious or philosophical beliefs are one of the GDPR's special categories."},
    hints=["The GDPR list and the list of non-discrimination grounds overlap, but not fully.",
           "One of the four is a ground of EU non-discrimination law, but not a special "
           "category of personal data."],
    solution_text="c) age. Age is a protected ground in EU non-discrimination law, so a model "
                  "must not disadvantage people for it, but it is not a special category of "
                  "personal data under the GDPR.",
    explanation="Age is a non-discrimination ground, not a GDPR special category.",
)

q4 = NumberQuestion(
    "q4",
    prompt="In the grant-check data, what share of the students *selected for a home visit* "
           "had a non-European origin?",
    expected=lambda: _share_non_european("selected"),
    tolerance=0.005,
    mistakes=[(lambda: _share_non_european("recipients"),
               "That is their share among all recipients. Look only at the rows where "
               "selected_for_visit is True."),
              (lambda: _share_non_european("top"),
               "That is their share in the highest risk category, one step before the visit.")],
    hints=["Keep only the students with selected_for_visit == True.",
           "Then compute the mean of (origin == 'non-European') over those rows.",
           "grants.loc[grants['selected_for_visit'], 'origin'].eq('non-European').mean()"],
    solution_text="grants.loc[grants['selected_for_visit'], 'origin'].eq('non-European').mean()",
    explanation="Compare it with their share among all recipients: every step of the process "
                "made the imbalance larger, without origin ever being used.",
)

qualify(globals())
