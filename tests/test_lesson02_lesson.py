"""Lesson 02's teaching points, pinned: each test fails if the data or the code stop showing it.

Reference values come from the workshop's worked examples, from hand counts, and from
scikit-learn's metrics on the lesson's own predictions (never from the kit's rate code).
"""

import re
from functools import lru_cache
from pathlib import Path

import nbformat
import numpy as np
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix, precision_score, recall_score

import fairlearn_lite as fl
from fairlearn_lite.datasets import load_mbo_dropout, load_study_cohort
from fairlearn_lite.exercises import lesson02 as ex
from fairlearn_lite.exercises.build import exercise_name, student_notebook
from fairlearn_lite.models import out_of_fold_scores, prognosis_pipeline, split_cohort
from fairlearn_lite.operating_point import choose_cutoff

ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "notebooks" / "02-confusion-matrices.ipynb"
SOLUTION = ROOT / "solutions" / "02-confusion-matrices.ipynb"


@lru_cache(maxsize=1)
def lesson_model():
    """What the lesson computes: test scores, out-of-fold training scores, the base-rate cut-off."""
    split = split_cohort(load_study_cohort(), outcome="bsa", random_state=0)
    model = prognosis_pipeline("logistic").fit(split.X_train, split.y_train)
    scores = model.predict_proba(split.X_test)[:, 1]
    oof = out_of_fold_scores("logistic", split.X_train, split.y_train)
    return split, scores, oof, choose_cutoff(split.y_train, oof, rule="base-rate").cutoff


def rates_by_gender(cutoff):
    """FNR, FPR, accuracy and share predicted positive per gender, by scikit-learn."""
    split, scores, _, _ = lesson_model()
    out = {}
    for gender in ("female", "male"):
        mask = (split.test["gender"] == gender).to_numpy()
        y, pred = split.y_test.to_numpy()[mask], scores[mask] >= cutoff
        tn, fp, fn, tp = confusion_matrix(y, pred, labels=[False, True]).ravel()
        out[gender] = {"fnr": fn / (fn + tp), "fpr": fp / (fp + tn),
                       "accuracy": accuracy_score(y, pred), "selected": pred.mean()}
    return out


def text(path):
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "markdown")


# --- the workshop's matrices ---------------------------------------------------------------------

def test_the_workshop_matrices_give_the_workshop_numbers():
    assert fl.rates_from_counts(tp=50, fn=50, fp=50, tn=50)["accuracy"] == 0.5
    assert fl.rates_from_counts(tp=80, fn=20, fp=20, tn=80)["accuracy"] == 0.8
    men = fl.rates_from_counts(tp=35, fn=15, fp=15, tn=35)
    women = fl.rates_from_counts(tp=45, fn=5, fp=5, tn=45)
    assert (men["accuracy"], women["accuracy"]) == (0.7, 0.9)
    assert men["false_negative_rate"] / women["false_negative_rate"] == pytest.approx(3)
    example = fl.rates_from_counts(tp=30, fn=10, fp=20, tn=40)
    assert example[["accuracy", "true_positive_rate", "positive_predictive_value"]].tolist() == \
        pytest.approx([0.7, 0.75, 0.6])


def test_asking_for_dropout_mirrors_the_matrix():
    actual = np.array([1] * 30 + [1] * 10 + [0] * 20 + [0] * 40)
    predicted = np.array([1] * 30 + [0] * 10 + [1] * 20 + [0] * 40)
    everyone = ["all"] * 100
    passing = fl.group_confusion(actual, predicted, sensitive_features=everyone).iloc[0]
    dropout = fl.group_confusion(1 - actual, 1 - predicted, sensitive_features=everyone).iloc[0]
    assert passing[["tp", "fn", "fp", "tn"]].tolist() == [30, 10, 20, 40]
    assert dropout[["tp", "fn", "fp", "tn"]].tolist() == [40, 20, 10, 30]


# --- the operating point -------------------------------------------------------------------------

def test_at_half_almost_everyone_is_predicted_to_pass():
    split, scores, _, _ = lesson_model()
    assert (scores >= 0.5).mean() > 0.85 > 0.70 > split.y_test.mean() > 0.65


def test_the_base_rate_cutoff_is_chosen_on_training_scores_and_holds_on_the_test_students():
    split, scores, oof, cutoff = lesson_model()
    base_rate = split.y_train.mean()
    assert (oof >= cutoff).mean() == pytest.approx(base_rate, abs=0.002)  # chosen on training
    assert (scores >= cutoff).mean() == pytest.approx(split.y_test.mean(), abs=0.02)
    assert 0.55 < cutoff < 0.7


def test_moving_to_the_cutoff_trades_one_error_for_the_other_unequally():
    at_half, at_rule = rates_by_gender(0.5), rates_by_gender(lesson_model()[3])
    for gender in ("female", "male"):
        assert at_rule[gender]["fnr"] > at_half[gender]["fnr"] + 0.1
        assert at_rule[gender]["fpr"] < at_half[gender]["fpr"] - 0.1
        assert at_rule[gender]["accuracy"] < at_half[gender]["accuracy"]  # not about accuracy
    assert at_rule["male"]["fnr"] > at_rule["female"]["fnr"] + 0.03


def test_the_lesson_text_states_the_computed_rates():
    at_half, at_rule = rates_by_gender(0.5), rates_by_gender(lesson_model()[3])
    words = " ".join(text(LESSON).split())

    def pair(rates, key):
        return f"{rates['female'][key]:.0%} and {rates['male'][key]:.0%}"

    assert f"{at_half['female']['selected']:.0%} of the women and " \
           f"{at_half['male']['selected']:.0%} of the men" in words
    assert f"({pair(at_half, 'fnr')})" in words
    assert f"false positive rates {pair(at_half, 'fpr')}" in words
    assert f"rise to {pair(at_rule, 'fnr')}" in words
    assert f"fall to {pair(at_rule, 'fpr')}" in words
    assert f"from {pair(at_half, 'accuracy')} to {pair(at_rule, 'accuracy')}" in words


# --- accuracy is not recall: the mbo intake ------------------------------------------------------

@lru_cache(maxsize=1)
def mbo():
    data = load_mbo_dropout()
    return data["dropout"].to_numpy(bool), (data["absence_rate"] > 0.25).to_numpy()


def test_everyone_stays_is_more_than_half_right_and_finds_no_dropout():
    dropout, _ = mbo()
    stays = np.zeros_like(dropout)
    assert 0.55 < accuracy_score(dropout, stays) < 0.62
    assert recall_score(dropout, stays) == 0
    assert ex.q7.expected_value == pytest.approx(accuracy_score(dropout, stays))


def test_the_absence_rule_beats_everyone_stays_on_accuracy_and_misses_most_dropouts():
    dropout, flagged = mbo()
    assert accuracy_score(dropout, flagged) > accuracy_score(dropout, np.zeros_like(dropout))
    assert recall_score(dropout, flagged) < 0.2
    assert ex.q8.expected_value == pytest.approx(recall_score(dropout, flagged))
    # accuracy and precision give (almost) the same number: the feedback names both causes
    assert precision_score(dropout, flagged) == pytest.approx(accuracy_score(dropout, flagged),
                                                              abs=0.005)
    message = ex.q8.evaluate(0.60).message
    assert "accuracy" in message and "precision" in message


def test_the_exercise_answers_match_an_independent_computation():
    split, scores, _, cutoff = lesson_model()
    assert ex.q4.expected_value == pytest.approx(cutoff)
    assert ex.q5.expected_value == pytest.approx(rates_by_gender(cutoff)["male"]["fnr"])
    assert ex.q1.expected_value == 0.8 and ex.q2.expected_value == pytest.approx(0.3)


# --- one account, and the notebooks' form --------------------------------------------------------

def test_one_account_of_the_errors_throughout_lesson_and_exercises():
    for path in (LESSON, SOLUTION):
        words = " ".join(text(path).split()).lower()
        assert "student got lucky" not in words and "miss help they needed" not in words
    lesson = " ".join(text(LESSON).split())
    assert "a false negative is the student's error, a false positive the institution's" in lesson
    assert "as few students as possible wrongly get a negative prediction" in lesson
    assert "a positive prediction is rarely wrong" in lesson  # precision: of those predicted to pass
    assert ex.q3.correct_options == {"b"}


def test_the_lesson_ends_with_its_sources():
    last = nbformat.read(LESSON, as_version=4).cells[-1].source
    sources = " ".join(last[last.index("## Sources"):].split())
    for cited in ("Eerlijke machine learning met studiedata", "Fawcett", "7.8b",
                  "Datacoalitie Datagedreven Onderzoek MBO", "data/README.md"):
        assert cited in sources, cited


def test_lecturer_notes_are_a_pointer_only():
    notes = [c for c in nbformat.read(LESSON, as_version=4).cells
             if "lecturer-notes" in c.metadata.get("tags", [])]
    assert [c.source for c in notes] == ["(lecturer: see the instructor guide)"]


def imports_the_blank(source: str) -> bool:
    return bool(re.search(r"^\s*(from\s+\S+\s+)?import\s+.*\b____\b", source, flags=re.M))


def test_the_student_notebook_has_its_own_name_and_no_import_of_the_blank():
    assert imports_the_blank("from fairlearn_lite.exercises import lesson01 as ex, ____")
    assert not imports_the_blank("answer = ____  # your answer")
    committed = ROOT / "exercises" / exercise_name(SOLUTION.name)
    assert committed.exists()
    code = [c.source for c in student_notebook(nbformat.read(SOLUTION, as_version=4)).cells
            if c.cell_type == "code"]
    assert not any(imports_the_blank(source) for source in code)
    assert f"`exercises/{committed.name}`" in text(LESSON)


def test_every_check_sits_in_the_cell_that_sets_its_answer():
    checks = 0
    for cell in nbformat.read(SOLUTION, as_version=4).cells:
        for answer in re.findall(r"ex\.q\d+\.check\((\w+)\)", cell.source):
            checks += 1
            assert re.search(rf"^{answer} = .*# SOLUTION$", cell.source, flags=re.M), cell.source
    assert checks == len(ex.__all__)


def test_code_questions_name_the_function_to_use():
    for question, function in [(ex.q4, "choose_cutoff"), (ex.q5, "ScoredGroups"),
                               (ex.q7, "accuracy_score"), (ex.q8, "recall_score")]:
        assert function in question.prompt, question.name
