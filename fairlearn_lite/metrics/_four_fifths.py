"""The four-fifths rule for a selection procedure.

The US Uniform Guidelines on Employee Selection Procedures (1978, section 4D)
call a selection rate for any group that is less than four-fifths (80%) of the
rate for the group with the highest rate "evidence of adverse impact". It is
statistical parity (independence) with a tolerance, measured on counts. The same
section adds that with small numbers a difference should also be tested for
statistical significance: :func:`fisher_exact_test` does that.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._tolerance import at_least
from .._validation import caller, check_count, check_fraction, public
from .._warnings import warn

__all__ = ["FourFifthsResult", "fisher_exact_test", "four_fifths_rule"]


@dataclass(frozen=True)
class FourFifthsResult:
    """The outcome of :func:`four_fifths_rule`.

    Attributes
    ----------
    table : pandas.DataFrame
        Per group: ``applicants``, ``selected``, ``selection_rate``,
        ``ratio_to_highest``, ``rate_needed`` (epsilon x highest rate),
        ``passes`` and ``shortfall`` (how many more of this group would have to
        be selected to pass, the other groups unchanged).
    epsilon : float
        The required ratio (0.8 for the four-fifths rule).
    reference_group
        The group with the highest selection rate.
    """

    table: pd.DataFrame
    epsilon: float
    reference_group: object

    @property
    def passed(self) -> bool:
        """True when every group's ratio to the highest rate is at least ``epsilon``."""
        return bool(self.table["passes"].all())

    @property
    def verdict(self) -> str:
        """The result in one plain sentence per failing group."""
        failing = self.table[~self.table["passes"]]
        if failing.empty:
            return (f"Passes: every group's selection rate is at least {self.epsilon:.0%} "
                    f"of the highest rate ({self.reference_group!r}).")
        if not self.table["selection_rate"].max() > 0:
            return ("Nobody was selected in any group: there is no highest rate to compare "
                    "with, so the rule cannot be applied.")
        lines = [f"Fails the {self.epsilon:.0%} rule (reference: {self.reference_group!r}, "
                 f"rate {self.table.loc[self.reference_group, 'selection_rate']:.1%}):"]
        for group, row in failing.iterrows():
            if np.isnan(row["selection_rate"]):
                lines.append(f"- {group!r}: no applicants, so no rate to compare.")
                continue
            lines.append(
                f"- {group!r}: rate {row['selection_rate']:.1%} is {row['ratio_to_highest']:.2f} "
                f"of the highest; {row['rate_needed']:.1%} is needed, "
                f"{(row['rate_needed'] - row['selection_rate']) * 100:.1f} percentage points more "
                f"= {int(row['shortfall'])} more selected."
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"{self.verdict}\n\n{self.table.to_string()}"

    def _repr_html_(self) -> str:
        verdict = self.verdict.replace("\n", "<br>")
        return f"<p>{verdict}</p>{self.table.to_html(float_format=lambda v: f'{v:.3f}')}"


def _counts_per_group(values, *, name: str) -> pd.Series:
    if not isinstance(values, (Mapping, pd.Series)):
        raise TypeError(
            f"The '{name}' parameter of {caller()} must be counts per group, as a dict "
            f"or a pandas Series such as {{'women': 96, 'men': 30}}; got {values!r} instead."
        )
    if isinstance(values, pd.Series) and values.index.has_duplicates:
        repeated = list(values.index[values.index.duplicated()].unique())
        raise ValueError(
            f"The '{name}' parameter of {caller()} names group(s) {repeated!r} more than once; "
            f"give one count per group (add them up first, e.g. `{name}.groupby(level=0).sum()`)."
        )
    series = pd.Series(dict(values.items()), dtype=object)
    for group, count in series.items():
        check_count(count, name=f"{name}[{group!r}]", whole=True)
    return series.astype(np.int64)


def _selection_counts(selected, applicants) -> tuple[pd.Series, pd.Series]:
    """Validated counts per group, in the applicants' group order."""
    selected = _counts_per_group(selected, name="selected")
    applicants = _counts_per_group(applicants, name="applicants")
    if set(selected.index) != set(applicants.index):
        raise ValueError(
            f"The 'selected' and 'applicants' parameters of {caller()} must name the same "
            f"groups; got {list(selected.index)} and {list(applicants.index)} instead."
        )
    if len(applicants) < 2:
        raise ValueError(
            f"The four-fifths rule compares groups, so the 'applicants' parameter of {caller()} "
            f"must hold at least two; got {list(applicants.index)}."
        )
    selected = selected.reindex(applicants.index)
    too_many = selected > applicants
    if too_many.any():
        group = too_many.idxmax()
        raise ValueError(
            f"The 'selected' parameter of {caller()} must not exceed the applicants; "
            f"got {selected[group]} selected of {applicants[group]} for group {group!r}."
        )
    if (applicants == 0).all():
        raise ValueError(f"The 'applicants' parameter of {caller()} has no applicants in "
                         "any group; got all zeros.")
    if (applicants == 0).any():
        warn(f"Group(s) {list(applicants.index[applicants == 0])} have no applicants, so no "
             f"selection rate: returning NaN for them.")
    return selected, applicants


@public
def four_fifths_rule(selected, applicants, *, epsilon: float = 0.8) -> FourFifthsResult:
    """Check a selection against the four-fifths rule, with the shortfall in people.

    Parameters
    ----------
    selected : dict or Series
        Number selected (admitted, hired) per group.
    applicants : dict or Series
        Number of applicants per group, with the same groups.
    epsilon : float, default 0.8
        The smallest acceptable ratio of a group's selection rate to the highest
        rate (the same band edge as in :func:`fairness_check`).

    Returns
    -------
    FourFifthsResult
        ``.table`` per group, ``.passed`` and a plain-language ``.verdict``.

    Notes
    -----
    selection rate = selected / applicants; ratio = rate / highest rate.
    A ratio exactly at ``epsilon`` passes (compared with a tolerance, so
    that 0.64 / 0.80 counts as 0.8). The shortfall is the smallest whole
    number of extra selections from the group that lifts its rate to
    ``epsilon x highest rate``, the other groups unchanged. A group without
    applicants has no rate: NaN with a warning, and it does not pass.

    Reference: Uniform Guidelines on Employee Selection Procedures (1978), 29 CFR 1607.4(D).

    Examples
    --------
    The selective nursing programme: 120 women and 50 men apply; 96 and 30 are admitted.

    >>> result = four_fifths_rule({"women": 96, "men": 30}, {"women": 120, "men": 50})
    >>> result.table[["selection_rate", "ratio_to_highest", "passes", "shortfall"]]
           selection_rate  ratio_to_highest  passes  shortfall
    women             0.8              1.00    True          0
    men               0.6              0.75   False          2
    >>> result.passed
    False
    """
    epsilon = check_fraction(epsilon, name="epsilon", low_open=True)
    selected, applicants = _selection_counts(selected, applicants)
    rate = (selected / applicants.where(applicants > 0)).astype(float)
    reference = rate.idxmax()
    highest = rate[reference]
    if highest == 0:
        warn("Nobody was selected in any group: the ratios are undefined (0 / 0). "
             "Returning NaN.")
    ratio = rate / highest if highest > 0 else rate * np.nan
    rate_needed = epsilon * highest
    # Smallest whole number of extra selections; rounding first keeps 32.000000000000004 at 32.
    shortfall = np.ceil(np.round(rate_needed * applicants - selected, 9)).clip(lower=0)
    passes = pd.Series(at_least(ratio, epsilon), index=ratio.index)
    table = pd.DataFrame({
        "applicants": applicants,
        "selected": selected,
        "selection_rate": rate,
        "ratio_to_highest": ratio,
        "rate_needed": rate_needed,
        "passes": passes,
        "shortfall": shortfall.where(rate.notna()).astype("Int64"),
    })
    return FourFifthsResult(table=table, epsilon=epsilon, reference_group=reference)


def _log_choose(n: int, k: np.ndarray) -> np.ndarray:
    """log(n choose k) for each k (0 <= k <= n), through the log-gamma function."""
    return np.array([math.lgamma(n + 1) - math.lgamma(j + 1) - math.lgamma(n - j + 1)
                     for j in np.asarray(k)])


def _fisher_two_sided(a: int, n1: int, c: int, n2: int) -> float:
    """Two-sided p-value of Fisher's exact test for a of n1 versus c of n2 selected."""
    total, chosen = n1 + n2, a + c
    support = np.arange(max(0, chosen - n2), min(chosen, n1) + 1)
    log_p = _log_choose(chosen, support) + _log_choose(total - chosen, n1 - support) \
        - math.lgamma(total + 1) + math.lgamma(n1 + 1) + math.lgamma(n2 + 1)
    observed = log_p[a - support[0]]
    # Tables as probable as the observed one, up to rounding, count too (as in R and scipy).
    as_extreme = log_p <= observed + math.log1p(1e-7)
    return float(min(1.0, np.exp(log_p[as_extreme]).sum()))


@public
def fisher_exact_test(selected, applicants, *, reference=None) -> pd.Series:
    """Fisher's exact test: could a difference in selection rates this large be chance?

    Each group is compared with the reference group in a 2 x 2 table (selected
    and not selected, in the two groups). If selection had nothing to do with
    the group, the number selected from the reference group, given the
    applicants per group and the total selected, would follow a
    hypergeometric distribution:

    P(X = x) = C(K, x) C(N - K, n - x) / C(N, n),

    with N applicants in the two groups, K of them selected and n in the
    reference group. The two-sided p-value adds up P(X = x) over every table
    no more probable than the one observed. A small p-value (say below 0.05)
    says that a difference this large rarely arises by chance alone.

    Parameters
    ----------
    selected : dict or Series
        Number selected per group.
    applicants : dict or Series
        Number of applicants per group, with the same groups.
    reference : group label, optional
        The group to compare with; by default the group with the highest
        selection rate (the reference of :func:`four_fifths_rule`).

    Returns
    -------
    pandas.Series
        The two-sided p-value of each other group, named ``"p_value"``; NaN
        for a group without applicants.

    Notes
    -----
    The four-fifths rule looks at the size of a difference; this test at
    whether it could be chance. The Uniform Guidelines ask for both: smaller
    differences may still be adverse impact where they are statistically and
    practically significant, and greater ones may not be where they rest on
    small numbers and are not statistically significant.

    References
    ----------
    Fisher, R. A. (1935). The logic of inductive inference. Journal of the
    Royal Statistical Society 98(1), 39-82. Uniform Guidelines on Employee
    Selection Procedures (1978), 29 CFR 1607.4(D).

    Examples
    --------
    The nursing programme: 96 of 120 women and 30 of 50 men admitted.

    >>> fisher_exact_test({"women": 96, "men": 30}, {"women": 120, "men": 50}).round(4)
    men    0.0117
    Name: p_value, dtype: float64

    The same rates with far fewer applicants (12 of 15 women, 3 of 5 men) are
    not unusual at all:

    >>> fisher_exact_test({"women": 12, "men": 3}, {"women": 15, "men": 5}).round(2)
    men    0.56
    Name: p_value, dtype: float64
    """
    selected, applicants = _selection_counts(selected, applicants)
    rate = selected / applicants.where(applicants > 0)
    if reference is None:
        reference = rate.idxmax() if rate.notna().any() else applicants.index[0]
    elif reference not in applicants.index:
        raise ValueError(f"The 'reference' parameter of {caller()} must be one of the groups "
                         f"{list(applicants.index)}; got {reference!r} instead.")
    a, n1 = int(selected[reference]), int(applicants[reference])
    p_values = {group: (_fisher_two_sided(a, n1, int(selected[group]), int(applicants[group]))
                        if applicants[group] > 0 and n1 > 0 else np.nan)
                for group in applicants.index if group != reference}
    return pd.Series(p_values, name="p_value", dtype=float)
