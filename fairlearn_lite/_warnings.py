"""Warnings that point at the participant's own line of code, not at the kit's insides."""

from __future__ import annotations

import os
import sys
import warnings

__all__ = ["UndefinedRateWarning"]

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


class UndefinedRateWarning(RuntimeWarning):
    """A rate (or a comparison of rates) is undefined for a group and is returned as NaN.

    Filter exactly these with
    ``warnings.filterwarnings("ignore", category=UndefinedRateWarning)``.

    Examples
    --------
    >>> import warnings
    >>> import fairlearn_lite as fl
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     rates = fl.group_metrics([1, 0], [1, 0], sensitive_features=["a", "b"],
    ...                              metrics=["true_positive_rate"])
    >>> caught[0].category.__name__, str(caught[0].message)[:40]
    ('UndefinedRateWarning', "group 'b' has no actual positives (tp + ")
    """


def warn(message: str, category: type[Warning] = UndefinedRateWarning) -> None:
    """Issue ``message`` attributed to the first caller outside fairlearn_lite."""
    level, frame = 2, sys._getframe(1)  # level 2 = our caller
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)
