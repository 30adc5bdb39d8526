"""Named, documented generator parameters, and their validation.

Each parameter of a generator has a value, a kind (which decides how it is
checked), a source ("sourced: ..." or "assumed") and a meaning. The data card in
``data/README.md`` prints these tables, so the code and the card cannot disagree.
"""

from __future__ import annotations

import copy
import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

Kind = Literal["probability", "distribution", "log-odds", "days", "spread", "grade",
               "grade points", "years", "km", "count"]


@dataclass(frozen=True)
class Parameter:
    value: object  # a number, or a dict of numbers per category (a dict of dicts for distributions)
    kind: Kind
    source: str
    meaning: str


@dataclass(frozen=True)
class Rule:
    """What a kind of parameter must be (for the error message), and the test of one number."""

    expected: str
    accepts: Callable[[float], bool]


RULES: dict[str, Rule] = {
    "probability": Rule("a probability in [0, 1]", lambda v: 0 <= v <= 1),
    "distribution": Rule("a share in [0, 1]", lambda v: 0 <= v <= 1),
    "log-odds": Rule("a finite number (log-odds)", math.isfinite),
    "days": Rule("a finite number of days", math.isfinite),
    "spread": Rule("a standard deviation: a finite number >= 0", lambda v: 0 <= v < math.inf),
    "grade": Rule("a grade on the Dutch scale, in [1, 10]", lambda v: 1 <= v <= 10),
    "grade points": Rule("a finite number of grade points", math.isfinite),
    "years": Rule("a finite number of years >= 0", lambda v: 0 <= v < math.inf),
    "km": Rule("a positive number (km)", lambda v: 0 < v < math.inf),
    "count": Rule("a whole number (an int) >= 1", lambda v: v >= 1),
}
DISTRIBUTION = "a distribution: shares in [0, 1] that add up to 1"


def _error(error: type[Exception], func: str, key: str, value, expected: str) -> Exception:
    """The one message pattern for a bad parameter value."""
    value = value.item() if isinstance(value, np.generic) else value
    return error(f"The 'parameters' parameter of {func} has '{key}' = {value!r}; "
                 f"it must be {expected}.")


def _keys(keys) -> str:
    return ", ".join(repr(k) for k in keys)


def _check_number(value, kind: str, *, key: str, func: str) -> float | int:
    """Check one number against its kind's rule; return it as a float (an int for counts)."""
    rule = RULES[kind]
    whole = isinstance(value, (int, np.integer))
    is_number = whole if kind == "count" else isinstance(value, numbers.Real)
    if not is_number or isinstance(value, (bool, np.bool_)):
        raise _error(TypeError, func, key, value,
                     f"{rule.expected}, not a {type(value).__name__}")
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        number = math.inf
    if not rule.accepts(number):
        raise _error(ValueError, func, key, value, rule.expected)
    return int(value) if kind == "count" else number


def _check_keys(value: Mapping, valid, *, key: str, func: str) -> None:
    for k in value:
        if k not in valid:
            raise ValueError(f"The 'parameters' parameter of {func} has an unknown key {k!r} "
                             f"in '{key}'; valid keys are {_keys(valid)}.")


def _check_distribution(row: Mapping, *, key: str, func: str, defaulted=()) -> None:
    total = sum(row.values())
    if not math.isclose(total, 1.0, abs_tol=1e-6):
        note = f" (keys not given keep their default: {_keys(defaulted)})" if defaulted else ""
        raise _error(ValueError, func, key, dict(row),
                     f"{DISTRIBUTION}; these add up to {total:.4g}{note}")


def _check_flat(value, default: Mapping, kind: str, *, key: str, func: str) -> dict:
    """A value per category (a dict); categories left out keep their default."""
    if not isinstance(value, Mapping):
        raise _error(TypeError, func, key, value,
                     f"{RULES[kind].expected} for each of {_keys(default)}, given as a dict such "
                     f"as {dict(default)}; keys left out keep their default")
    _check_keys(value, default, key=key, func=func)
    checked = {k: _check_number(v, kind, key=f"{key}[{k!r}]", func=func) for k, v in value.items()}
    merged = {**default, **checked}
    if kind == "distribution":
        _check_distribution(merged, key=key, func=func,
                            defaulted=[k for k in default if k not in value])
    return merged


def _check_nested(value, default: Mapping, *, key: str, func: str) -> dict:
    """A distribution per category (a dict of dicts); a row given replaces that whole row."""
    categories = list(dict.fromkeys(c for row in default.values() for c in row))
    if not isinstance(value, Mapping):
        raise _error(TypeError, func, key, value,
                     f"{DISTRIBUTION}, for each of {_keys(default)}, given as a dict of dicts "
                     f"(see the data card, data/README.md)")
    _check_keys(value, default, key=key, func=func)
    rows = {k: copy.deepcopy(dict(v)) for k, v in default.items()}
    for name, row in value.items():
        row_key = f"{key}[{name!r}]"
        if not isinstance(row, Mapping):
            raise _error(TypeError, func, row_key, row,
                         f"{DISTRIBUTION}, given as a dict with keys from {_keys(categories)}")
        _check_keys(row, categories, key=row_key, func=func)
        rows[name] = {c: _check_number(v, "distribution", key=f"{row_key}[{c!r}]", func=func)
                      for c, v in row.items()}
        _check_distribution(rows[name], key=row_key, func=func)
    return rows


def check_parameter(name: str, parameter: Parameter, value, *, func: str):
    """Check a (new) value against its parameter's kind; return the value to use.

    A dict is checked key by key (keys left out keep their default); the error names the
    function, the parameter, the value received and what was expected.
    """
    default = parameter.value
    if isinstance(default, Mapping) and all(isinstance(v, Mapping) for v in default.values()):
        return _check_nested(value, default, key=name, func=func)
    if isinstance(default, Mapping):
        return _check_flat(value, default, parameter.kind, key=name, func=func)
    if isinstance(value, Mapping):
        raise _error(TypeError, func, name, value, f"{RULES[parameter.kind].expected}, not a dict")
    return _check_number(value, parameter.kind, key=name, func=func)


def resolve(defaults: Mapping[str, Parameter], overrides: Mapping | None, *,
            func: str) -> dict[str, object]:
    """The parameter values to use: (copies of) the defaults, with validated overrides."""
    values = {name: copy.deepcopy(p.value) for name, p in defaults.items()}
    if overrides is None:
        return values
    if not isinstance(overrides, Mapping):
        raise TypeError(f"The 'parameters' parameter of {func} must be a dict of parameter names "
                        f"to values; got {type(overrides).__name__} instead.")
    unknown = [name for name in overrides if name not in defaults]
    if unknown:
        raise ValueError(f"The 'parameters' parameter of {func} names unknown parameter(s) "
                         f"{unknown}; valid names are {sorted(defaults)}.")
    for name, value in overrides.items():
        values[name] = check_parameter(name, defaults[name], value, func=func)
    return values


def with_values(defaults: Mapping[str, Parameter], changes: Mapping[str, object],
                source: str) -> dict[str, Parameter]:
    """A scenario: the same parameters with some values changed (and a note why)."""
    return {name: replace(p, value=changes[name], source=source) if name in changes else p
            for name, p in defaults.items()}


def parameter_table(parameters: Mapping[str, Parameter]) -> pd.DataFrame:
    """The parameters as a table for the data card."""
    def show(value):
        if isinstance(value, Mapping) and all(isinstance(v, Mapping) for v in value.values()):
            return "<br>".join(f"{k} → {show(v)}" for k, v in value.items())
        if isinstance(value, Mapping):
            return ", ".join(f"{k} {show(v)}" for k, v in value.items())
        return f"{value:g}" if isinstance(value, float) else str(value)

    return pd.DataFrame([{"parameter": f"`{name}`", "value": show(p.value), "kind": p.kind,
                          "source": p.source, "meaning": p.meaning}
                         for name, p in parameters.items()])
