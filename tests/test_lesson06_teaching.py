"""Lesson 06's teaching points on the shipped data: each test fails if the data or the code stop
showing what the lesson says.

The flags come from the kit (the model at the adviser's capacity); the rates, gaps and ratios the
lesson reads from them are recomputed here with pandas, and the stated numbers are looked up in the
committed lesson's own outputs.
"""

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from fairlearn_lite.bias_audit import flag_at_capacity
from fairlearn_lite.datasets import load_study_cohort
from fairlearn_lite.mitigation import reweighing_weights
from fairlearn_lite.models import split_cohort

ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "notebooks" / "06-bias-audit.ipynb"


@pytest.fixture(scope="module")
def setup():
    split = split_cohort(load_study_cohort(), outcome="retained", random_state=0)
    train, test = split.train, split.test
    rule = lambda f: (f["prior_education"] == "mbo") | (f["application_days_before_deadline"] < 0)  # noqa: E731
    capacity = float(rule(train).mean())
    model = flag_at_capacity(split.X_train, ~split.y_train, split.X_test, share=capacity)
    age = pd.cut(test["age"], [18, 20, 22, 25, np.inf], right=False,
                 labels=["18 to 19", "20 to 21", "22 to 24", "25 or more"]).astype(str)
    return {"split": split, "test": test.assign(age_band=age), "left": ~split.y_test,
            "process": rule(test).to_numpy(), "model": model.flagged, "capacity": capacity}


def fp_ratio(left, flagged, groups, reference) -> pd.Series:
    """False positives / group size per group, divided by the reference group's: by hand."""
    wrong = pd.Series(np.asarray(flagged) & ~np.asarray(left), index=groups.index)
    share = wrong.groupby(groups).mean()
    return share / share[reference]


def test_model_and_process_flag_about_the_same_share(setup):
    assert setup["capacity"] == pytest.approx(0.387, abs=0.001)
    assert abs(setup["model"].mean() - setup["process"].mean()) < 0.02


def test_older_students_are_wrongly_flagged_most_by_the_model(setup):
    ratios = fp_ratio(setup["left"], setup["model"], setup["test"]["age_band"], "18 to 19")
    assert ratios.drop("18 to 19").min() > 2.0
    assert ratios.idxmax() == "25 or more"


def test_the_model_is_fairer_for_some_groups_and_less_fair_for_others(setup):
    test, left = setup["test"], setup["left"]
    for column, reference, group, fairer in [
            ("migration_background", "none", "non-western", "model"),
            ("age_band", "18 to 19", "20 to 21", "model"),
            ("gender", "female", "male", "process"),
            ("age_band", "18 to 19", "25 or more", "process")]:
        distance = {name: abs(np.log(fp_ratio(left, setup[name], test[column], reference)[group]))
                    for name in ("process", "model")}
        assert min(distance, key=distance.get) == fairer, (column, group, distance)


def test_leaving_the_programme_differs_more_than_leaving_higher_education(setup):
    test = setup["test"]
    programme = setup["left"].groupby(test["migration_background"]).mean()
    higher = test["dropout_he"].groupby(test["migration_background"]).mean()
    assert 100 * (programme["non-western"] - programme["none"]) == pytest.approx(16.1, abs=0.05)
    assert 100 * (higher["non-western"] - higher["none"]) == pytest.approx(4.1, abs=0.05)


def test_the_he_outcome_widens_the_gap_in_wrong_flags(setup):
    split, test = setup["split"], setup["test"]
    he = flag_at_capacity(split.X_train, split.train["dropout_he"], split.X_test,
                          share=setup["capacity"])
    groups = test["migration_background"]
    programme = fp_ratio(setup["left"], setup["model"], groups, "none")["non-western"]
    higher = fp_ratio(test["dropout_he"], he.flagged, groups, "none")["non-western"]
    assert higher > programme + 0.15


def test_reweighing_hardly_moves_its_target_and_worsens_the_oldest(setup):
    split, test = setup["split"], setup["test"]
    weights = reweighing_weights(~split.y_train, sensitive_features=split.train["migration_background"])
    after = flag_at_capacity(split.X_train, ~split.y_train, split.X_test, share=setup["capacity"],
                             sample_weight=weights).flagged
    before_mb = fp_ratio(setup["left"], setup["model"], test["migration_background"], "none")
    after_mb = fp_ratio(setup["left"], after, test["migration_background"], "none")
    assert abs(after_mb["non-western"] - before_mb["non-western"]) < 0.1
    before_age = fp_ratio(setup["left"], setup["model"], test["age_band"], "18 to 19")
    after_age = fp_ratio(setup["left"], after, test["age_band"], "18 to 19")
    assert after_age["25 or more"] > before_age["25 or more"]


def _outputs(notebook) -> str:
    parts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            for kind in ("text/plain", "text/html"):
                parts.append("".join(output.get("data", {}).get(kind, "")))
    return "\n".join(parts)


def test_every_decimal_number_in_the_text_is_in_an_output():
    notebook = json.loads(LESSON.read_text())
    outputs = _outputs(notebook)
    text = "\n".join("".join(c["source"]) for c in notebook["cells"][2:]
                     if c["cell_type"] == "markdown" and "## Sources" not in "".join(c["source"]))
    numbers = set(re.findall(r"(?<![\w.])\d+\.\d+%?", text))
    assert numbers, "no numbers found"
    missing = sorted(n for n in numbers if n not in outputs)
    assert not missing, missing
