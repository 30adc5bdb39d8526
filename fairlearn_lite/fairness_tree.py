"""Choosing a fairness metric with a decision tree, after the Aequitas fairness tree.

Is the intervention punitive or assistive? Do we care about who is selected
(representation) or about who is treated wrongly (errors)? Each path ends in a
leaf: the metric to equalise across groups, computed by :func:`tree_metric`.

Where the questions come from:

- the representation/errors split, punitive/assistive, and the three leaves
  on each side follow the Aequitas fairness tree (Saleiro et al. 2018, Center
  for Data Science and Public Policy, University of Chicago), as the
  Amsterdam municipal bias analysis walked it;
- the question "do you trust the labels?" is this kit's own adaptation (the
  municipal report reasons about its labels, but the 2018 tree has no such
  branch). Its "no" answer does not lead to a fairness metric: the updated
  Fairness Tree of Cheng, Ghani & Rodolfa (Data Science for Social Good,
  Carnegie Mellon) sends labels that are not accurate enough to repairing or
  collecting labels first. The leaf :data:`LABELS_FIRST` says so; meanwhile
  it shows the one metric that needs no labels, the selection rate.

Selective labels: when outcomes are only known for those who got the
intervention (investigated applicants, admitted students), rates whose
denominator needs the others' outcomes, such as the false positive rate,
cannot be computed (Lakkaraju et al. 2017).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validation import caller, check_choice, check_group_present, public
from ._warnings import warn
from .confusion import compute_rates, confusion_counts

__all__ = ["FAIRNESS_TREE", "LABELS_FIRST", "LEAVES", "MUNICIPAL_ROUTE", "TreeLeaf", "TreeQuestion",
           "describe_tree_metric", "tree_metric", "walk_fairness_tree"]


@dataclass(frozen=True)
class TreeQuestion:
    key: str
    text: str
    options: dict  # answer -> the next key, or a leaf


@dataclass(frozen=True)
class TreeLeaf:
    metric: str
    name: str
    meaning: str


LEAVES = {
    "selected_count": TreeLeaf("selected_count", "equal selection parity",
                               "every group gets the same number of selections"),
    "selection_rate": TreeLeaf("selection_rate", "demographic parity",
                               "every group is selected in proportion to its size"),
    "fp_per_group_size": TreeLeaf("fp_per_group_size", "false positives / group size parity",
                                  "the chance that a random member of the group is wrongly "
                                  "selected for the intervention"),
    "false_discovery_rate": TreeLeaf("false_discovery_rate", "false discovery rate parity",
                                     "of those selected, the share that should not have been"),
    "false_positive_rate": TreeLeaf("false_positive_rate", "false positive rate parity",
                                    "of those for whom the intervention is not warranted, the "
                                    "share selected anyway"),
    "true_positive_rate": TreeLeaf("true_positive_rate", "recall (true positive rate) parity",
                                   "of those in need, the share who get help"),
    "fn_per_group_size": TreeLeaf("fn_per_group_size", "false negatives / group size parity",
                                  "the chance that a random member of the group needs help and "
                                  "does not get it"),
    "false_omission_rate": TreeLeaf("false_omission_rate", "false omission rate parity",
                                    "of those not helped, the share who needed it"),
    "false_negative_rate": TreeLeaf("false_negative_rate", "false negative rate parity",
                                    "of those in need, the share who do not get help"),
}

# The kit's label question, answered "no": not a fairness metric but a task (see the module notes).
LABELS_FIRST = TreeLeaf("selection_rate", "fix or collect the labels first",
                        "the recorded outcomes are not good enough to judge errors by, so repair "
                        "them or collect better ones before choosing an error metric (the updated "
                        "DSSG fairness tree); meanwhile only a metric that needs no labels can be "
                        "computed: the share selected per group, shown here")

FAIRNESS_TREE: dict[str, TreeQuestion] = {q.key: q for q in [
    TreeQuestion("focus", "What should be equal between groups?", {
        "who is selected (representation)": "representation",
        "who is treated wrongly (errors)": "labels"}),
    TreeQuestion("representation", "Should each group get the same number of selections, or a "
                                    "number in proportion to its size?", {
        "the same number": LEAVES["selected_count"],
        "in proportion to its size": LEAVES["selection_rate"]}),
    TreeQuestion("labels", "Do you trust the labels (the recorded outcomes) to be free of bias?", {
        "yes, we trust them": "intervention",
        "no, the labels may be biased": LABELS_FIRST}),
    TreeQuestion("intervention", "Is the intervention punitive (a burden, such as an "
                                  "investigation or a negative advice) or assistive (help, such "
                                  "as coaching)?", {
        "punitive": "punitive_concern",
        "assistive": "assistive_reach"}),
    TreeQuestion("punitive_concern", "Whose wrong treatment concerns you most?", {
        "everyone, whatever their actual outcome": LEAVES["fp_per_group_size"],
        "those who are selected": LEAVES["false_discovery_rate"],
        "those for whom the intervention is not warranted": LEAVES["false_positive_rate"]}),
    TreeQuestion("assistive_reach", "Can you help most of those in need, or only a small "
                                     "fraction?", {
        "only a small fraction": LEAVES["true_positive_rate"],
        "most of them": "assistive_concern"}),
    TreeQuestion("assistive_concern", "Whose missed help concerns you most?", {
        "everyone, whatever their actual need": LEAVES["fn_per_group_size"],
        "those who are not helped": LEAVES["false_omission_rate"],
        "those with an actual need": LEAVES["false_negative_rate"]}),
]}

# The path the Amsterdam municipal bias analysis took: errors matter, labels trusted, a punitive
# intervention, everyone's chance of being wrongly investigated.
MUNICIPAL_ROUTE = {"focus": "who is treated wrongly (errors)", "labels": "yes, we trust them",
                   "intervention": "punitive",
                   "punitive_concern": "everyone, whatever their actual outcome"}


def _check_answers(answers) -> None:
    if not isinstance(answers, Mapping):
        raise TypeError(f"The 'answers' parameter of {caller()} must be a dict of question key "
                        f"-> answer; got {type(answers).__name__} instead.")
    unknown = [k for k in answers if k not in FAIRNESS_TREE]
    if unknown:
        raise ValueError(f"The 'answers' parameter of {caller()} has unknown question key(s) "
                         f"{unknown!r}; the questions are {list(FAIRNESS_TREE)!r}.")


@public
def walk_fairness_tree(answers: Mapping[str, str]) -> tuple[list[TreeQuestion], TreeLeaf | None]:
    """Follow the answers through the tree: the questions asked so far, and the leaf (or None).

    After the Aequitas fairness tree (Saleiro et al., 2018, Center for Data Science and
    Public Policy, University of Chicago). The question on trust in the labels is
    the kit's own adaptation, not part of that tree: biased labels make every
    error-based metric inherit the bias. Answered "no", it ends at
    :data:`LABELS_FIRST`: repair or collect the labels first, as the updated
    DSSG fairness tree (Cheng, Ghani & Rodolfa) advises.

    Examples
    --------
    >>> asked, leaf = walk_fairness_tree({
    ...     "focus": "who is treated wrongly (errors)", "labels": "yes, we trust them",
    ...     "intervention": "punitive",
    ...     "punitive_concern": "everyone, whatever their actual outcome"})
    >>> leaf.name
    'false positives / group size parity'
    """
    _check_answers(answers)
    asked, node = [], FAIRNESS_TREE["focus"]
    while True:
        asked.append(node)
        answer = answers.get(node.key)
        if answer is None:
            return asked, None
        if answer not in node.options:
            valid = ", ".join(repr(o) for o in node.options)
            raise ValueError(f"The 'answers' parameter of {caller()} has {answer!r} for "
                             f"{node.key!r}; it must be one of {valid}.")
        step = node.options[answer]
        if isinstance(step, TreeLeaf):
            return asked, step
        node = FAIRNESS_TREE[step]


@public
def tree_metric(y_true, y_pred, *, sensitive_features, sample_weight=None, metric: str,
                privileged=None) -> pd.DataFrame:
    """A tree leaf's metric per group, with its difference and ratio to the reference group.

    ``y_pred`` = 1 means *selected for the intervention* (for example: flagged
    as at risk). ``privileged`` is the reference group (default: the largest).

    Examples
    --------
    >>> tree_metric([0, 0, 1, 1, 0, 0, 1, 1], [1, 0, 1, 0, 0, 0, 1, 1],
    ...             sensitive_features=list("aaaabbbb"), metric="fp_per_group_size",
    ...             privileged="a")
                         count  fp_per_group_size  difference  ratio_to_a
    sensitive_feature_0
    a                        4               0.25        0.00         1.0
    b                        4               0.00       -0.25         0.0
    """
    check_choice(metric, name="metric", choices=tuple(m.metric for m in LEAVES.values()))
    counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features,
                              sample_weight=sample_weight)
    if len(counts.groups) < 2:
        raise ValueError(f"{caller()} compares groups, so the 'sensitive_features' parameter "
                         f"must hold at least two; got only {counts.groups.label(0)!r}.")
    index = counts.groups.index.copy()
    if metric == "selected_count":
        values = pd.Series(counts.tp + counts.fp, index=index, dtype=float)
    else:
        values = pd.Series(compute_rates([metric], counts)[metric], index=index)
    reference = (int(np.argmax(counts.n)) if privileged is None
                 else check_group_present(privileged, counts.groups, name="privileged"))
    base, label = values.iloc[reference], counts.groups.label(reference)
    if not base > 0:
        warn(f"The reference group {label!r} has a {metric} of {base}: the ratios to it are "
             f"undefined. Returning NaN for them.")
    ratio = values / base if base > 0 else values * np.nan
    return pd.DataFrame({"count": counts.n, metric: values, "difference": values - base,
                         f"ratio_to_{label}": ratio})


@public
def describe_tree_metric(table: pd.DataFrame) -> str:
    """One sentence that reads a :func:`tree_metric` table: each group against the reference.

    The column ``ratio_to_<reference>`` is each group's value divided by the
    reference group's value (the largest group, unless another was chosen):
    a ratio of 2.1 means "2.1 times as high", 0.5 "half as high".

    Examples
    --------
    >>> table = tree_metric([0, 0, 1, 1, 0, 0, 0, 0, 1, 1], [1, 0, 1, 0, 1, 1, 0, 0, 1, 1],
    ...                     sensitive_features=list("aaaabbbbbb"), metric="fp_per_group_size")
    >>> describe_tree_metric(table)
    "fp_per_group_size against the reference group 'b' (0.333): 'a' 0.75 times as high (0.25)."
    """
    if not isinstance(table, pd.DataFrame) or len(table.columns) != 4 or \
            not str(table.columns[-1]).startswith("ratio_to_"):
        raise TypeError(f"The 'table' parameter of {caller()} must be the table tree_metric "
                        f"returns; got {type(table).__name__} instead.")
    metric, ratio_column = table.columns[1], table.columns[-1]
    reference = ratio_column.removeprefix("ratio_to_")
    base = float((table[metric] - table["difference"]).dropna().iloc[0])
    if not base > 0:
        return (f"The reference group {reference!r} has a {metric} of {base:.3g}, so no ratio "
                f"to it can be computed; compare the differences instead.")
    others = [group for group in table.index if str(group) != reference]
    parts = [f"{group!r} {table.loc[group, ratio_column]:.2f} times as high "
             f"({table.loc[group, metric]:.3g})" for group in others]
    return (f"{metric} against the reference group {reference!r} ({base:.3g}): "
            f"{', '.join(parts)}.")
