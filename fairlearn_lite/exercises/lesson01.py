"""Checks for the exercises of lesson 01, What is fair?"""

from __future__ import annotations

from functools import lru_cache

from ..datasets import load_grant_check, load_study_cohort
from ..metrics import fisher_exact_test, four_fifths_rule
from ._core import ChoiceQuestion, NumberQuestion, qualify

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]

# The small programme of exercise 3: few applicants, a large difference in rates.
SMALL_SELECTED = {"women": 8, "men": 3}
SMALL_APPLICANTS = {"women": 10, "men": 6}


def _economics_ratio() -> float:
    result = four_fifths_rule({"women": 45, "men": 70}, {"women": 60, "men": 80})
    return float(result.table["ratio_to_highest"].min())


def _nursing_shortfall_at_90() -> float:
    result = four_fifths_rule({"women": 96, "men": 30}, {"women": 120, "men": 50}, epsilon=0.9)
    return float(result.table.loc["men", "shortfall"])


def _small_programme_p_value() -> float:
    return float(fisher_exact_test(SMALL_SELECTED, SMALL_APPLICANTS)["men"])


@lru_cache(maxsize=4)
def _share_non_european(stage: str) -> float:
    grants = load_grant_check()
    rows = {"recipients": grants.index == grants.index,
            "top": grants["risk_category"] == 6,
            "selected": grants["selected_for_visit"]}[stage]
    return float((grants.loc[rows, "origin"] == "non-European").mean())


@lru_cache(maxsize=1)
def _visits_by_origin():
    return load_grant_check().groupby("origin")["selected_for_visit"].agg(["sum", "size"])


def _not_visited_ratio() -> float:
    visits = _visits_by_origin()
    result = four_fifths_rule(visits["size"] - visits["sum"], visits["size"])
    return float(result.table["ratio_to_highest"].min())


def _visited_ratio() -> float:
    """The lowest visit rate over the highest: the rule applied to the burden, read as a benefit."""
    visits = _visits_by_origin()
    return float(four_fifths_rule(visits["sum"], visits["size"]).table["ratio_to_highest"].min())


def _dutch_over_non_european_visits() -> float:
    rate = _visits_by_origin()["sum"] / _visits_by_origin()["size"]
    return float(rate["Dutch"] / rate["non-European"])


@lru_cache(maxsize=1)
def _proxy_table():
    from ..models import FEATURES
    from ..proxies import ALL_FEATURES, proxy_strength

    sensitive = ["gender", "migration_background", "first_generation"]
    return proxy_strength(load_study_cohort(), FEATURES, sensitive).loc[ALL_FEATURES]


def _best_revealed() -> str:
    return str(_proxy_table().idxmax())


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

q3 = NumberQuestion(
    "q3",
    prompt="A small programme admits 8 of 10 women and 3 of 6 men. The ratio 0.625 fails the "
           "four-fifths rule. What is the p-value of Fisher's exact test for the men "
           "(fl.metrics.fisher_exact_test)?",
    expected=_small_programme_p_value,
    tolerance=0.005,
    mistakes=[(0.625, "That is the ratio of the selection rates; the question asks for the "
                      "p-value of fl.metrics.fisher_exact_test."),
              (0.8 - 0.5, "That is the difference between the rates (80% - 50%); the p-value "
                          "comes from fl.metrics.fisher_exact_test."),
              (0.0117, "That is the nursing programme's p-value (96 of 120 and 30 of 50). Use "
                       "8 of 10 women and 3 of 6 men.")],
    hints=["fl.metrics.fisher_exact_test takes the same two dicts as fl.four_fifths_rule: "
           "selected per group, then applicants per group.",
           "fl.metrics.fisher_exact_test({'women': 8, 'men': 3}, {'women': 10, 'men': 6}) "
           "gives one p-value per group compared with the highest rate: take the men's."],
    solution_text="fl.metrics.fisher_exact_test({'women': 8, 'men': 3}, "
                  "{'women': 10, 'men': 6})['men'] = 0.30. A difference this large arises by "
                  "chance in about 3 of 10 such selections: with 16 applicants the rule's "
                  "verdict rests on one or two people. The Uniform Guidelines (29 CFR "
                  "1607.4(D)) say that greater differences may not constitute adverse impact "
                  "where they rest on small numbers and are not statistically significant.",
    explanation="Far above 0.05: with this few applicants a gap of this size is easily chance. "
                "Failing the four-fifths rule is a reason to look closer, not proof.",
)

q4 = ChoiceQuestion(
    "q4",
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

q5 = NumberQuestion(
    "q5",
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

q6 = NumberQuestion(
    "q6",
    prompt="Apply fl.four_fifths_rule to the favourable outcome of the grant check: the number "
           "*not* visited per origin, out of the recipients. What is the lowest "
           "ratio_to_highest?",
    expected=_not_visited_ratio,
    tolerance=0.005,
    mistakes=[(_visited_ratio, "That is the rule applied to the visits themselves: count the "
                               "students who were *not* visited (recipients minus visited)."),
              (_dutch_over_non_european_visits,
               "That compares the visit rates of Dutch-origin and non-European students. The "
               "question asks for the favourable outcome: count the students *not* visited.")],
    hints=["visits = grants.groupby('origin')['selected_for_visit'].agg(['sum', 'size']) "
           "gives the number visited ('sum') and the recipients ('size') per origin.",
           "Not visited = visits['size'] - visits['sum']. Pass that and visits['size'] to "
           "fl.four_fifths_rule, then take .table['ratio_to_highest'].min()."],
    solution_text="visits = grants.groupby('origin')['selected_for_visit'].agg(['sum', 'size'])\n"
                  "fl.four_fifths_rule(visits['size'] - visits['sum'], visits['size'])"
                  ".table['ratio_to_highest'].min()  # 0.96: passes\n\n"
                  "Yet a non-European student was about 6.5 times as likely to be visited as a "
                  "Dutch-origin student. When the burden is rare, nearly everyone escapes it, so "
                  "the favourable rates are all close to 100% and their ratio close to 1. "
                  "Compare the burden rates (or false positives / group size) instead.",
    explanation="The rule passes on the favourable outcome although the visits fell about 6.5 "
                "times as often on non-European students: for a rare burden, compare the burden "
                "rates themselves.",
)

q7 = ChoiceQuestion(
    "q7",
    prompt="Which sensitive attribute do the models' features (fairlearn_lite.models.FEATURES) "
           "reveal best, all features together? Use proxy_strength from fairlearn_lite.proxies. "
           "a) gender  b) migration background  c) first generation",
    options={"a": "gender", "b": "migration background", "c": "first generation"},
    correct=lambda: {"gender": "a", "migration_background": "b",
                     "first_generation": "c"}[_best_revealed()],
    feedback={"a": "Look at the row 'all features together': gender is revealed only weakly "
                   "(AUC near 0.6).",
              "c": "First-generation status is revealed only weakly (AUC near 0.6); look for "
                   "the highest value in the row 'all features together'."},
    hints=["proxy_strength(cohort, FEATURES, ['gender', 'migration_background', "
           "'first_generation']) gives one AUC per feature and attribute.",
           "Read the last row, 'all features together': the highest AUC is the attribute the "
           "features reveal best."],
    solution_text="proxy_strength(cohort, FEATURES, ['gender', 'migration_background', "
                  "'first_generation']).loc[ALL_FEATURES]: migration background is revealed "
                  "best (AUC about 0.66), carried by prior education and application date.",
    explanation="Prior education and application date together let a model guess migration "
                "background well above chance, although the model never sees it.",
)

qualify(globals())
