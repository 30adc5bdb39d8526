"""The synthetic datasets: the contract, the calibrated mechanisms, the shipped files, bad input."""

import ast
import copy
import inspect
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

import fairlearn_lite as fl
import fairlearn_lite.datasets as datasets
from fairlearn_lite.datasets import (
    build,
    load_grant_check,
    load_mbo_dropout,
    load_selection_case,
    load_study_cohort,
    make_grant_check,
    make_mbo_dropout,
    make_selection_case,
    make_study_cohort,
)
from fairlearn_lite.datasets._cohort import COHORT_PARAMETERS, SCENARIO_PARAMETERS
from fairlearn_lite.datasets._parameters import check_parameter

COHORT_COLUMNS = [
    "student_id", "gender", "age", "migration_background", "first_generation", "prior_education",
    "transition", "application_days_before_deadline", "exam_grade", "premaster", "bsa",
    "retained", "switched", "dropout_he",
]


@pytest.fixture(scope="module")
def large_cohort():
    return make_study_cohort(100_000, random_state=7)


@pytest.fixture(scope="module")
def cohort():
    return load_study_cohort()


# --- the contract ---------------------------------------------------------------------------

def test_cohort_columns_and_values_are_the_contract(cohort):
    assert list(cohort.columns) == COHORT_COLUMNS
    assert len(cohort) == 5000 and cohort["student_id"].is_unique
    assert set(cohort["gender"]) == {"female", "male"}
    assert set(cohort["migration_background"]) == {"none", "western", "non-western"}
    assert set(cohort["prior_education"]) == {"mbo", "havo", "vwo", "foreign diploma",
                                              "higher education", "21+ test"}
    assert set(cohort["transition"]) == {"direct", "gap year", "switch", "second study"}
    assert set(cohort["bsa"]) == {"positive", "negative", "postponed"}
    for column in ["first_generation", "premaster", "retained", "switched", "dropout_he"]:
        assert cohort[column].dtype == bool
    assert cohort["age"].between(17, 70).all()
    grades = cohort["exam_grade"]
    has_grade = cohort["prior_education"].isin(["mbo", "havo", "vwo"])
    assert grades[has_grade].between(1, 10).all() and grades[~has_grade].isna().all()


def test_outcomes_exclude_each_other_and_follow_the_bsa(cohort):
    outcomes = cohort[["retained", "switched", "dropout_he"]].sum(axis=1)
    assert (outcomes == 1).all()
    assert not (cohort["retained"] & (cohort["bsa"] == "negative")).any()
    assert cohort["premaster"].sum() > 0
    assert (cohort.loc[cohort["premaster"], "prior_education"] == "higher education").all()


def test_same_seed_same_cohort_other_seed_other_cohort():
    pd.testing.assert_frame_equal(make_study_cohort(500, random_state=3),
                                  make_study_cohort(500, random_state=3))
    assert not make_study_cohort(500, random_state=3).equals(make_study_cohort(500, random_state=4))


# --- the mechanisms the realistic cohort must show --------------------------------------------

def test_dropout_is_calibrated_on_the_public_figures(large_cohort):
    dropout = large_cohort["dropout_he"]
    assert 0.145 <= dropout.mean() <= 0.165  # hbo first-year dropout ~15-16%
    by_prior = dropout.groupby(large_cohort["prior_education"]).mean()
    assert by_prior["mbo"] > by_prior["havo"] > by_prior["vwo"]
    assert by_prior["mbo"] == pytest.approx(0.215, abs=0.015)
    assert by_prior["havo"] == pytest.approx(0.127, abs=0.015)
    assert by_prior["vwo"] == pytest.approx(0.068, abs=0.015)
    by_gender = dropout.groupby(large_cohort["gender"]).mean()
    assert by_gender["male"] == pytest.approx(0.182, abs=0.015)
    assert by_gender["female"] == pytest.approx(0.134, abs=0.015)


def test_the_outcome_definition_changes_the_measured_bias(large_cohort, cohort):
    for data in [large_cohort, cohort]:
        background = data["migration_background"]
        left_programme = (~data["retained"]).groupby(background).mean()
        left_higher_education = data["dropout_he"].groupby(background).mean()
        assert left_programme["non-western"] - left_programme["none"] >= 0.10
        assert abs(left_higher_education["non-western"] - left_higher_education["none"]) <= 0.04


def unaware_model_predictions(data, seed=0):
    """A logistic regression that never sees gender or migration background."""
    features = ["age", "prior_education", "transition", "application_days_before_deadline",
                "exam_grade", "premaster"]
    X_train, X_test, y_train, _, _, test = train_test_split(
        data[features], data["retained"], data, test_size=0.3, random_state=seed)
    model = make_pipeline(
        make_column_transformer(
            (OneHotEncoder(handle_unknown="ignore"), ["prior_education", "transition"]),
            (make_pipeline(SimpleImputer(strategy="median"), StandardScaler()),
             ["age", "application_days_before_deadline", "exam_grade"]),
            remainder="passthrough"),
        LogisticRegression(max_iter=1000))
    model.fit(X_train, y_train)
    return model.predict(X_test), test


def test_fairness_through_unawareness_fails(cohort, large_cohort):
    for data in [cohort, large_cohort]:
        predictions, test = unaware_model_predictions(data)
        background = test["migration_background"]
        rows = background.isin(["none", "non-western"])
        ratio = fl.demographic_parity_ratio(test["retained"][rows], predictions[rows],
                                            sensitive_features=background[rows])
        assert ratio < 0.9


def test_scenarios_differ_in_the_planted_effect():
    def gap(scenario):
        data = make_study_cohort(60_000, scenario=scenario, random_state=11)
        rates = (~data["retained"]).groupby(data["migration_background"]).mean()
        return rates["non-western"] - rates["none"]

    no_bias, realistic, strong = gap("no_bias"), gap("realistic"), gap("strong_bias")
    assert no_bias < realistic < strong
    assert strong >= 0.25


def test_no_bias_means_no_direct_effect_given_the_legitimate_features():
    data = make_study_cohort(80_000, scenario="no_bias", random_state=12)
    X = pd.get_dummies(data[["prior_education", "transition"]], drop_first=True).astype(float)
    X["male"] = (data["gender"] == "male").astype(float)
    X["non_western"] = (data["migration_background"] == "non-western").astype(float)
    X["western"] = (data["migration_background"] == "western").astype(float)
    X["grade"] = (data["exam_grade"] - data.groupby("prior_education")["exam_grade"]
                  .transform("mean")).fillna(0)
    X["late"] = (data["application_days_before_deadline"] < 0).astype(float)
    X["first_generation"] = data["first_generation"].astype(float)
    X["age"] = data["age"]
    X["premaster"] = data["premaster"].astype(float)
    model = LogisticRegression(max_iter=2000).fit(X, data["dropout_he"])
    coefficients = dict(zip(X.columns, model.coef_[0], strict=True))
    for sensitive in ["male", "non_western", "western", "first_generation"]:
        assert abs(coefficients[sensitive]) < 0.1, (sensitive, coefficients[sensitive])
    assert coefficients["grade"] < -0.8  # the legitimate features still matter


# --- the three cases -----------------------------------------------------------------------------

def test_selection_case_reproduces_the_worked_example():
    case = load_selection_case()
    assert len(case) == 170
    counts = case.groupby("gender")["admitted"].agg(["size", "sum"])
    assert counts.loc["female"].tolist() == [120, 96]
    assert counts.loc["male"].tolist() == [50, 30]
    admitted = case[case["admitted"]]["selection_score"]
    assert admitted.min() > case[~case["admitted"]]["selection_score"].max()
    result = fl.four_fifths_rule(counts["sum"], counts["size"])
    assert result.table.loc["male", "shortfall"] == 2


def test_mbo_dropout_matches_the_sourced_rates():
    mbo = make_mbo_dropout(100_000, random_state=5)
    assert mbo["dropout"].mean() == pytest.approx(0.41, abs=0.025)
    by_pathway = mbo.groupby("pathway")["dropout"].mean()
    assert by_pathway["bol"] == pytest.approx(0.50, abs=0.025)
    assert by_pathway["bbl"] == pytest.approx(0.36, abs=0.025)
    with_background = mbo.groupby(mbo["migration_background"] != "none")["dropout"].mean()
    assert with_background[True] - with_background[False] == pytest.approx(0.10, abs=0.03)
    by_team = mbo.groupby("team")["dropout"].mean()
    assert len(by_team) == 12 and by_team.max() - by_team.min() > 0.10


def test_grant_check_reproduces_the_shape_of_the_2014_aggregates():
    grants = make_grant_check(300_000, random_state=9)
    non_european = grants["origin"] == "non-European"
    assert non_european.mean() == pytest.approx(0.22, abs=0.01)
    assert non_european[grants["risk_category"] == 6].mean() == pytest.approx(0.36, abs=0.03)
    assert non_european[grants["selected_for_visit"]].mean() == pytest.approx(0.63, abs=0.04)
    assert non_european[grants["found_in_breach"]].mean() == pytest.approx(0.86, abs=0.03)
    rates = grants.groupby("origin")["selected_for_visit"].mean()
    assert rates["non-European"] == pytest.approx(0.0367, abs=0.004)
    assert rates["Dutch"] == pytest.approx(0.0059, abs=0.0015)
    assert not (grants["found_in_breach"] & ~grants["selected_for_visit"]).any()


# --- shipped files ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(build.GENERATORS))
def test_shipped_csv_is_what_the_generator_makes(name):
    shipped = (build.Path(__file__).resolve().parents[1] / "data" / build.FILES[name]).read_text()
    assert shipped == build.csv_text(build.GENERATORS[name]()), \
        f"data/{build.FILES[name]} is out of date: run `make data`"


@pytest.mark.parametrize(("load", "make"), [
    (load_study_cohort, make_study_cohort), (load_selection_case, make_selection_case),
    (load_mbo_dropout, make_mbo_dropout), (load_grant_check, make_grant_check)])
def test_loaders_return_the_generated_frames(load, make):
    pd.testing.assert_frame_equal(load(), make())


def test_data_card_tables_are_current():
    card = (build.Path(__file__).resolve().parents[1] / "data" / "README.md").read_text()
    assert card == build.card_with_tables(card), "data/README.md is out of date: run `make data`"
    assert "synthetic" in card and "CC0" in card
    for parameters in build.PARAMETER_TABLES.values():
        for parameter_name, parameter in parameters.items():
            assert f"`{parameter_name}`" in card
            assert parameter.source.startswith(("sourced", "assumed", "calibrated", "derived",
                                                "planted", "set to 0"))


# --- bad input -------------------------------------------------------------------------------------

SIZED_GENERATORS = [make_study_cohort, make_mbo_dropout, make_grant_check]
ALL_GENERATORS = [*SIZED_GENERATORS, make_selection_case]


@pytest.mark.parametrize("make", SIZED_GENERATORS)
def test_bad_number_of_students(make):
    with pytest.raises(ValueError, match=r"'n_students'.*at least 1; got 0"):
        make(0)
    with pytest.raises(ValueError, match=r"'n_students'.*got -5"):
        make(-5)
    with pytest.raises(TypeError, match=r"'n_students'.*whole number.*2.5"):
        make(2.5)


@pytest.mark.parametrize("make", SIZED_GENERATORS)
@pytest.mark.parametrize("n_students", [10.0, True, "100", None, np.float64(20)])
def test_number_of_students_must_be_an_int(make, n_students):
    name, shown = make.__name__, repr(getattr(n_students, "item", lambda: n_students)())
    with pytest.raises(TypeError, match=rf"The 'n_students' parameter of {name} must be a whole "
                                        rf"number \(an int\); got {re.escape(shown)}"):
        make(n_students)


@pytest.mark.parametrize("make", SIZED_GENERATORS)
def test_a_numpy_integer_is_a_fine_number_of_students(make):
    assert len(make(np.int64(30))) == 30


@pytest.mark.parametrize("make", ALL_GENERATORS)
@pytest.mark.parametrize(("random_state", "error"), [
    ("abc", TypeError), (1.5, TypeError), (True, TypeError), ([1, 2], TypeError),
    (-1, ValueError)])
def test_bad_random_state_names_the_parameter(make, random_state, error):
    name = make.__name__
    with pytest.raises(error, match=rf"The 'random_state' parameter of {name} must be None, a "
                                    r"whole number >= 0, or a numpy Generator or RandomState; "
                                    rf"got {re.escape(repr(random_state))} instead"):
        make(random_state=random_state)


def test_random_state_accepts_none_ints_and_numpy_generators():
    same = make_study_cohort(50, random_state=3)
    pd.testing.assert_frame_equal(make_study_cohort(50, random_state=np.int64(3)), same)
    pd.testing.assert_frame_equal(make_study_cohort(50, random_state=np.random.default_rng(3)),
                                  same)
    pd.testing.assert_frame_equal(make_study_cohort(50, random_state=np.random.RandomState(3)),
                                  make_study_cohort(50, random_state=np.random.RandomState(3)))
    assert len(make_study_cohort(50, random_state=None)) == 50
    assert len(make_selection_case(random_state=np.random.default_rng(1))) == 170


def test_unknown_scenario_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"'scenario'.*'realistic', 'strong_bias', 'no_bias'.*"
                                         r"got 'fair'"):
        make_study_cohort(10, scenario="fair")


def test_rate_parameters_outside_zero_one():
    with pytest.raises(ValueError, match=r"'share_female' = 1.2; it must be a probability in "
                                         r"\[0, 1\]"):
        make_study_cohort(10, parameters={"share_female": 1.2})
    with pytest.raises(ValueError, match=r"'bol_dropout' = -0.1; it must be a probability"):
        make_mbo_dropout(10, parameters={"bol_dropout": -0.1})
    with pytest.raises(ValueError, match=r"'first_generation\['none'\]' = 2; it must be a "
                                         r"probability in \[0, 1\]"):
        make_study_cohort(10, parameters={"first_generation": {"none": 2}})
    with pytest.raises(ValueError, match=r"'migration_background'.*add up to 1"):
        make_study_cohort(10, parameters={"migration_background": {"none": 0.9}})
    with pytest.raises(ValueError, match=r"unknown parameter.*'share_women'"):
        make_study_cohort(10, parameters={"share_women": 0.5})


def test_a_nan_spread_is_refused_instead_of_giving_absurd_dates():
    # Before: application dates of -9.2e18 days (NaN cast to int), without any error.
    with pytest.raises(ValueError, match=r"^The 'parameters' parameter of make_study_cohort has "
                                         r"'application_sd_days' = nan; it must be a standard "
                                         r"deviation: a finite number >= 0\.$"):
        make_study_cohort(10, parameters={"application_sd_days": float("nan")})


def test_a_number_where_a_value_per_category_is_expected():
    # Before: "'int' object is not callable", from deep inside pandas.
    with pytest.raises(TypeError, match=r"^The 'parameters' parameter of make_grant_check has "
                                        r"'distance_median_km' = -5; it must be a positive "
                                        r"number \(km\) for each of 'Dutch', 'European', "
                                        r"'non-European', given as a dict such as \{'Dutch': "):
        make_grant_check(10, parameters={"distance_median_km": -5})
    with pytest.raises(ValueError, match=r"^The 'parameters' parameter of make_grant_check has "
                                         r"'distance_median_km\['Dutch'\]' = -5; it must be a "
                                         r"positive number \(km\)\.$"):
        make_grant_check(10, parameters={"distance_median_km": {"Dutch": -5}})


@pytest.mark.parametrize(("make", "parameters", "error", "message"), [
    (make_study_cohort, {"application_sd_days": -1}, ValueError,
     r"'application_sd_days' = -1; it must be a standard deviation"),
    (make_study_cohort, {"exam_grade_sd": float("inf")}, ValueError,
     r"'exam_grade_sd' = inf; it must be a standard deviation"),
    (make_study_cohort, {"application_mean_days": float("inf")}, ValueError,
     r"'application_mean_days' = inf; it must be a finite number of days"),
    (make_study_cohort, {"application_shift_days": {"male": float("nan")}}, ValueError,
     r"'application_shift_days\['male'\]' = nan; it must be a finite number of days"),
    (make_study_cohort, {"dropout_male": float("nan")}, ValueError,
     r"'dropout_male' = nan; it must be a finite number \(log-odds\)"),
    (make_study_cohort, {"dropout_male": "0.2"}, TypeError,
     r"'dropout_male' = '0.2'; it must be a finite number \(log-odds\), not a str"),
    (make_study_cohort, {"share_female": True}, TypeError,
     r"'share_female' = True; it must be a probability in \[0, 1\], not a bool"),
    (make_study_cohort, {"share_female": {"female": 0.5}}, TypeError,
     r"'share_female' = \{'female': 0.5\}; it must be a probability in \[0, 1\], not a dict"),
    (make_study_cohort, {"exam_grade_mean": {"mbo": 11}}, ValueError,
     r"'exam_grade_mean\['mbo'\]' = 11; it must be a grade on the Dutch scale, in \[1, 10\]"),
    (make_study_cohort, {"exam_grade_shift": {"female": float("nan")}}, ValueError,
     r"'exam_grade_shift\['female'\]' = nan; it must be a finite number of grade points"),
    (make_study_cohort, {"base_age": {"mbo": -1}}, ValueError,
     r"'base_age\['mbo'\]' = -1; it must be a finite number of years >= 0"),
    (make_study_cohort, {"first_generation": 0.5}, TypeError,
     r"'first_generation' = 0.5; it must be a probability in \[0, 1\] for each of 'none', "
     r"'western', 'non-western', given as a dict"),
    (make_study_cohort, {"first_generation": {"nonee": 0.3}}, ValueError,
     r"an unknown key 'nonee' in 'first_generation'; valid keys are 'none', 'western', "
     r"'non-western'"),
    (make_study_cohort, {"prior_education": {"none": 0.5}}, TypeError,
     r"'prior_education\['none'\]' = 0.5; it must be a distribution"),
    (make_study_cohort, {"prior_education": {"none": {"mbo": 0.5, "hbo": 0.5}}}, ValueError,
     r"an unknown key 'hbo' in 'prior_education\['none'\]'; valid keys are 'mbo', 'havo'"),
    (make_study_cohort, {"prior_education": {"none": {"mbo": 0.5}}}, ValueError,
     r"'prior_education\['none'\]' = \{'mbo': 0.5\}; it must be a distribution: shares in "
     r"\[0, 1\] that add up to 1; these add up to 0.5"),
    (make_study_cohort, {"bsa": {"retained": {"positive": float("nan")}}}, ValueError,
     r"'bsa\['retained'\]\['positive'\]' = nan; it must be a share in \[0, 1\]"),
    (make_mbo_dropout, {"n_teams": 2.5}, TypeError,
     r"'n_teams' = 2.5; it must be a whole number \(an int\) >= 1, not a float"),
    (make_mbo_dropout, {"n_teams": 0}, ValueError,
     r"'n_teams' = 0; it must be a whole number \(an int\) >= 1"),
    (make_mbo_dropout, {"migration_background": {"none": 0.5}}, ValueError,
     r"'migration_background' = \{'none': 0.5, 'western': 0.08, 'non-western': 0.37\}; it must "
     r"be a distribution: shares in \[0, 1\] that add up to 1; these add up to 0.95 \(keys "
     r"not given keep their default: 'western', 'non-western'\)"),
    (make_grant_check, {"desk_selection": {"high migration share": -0.1}}, ValueError,
     r"'desk_selection\['high migration share'\]' = -0.1; it must be a probability"),
    (make_grant_check, {"education_type": {"Dutch": {"mbo": 1.0}, "Danish": {"mbo": 1.0}}},
     ValueError, r"an unknown key 'Danish' in 'education_type'; valid keys are 'Dutch', "
                 r"'European', 'non-European'"),
])
def test_every_parameter_is_checked_by_its_kind(make, parameters, error, message):
    with pytest.raises(error, match=rf"^The 'parameters' parameter of {make.__name__} has "
                                    + message):
        make(10, parameters=parameters)


@pytest.mark.parametrize("make", SIZED_GENERATORS)
def test_parameters_must_be_a_dict_with_known_names(make):
    name = make.__name__
    with pytest.raises(TypeError, match=rf"The 'parameters' parameter of {name} must be a dict "
                                        r"of parameter names to values; got list instead"):
        make(10, parameters=[("share_female", 0.5)])
    with pytest.raises(ValueError, match=rf"The 'parameters' parameter of {name} names unknown "
                                         r"parameter\(s\) \[1, 'x'\]; valid names are \["):
        make(10, parameters={1: 0.5, "x": 0.5})


def test_valid_overrides_are_used_and_partial_dicts_keep_the_other_defaults():
    nobody = make_study_cohort(500, parameters={"first_generation": {"none": 0.0}})
    assert not nobody.loc[nobody["migration_background"] == "none", "first_generation"].any()
    assert nobody.loc[nobody["migration_background"] != "none", "first_generation"].any()
    only_mbo = make_grant_check(300, parameters={"education_type": {"Dutch": {"mbo": 1.0}}})
    assert (only_mbo.loc[only_mbo["origin"] == "Dutch", "education_type"] == "mbo").all()
    assert make_study_cohort(200, parameters={"exam_grade_sd": 0}).notna().any().all()


def test_more_than_26_teams_get_distinct_names():
    mbo = make_mbo_dropout(2000, parameters={"n_teams": 30}, random_state=2)
    teams = mbo["team"].unique()
    assert len(teams) == 30 and all(team[5:].isalpha() for team in teams)


def test_generators_never_change_the_callers_parameters_or_the_defaults():
    parameters = {"first_generation": {"none": 0.1},
                  "prior_education": {"none": {"mbo": 0.5, "havo": 0.5}},
                  "application_shift_days": {"male": -5}}
    before = copy.deepcopy(parameters)
    defaults = copy.deepcopy(COHORT_PARAMETERS)
    make_study_cohort(50, parameters=parameters)
    assert parameters == before
    assert COHORT_PARAMETERS == defaults


@pytest.mark.parametrize("table", [*build.PARAMETER_TABLES.values(),
                                   *SCENARIO_PARAMETERS.values()])
def test_every_default_passes_its_own_check(table):
    for name, parameter in table.items():
        check_parameter(name, parameter, parameter.value, func="test")


def test_parameters_change_the_data():
    women = make_study_cohort(20_000, parameters={"share_female": 0.8}, random_state=1)
    assert (women["gender"] == "female").mean() == pytest.approx(0.8, abs=0.01)
    more = make_mbo_dropout(20_000, parameters={"bbl_dropout": 0.2, "bol_dropout": 0.3})
    assert more["dropout"].mean() < 0.3


# --- readable code -----------------------------------------------------------------------------

def function_lengths(folder):
    """(file, function, lines) for every function, counted without its docstring."""
    for path in sorted(Path(folder).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if ast.get_docstring(node) is not None:
                    lines -= node.body[0].end_lineno - node.body[0].lineno + 1
                yield path.name, node.name, lines


def test_no_function_in_datasets_is_longer_than_40_lines():
    folder = Path(__file__).resolve().parents[1] / "fairlearn_lite" / "datasets"
    too_long = [(f, name, n) for f, name, n in function_lengths(folder) if n > 40]
    assert not too_long, f"split these into named steps: {too_long}"


PUBLIC_MODULES = [datasets, build]


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda m: m.__name__)
def test_public_modules_declare_all(module):
    assert hasattr(module, "__all__"), f"{module.__name__} has no __all__"
    for name in module.__all__:
        assert hasattr(module, name), f"{module.__name__}.__all__ names missing {name!r}"


def public_functions():
    for module in PUBLIC_MODULES:
        for name in getattr(module, "__all__", []):
            if inspect.isfunction(getattr(module, name)):
                yield module, getattr(module, name)


@pytest.mark.parametrize(("module", "function"), list(public_functions()),
                         ids=lambda x: getattr(x, "__name__", ""))
def test_public_functions_have_a_numpydoc_docstring_with_an_example(module, function):
    doc = inspect.getdoc(function) or ""
    sections = ["Returns\n-------", "Examples\n--------"]
    if inspect.signature(function).parameters:
        sections.append("Parameters\n----------")
    if module is datasets:  # where the numbers come from
        sections.append("References\n----------")
    for section in sections:
        assert section in doc, f"{function.__name__}: no {section.splitlines()[0]} section"
    assert ">>> " in doc.split("Examples\n--------")[1], f"{function.__name__}: no doctest"


def test_shipped_audit_example_is_what_the_generator_makes():
    from fairlearn_lite.datasets._example import dutch_csv_text, make_audit_example

    shipped = (build.Path(__file__).resolve().parents[1] / "data" / build.EXAMPLE_FILE).read_text()
    assert shipped == dutch_csv_text(make_audit_example()), \
        f"data/{build.EXAMPLE_FILE} is out of date: run `make data`"


def test_audit_example_reads_back_with_decimal_commas():
    from fairlearn_lite.audit import read_table
    from fairlearn_lite.datasets._example import make_audit_example

    shipped = read_table(build.Path(__file__).resolve().parents[1] / "data" / build.EXAMPLE_FILE)
    expected = make_audit_example()
    pd.testing.assert_frame_equal(shipped, expected)
    assert set(shipped["dropout"]) == {"yes", "no"} and shipped["risk"].between(0, 1).all()
