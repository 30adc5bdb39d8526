"""Questions that check an answer, give hints and show a worked solution.

In an exercise notebook, the answer and its check share one cell::

    from fairlearn_lite.exercises import lesson01 as ex

    ratio = ____          # replace ____ with your answer
    ex.q1.check(ratio)    # ✓ correct!  or feedback on what went wrong

    ex.q1.hint()          # a nudge (call again for the next one)
    ex.q1.solution()      # the worked answer

One cell, so that an answer line that fails stops the cell before its check:
a check in a cell of its own would still judge the previous value.

``____`` is the blank. Importing :mod:`fairlearn_lite.exercises` makes it a
built-in name, so no notebook needs an ``import ____`` line (which reads like
one more blank to fill in); ``from fairlearn_lite.exercises import ____``
still works.

A check never raises: a missing, wrong or oddly typed answer gets feedback.
Feedback names a question as the notebook reaches it (``ex.q1.hint()``): a
lesson module ends with ``qualify(globals())``, which gives each question in
its ``__all__`` the name ``ex.<variable>``.
"""

from __future__ import annotations

import builtins
import math
import re
import reprlib
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

import numpy as np
import pandas as pd


class _Blank:
    """The placeholder in an exercise: ``answer = ____``."""

    def __repr__(self) -> str:
        return "____"


____ = _Blank()
# The blank needs no import in a notebook (see the module's docstring); a name already there is kept.
builtins.__dict__.setdefault("____", ____)

Status = Literal["correct", "incorrect", "unanswered"]

# How the exercise notebooks import their lesson: from fairlearn_lite.exercises import lesson01 as ex
NOTEBOOK_ALIAS = "ex"


@dataclass(frozen=True)
class Outcome:
    """The result of checking one answer."""

    status: Status
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        return self.message


def _is_blank(answer) -> bool:
    return answer is None or answer is ... or isinstance(answer, _Blank) or \
        type(answer).__name__ == "_Blank"  # the blank of an earlier import of this module


T = TypeVar("T")


def _resolve(value: T | Callable[[], T]) -> T:
    """``value``, or what it returns when it is a function (an answer computed on demand)."""
    return value() if callable(value) else value


class _Unavailable(Exception):
    """The kit could not compute a question's expected answer (not the participant's fault)."""


def _describe(error: Exception) -> str:
    """``TypeError: message``, cut short; just the type when the message itself fails."""
    try:
        text = str(error)
    except Exception:
        text = ""
    text = text if len(text) <= 200 else text[:197] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# What a console that cannot show the marks prints instead (say, a Windows cp1252 terminal).
_PLAIN = str.maketrans({"✓": "OK", "✗": "X", "…": "...", "—": "-"})


def _say(message: str) -> None:
    """Print ``message``, in plain characters where the console cannot show it."""
    try:
        print(message)
    except UnicodeEncodeError:
        print(message.translate(_PLAIN).encode("ascii", "replace").decode("ascii"))


@dataclass
class Question:
    """A question with a check, hints and a solution; subclasses decide what is correct."""

    name: str
    prompt: str
    hints: Sequence[str] = ()
    solution_text: str = ""
    _hints_shown: int = field(default=0, init=False, repr=False)
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    qualified_name: str = field(default="", init=False, repr=False)

    def __post_init__(self) -> None:
        self.qualified_name = self.name  # until qualify() says how a notebook reaches it

    def _once(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` the first time ``key`` is asked for, the same value after that."""
        if key not in self._cache:
            try:
                self._cache[key] = compute()
            except _Unavailable:
                raise
            except Exception as error:
                raise _Unavailable(_describe(error)) from error
        return self._cache[key]

    def evaluate(self, answer) -> Outcome:
        """Judge ``answer`` without printing (the tests use this); never raises."""
        try:
            if _is_blank(answer):
                return Outcome("unanswered",
                               f"… {self.name}: not answered yet. Replace ____ with your answer "
                               f"and run the cell again.")
            return self._judge(answer)
        except _Unavailable as error:
            return Outcome("incorrect", f"✗ {self.name}: the kit could not work out the expected "
                                        f"answer ({error}), so this answer was not checked. "
                                        f"Compare with {self.qualified_name}.solution().")
        except Exception as error:  # a check must never break the notebook
            return Outcome("incorrect", f"✗ {self.name}: could not check this answer "
                                        f"({_describe(error)}). "
                                        f"Try {self.qualified_name}.hint().")

    def _judge(self, answer) -> Outcome:  # pragma: no cover - overridden
        raise NotImplementedError

    def check(self, answer=____, *more) -> None:
        """Print ✓ when the answer is right, or feedback when it is not; never raises.

        Several answers, ``check("a", "c")``, are taken together as one multiple choice.
        """
        _say(self.evaluate((answer, *more) if more else answer).message)

    def hint(self) -> None:
        """Print the next hint (the last one again once all have been shown)."""
        if not self.hints:
            _say(f"{self.name}: no hint for this one — look at the solution with "
                  f"{self.qualified_name}.solution().")
            return
        number = min(self._hints_shown, len(self.hints) - 1)
        self._hints_shown += 1
        _say(f"Hint {number + 1} of {len(self.hints)}: {self.hints[number]}")

    def solution(self) -> None:
        """Print the worked solution."""
        _say(f"Solution to {self.name}:\n{self.solution_text}")

    def __repr__(self) -> str:
        return f"{self.name}: {self.prompt}"


def _items(answer) -> list:
    """The options an answer gives: several for a list, set or array, else just the one."""
    if isinstance(answer, (np.ndarray, pd.Series, pd.Index)):
        return list(np.ravel(answer))
    if isinstance(answer, (set, frozenset, list, tuple)):
        return list(answer)
    return [answer]


def _short(value) -> str:
    """A repr short enough to quote in feedback."""
    return reprlib.repr(value)


def _as_number(answer) -> float:
    """The one number an answer gives: a number, or a list, array or table holding one."""
    if isinstance(answer, (pd.Series, pd.DataFrame, np.ndarray, list, tuple)):
        values = np.asarray(answer, dtype=object).ravel()
        if values.size != 1:
            raise ValueError(f"expected one number, got {values.size} values")
        return _as_number(values[0])
    if isinstance(answer, (bool, np.bool_)):
        raise TypeError("expected a number, got True/False")
    return float(answer)


@dataclass
class NumberQuestion(Question):
    """Correct when the answer is within ``tolerance`` of ``expected``.

    ``mistakes`` lists common wrong answers as (value, feedback): an answer
    near such a value gets that targeted feedback. Different mistakes can
    give the same number: the feedback may then be a list of the possible
    causes, and when the answer is near several mistakes, all their causes
    are listed, so nobody is told the wrong reason for their number. A
    fraction given as a percentage (75 for 0.75) is recognised automatically.

    ``expected`` and each mistake's value may be a function (say, one that
    trains the lesson's model): it is called when a check first needs it, and
    its result is kept, so importing an exercise module computes nothing.
    """

    expected: float | Callable[[], float] = 0.0
    tolerance: float = 0.005
    mistakes: Sequence[tuple[float | Callable[[], float], str | Sequence[str]]] = ()
    explanation: str = ""

    @property
    def expected_value(self) -> float:
        """The right answer, computed on first use (``expected`` may be a function)."""
        return self._once("expected", lambda: float(_resolve(self.expected)))

    @property
    def common_mistakes(self) -> list[tuple[float, str]]:
        """The targeted wrong answers, computed on first use; one equal to the answer is dropped."""
        def compute():
            target = self.expected_value
            pairs = [(float(_resolve(value)), feedback) for value, feedback in self.mistakes]
            return [(value, feedback) for value, feedback in pairs
                    if not self._close(value, target)]

        return self._once("mistakes", compute)

    def causes(self, value: float) -> list[str]:
        """The feedback of every common mistake near ``value``, each cause once, in order."""
        found: list[str] = []
        for mistake, feedback in self.common_mistakes:
            if self._close(value, mistake):
                found += [feedback] if isinstance(feedback, str) else list(feedback)
        return list(dict.fromkeys(found))

    def _close(self, value: float, target: float) -> bool:
        return math.isclose(value, target, rel_tol=1e-9, abs_tol=self.tolerance)

    def _judge(self, answer) -> Outcome:
        try:
            value = _as_number(answer)
        except (TypeError, ValueError, OverflowError) as error:
            return Outcome("incorrect", f"✗ {self.name}: this needs one number ({error}).")
        target = self.expected_value
        if self._close(value, target):
            return Outcome("correct", f"✓ {self.name}: correct! {self.explanation}".rstrip())
        causes = self.causes(value)
        if len(causes) == 1:
            return Outcome("incorrect", f"✗ {self.name}: not quite. {causes[0]}")
        if causes:
            listed = "".join(f"\n  • {cause}" for cause in causes)
            return Outcome("incorrect", f"✗ {self.name}: not quite. More than one mistake gives "
                                        f"this number; which one did you make?{listed}")
        if 0 < abs(target) <= 1 and self._close(value / 100, target):
            return Outcome("incorrect", f"✗ {self.name}: almost — give it as a fraction between "
                                        f"0 and 1 (for example 0.25), not as a percentage.")
        if round(value, 2) == value and math.isclose(value, round(target, 2), abs_tol=1e-9):
            return Outcome("incorrect", f"✗ {self.name}: close — that is the answer rounded to two "
                                        f"decimals. Give three decimals (compute it rather than "
                                        f"reading it off), so it cannot be a nearby mistake.")
        return Outcome("incorrect", f"✗ {self.name}: not quite (you gave {value:g}). "
                                    f"Try {self.qualified_name}.hint().")


def _words(text) -> str:
    """Lower case, single spaces, underscores as spaces: how answers and options are compared
    (so a column name such as ``migration_background`` names the option "migration background")."""
    return " ".join(str(text).replace("_", " ").split()).lower()


LABELLED = re.compile(r"^\(?(?P<key>[^\s).:]+)\s*[).:]\s*(?P<words>.*)$")


@dataclass
class ChoiceQuestion(Question):
    """Correct when the answer names the right option: its letter, its words or both ("b) age").

    Case and extra spaces are ignored. When ``correct`` is a set, the answer is
    a list or set of options. ``feedback`` maps wrong options to a targeted
    explanation. ``correct`` may be a function, called when a check first needs it.
    """

    options: Mapping[str, str] = field(default_factory=dict)
    correct: str | set[str] | Callable[[], str | set[str]] = ""
    feedback: Mapping[str, str] = field(default_factory=dict)
    explanation: str = ""

    def _option(self, answer) -> str | None:
        """The key of the option ``answer`` names, or None."""
        given = _words(answer)
        keys = {_words(key): key for key in self.options}
        texts = {_words(text): key for key, text in self.options.items()}
        if given in keys or given in texts:
            return keys.get(given, texts.get(given))
        labelled = LABELLED.match(given)
        if labelled and labelled["key"] in keys:
            key = keys[labelled["key"]]
            if labelled["words"] in ("", _words(self.options[key])):
                return key
        # The option's key words alone ("rises" for "it rises"), when they name exactly one option.
        named = [key for text, key in texts.items() if len(given) > 2 and
                 f" {given} " in f" {text} "]
        return named[0] if len(named) == 1 else None

    @property
    def correct_options(self) -> set[str]:
        """The keys of the right options, computed on first use."""
        def compute():
            right = _resolve(self.correct)
            keys = {self._option(item) for item in _items(right)}
            if None in keys or not keys:
                raise ValueError(f"the right answer {right!r} is not among the options")
            return keys

        return self._once("correct", compute)

    def _options_text(self) -> str:
        return ", ".join(key if _words(key) == _words(text) else f"{key}) {text}"
                         for key, text in self.options.items())

    def _judge(self, answer) -> Outcome:
        right = self.correct_options
        items = _items(answer)
        chosen = {self._option(item) for item in items}
        if chosen == right:
            return Outcome("correct", f"✓ {self.name}: correct! {self.explanation}".rstrip())
        unknown = [_short(item) for item in items if self._option(item) is None]
        if unknown or not items:
            named = f"{', '.join(unknown)} {'are' if len(unknown) > 1 else 'is'}" if unknown \
                else "an empty answer is"
            return Outcome("incorrect", f"✗ {self.name}: {named} not one of the options: "
                                        f"{self._options_text()}.")
        feedback = {_words(key): text for key, text in self.feedback.items()}
        for key in sorted(chosen - right):
            if _words(key) in feedback:
                return Outcome("incorrect", f"✗ {self.name}: not quite. {feedback[_words(key)]}")
        if chosen < right:
            return Outcome("incorrect", f"✗ {self.name}: right so far, but some are missing.")
        return Outcome("incorrect", f"✗ {self.name}: not quite. Try {self.qualified_name}.hint().")


@dataclass
class CheckQuestion(Question):
    """Correct when ``test(answer)`` returns None; otherwise it returns the feedback."""

    test: Callable[[object], str | None] = lambda answer: None
    explanation: str = ""

    def _judge(self, answer) -> Outcome:
        problem = self.test(answer)
        if problem is None:
            return Outcome("correct", f"✓ {self.name}: correct! {self.explanation}".rstrip())
        return Outcome("incorrect", f"✗ {self.name}: {problem}")


def qualify(namespace: MutableMapping[str, object], alias: str = NOTEBOOK_ALIAS) -> None:
    """Name each question in a lesson module's ``__all__`` as a notebook reaches it: ``ex.q1``."""
    for variable in namespace["__all__"]:
        question = namespace[variable]
        if not isinstance(question, Question) or question.name != variable:
            raise ValueError(f"{variable} in __all__ is not a question named {variable!r}")
        question.qualified_name = f"{alias}.{variable}"
