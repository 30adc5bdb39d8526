"""Input checks shared by every public function.

Each checker validates one argument at the public boundary and returns a *new*
NumPy array, so the code behind it can trust its input and never touches the
caller's data. Error messages follow one pattern:

    The 'y_pred' parameter of group_metrics must be ...; got ... instead.
"""

from __future__ import annotations

import contextvars
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

# --- the boundary: which public function did the user call? ----------------------------------

_CALLER: contextvars.ContextVar[str | None] = contextvars.ContextVar("caller", default=None)


def public(function=None, *, name: str | None = None):
    """Mark ``function`` as a public entry point of the kit.

    While it runs, every checker's error message names it (or ``name``), even
    when the check happens in a function it calls. When one public function
    calls another, the outer one (the one the user called) keeps the name.
    """
    def decorate(f):
        label = name or f.__qualname__.replace(".__init__", "")

        @functools.wraps(f)
        def entry(*args, **kwargs):
            if _CALLER.get() is not None:
                return f(*args, **kwargs)
            token = _CALLER.set(label)
            try:
                return f(*args, **kwargs)
            finally:
                _CALLER.reset(token)
        return entry
    return decorate(function) if function is not None else decorate


def caller(func: str | None = None) -> str:
    """The public function the user called (``func`` when given explicitly)."""
    return func or _CALLER.get() or "fairlearn_lite"


def _show(values, limit: int = 6) -> str:
    """Return a short, readable list of (at most ``limit``) distinct values."""
    shown = [v.item() if isinstance(v, np.generic) else v for v in list(values)[:limit]]
    more = ", ..." if len(values) > limit else ""
    return "[" + ", ".join(repr(v) for v in shown) + more + "]"


def as_1d(values, *, name: str, func: str | None = None) -> np.ndarray:
    """Return ``values`` as a one-dimensional array (a column of length n).

    The result may share memory with the caller's data, so it is only ever read;
    the checkers below return fresh arrays (``astype`` copies).
    """
    func = caller(func)
    if isinstance(values, (pd.Series, pd.Index)):
        array = values.to_numpy()
    elif isinstance(values, pd.DataFrame):
        if values.shape[1] != 1:
            raise ValueError(
                f"The '{name}' parameter of {func} must be one column; "
                f"got a DataFrame with {values.shape[1]} columns instead."
            )
        array = values.iloc[:, 0].to_numpy()
    elif np.isscalar(values) or values is None:
        raise TypeError(
            f"The '{name}' parameter of {func} must be an array, list or pandas Series "
            f"(one value per row); got {values!r} instead."
        )
    else:
        array = np.asarray(values)
    if array.ndim == 2 and 1 in array.shape:
        array = array.ravel()
    if array.ndim != 1:
        raise ValueError(
            f"The '{name}' parameter of {func} must be one-dimensional; "
            f"got an array of shape {array.shape} instead."
        )
    return array


def _missing(array: np.ndarray) -> np.ndarray | None:
    """Where ``array`` holds NaN, None or pd.NA (None when it cannot hold any)."""
    return pd.isna(array) if array.dtype.kind in "fOc" else None


def _object_as_numbers(array: np.ndarray) -> np.ndarray:
    """An object column of bools and numbers (as read from a CSV) as a numeric array."""
    values = pd.unique(array)
    if all(isinstance(v, (bool, np.bool_, int, np.integer, float, np.floating)) for v in values):
        return array.astype(float)
    return array


def check_labels(y, *, name: str, func: str | None = None, pos_label=None) -> np.ndarray:
    """Return binary labels as a new int8 array of 0s and 1s.

    Accepted: booleans, or numbers that are all 0 or 1 (also in a column of
    object or nullable dtype, as a CSV often gives). With ``pos_label``, any
    two values are accepted and ``y == pos_label`` is the positive class.
    Scores or probabilities get an error that says how to threshold them.
    """
    func = caller(func)
    array = as_1d(y, name=name, func=func)
    if array.size == 0:
        raise ValueError(f"The '{name}' parameter of {func} is empty; it needs at least one row.")
    missing = _missing(array)
    if missing is not None and missing.any():
        raise ValueError(
            f"The '{name}' parameter of {func} must not contain missing values (NaN, None or "
            f"pd.NA); got {int(missing.sum())} missing value(s). Drop or fill those rows first."
        )
    if pos_label is not None:
        return _labels_with_pos_label(array, pos_label, name=name, func=func)
    if array.dtype == object:
        array = _object_as_numbers(array)
    if array.dtype == bool:
        return array.astype(np.int8)  # astype always copies
    if array.dtype.kind in "iuf":
        is_binary = (array == 0) | (array == 1)
        if is_binary.all():
            return array.astype(np.int8)
        if array.dtype.kind == "f" and array.min() >= 0 and array.max() <= 1:
            raise ValueError(
                f"The '{name}' parameter of {func} must hold labels 0/1 or True/False; "
                f"got values between 0 and 1 such as {_show(np.unique(array[~is_binary]), 3)} "
                f"instead. These look like probabilities or scores: turn them into labels first, "
                f"for example `{name} = scores >= 0.5`."
            )
    found = pd.unique(array)
    raise ValueError(
        f"The '{name}' parameter of {func} must hold binary labels 0/1 or True/False; "
        f"got {len(found)} distinct value(s) {_show(found)} instead. "
        f"Compare with the positive value first, for example `{name} = (bsa == 'positive')`, "
        f"or pass pos_label."
    )


def _labels_with_pos_label(array: np.ndarray, pos_label, *, name: str, func: str) -> np.ndarray:
    found = pd.unique(array)
    if len(found) > 2:
        raise ValueError(
            f"The '{name}' parameter of {func} must hold at most two distinct labels; "
            f"got {len(found)}: {_show(found)} instead."
        )
    return (array == pos_label).astype(np.int8)


def check_pos_label(pos_label, *arrays, func: str | None = None) -> None:
    """Check that ``pos_label`` occurs in at least one of the label arrays (as scikit-learn does)."""
    if pos_label is None:
        return
    func = caller(func)
    found = pd.unique(np.concatenate([as_1d(a, name="y_true", func=func).astype(object)
                                      for a in arrays]))
    if not any(_same_label(v, pos_label) for v in found):
        raise ValueError(
            f"The 'pos_label' parameter of {func} must be one of the labels found in y_true "
            f"or y_pred, {_show(found)}; got {pos_label!r} instead."
        )


def _same_label(value, pos_label) -> bool:
    try:
        return bool(value == pos_label)
    except (TypeError, ValueError):
        return False


def check_scores(scores, *, name: str, func: str | None = None) -> np.ndarray:
    """Return scores (probabilities) as a new float array; all must lie in [0, 1]."""
    func = caller(func)
    array = as_1d(scores, name=name, func=func)
    if array.size == 0:
        raise ValueError(f"The '{name}' parameter of {func} is empty; it needs at least one row.")
    if array.dtype == object:
        missing = _missing(array)
        if missing.any():
            raise ValueError(f"The '{name}' parameter of {func} must not contain missing values; "
                             f"got {int(missing.sum())} missing value(s).")
        array = _object_as_numbers(array)
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"The '{name}' parameter of {func} must be numeric scores between 0 and 1; "
            f"got values of type {array.dtype} such as {_show(pd.unique(array), 3)} instead."
        )
    array = array.astype(float)
    if np.isnan(array).any():
        raise ValueError(
            f"The '{name}' parameter of {func} must not contain NaN; "
            f"got {int(np.isnan(array).sum())} missing value(s)."
        )
    if array.min() < 0 or array.max() > 1:
        raise ValueError(
            f"The '{name}' parameter of {func} must be scores between 0 and 1 "
            f"(for example predict_proba(X)[:, 1]); got values from {array.min():.3g} "
            f"to {array.max():.3g} instead."
        )
    return array


def check_sample_weight(sample_weight, *, n: int, func: str | None = None) -> np.ndarray | None:
    """Return sample weights as a new float array (or None): finite, >= 0, length n."""
    func = caller(func)
    if sample_weight is None:
        return None
    weight = as_1d(sample_weight, name="sample_weight", func=func)
    if weight.dtype == object:
        weight = _object_as_numbers(weight)
    if weight.dtype.kind not in "biuf":
        raise TypeError(
            f"The 'sample_weight' parameter of {func} must be numeric; "
            f"got values of type {weight.dtype} instead."
        )
    weight = weight.astype(float)
    if len(weight) != n:
        raise ValueError(
            f"The 'sample_weight' parameter of {func} must have one weight per row ({n}); "
            f"got {len(weight)} instead."
        )
    if not np.isfinite(weight).all():
        raise ValueError(
            f"The 'sample_weight' parameter of {func} must be finite numbers; "
            f"got {int((~np.isfinite(weight)).sum())} NaN or infinite value(s) instead."
        )
    if (weight < 0).any():
        raise ValueError(
            f"The 'sample_weight' parameter of {func} must be non-negative; "
            f"got {int((weight < 0).sum())} negative value(s) (smallest {weight.min():.3g}) instead."
        )
    if weight.sum() == 0:
        raise ValueError(
            f"The 'sample_weight' parameter of {func} sums to zero: no row carries any weight."
        )
    return weight


def check_same_length(func: str | None = None, **arrays: np.ndarray) -> int:
    """Check that all arrays have the same number of rows; return that number."""
    func = caller(func)
    names = list(arrays)
    first = names[0]
    n = len(arrays[first])
    for other in names[1:]:
        if len(arrays[other]) != n:
            raise ValueError(
                f"The '{other}' parameter of {func} has {len(arrays[other])} rows, but "
                f"'{first}' has {n}; they must have the same length (one row per person)."
            )
    return n


def check_fraction(value, *, name: str, func: str | None = None, low: float = 0.0, high: float = 1.0,
                   low_open: bool = False) -> float:
    """Check that ``value`` is a number in [low, high] (or (low, high]); return it as float."""
    func = caller(func)
    bad_type = isinstance(value, bool) or not isinstance(value, (int, float, np.number))
    if bad_type or math.isnan(value):
        raise TypeError(f"The '{name}' parameter of {func} must be a number; got {value!r} instead.")
    too_low = value <= low if low_open else value < low
    if too_low or value > high:
        bracket = "(" if low_open else "["
        raise ValueError(
            f"The '{name}' parameter of {func} must be in {bracket}{low}, {high}]; "
            f"got {value!r} instead."
        )
    return float(value)


def check_choice(value, *, name: str, func: str | None = None, choices) -> str:
    """Check that ``value`` is one of ``choices``; the error lists the valid ones."""
    func = caller(func)
    if value not in choices:
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(
            f"The '{name}' parameter of {func} must be one of {valid}; got {value!r} instead."
        )
    return value


# --- sensitive features -------------------------------------------------------------------

@dataclass(frozen=True)
class Groups:
    """Rows coded by group: ``codes[i]`` is the position of row i's group in ``index``."""

    codes: np.ndarray  # int64, values 0 .. len(index) - 1
    index: pd.Index  # group labels (a MultiIndex for intersections of several features)

    def __len__(self) -> int:
        return len(self.index)

    def label(self, position: int):
        """The group label at ``position``, as a plain value (a tuple for intersections)."""
        value = self.index[position]
        return value.item() if isinstance(value, np.generic) else value


def _feature_columns(sensitive_features, func: str | None = None) -> dict:
    """Split ``sensitive_features`` into named one-dimensional columns."""
    func = caller(func)
    name = "sensitive_features"
    if isinstance(sensitive_features, pd.DataFrame):
        if sensitive_features.shape[1] == 0:
            raise ValueError(f"The '{name}' parameter of {func} has no columns.")
        return {str(c): sensitive_features[c] for c in sensitive_features.columns}
    if isinstance(sensitive_features, Mapping):
        return {str(k): v for k, v in sensitive_features.items()}
    if isinstance(sensitive_features, pd.Series):
        column = sensitive_features.name if sensitive_features.name is not None else "sensitive_feature_0"
        return {str(column): sensitive_features}
    if sensitive_features is None or np.isscalar(sensitive_features):
        raise TypeError(
            f"The '{name}' parameter of {func} must be a column of group labels "
            f"(a Series, array or list), or a DataFrame for several features; "
            f"got {sensitive_features!r} instead."
        )
    array = np.asarray(sensitive_features, dtype=object if isinstance(sensitive_features, list)
                       else None)
    if array.ndim == 2:
        return {f"sensitive_feature_{j}": array[:, j] for j in range(array.shape[1])}
    return {"sensitive_feature_0": array}


def _factorize(column, *, name: str, func: str | None = None) -> tuple[np.ndarray, pd.Index]:
    """Code one feature column as integers 0..k-1 (sorted, or in category order)."""
    func = caller(func)
    if isinstance(column, pd.Series) and isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy().astype(np.int64)
        categories = column.cat.categories
    else:
        values = as_1d(column, name="sensitive_features", func=func)
        try:
            codes, categories = pd.factorize(values, sort=True)
        except TypeError:  # labels of mixed types cannot be sorted
            codes, categories = pd.factorize(values, sort=False)
        codes = codes.astype(np.int64, copy=False)
    if len(codes) and codes.min() < 0:
        missing = int((codes < 0).sum())
        raise ValueError(
            f"The 'sensitive_features' parameter of {func} has {missing} missing value(s) "
            f"(NaN or None) in '{name}'. Give them an explicit group instead, for example "
            f"`df['{name}'].fillna('unknown')`, so they are counted rather than dropped."
        )
    used = np.bincount(codes, minlength=len(categories)) > 0
    if not used.all():  # categories that never occur are not groups
        remap = np.cumsum(used) - 1
        codes = remap[codes]
        categories = categories[used]
    return codes, pd.Index(categories, name=name)


def check_sensitive_features(sensitive_features, *, n: int, func: str | None = None,
                             against: str = "y_true") -> Groups:
    """Code the group of each row; several features give intersectional groups.

    ``n`` is the number of rows of the parameter called ``against``, which a
    length mismatch names.
    """
    func = caller(func)
    columns = _feature_columns(sensitive_features, func)
    coded = []
    for name, column in columns.items():
        if len(column) != n:
            raise ValueError(
                f"The 'sensitive_features' parameter of {func} has {len(column)} rows "
                f"in '{name}', but '{against}' has {n}; they must have the same length."
            )
        coded.append(_factorize(column, name=name, func=func))
    if len(coded) == 1:
        codes, index = coded[0]
        return Groups(codes, index)
    # Intersections: one combined code per row, then keep only the combinations that occur.
    sizes = [len(index) for _, index in coded]
    combined = np.ravel_multi_index([codes for codes, _ in coded], sizes)
    present, codes = np.unique(combined, return_inverse=True)
    level_codes = np.unravel_index(present, sizes)
    index = pd.MultiIndex(levels=[ix for _, ix in coded], codes=level_codes,
                          names=[ix.name for _, ix in coded])
    return Groups(codes.astype(np.int64), index)


def check_group_present(group, groups: Groups, *, name: str, func: str | None = None):
    """Return the position of ``group`` in ``groups``; the error lists the groups present."""
    func = caller(func)
    present = [groups.label(i) for i in range(len(groups))]
    if isinstance(group, (list, dict, set, np.ndarray, pd.Series)):
        raise TypeError(
            f"The '{name}' parameter of {func} must be one group label (a tuple for "
            f"intersections), one of {_show(present, 12)}; got a {type(group).__name__} "
            f"{group!r} instead."
        )
    matches = [i for i, label in enumerate(present) if _same_label(label, group)]
    if not matches:
        raise ValueError(
            f"The '{name}' parameter of {func} must be one of the groups present: "
            f"{_show(present, 12)}; got {group!r} instead."
        )
    return matches[0]


def check_keys(mapping, *, name: str, valid, func: str | None = None) -> dict:
    """Return ``mapping`` as a new dict; unknown keys are an error that lists the valid ones."""
    func = caller(func)
    if mapping is None:
        return {}
    if not isinstance(mapping, Mapping):
        raise TypeError(f"The '{name}' parameter of {func} must be a dict; got "
                        f"{type(mapping).__name__} {mapping!r} instead.")
    unknown = [k for k in mapping if k not in valid]
    if unknown:
        raise ValueError(
            f"The '{name}' parameter of {func} has unknown key(s) {_show(unknown)}; "
            f"valid keys are {_show(list(valid), 20)}."
        )
    return dict(mapping)


def check_whole_number(value, *, name: str, low: int = 0, high: int | None = None,
                       func: str | None = None) -> int:
    """Check that ``value`` is a whole number in [low, high]; return it as int."""
    func = caller(func)
    ok = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
    if not ok or value < low or (high is not None and value > high):
        upper = f" and at most {high}" if high is not None else ""
        raise ValueError(f"The '{name}' parameter of {func} must be a whole number of at least "
                         f"{low}{upper}; got {value!r} instead.")
    return int(value)


def check_count(value, *, name: str, whole: bool = False, func: str | None = None) -> float:
    """Check that ``value`` is a finite, non-negative number (of people); return it."""
    func = caller(func)
    number = isinstance(value, (int, float, np.integer, np.floating)) and \
        not isinstance(value, (bool, np.bool_))
    if not number or not math.isfinite(value) or value < 0 or (whole and value != int(value)):
        kind = "whole, non-negative number" if whole else "finite, non-negative number"
        raise ValueError(f"The '{name}' parameter of {func} must be a {kind}; "
                         f"got {value!r} instead.")
    return value



# --- counts and random states ---------------------------------------------------------------
# Small general checkers for functions that generate data (``fairlearn_lite.datasets``).

def _plain(value):
    """A NumPy scalar as the Python value it holds (so messages show ``20.0``, not np.float64)."""
    return value.item() if isinstance(value, np.generic) else value


def check_positive_int(value, *, name: str, func: str | None = None) -> int:
    """Check that ``value`` is a whole number (an int, not a float or bool) of at least 1."""
    func = caller(func)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        hint = ""
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            hint = f" Write {int(value)}, without a decimal point."
        raise TypeError(f"The '{name}' parameter of {func} must be a whole number (an int); "
                        f"got {_plain(value)!r} instead.{hint}")
    if value < 1:
        raise ValueError(f"The '{name}' parameter of {func} must be at least 1; "
                         f"got {_plain(value)!r} instead.")
    return int(value)


def check_random_state(random_state, *, func: str | None = None, name: str = "random_state"
                       ) -> np.random.Generator:
    """Return a NumPy Generator for ``random_state``: None, an int >= 0, a Generator or RandomState.

    An int gives ``np.random.default_rng(random_state)``, so the same seed always gives the same
    draws. A Generator is used as it is (its draws advance); a RandomState seeds a new Generator.
    """
    func = caller(func)
    if random_state is None or isinstance(random_state, np.random.Generator):
        return np.random.default_rng(random_state)
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(0, 2**31 - 1))
    expected = (f"The '{name}' parameter of {func} must be None, a whole number >= 0, or a numpy "
                f"Generator or RandomState; got {_plain(random_state)!r} instead.")
    if isinstance(random_state, (bool, np.bool_)) or not isinstance(random_state,
                                                                   (int, np.integer)):
        raise TypeError(expected)
    if random_state < 0:
        raise ValueError(expected)
    return np.random.default_rng(int(random_state))


def check_frame_columns(frame, columns, *, func: str | None = None) -> list:
    """``columns`` (a name or a list) as a list of columns that ``frame``, a DataFrame, has."""
    func = caller(func)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"The 'frame' parameter of {func} must be a DataFrame; got "
                        f"{type(frame).__name__} instead.")
    columns = [columns] if isinstance(columns, str) else list(columns)
    unknown = [c for c in columns if c not in frame.columns]
    if unknown or not columns:
        raise ValueError(f"The 'columns' parameter of {func} must name columns of 'frame'; "
                         f"got {unknown or columns!r}; its columns are {list(frame.columns)}.")
    return columns
