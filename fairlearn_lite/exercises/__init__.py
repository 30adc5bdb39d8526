"""Exercises with automatic checks, hints and solutions (see :mod:`._core` for how they work).

    from fairlearn_lite.exercises import lesson01 as ex, ____
"""

from ._core import CheckQuestion, ChoiceQuestion, NumberQuestion, Outcome, Question, ____

__all__ = ["____", "CheckQuestion", "ChoiceQuestion", "NumberQuestion", "Outcome", "Question"]
