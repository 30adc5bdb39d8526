"""A synthetic first-year bachelor cohort (hbo-like), one row per student.

The generator is a small causal story, told in the order things happen:

1. **Intake.** Gender, migration background, first-generation status, prior
   education (vooropleiding; its mix depends on migration background), the
   transition into the programme (aansluiting), premaster status and age.
2. **Application.** Days before the 1 May deadline; men, switchers, mbo
   students and students with a migration background apply later on average.
3. **Grades.** The average final-exam grade of the prior education (mbo, havo,
   vwo only; NaN for the others).
4. **Outcomes after year 1.** First, leaving higher education (dropout_he);
   then, for those who stay, switching to another programme; whoever does
   neither is retained. The binding study advice (BSA) follows the outcome.

Every number is a named parameter with its source in ``COHORT_PARAMETERS``;
``data/README.md`` prints them all.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._validation import caller, check_choice, check_positive_int, check_random_state, public
from ._parameters import Parameter, resolve, with_values

PRIOR_EDUCATION = ["mbo", "havo", "vwo", "foreign diploma", "higher education", "21+ test"]
TRANSITIONS = ["direct", "gap year", "switch", "second study"]
MIGRATION = ["none", "western", "non-western"]
BSA = ["positive", "negative", "postponed"]
SCENARIOS = ("realistic", "strong_bias", "no_bias")
COLUMNS = ["student_id", "gender", "age", "migration_background", "first_generation",
           "prior_education", "transition", "application_days_before_deadline", "exam_grade",
           "premaster", "bsa", "retained", "switched", "dropout_he"]

VH = "sourced: Vereniging Hogescholen, hbo first-year dropout, cohort 2017"
A = "assumed"

COHORT_PARAMETERS: dict[str, Parameter] = {
    # 1. intake
    "share_female": Parameter(0.52, "probability", A, "share of women in the intake"),
    "migration_background": Parameter(
        {"none": 0.70, "western": 0.10, "non-western": 0.20}, "distribution", A,
        "migration background of the intake"),
    "prior_education": Parameter({
        "none": {"mbo": 0.28, "havo": 0.47, "vwo": 0.12, "foreign diploma": 0.01,
                 "higher education": 0.08, "21+ test": 0.04},
        "western": {"mbo": 0.20, "havo": 0.36, "vwo": 0.10, "foreign diploma": 0.24,
                    "higher education": 0.07, "21+ test": 0.03},
        "non-western": {"mbo": 0.45, "havo": 0.34, "vwo": 0.06, "foreign diploma": 0.04,
                        "higher education": 0.06, "21+ test": 0.05},
    }, "distribution", A, "prior education (vooropleiding) by migration background"),
    "transition": Parameter({
        "mbo": {"direct": 0.65, "gap year": 0.12, "switch": 0.18, "second study": 0.05},
        "havo": {"direct": 0.62, "gap year": 0.16, "switch": 0.18, "second study": 0.04},
        "vwo": {"direct": 0.45, "gap year": 0.20, "switch": 0.30, "second study": 0.05},
        "foreign diploma": {"direct": 0.55, "gap year": 0.20, "switch": 0.15,
                            "second study": 0.10},
        "higher education": {"direct": 0.0, "gap year": 0.0, "switch": 0.40,
                             "second study": 0.60},
        "21+ test": {"direct": 0.0, "gap year": 0.85, "switch": 0.10, "second study": 0.05},
    }, "distribution",
        "assumed; tuned so that ~29% studied elsewhere first (sourced: 28-30% at a Dutch "
        "university, VU Student Analytics)",
        "transition into the programme (aansluiting) by prior education"),
    "first_generation": Parameter({"none": 0.40, "western": 0.35, "non-western": 0.65},
                                  "probability", A,
                                  "chance that neither parent studied in higher education"),
    "premaster_share": Parameter(0.45, "probability", A,
                                 "share of students with prior higher education in a premaster"),
    "base_age": Parameter({"mbo": 20, "havo": 18, "vwo": 18, "foreign diploma": 19,
                           "higher education": 22, "21+ test": 23}, "years", A,
                          "typical age on 1 October right after this prior education"),
    # 2. application
    "application_mean_days": Parameter(80.0, "days", A,
                                       "average days before the 1 May deadline"),
    "application_sd_days": Parameter(50.0, "spread", A, "spread of the application date"),
    "application_shift_days": Parameter(
        {"male": -12, "western": -10, "non-western": -30, "mbo": -12, "switch": -25,
         "first_generation": -8}, "days", A,
        "how much later (negative) these students apply on average"),
    # 3. grades
    "exam_grade_mean": Parameter({"mbo": 7.1, "havo": 6.6, "vwo": 6.8}, "grade", A,
                                 "average final-exam grade by prior education"),
    "exam_grade_sd": Parameter(0.55, "spread", A, "spread of the final-exam grade"),
    "exam_grade_shift": Parameter({"female": 0.15, "first_generation": -0.10,
                                   "non-western": -0.15}, "grade points", A,
                                  "grade difference for these students"),
    # 4. outcomes: leaving higher education (log-odds)
    "dropout_intercept": Parameter(
        {"mbo": -1.79, "havo": -2.48, "vwo": -3.28, "foreign diploma": -1.92,
         "higher education": -2.30, "21+ test": -1.63}, "log-odds",
        f"calibrated to mbo 21.5%, havo 12.7%, vwo 6.8% ({VH}); others assumed",
        "log-odds of leaving higher education in year 1, by prior education"),
    "dropout_male": Parameter(0.16, "log-odds", f"calibrated to men 18.2%, women 13.4% ({VH})",
                              "extra log-odds of dropout for men"),
    "dropout_per_grade": Parameter(-2.00, "log-odds", A,
                                   "change in log-odds of dropout per exam-grade point"),
    "dropout_late_application": Parameter(
        0.25, "log-odds", "assumed small: studies disagree (contested)",
        "extra log-odds of dropout for a late application (after 1 May)"),
    "dropout_first_generation": Parameter(0.15, "log-odds", A,
                                          "extra log-odds of dropout, first-generation"),
    "dropout_non_western": Parameter(
        -0.35, "log-odds",
        "calibrated: leaving higher education is about equal by background (sourced)",
        "extra log-odds of dropout, non-western background (given prior education)"),
    "dropout_age_per_year": Parameter(0.06, "log-odds", A,
                                      "extra log-odds of dropout per year above the base age"),
    "dropout_premaster": Parameter(-0.90, "log-odds", A,
                                   "extra log-odds of dropout for premaster students"),
    # 4. outcomes: switching programme, for those who stay in higher education (log-odds)
    "switch_intercept": Parameter(-1.86, "log-odds",
                                  "calibrated to ~17% switching in year 1 (sourced)",
                                  "log-odds of switching programme"),
    "switch_migration": Parameter(
        {"western": 0.25, "non-western": 0.65}, "log-odds",
        "calibrated: leaving the programme is 14-16 points higher for non-western students "
        "(sourced), first year assumed",
        "extra log-odds of switching by migration background"),
    "switch_late_application": Parameter(0.90, "log-odds", A,
                                         "extra log-odds of switching after a late application"),
    "switch_male": Parameter(0.10, "log-odds", A, "extra log-odds of switching for men"),
    "switch_per_grade": Parameter(-1.20, "log-odds", A,
                                  "change in log-odds of switching per exam-grade point"),
    "switch_repeat": Parameter(0.30, "log-odds", A,
                               "extra log-odds of switching for those who switched before"),
    # 4. outcomes: the binding study advice, given the outcome
    "bsa": Parameter({
        "retained": {"positive": 0.95, "negative": 0.0, "postponed": 0.05},
        "switched": {"positive": 0.25, "negative": 0.65, "postponed": 0.10},
        "dropout_he": {"positive": 0.05, "negative": 0.85, "postponed": 0.10},
    }, "distribution", A, "BSA by outcome (a negative BSA means leaving the programme)"),
}

SCENARIO_PARAMETERS: dict[str, dict[str, Parameter]] = {
    "realistic": COHORT_PARAMETERS,
    "strong_bias": with_values(COHORT_PARAMETERS, {
        "dropout_non_western": 0.70,
        "dropout_male": 0.70,
        "switch_migration": {"western": 0.60, "non-western": 1.60},
    }, "planted for demonstration (strong_bias)"),
    "no_bias": with_values(COHORT_PARAMETERS, {
        "dropout_male": 0.0,
        "dropout_first_generation": 0.0,
        "dropout_non_western": 0.0,
        "switch_migration": {"western": 0.0, "non-western": 0.0},
        "switch_male": 0.0,
    }, "set to 0: no direct effect of a sensitive attribute (no_bias)"),
}


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _draw(rng, distribution: Mapping[str, float], size: int) -> np.ndarray:
    """Draw ``size`` categories with the given shares."""
    names = list(distribution)
    return np.asarray(names, dtype=object)[rng.choice(len(names), size=size,
                                                      p=list(distribution.values()))]


def _draw_by(rng, conditional: Mapping[str, Mapping[str, float]], given: np.ndarray,
             categories: list[str]) -> np.ndarray:
    """Draw a category per row from the distribution belonging to that row's ``given`` value."""
    result = np.empty(len(given), dtype=object)
    cumulative = {key: np.cumsum([dist.get(c, 0.0) for c in categories])
                  for key, dist in conditional.items()}
    u = rng.random(len(given))
    for key, cum in cumulative.items():
        rows = given == key
        index = np.searchsorted(cum / cum[-1], u[rows], side="right")
        result[rows] = np.asarray(categories, dtype=object)[np.minimum(index, len(categories) - 1)]
    return result


@public
def make_study_cohort(n_students: int = 5000, *, scenario: str = "realistic",
                      random_state: int | np.random.Generator | np.random.RandomState | None = 0,
                      parameters: Mapping | None = None) -> pd.DataFrame:
    """Generate a synthetic first-year bachelor cohort, one row per student.

    The cohort follows a small causal story: intake, application, the final-exam
    grade of the prior education, then the outcomes after year 1 (leaving higher
    education, switching programme, or staying) and the binding study advice.

    Parameters
    ----------
    n_students : int, default 5000
        Number of students, a whole number of at least 1.
    scenario : {"realistic", "strong_bias", "no_bias"}, default "realistic"
        ``"realistic"`` is calibrated on public Dutch figures [1]_ [2]_ [3]_;
        ``"strong_bias"`` plants a large, clearly visible effect of gender and
        migration background on the outcomes; ``"no_bias"`` removes every direct
        effect of a sensitive attribute, so outcomes depend on them only through
        the legitimate features.
    random_state : None, int >= 0, numpy Generator or RandomState, default 0
        Seed; the same seed gives the same cohort. None draws a fresh one.
    parameters : dict, optional
        Values that replace named parameters of the scenario, for example
        ``{"share_female": 0.7}``. The data card lists every name with its
        value, kind and source. A parameter given per category takes a dict, and
        categories left out keep their default: ``{"first_generation":
        {"none": 0.3}}``. Each value is checked against its kind (a probability
        in [0, 1], a distribution that adds up to 1, a finite number of
        log-odds, ...). The dict is not changed.

    Returns
    -------
    pandas.DataFrame
        Columns ``student_id, gender, age, migration_background, first_generation,
        prior_education, transition, application_days_before_deadline,
        exam_grade, premaster, bsa, retained, switched, dropout_he``.
        The three outcomes ``retained``, ``switched`` and ``dropout_he`` exclude
        each other: every student is in exactly one of them.

    Raises
    ------
    TypeError, ValueError
        For an argument of the wrong type or out of range; the message names
        the argument (and the key inside ``parameters``) and what it must be.

    See Also
    --------
    load_study_cohort : the shipped cohort, ``make_study_cohort()`` with its defaults.

    References
    ----------
    The parameters and their sources are listed in the kit's data card,
    ``data/README.md``, section 1. The calibration targets are:

    .. [1] Vereniging Hogescholen, first-year dropout in hbo, cohort 2017:
       overall, by prior education (mbo 21.5%, havo 12.7%, vwo 6.8%) and by
       gender (men 18.2%, women 13.4%).
    .. [2] Dutch higher-education monitoring figures as summarised in the
       workshop: about 17% switch programme in year 1; leaving the programme
       is 14-16 points higher for non-western students, leaving higher
       education about equal.
    .. [3] VU Student Analytics: 28-30% of the intake studied elsewhere first.

    Examples
    --------
    >>> cohort = make_study_cohort(1000, random_state=1)
    >>> cohort.shape
    (1000, 14)
    >>> int((cohort[["retained", "switched", "dropout_he"]].sum(axis=1) == 1).sum())
    1000
    >>> women = make_study_cohort(1000, parameters={"share_female": 0.9})
    >>> bool((women["gender"] == "female").mean() > 0.85)
    True
    """
    func = caller()
    n = check_positive_int(n_students, name="n_students", func=func)
    check_choice(scenario, name="scenario", func=func, choices=SCENARIOS)
    p = resolve(SCENARIO_PARAMETERS[scenario], parameters, func=func)
    rng = check_random_state(random_state, func=func)

    # The steps draw from rng in the order of the story; the order is part of what a seed means.
    students = _intake(rng, p, n)
    students["application_days_before_deadline"] = _application_days(rng, p, students)
    students["exam_grade"] = _exam_grade(rng, p, students)
    students.update(_outcomes(rng, p, students))
    students["student_id"] = [f"S{i:06d}" for i in range(1, n + 1)]
    return pd.DataFrame({column: students[column] for column in COLUMNS})


# --- the steps of the story; each takes the students so far (a dict of columns) -------------

def _intake(rng: np.random.Generator, p: Mapping, n: int) -> dict[str, np.ndarray]:
    """1. Intake: who starts, each attribute drawn given the ones before it."""
    gender = np.where(rng.random(n) < p["share_female"], "female", "male").astype(object)
    migration = _draw(rng, p["migration_background"], n)
    prior = _draw_by(rng, p["prior_education"], migration, PRIOR_EDUCATION)
    transition = _draw_by(rng, p["transition"], prior, TRANSITIONS)
    first_generation = rng.random(n) < pd.Series(migration).map(p["first_generation"]).to_numpy()
    premaster = (prior == "higher education") & (rng.random(n) < p["premaster_share"])
    age = _age(rng, p, prior, transition)
    return {
        "gender": gender,
        "age": age,
        "migration_background": migration,
        "first_generation": first_generation,
        "prior_education": prior,
        "transition": transition,
        "premaster": premaster,
    }


def _base_age(p: Mapping, prior: np.ndarray) -> np.ndarray:
    """The typical age right after each student's prior education."""
    return pd.Series(prior).map(p["base_age"]).to_numpy()


def _age(rng: np.random.Generator, p: Mapping, prior: np.ndarray,
         transition: np.ndarray) -> np.ndarray:
    """Age on 1 October: the base age, plus years for a gap, a switch or a second study."""
    n = len(prior)
    extra_years = (np.select([transition == "gap year", transition == "switch",
                              transition == "second study"], [1, 1, 3], 0)
                   + rng.poisson(0.5, n)
                   + np.where(prior == "21+ test", np.minimum(rng.gamma(2.0, 4.0, n), 30).astype(int),
                              0))
    return (_base_age(p, prior) + extra_years).astype(int)


def _application_days(rng: np.random.Generator, p: Mapping, students: Mapping) -> np.ndarray:
    """2. Application: days before the 1 May deadline (negative = late)."""
    shift = p["application_shift_days"]
    gender, migration = students["gender"], students["migration_background"]
    days = (p["application_mean_days"] + rng.normal(0, p["application_sd_days"], len(gender))
            + shift["male"] * (gender == "male")
            + shift["western"] * (migration == "western")
            + shift["non-western"] * (migration == "non-western")
            + shift["mbo"] * (students["prior_education"] == "mbo")
            + shift["switch"] * (students["transition"] == "switch")
            + shift["first_generation"] * students["first_generation"])
    return np.clip(np.round(days), -120, 270).astype(int)


def _mean_grade(p: Mapping, prior: np.ndarray) -> np.ndarray:
    """The average final-exam grade of each student's prior education (NaN where none applies)."""
    return pd.Series(prior).map(p["exam_grade_mean"]).to_numpy(dtype=float)


def _exam_grade(rng: np.random.Generator, p: Mapping, students: Mapping) -> np.ndarray:
    """3. The final-exam grade of the prior education (NaN where it does not apply)."""
    grade_shift = p["exam_grade_shift"]
    mean = _mean_grade(p, students["prior_education"])
    grade = (mean + rng.normal(0, p["exam_grade_sd"], len(mean))
             + grade_shift["female"] * (students["gender"] == "female")
             + grade_shift["first_generation"] * students["first_generation"]
             + grade_shift["non-western"] * (students["migration_background"] == "non-western"))
    return np.round(np.clip(grade, 5.5, 9.5), 1)  # a diploma needs at least a 5.5


def _outcomes(rng: np.random.Generator, p: Mapping, students: Mapping) -> dict[str, np.ndarray]:
    """4. Outcomes after year 1: leaving higher education first, then switching; then the BSA."""
    n = len(students["gender"])
    centred_grade = np.nan_to_num(  # 0 where no grade applies
        students["exam_grade"] - _mean_grade(p, students["prior_education"]))
    late = students["application_days_before_deadline"] < 0
    dropout_he = rng.random(n) < _sigmoid(_dropout_logit(p, students, centred_grade, late))
    switch_chance = _sigmoid(_switch_logit(p, students, centred_grade, late))
    switched = ~dropout_he & (rng.random(n) < switch_chance)
    retained = ~dropout_he & ~switched
    outcome = np.select([retained, switched], ["retained", "switched"], "dropout_he")
    bsa = _draw_by(rng, p["bsa"], outcome, BSA)
    return {"bsa": bsa, "retained": retained, "switched": switched, "dropout_he": dropout_he}


def _dropout_logit(p: Mapping, students: Mapping, centred_grade: np.ndarray,
                   late: np.ndarray) -> np.ndarray:
    """The log-odds of leaving higher education in year 1."""
    prior, age = students["prior_education"], students["age"]
    return (pd.Series(prior).map(p["dropout_intercept"]).to_numpy()
            + p["dropout_male"] * (students["gender"] == "male")
            + p["dropout_per_grade"] * centred_grade
            + p["dropout_late_application"] * late
            + p["dropout_first_generation"] * students["first_generation"]
            + p["dropout_non_western"] * (students["migration_background"] == "non-western")
            + p["dropout_age_per_year"] * np.minimum(age - _base_age(p, prior), 10)
            + p["dropout_premaster"] * students["premaster"])


def _switch_logit(p: Mapping, students: Mapping, centred_grade: np.ndarray,
                  late: np.ndarray) -> np.ndarray:
    """The log-odds of switching programme, for those who stay in higher education."""
    migration = students["migration_background"]
    return (p["switch_intercept"]
            + pd.Series(migration).map({"none": 0.0, **p["switch_migration"]}).to_numpy()
            + p["switch_late_application"] * late
            + p["switch_male"] * (students["gender"] == "male")
            + p["switch_per_grade"] * centred_grade
            + p["switch_repeat"] * (students["transition"] == "switch"))
