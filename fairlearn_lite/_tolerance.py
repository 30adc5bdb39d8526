"""Comparisons at a boundary that floating-point noise must not decide.

0.64 / 0.80 evaluates to 0.7999999999999999, yet a ratio of exactly four-fifths
passes the four-fifths rule. Every "is it inside the band?" question in the kit
goes through these two functions, which treat values within a relative 1e-9 of
the boundary as on it.
"""

from __future__ import annotations

import numpy as np

RELATIVE_TOLERANCE = 1e-9


def at_least(value, boundary):
    """``value >= boundary``, counting values a hair below the boundary as on it."""
    value = np.asarray(value, dtype=float)
    return (value >= boundary) | np.isclose(value, boundary, rtol=RELATIVE_TOLERANCE, atol=0)


def at_most(value, boundary):
    """``value <= boundary``, counting values a hair above the boundary as on it."""
    value = np.asarray(value, dtype=float)
    return (value <= boundary) | np.isclose(value, boundary, rtol=RELATIVE_TOLERANCE, atol=0)


def within_band(value, low, high):
    """True where ``low <= value <= high`` (boundaries included, with tolerance); NaN gives False."""
    return at_least(value, low) & at_most(value, high)
