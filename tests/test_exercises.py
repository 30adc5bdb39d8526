"""The exercise system: checks, hints, solutions, and the generated student notebooks."""

import ast
import importlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from fairlearn_lite.exercises import ChoiceQuestion, NumberQuestion, ____
from fairlearn_lite.exercises._core import Question
from fairlearn_lite.exercises.build import blank_code, exercise_name, student_notebook

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.stem for p in (ROOT / "fairlearn_lite" / "exercises").glob("lesson[0-9]*.py"))


def questions(lesson):
    module = importlib.import_module(f"fairlearn_lite.exercises.{lesson}")
    return [v for v in vars(module).values() if isinstance(v, Question)]


def right_answer(question):
    if isinstance(question, NumberQuestion):
        return question.expected_value
    if isinstance(question, ChoiceQuestion):
        keys = sorted(question.correct_options)
        return keys[0] if len(keys) == 1 else keys
    raise AssertionError(f"no known right answer for {question.name}")


def wrong_answers(question):
    if isinstance(question, NumberQuestion):
        return [m for m, _ in question.common_mistakes]
    return list(question.feedback)


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_has_at_least_three_checked_questions(lesson):
    assert len(questions(lesson)) >= 3


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_question_accepts_its_answer_and_explains_a_common_mistake(lesson):
    for question in questions(lesson):
        assert question.evaluate(right_answer(question)).correct, question.name
        mistakes = wrong_answers(question)
        assert mistakes, f"{question.name} has no targeted feedback"
        for mistake in mistakes:
            outcome = question.evaluate(mistake)
            assert outcome.status == "incorrect", (question.name, mistake)
            assert "not quite." in outcome.message and len(outcome.message) > 40
        assert question.hints and question.solution_text


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("odd", [____, None, ..., "", "seventy", [1, 2], {"a": 1}, True,
                                 float("nan")])
def test_a_check_never_raises(lesson, odd, capsys):
    for question in questions(lesson):
        question.check(odd)
        printed = capsys.readouterr().out
        assert printed.startswith(("✓", "✗", "…")), printed


class Unprintable(Exception):
    def __str__(self):
        raise RuntimeError("cannot describe myself")


class Hostile:
    """An answer on which everything fails, even describing the failure."""

    def __float__(self):
        raise Unprintable

    def __str__(self):
        raise Unprintable

    __repr__ = __str__


@pytest.mark.parametrize("question", [
    NumberQuestion("q9", prompt="?", expected=0.5),
    ChoiceQuestion("q9", prompt="?", options={"a": "x", "b": "y"}, correct="a"),
], ids=["number", "choice"])
def test_a_check_never_raises_even_on_a_hostile_answer(question, capsys):
    question.check(Hostile())
    assert capsys.readouterr().out.startswith("✗ q9: could not check this answer")
    question.check("a", "b")  # several answers given as separate arguments
    assert capsys.readouterr().out.startswith("✗ q9:")


def test_a_check_prints_on_a_console_that_cannot_show_check_marks(monkeypatch):
    console = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    monkeypatch.setattr("sys.stdout", console)
    NumberQuestion("q9", prompt="?", expected=0.5).check(0.5)
    console.flush()
    assert console.buffer.getvalue().decode("cp1252").startswith("OK q9: correct!")


def test_several_answers_as_arguments_answer_a_multiple_choice():
    question = ChoiceQuestion("q9", prompt="?", options={"a": "x", "b": "y"}, correct={"a", "b"})
    buffer = io.StringIO()
    with __import__("contextlib").redirect_stdout(buffer):
        question.check("a", "y")
    assert buffer.getvalue().startswith("✓")


def test_true_or_false_is_not_a_number():
    question = NumberQuestion("q9", prompt="?", expected=1)
    for answer in [True, __import__("numpy").True_, __import__("pandas").Series([True])]:
        assert "one number" in question.evaluate(answer).message


def test_unanswered_answers_say_so():
    question = NumberQuestion("q9", prompt="?", expected=0.5)
    for blank in [____, None, ...]:
        outcome = question.evaluate(blank)
        assert outcome.status == "unanswered" and "not answered yet" in outcome.message


def test_number_question_feedback():
    question = NumberQuestion("q9", prompt="?", expected=0.75, mistakes=[(0.25, "Use the ratio.")])
    assert question.evaluate(0.7504).correct
    assert question.evaluate(75).message.endswith("not as a percentage.")
    assert "Use the ratio." in question.evaluate(0.25).message
    assert "you gave 0.6" in question.evaluate(0.6).message
    assert question.evaluate(__import__("pandas").Series([0.75])).correct
    assert "one number" in question.evaluate([0.1, 0.2]).message


def test_expected_answers_are_computed_on_first_check_and_only_once():
    calls = []

    def answer():
        calls.append("answer")
        return 0.4

    def mistake():
        calls.append("mistake")
        return 0.6

    question = NumberQuestion("q9", prompt="?", expected=answer, mistakes=[(mistake, "Swap.")])
    question.check(____)
    assert calls == []  # neither constructing nor an unanswered check computes anything
    assert question.evaluate(0.4).correct
    assert "Swap." in question.evaluate(0.6).message
    question.evaluate(0.5)
    assert sorted(calls) == ["answer", "mistake"]


def test_a_mistake_equal_to_the_answer_is_dropped():
    question = NumberQuestion("q9", prompt="?", expected=lambda: 3,
                              mistakes=[(lambda: 3, "Other model."), (4, "Off by one.")])
    assert question.common_mistakes == [(4.0, "Off by one.")]
    assert question.evaluate(3).correct


def test_an_answer_the_kit_cannot_compute_is_reported_not_raised():
    question = NumberQuestion("q9", prompt="?", expected=lambda: 1 / 0)
    outcome = question.evaluate(0.5)
    assert outcome.status == "incorrect" and "could not work out the expected answer" in outcome.message


def test_choice_question_feedback():
    question = ChoiceQuestion("q9", prompt="?", options={"a": "x", "b": "y"}, correct="b",
                              feedback={"a": "Think again about x."})
    assert question.evaluate(" B ").correct
    assert "Think again" in question.evaluate("a").message
    assert "not one of the options" in question.evaluate("z").message


def notebook_aliases():
    """(lesson, the name the solution notebook imports it as), from the notebooks themselves."""
    found = []
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                           if c.cell_type == "code")
        found += re.findall(r"from fairlearn_lite\.exercises import (lesson\d+) as (\w+)", source)
    return found


def test_feedback_names_the_question_as_the_notebook_reaches_it(capsys):
    aliases = notebook_aliases()
    assert sorted(lesson for lesson, _ in aliases) == LESSONS
    for lesson, alias in aliases:
        module = importlib.import_module(f"fairlearn_lite.exercises.{lesson}")
        for variable in module.__all__:
            question = getattr(module, variable)
            assert question.qualified_name == f"{alias}.{variable}"
            if isinstance(question, NumberQuestion):  # a far-off number gets the generic nudge
                message = question.evaluate(question.expected_value + 1000).message
                assert message.endswith(f"Try {alias}.{variable}.hint()."), message


def test_a_question_made_on_its_own_is_named_by_itself(capsys):
    question = NumberQuestion("q9", prompt="?", expected=1)
    assert question.evaluate(5).message.endswith("Try q9.hint().")
    question.hint()
    assert "q9.solution()" in capsys.readouterr().out


def test_a_choice_can_be_given_as_its_letter_or_its_words():
    question = ChoiceQuestion("q9", prompt="?", correct="c",
                              options={"a": "health", "b": "trade-union membership", "c": "age"},
                              feedback={"b": "Trade-union membership is a special category."})
    for answer in ["c", " C ", "age", "AGE", "c) age", "c)", "(c)", "c.", ["c"], ("Age",), {"C"}]:
        assert question.evaluate(answer).correct, answer
    assert "special category" in question.evaluate("Trade-Union  membership").message
    for wrong in ["d", "c) health", "ages"]:
        message = question.evaluate(wrong).message
        assert "not one of the options" in message and "c) age" in message, wrong


def test_a_multiple_choice_takes_letters_and_words_mixed():
    question = ChoiceQuestion("q9", prompt="?", options={"a": "x", "b": "y", "c": "z"},
                              correct={"a", "c"})
    assert question.evaluate(["x", "C"]).correct
    assert "right so far" in question.evaluate(["a"]).message
    assert not question.evaluate(["a", "b", "c"]).correct


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_choice_in_the_lessons_accepts_its_option_words(lesson):
    for question in questions(lesson):
        if isinstance(question, ChoiceQuestion):
            for key, text in question.options.items():  # the words the participant reads
                assert key == text or f"{key}) {text}" in question.prompt, (question.name, key)
            (key,) = question.correct_options
            assert question.evaluate(question.options[key].upper()).correct, question.name


def test_hints_come_one_after_another(capsys):
    question = NumberQuestion("q9", prompt="?", expected=1, hints=["first", "second"])
    question.hint(), question.hint(), question.hint()
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == ["Hint 1 of 2: first", "Hint 2 of 2: second", "Hint 2 of 2: second"]


# --- the modules themselves -------------------------------------------------------------------

MODULES = sorted((ROOT / "fairlearn_lite" / "exercises").glob("*.py"))


@pytest.mark.parametrize("path", [p for p in MODULES if p.name == "__init__.py"
                                  or not p.name.startswith("_")], ids=lambda p: p.name)
def test_every_public_module_says_what_it_exports(path):
    name = "fairlearn_lite.exercises" + ("" if path.stem == "__init__" else f".{path.stem}")
    module = importlib.import_module(name)
    assert module.__all__ and all(hasattr(module, n) for n in module.__all__)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_function_is_longer_than_40_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = {node.name: node.end_lineno - node.lineno + 1 for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > 40}
    assert long == {}


# --- importing is cheap ------------------------------------------------------------------------

IMPORT_PROBE = """
import importlib, json, sys
import fairlearn_lite
from fairlearn_lite.exercises import _shared
TRAINING = ("sklearn.ensemble", "sklearn.linear_model", "fairlearn_lite.models")
report = {}
for lesson in sys.argv[1:]:
    before = set(sys.modules)
    importlib.import_module(f"fairlearn_lite.exercises.{lesson}")
    calls = _shared.lesson_model.cache_info()
    report[lesson] = {"lesson_model calls": calls.hits + calls.misses,
                      "modules": sorted(m for m in set(sys.modules) - before
                                        if m.startswith(TRAINING))}
print(json.dumps(report))
"""


def test_importing_an_exercise_module_trains_no_model():
    """A notebook's first cell imports its lesson: that must not train the lesson's models."""
    assert "lesson04" in LESSONS
    run = subprocess.run([sys.executable, "-c", IMPORT_PROBE, *LESSONS], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    report = json.loads(run.stdout.splitlines()[-1])
    assert report == {lesson: {"lesson_model calls": 0, "modules": []} for lesson in LESSONS}


# --- generating the student notebooks ----------------------------------------------------------

def test_blank_code_replaces_answers_and_solution_blocks():
    source = ("x = 1\n# BEGIN SOLUTION\nhelper = compute()\nmore = helper + 1\n# END SOLUTION\n"
              "answer = helper * 2  # SOLUTION\n    inner = 3 # SOLUTION")
    assert blank_code(source) == ("x = 1\n# your code here\nanswer = ____  # your answer\n"
                                  "    inner = ____  # your answer")


def test_unclosed_solution_block_is_an_error():
    with pytest.raises(ValueError, match="no matching"):
        blank_code("# BEGIN SOLUTION\nx = 1")


def test_student_notebook_hides_solutions_and_outputs():
    solution = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("note", metadata={"tags": ["solution-only"]}),
        nbformat.v4.new_code_cell("a = 2  # SOLUTION", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("Because...", metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("ex.q1.check(a)"),
    ])
    solution.cells[3].outputs = [nbformat.v4.new_output("stream", text="✓")]
    student = student_notebook(solution)
    assert [c.source for c in student.cells][:1] == ["a = ____  # your answer"]
    assert "Your answer" in student.cells[1].source
    assert student.cells[2].outputs == []
    assert solution.cells[1].source == "a = 2  # SOLUTION"  # the source is left untouched


def committed_exercise(solution: Path) -> Path:
    """The exercise notebook of a solution: ``NN-exercises-topic.ipynb`` (see exercise_name)."""
    return ROOT / "exercises" / exercise_name(solution.name)


@pytest.mark.parametrize("path", sorted((ROOT / "solutions").glob("*.ipynb")), ids=lambda p: p.name)
def test_exercises_are_generated_from_the_current_solutions(path):
    expected = student_notebook(nbformat.read(path, as_version=4))
    committed = committed_exercise(path)
    assert committed.exists(), f"{committed} is missing: run `make exercises`"
    actual = nbformat.read(committed, as_version=4)

    def shape(notebook):
        return [(c.cell_type, c.source, c.get("metadata", {}).get("tags", []))
                for c in notebook.cells]

    assert shape(actual) == shape(expected), f"{committed.name} is out of date: run `make exercises`"


def test_every_solution_has_its_exercise_and_no_stray_exercises():
    solutions = sorted((ROOT / "solutions").glob("*.ipynb"))
    exercises = {p.name for p in (ROOT / "exercises").glob("*.ipynb")}
    assert {committed_exercise(p).name for p in solutions} == exercises
    assert len(solutions) >= 2


def test_a_choice_accepts_a_column_name_and_the_options_key_words():
    from fairlearn_lite.exercises._core import ChoiceQuestion

    question = ChoiceQuestion("q9", prompt="Which attribute?", options={
        "a": "gender", "b": "migration background", "c": "it rises", "d": "it falls"},
        correct="b")
    assert question.evaluate("migration_background").status == "correct"
    rising = ChoiceQuestion("q8", prompt="What happens?",
                            options={"a": "it rises", "b": "it falls"}, correct="a")
    assert rising.evaluate("rises").status == "correct"
    assert rising.evaluate("it").status != "correct"  # names both options: not an answer


def test_a_number_rounded_to_two_decimals_is_called_close_not_wrong():
    from fairlearn_lite.exercises._core import NumberQuestion

    question = NumberQuestion("q5", prompt="The gap?", expected=0.0272, tolerance=0.002,
                              mistakes=[(0.001, "That is the validation gap.")])
    outcome = question.evaluate(0.03)
    assert outcome.status == "incorrect" and "close" in outcome.message
    assert "0.027" not in outcome.message  # the answer is not given away
    assert question.evaluate(0.027).status == "correct"
    assert "Try" in question.evaluate(0.05).message
