"""The exercise system's rules: the blank needs no import, a failing answer stops its check,
a number with several possible mistakes names them all, the notebooks get their own names."""

import builtins
import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from fairlearn_lite.exercises import NumberQuestion, ____
from fairlearn_lite.exercises.build import blank_code, exercise_name

ROOT = Path(__file__).resolve().parents[1]


# --- the blank -----------------------------------------------------------------------------------

def test_the_blank_needs_no_import_line():
    """A fresh interpreter: importing a lesson's checks is enough for `answer = ____` to run."""
    probe = ("from fairlearn_lite.exercises import lesson02 as ex\n"
             "answer = ____\n"
             "print(ex.q1.evaluate(answer).status)")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert run.stdout.strip() == "unanswered"
    assert builtins.____ is ____  # and it is the same blank the package exports


def test_a_name_that_is_already_a_builtin_is_left_alone():
    probe = ("import builtins\nbuiltins.____ = 'mine'\nimport fairlearn_lite.exercises\n"
             "print(builtins.____)")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert run.stdout.strip() == "mine"


# --- answer and check in one cell ----------------------------------------------------------------

def test_a_failing_answer_line_stops_the_check_below_it():
    """Why one cell: a check in a cell of its own would judge (and praise) the old value."""
    question = NumberQuestion("q9", prompt="?", expected=0.8)
    namespace = {"q9": question}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec("answer = 0.8\nq9.check(answer)", namespace)
        with pytest.raises(NameError):
            exec("answer = (70 + 90) / totl\nq9.check(answer)", namespace)
    assert printed.getvalue().count("✓") == 1


# --- several causes for one number ---------------------------------------------------------------

def test_two_mistakes_with_the_same_number_both_name_their_cause():
    question = NumberQuestion("q9", prompt="?", expected=0.165, mistakes=[
        (0.604, "That is the accuracy."), (0.600, "That is the precision."),
        (0.115, "That is the share flagged.")])
    message = question.evaluate(0.60).message
    assert "not quite." in message and "more than one mistake" in message.lower()
    assert "accuracy" in message and "precision" in message and "flagged" not in message
    single = question.evaluate(0.115).message
    assert single == "✗ q9: not quite. That is the share flagged."


def test_a_mistake_can_list_its_possible_causes_and_each_is_said_once():
    question = NumberQuestion("q9", prompt="?", expected=0.3, mistakes=[
        (0.2, ["That is the false positive rate.", "That is 1 - accuracy."]),
        (0.2, "That is 1 - accuracy.")])
    assert question.causes(0.2) == ["That is the false positive rate.", "That is 1 - accuracy."]
    message = question.evaluate(0.2).message
    assert message.count("1 - accuracy") == 1 and message.count("•") == 2


# --- generating the student notebooks ------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "import numpy as np  # SOLUTION",
    "from sklearn.metrics import recall_score  # SOLUTION",
    "ex.q1.check(answer=3)  # SOLUTION",
    "answer == 3  # SOLUTION",
    "a = b = 1  # SOLUTION",
    "x = (1 +  # SOLUTION",
])
def test_only_an_assignment_can_be_marked_as_a_solution_line(line):
    with pytest.raises(ValueError, match=r"Line 1 is marked '# SOLUTION' but is not an assignment"):
        blank_code(line)


def test_an_assignment_keeps_its_target_whatever_its_form():
    source = ('rates["male"] = scored.metrics(cut).loc["male"]  # SOLUTION\n'
              "    inner = f(x=1, y=2) # SOLUTION\n"
              "ex.q4.check(rates)")
    assert blank_code(source) == ('rates["male"] = ____  # your answer\n'
                                  "    inner = ____  # your answer\n"
                                  "ex.q4.check(rates)")


@pytest.mark.parametrize(("solution", "exercise"), [
    ("01-what-is-fair.ipynb", "01-exercises-what-is-fair.ipynb"),
    ("02-confusion-matrices.ipynb", "02-exercises-confusion-matrices.ipynb"),
    ("05-mitigation.ipynb", "05-exercises-mitigation.ipynb"),
])
def test_exercise_notebooks_get_a_name_of_their_own(solution, exercise):
    assert exercise_name(solution) == exercise


@pytest.mark.parametrize("bad", ["confusion.ipynb", "2-x.ipynb", "02-x.py", "02-exercises-x.ipynb",
                                 "solutions/02-x.ipynb", ""])
def test_a_name_that_is_not_a_solution_notebook_is_refused(bad):
    with pytest.raises(ValueError, match="'solution_name' parameter of exercise_name"):
        exercise_name(bad)


def test_no_exercise_notebook_is_named_like_a_lesson():
    lessons = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    exercises = {exercise_name(p.name) for p in (ROOT / "solutions").glob("*.ipynb")}
    assert len(exercises) == len(list((ROOT / "solutions").glob("*.ipynb")))
    assert not exercises & lessons
