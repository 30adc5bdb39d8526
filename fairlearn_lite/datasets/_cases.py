"""Three smaller cases: a selective admission, an mbo dropout intake, a grant fraud check."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._validation import caller, check_positive_int, check_random_state, public
from ._parameters import Parameter, resolve

# --- the selective nursing programme ---------------------------------------------------------

SELECTION_PARAMETERS: dict[str, Parameter] = {
    "places": Parameter(126, "count", "sourced: the workshop's worked example",
                        "places in the programme"),
    "applicants": Parameter({"female": 120, "male": 50}, "count",
                            "sourced: the workshop's worked example", "applicants by gender"),
    "admitted": Parameter({"female": 96, "male": 30}, "count",
                          "sourced: the workshop's worked example", "admitted by gender"),
    "care_experience_years": Parameter({"female": 2.0, "male": 1.0}, "years", "assumed",
                                       "average years of experience in care"),
    "score_weights": Parameter({"prior_grade": 0.3, "care_experience": 0.2,
                                "motivation_letter": 0.2, "interview": 0.3}, "distribution", "assumed",
                               "weights of the four parts of the selection score"),
}


@public
def make_selection_case(
        *, random_state: int | np.random.Generator | np.random.RandomState | None = 0,
) -> pd.DataFrame:
    """The selective nursing programme: 170 applicants, 126 places, one row per applicant.

    120 women and 50 men apply; the 126 applicants with the highest selection score
    are admitted: 96 women and 30 men (selection rates 80% and 60%, a ratio of
    0.75, below four-fifths). The score combines the prior grade, years of
    experience in care, a motivation letter and an interview, as the programme in
    the workshop did. Women bring more care experience on average: a
    legitimate-looking criterion that differs by gender.

    Parameters
    ----------
    random_state : None, int >= 0, numpy Generator or RandomState, default 0
        Seed for the applicants' scores; every seed reproduces the same counts.

    Returns
    -------
    pandas.DataFrame
        ``applicant_id, gender, prior_grade, care_experience_years,
        motivation_letter, interview, selection_score`` (0-100), ``rank`` and
        ``admitted``.

    See Also
    --------
    load_selection_case : the shipped case, ``make_selection_case()``.

    Notes
    -----
    The applicants are drawn again (with seeds derived from ``random_state``)
    until the top 126 hold exactly 96 women and 30 men, so the case always
    reproduces the worked example.

    References
    ----------
    .. [1] The workshop's worked example of the four-fifths rule: 170
       applicants (120 women, 50 men), 126 places, 96 women and 30 men
       admitted. The parameters, with their sources, are in the kit's data
       card, ``data/README.md``, section 2.

    Examples
    --------
    >>> case = make_selection_case()
    >>> case.groupby("gender")["admitted"].agg(["size", "sum"])
            size  sum
    gender
    female   120   96
    male      50   30
    """
    p = {name: parameter.value for name, parameter in SELECTION_PARAMETERS.items()}
    seeds = check_random_state(random_state)
    for _ in range(10_000):
        frame = _draw_applicants(np.random.default_rng(seeds.integers(2**32)), p)
        order = frame.sort_values("selection_score", ascending=False, kind="stable")
        top = order.iloc[:p["places"]]
        clear_cut = order["selection_score"].iloc[p["places"] - 1] > \
            order["selection_score"].iloc[p["places"]]
        if clear_cut and (top["gender"].value_counts().to_dict() == p["admitted"]):
            break
    else:  # pragma: no cover - the loop succeeds within a few dozen draws
        raise RuntimeError("Could not draw a selection that matches the worked example.")
    frame["rank"] = frame["selection_score"].rank(ascending=False, method="first").astype(int)
    frame["admitted"] = frame["rank"] <= p["places"]
    return frame


def _draw_applicants(rng: np.random.Generator, p: Mapping) -> pd.DataFrame:
    gender = np.repeat(list(p["applicants"]), list(p["applicants"].values())).astype(object)
    n = len(gender)
    rng.shuffle(gender)
    experience = rng.gamma(2.0, pd.Series(gender).map(p["care_experience_years"]).to_numpy() / 2)
    frame = pd.DataFrame({
        "applicant_id": [f"A{i:03d}" for i in range(1, n + 1)],
        "gender": gender,
        "prior_grade": np.round(np.clip(rng.normal(7.0, 0.6, n), 5.5, 9.5), 1),
        "care_experience_years": np.round(experience, 1),
        "motivation_letter": rng.integers(4, 11, n),
        "interview": rng.integers(4, 11, n),
    })
    parts = {  # each part on a 0-10 scale
        "prior_grade": (frame["prior_grade"] - 5.5) / 4 * 10,
        "care_experience": np.minimum(frame["care_experience_years"], 5) * 2,
        "motivation_letter": frame["motivation_letter"],
        "interview": frame["interview"],
    }
    score = sum(p["score_weights"][name] * part for name, part in parts.items()) * 10
    frame["selection_score"] = np.round(score, 1)
    return frame


# --- mbo level 2 dropout ---------------------------------------------------------------------

MBO_PARAMETERS: dict[str, Parameter] = {
    "bol_dropout": Parameter(0.50, "probability",
                             "sourced: ~50% of bol level-2 students leave without a diploma",
                             "chance of leaving without a diploma, school-based pathway (bol)"),
    "bbl_dropout": Parameter(0.36, "probability",
                             "sourced: ~36% of bbl level-2 students leave without a diploma",
                             "chance of leaving without a diploma, work-based pathway (bbl)"),
    "share_bol": Parameter(0.36, "probability",
                           "derived: makes the overall rate 41% (sourced) from bol 50% and bbl 36%",
                           "share of students in the school-based pathway (bol)"),
    "migration_gap": Parameter(0.10, "probability",
                               "sourced: about 10 points higher with a migration background",
                               "extra dropout with a migration background (percentage points)"),
    "migration_background": Parameter({"none": 0.55, "western": 0.08, "non-western": 0.37},
                                      "distribution", "assumed", "migration background"),
    "team_spread": Parameter(0.06, "probability", "assumed",
                             "standard deviation of the team's effect on dropout"),
    "n_teams": Parameter(12, "count", "assumed", "number of education teams"),
}


def _letters(i: int) -> str:
    """A, B, ..., Z, AA, AB, ...: the name of the i-th team (counting from 0)."""
    return (_letters(i // 26 - 1) if i >= 26 else "") + chr(ord("A") + i % 26)


@public
def make_mbo_dropout(n_students: int = 3000, *,
                     random_state: int | np.random.Generator | np.random.RandomState | None = 0,
                     parameters: Mapping | None = None) -> pd.DataFrame:
    """An mbo level-2 intake: who leaves without a diploma, per education team.

    About 41% of level-2 students leave without a diploma: about 50% in the
    school-based pathway (bol) and 36% in the work-based pathway (bbl), with
    about 10 percentage points more for students with a migration background
    [1]_. Teams differ in composition and in their own effect, as on the
    dashboard of the mbo data coalition that showed predicted dropout per team.

    Parameters
    ----------
    n_students : int, default 3000
        Number of students, a whole number of at least 1.
    random_state : None, int >= 0, numpy Generator or RandomState, default 0
        Seed; the same seed gives the same intake. None draws a fresh one.
    parameters : dict, optional
        Values that replace named parameters, for example ``{"n_teams": 8}``
        or ``{"bol_dropout": 0.45}``; the data card lists every name with its
        value, kind and source. A parameter given per category takes a dict,
        and categories left out keep their default. Each value is checked
        against its kind. The dict is not changed.

    Returns
    -------
    pandas.DataFrame
        ``student_id, team, location, pathway`` ("bol"/"bbl"), ``gender, age,
        migration_background, prior_education`` (vmbo track), ``absence_rate``
        (share of lessons missed in the first 10 weeks) and ``dropout``.

    Raises
    ------
    TypeError, ValueError
        For an argument of the wrong type or out of range; the message names
        the argument (and the key inside ``parameters``) and what it must be.

    See Also
    --------
    load_mbo_dropout : the shipped intake, ``make_mbo_dropout()`` with its defaults.

    References
    ----------
    .. [1] National figures for mbo level 2: about 50% of bol and 36% of bbl
       students leave without a diploma (41% overall), about 10 points more
       with a migration background. The parameters, with their sources, are in
       the kit's data card, ``data/README.md``, section 3.

    Examples
    --------
    >>> mbo = make_mbo_dropout(200, random_state=1)
    >>> sorted(mbo["pathway"].unique())
    ['bbl', 'bol']
    >>> make_mbo_dropout(200, parameters={"n_teams": 4})["team"].nunique()
    4
    """
    func = caller()
    n = check_positive_int(n_students, name="n_students", func=func)
    p = resolve(MBO_PARAMETERS, parameters, func=func)
    rng = check_random_state(random_state, func=func)

    # The steps draw from rng in this order; the order is part of what a seed means.
    teams = _mbo_teams(rng, p)
    students = _mbo_students(rng, p, teams, n)
    absence = rng.beta(2, 12, n)  # share of lessons missed in the first 10 weeks
    dropout = rng.random(n) < _mbo_dropout_risk(p, teams, students, absence)
    return _mbo_frame(rng, teams, students, absence, dropout)


def _mbo_teams(rng: np.random.Generator, p: Mapping) -> dict[str, np.ndarray]:
    """Each team's name and location, share of the intake, share of bol, mix and own effect."""
    n_teams = int(p["n_teams"])
    locations = np.array(["Centrum", "Noord", "Zuid"], dtype=object)
    share = rng.dirichlet(np.full(n_teams, 4.0))
    bol = np.clip(rng.normal(p["share_bol"], 0.2, n_teams), 0.05, 0.95)
    migration = np.clip(rng.normal(0, 0.15, n_teams), -0.3, 0.3)  # shifts the share with none
    effect = rng.normal(0, p["team_spread"], n_teams)
    return {"name": np.array([f"team {_letters(i)}" for i in range(n_teams)], dtype=object),
            "location": locations[np.arange(n_teams) % len(locations)],
            "share": share, "bol": bol, "migration": migration, "effect": effect}


def _mbo_students(rng: np.random.Generator, p: Mapping, teams: Mapping,
                  n: int) -> dict[str, np.ndarray]:
    """Each student's team, pathway (bol or bbl) and migration background, given the team."""
    team = rng.choice(len(teams["share"]), size=n, p=teams["share"])
    bol = rng.random(n) < teams["bol"][team]
    shares = p["migration_background"]
    p_none = np.clip(shares["none"] - teams["migration"][team], 0.05, 0.95)
    u = rng.random(n)
    western_share = shares["western"] / (shares["western"] + shares["non-western"])
    migration = np.where(u < p_none, "none",
                         np.where(rng.random(n) < western_share, "western", "non-western"))
    return {"team": team, "bol": bol, "migration": migration}


def _mbo_dropout_risk(p: Mapping, teams: Mapping, students: Mapping,
                      absence: np.ndarray) -> np.ndarray:
    """The chance of leaving without a diploma: pathway, migration gap, team and absence."""
    # Centre the migration gap, so the pathway rates stay at their sourced values.
    base = np.where(students["bol"], p["bol_dropout"], p["bbl_dropout"])
    has_background = students["migration"] != "none"
    gap = p["migration_gap"] * (has_background - (1 - p["migration_background"]["none"]))
    team_effect = teams["effect"][students["team"]] - teams["effect"].mean()
    absence_effect = 0.8 * (absence - absence.mean())
    return np.clip(base + gap + team_effect + absence_effect, 0.01, 0.99)


def _mbo_frame(rng: np.random.Generator, teams: Mapping, students: Mapping,
               absence: np.ndarray, dropout: np.ndarray) -> pd.DataFrame:
    """The table; gender, age and prior education play no part in dropout and are drawn last."""
    n, team, bol = len(dropout), students["team"], students["bol"]
    gender = np.where(rng.random(n) < 0.45, "female", "male").astype(object)
    age = (16 + rng.poisson(1.5, n) + np.where(bol, 0, rng.poisson(3, n))).astype(int)
    prior_education = rng.choice(np.array(["vmbo basis", "vmbo kader", "entree", "other"],
                                          dtype=object), size=n, p=[0.55, 0.2, 0.15, 0.1])
    return pd.DataFrame({
        "student_id": [f"M{i:05d}" for i in range(1, n + 1)],
        "team": teams["name"][team],
        "location": teams["location"][team],
        "pathway": np.where(bol, "bol", "bbl").astype(object),
        "gender": gender,
        "age": age,
        "migration_background": students["migration"].astype(object),
        "prior_education": prior_education,
        "absence_rate": np.round(absence, 3),
        "dropout": dropout,
    })


# --- the student-grant fraud check -------------------------------------------------------------

GRANT_PARAMETERS: dict[str, Parameter] = {
    "origin": Parameter({"Dutch": 0.70, "European": 0.08, "non-European": 0.22}, "distribution",
                        "sourced: non-European students were 22% of recipients (2014); rest assumed",
                        "origin of grant recipients living away from their parents"),
    "education_type": Parameter({
        "Dutch": {"mbo": 0.35, "hbo": 0.40, "wo": 0.25},
        "European": {"mbo": 0.25, "hbo": 0.40, "wo": 0.35},
        "non-European": {"mbo": 0.45, "hbo": 0.33, "wo": 0.22},
    }, "distribution", "assumed", "type of education by origin"),
    "distance_median_km": Parameter({"Dutch": 35.0, "European": 60.0, "non-European": 27.0},
                                    "km",
                                    "assumed; students with a migration background more often "
                                    "live near their parents (PwC 2024, qualitatively)",
                                    "median distance to the parents' address"),
    "desk_selection": Parameter(
        {"low migration share": 0.05, "high migration share": 0.56}, "probability",
        "calibrated to the 2014 aggregates (63% of those selected non-European; selection "
        "3.67% vs 0.59%)",
        "chance that staff select a top-category student for a visit, by neighbourhood"),
    "breach": Parameter({"Dutch": 0.13, "European": 0.13, "non-European": 0.47}, "probability",
                        "calibrated to the 2014 aggregate (86% of breaches non-European); how "
                        "visits were judged was itself disputed",
                        "chance that a visit concludes 'in breach'"),
}


@public
def make_grant_check(n_students: int = 20000, *,
                     random_state: int | np.random.Generator | np.random.RandomState | None = 0,
                     parameters: Mapping | None = None) -> pd.DataFrame:
    """The student-grant home-visit check (2012-2023), as synthetic recipients.

    A risk profile gave points for three criteria that looked neutral: type of
    education (mbo most), distance to the parents' address (closer, more) and
    age. Staff then went down the list from the highest risk category and chose
    whom to visit; a visit concluded whether the student really lived away from
    home. Origin was never used, yet it shaped every stage. The generator
    reproduces the shape of the 2014 aggregates [1]_: non-European students
    about 22% of recipients, 36% of the highest risk category, 63% of those
    selected and 86% of those found in breach.

    Parameters
    ----------
    n_students : int, default 20000
        Number of grant recipients, a whole number of at least 1.
    random_state : None, int >= 0, numpy Generator or RandomState, default 0
        Seed; the same seed gives the same recipients. None draws a fresh one.
    parameters : dict, optional
        Values that replace named parameters, for example
        ``{"desk_selection": {"high migration share": 0.05}}``; the data card
        lists every name with its value, kind and source. A parameter given
        per category takes a dict, and categories left out keep their default.
        Each value is checked against its kind. The dict is not changed.

    Returns
    -------
    pandas.DataFrame
        ``student_id, origin`` ("Dutch", "European", "non-European"),
        ``education_type`` ("mbo", "hbo", "wo"), ``distance_to_parents_km,
        age, neighbourhood`` ("high migration share"/"low migration share"),
        ``risk_points`` (0-9), ``risk_category`` (1-6), ``selected_for_visit``
        and ``found_in_breach`` (False when not visited).

    Raises
    ------
    TypeError, ValueError
        For an argument of the wrong type or out of range; the message names
        the argument (and the key inside ``parameters``) and what it must be.

    See Also
    --------
    load_grant_check : the shipped recipients, ``make_grant_check()`` with its defaults.

    References
    ----------
    .. [1] The published 2014 aggregates of the check: non-European students
       were 22% of recipients, 36% of the highest risk group, 63% of those
       selected and 86% of those found in breach; 3.67% of non-European and
       0.59% of Dutch-origin recipients were selected. The parameters, with
       their sources (among them PwC 2024, qualitatively, for the distance to
       the parents), are in the kit's data card, ``data/README.md``, section 4.

    Examples
    --------
    >>> grants = make_grant_check(2000, random_state=1)
    >>> int(grants["risk_category"].min()), int(grants["risk_category"].max())
    (1, 6)
    >>> bool(grants.loc[~grants["selected_for_visit"], "found_in_breach"].any())
    False
    """
    func = caller()
    n = check_positive_int(n_students, name="n_students", func=func)
    p = resolve(GRANT_PARAMETERS, parameters, func=func)
    rng = check_random_state(random_state, func=func)

    # The steps draw from rng in this order; the order is part of what a seed means.
    recipients = _grant_recipients(rng, p, n)
    points, category = _risk_profile(recipients)
    selected, breach = _desk_and_visit(rng, p, recipients, category)
    return pd.DataFrame({
        "student_id": [f"G{i:06d}" for i in range(1, n + 1)],
        **recipients,
        "risk_points": points.astype(int),
        "risk_category": category.astype(int),
        "selected_for_visit": selected,
        "found_in_breach": breach,
    })


def _grant_recipients(rng: np.random.Generator, p: Mapping, n: int) -> dict[str, np.ndarray]:
    """Who receives the grant: origin, then education, distance, age and neighbourhood."""
    origins = list(p["origin"])
    origin = np.asarray(origins, dtype=object)[rng.choice(len(origins), size=n,
                                                          p=list(p["origin"].values()))]
    education = np.empty(n, dtype=object)
    for name in origins:
        rows = origin == name
        types = p["education_type"][name]
        education[rows] = rng.choice(np.asarray(list(types), dtype=object), size=rows.sum(),
                                     p=list(types.values()))
    median = pd.Series(origin).map(p["distance_median_km"]).to_numpy()
    distance = np.round(np.clip(median * rng.lognormal(0, 0.9, n), 0.5, 300), 1)
    age = (np.select([education == "mbo", education == "hbo"], [18, 19], 19)
           + rng.poisson(2.0, n)).astype(int)
    high_share = rng.random(n) < np.where(origin == "non-European", 0.70, 0.15)
    neighbourhood = np.where(high_share, "high migration share", "low migration share")
    return {"origin": origin, "education_type": education, "distance_to_parents_km": distance,
            "age": age, "neighbourhood": neighbourhood.astype(object)}


def _risk_profile(recipients: Mapping) -> tuple[np.ndarray, np.ndarray]:
    """The risk profile: points for three criteria (the exact points are assumed), a category."""
    education = recipients["education_type"]
    distance, age = recipients["distance_to_parents_km"], recipients["age"]
    points = (pd.Series(education).map({"mbo": 3, "hbo": 2, "wo": 1}).to_numpy()
              + np.select([distance < 5, distance < 15, distance < 30, distance < 60],
                          [4, 3, 2, 1], 0)
              + np.select([age <= 20, age <= 23], [2, 1], 0))
    category = np.digitize(points, [3, 4, 5, 6, 8]) + 1  # 1 (lowest) .. 6 (highest)
    return points, category


def _desk_and_visit(rng: np.random.Generator, p: Mapping, recipients: Mapping,
                    category: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Staff work down the list from category 6 and choose whom to visit; a visit concludes."""
    n = len(category)
    chance = pd.Series(recipients["neighbourhood"]).map(p["desk_selection"]).to_numpy()
    selected = rng.random(n) < chance * (category == 6)
    in_breach = rng.random(n) < pd.Series(recipients["origin"]).map(p["breach"]).to_numpy()
    return selected, selected & in_breach
