"""Named, documented generator parameters, and their validation.

Each parameter of a generator has a value, a kind (which decides how it is
checked), a source ("sourced: ..." or "assumed") and a meaning. The data card in
``data/README.md`` prints these tables, so the code and the card cannot disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

import pandas as pd

Kind = Literal["probability", "distribution", "log-odds", "days", "grade", "years", "count"]


@dataclass(frozen=True)
class Parameter:
    value: object  # a number, or a dict of numbers per category
    kind: Kind
    source: str
    meaning: str


def _check_probability(value, *, name: str, func: str) -> None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and not math.isnan(value)
    if not ok or not 0 <= value <= 1:
        raise ValueError(f"The '{name}' parameter of {func} is a probability and must be in "
                         f"[0, 1]; got {value!r} instead.")


def check_parameter(name: str, parameter: Parameter, value, *, func: str) -> None:
    """Check a (new) value against its parameter's kind; raise naming the parameter."""
    if parameter.kind == "probability":
        if isinstance(value, Mapping):
            for key, v in value.items():
                _check_probability(v, name=f"{name}[{key!r}]", func=func)
        else:
            _check_probability(value, name=name, func=func)
    elif parameter.kind == "distribution":
        rows = value.values() if all(isinstance(v, Mapping) for v in value.values()) else [value]
        for row in rows:
            for key, v in row.items():
                _check_probability(v, name=f"{name}[{key!r}]", func=func)
            if not math.isclose(sum(row.values()), 1.0, abs_tol=1e-6):
                raise ValueError(f"The '{name}' parameter of {func} is a distribution whose shares "
                                 f"must add up to 1; got {dict(row)} (sum {sum(row.values()):.4f}).")


def resolve(defaults: Mapping[str, Parameter], overrides: Mapping | None, *,
            func: str) -> dict[str, object]:
    """The parameter values to use: the defaults, with validated overrides."""
    if overrides is None:
        return {name: p.value for name, p in defaults.items()}
    if not isinstance(overrides, Mapping):
        raise TypeError(f"The 'parameters' parameter of {func} must be a dict of parameter names "
                        f"to values; got {type(overrides).__name__} instead.")
    unknown = sorted(set(overrides) - set(defaults))
    if unknown:
        raise ValueError(f"The 'parameters' parameter of {func} names unknown parameter(s) "
                         f"{unknown}; valid names are {sorted(defaults)}.")
    values = {name: p.value for name, p in defaults.items()}
    for name, value in overrides.items():
        if isinstance(defaults[name].value, Mapping) and isinstance(value, Mapping):
            value = {**defaults[name].value, **value}
        check_parameter(name, defaults[name], value, func=func)
        values[name] = value
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
