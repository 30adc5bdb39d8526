"""The fairness tree as a widget: answer the questions, get a named metric computed on your model."""

from __future__ import annotations

import warnings

import ipywidgets as widgets

from .._validation import caller, check_choice, check_group_present, public
from .._warnings import UndefinedRateWarning
from ..confusion import confusion_counts
from ..fairness_tree import describe_tree_metric, tree_metric, walk_fairness_tree
from ._render import check_group_count, escape, html_table

__all__ = ["FairnessTreeWidget"]

SOURCE_NOTE = ("<p style='font-size:13px;color:#555;margin:0;line-height:1.3'>Questions after the Aequitas fairness tree "
               "(Saleiro et al. 2018). The question on the labels is this kit's adaptation: the "
               "updated DSSG fairness tree sends labels that are not good enough to repairing or "
               "collecting labels first.</p>")


class FairnessTreeWidget:
    """Answer the fairness tree's questions one by one; the leaf's metric is computed live.

    ``y_pred`` = 1 must mean *selected for the intervention* (for example
    "flagged as at risk of failing"), because the tree's metrics are about who
    is selected.

    The questions follow the Aequitas fairness tree (Saleiro et al. 2018); the
    question on trusting the labels is the kit's own adaptation, and its "no"
    ends at "fix or collect the labels first", as the updated DSSG fairness tree
    (Cheng, Ghani & Rodolfa) advises (see :mod:`fairlearn_lite.fairness_tree`).
    Below the table, one sentence reads the ``ratio_to_...`` column
    (:func:`fairlearn_lite.fairness_tree.describe_tree_metric`).

    Examples
    --------
    >>> w = FairnessTreeWidget([1, 0, 1, 0], [1, 1, 0, 0], ["a", "a", "b", "b"])
    >>> w.answer("focus", "who is selected (representation)")
    >>> w.answer("representation", "in proportion to its size")
    >>> w.leaf.metric
    'selection_rate'
    """

    @public(name="FairnessTreeWidget")
    def __init__(self, y_true, y_pred, sensitive_features, *, privileged=None):
        counts = confusion_counts(y_true, y_pred, sensitive_features=sensitive_features)
        check_group_count(counts.groups)
        if len(counts.groups) < 2:
            raise ValueError(f"{caller()} compares groups, so the 'sensitive_features' parameter "
                             f"must hold at least two; got only {counts.groups.label(0)!r}.")
        if privileged is not None:
            check_group_present(privileged, counts.groups, name="privileged")
        self._data = (y_true, y_pred, sensitive_features)
        self.privileged = privileged
        self.answers: dict[str, str] = {}
        self.box = widgets.VBox()
        self.source = widgets.HTML(SOURCE_NOTE)
        self.result = widgets.HTML()
        self._render()

    @property
    def leaf(self):
        return walk_fairness_tree(self.answers)[1]

    @property
    def table(self):
        """The leaf's metric per group (None until the tree reaches a leaf)."""
        if self.leaf is None:
            return None
        y_true, y_pred, features = self._data
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UndefinedRateWarning)
            return tree_metric(y_true, y_pred, sensitive_features=features,
                               metric=self.leaf.metric, privileged=self.privileged)

    @public(name="FairnessTreeWidget.answer")
    def answer(self, key: str, value: str) -> None:
        """Answer one question (as clicking a button does); later answers are forgotten."""
        asked, _ = walk_fairness_tree({k: v for k, v in self.answers.items() if k != key})
        keys = [q.key for q in asked]
        if key not in keys:
            raise ValueError(f"The 'key' parameter of {caller()} must be one of the questions "
                             f"on the current path, {keys}; got {key!r} instead.")
        check_choice(value, name="value", choices=tuple(asked[keys.index(key)].options))
        answers = {k: self.answers[k] for k in keys[: keys.index(key)] if k in self.answers}
        answers[key] = value
        walk_fairness_tree(answers)  # validates the answer before anything is stored
        self.answers = answers
        self._render()

    def _render(self) -> None:
        asked, leaf = walk_fairness_tree(self.answers)
        rows = []
        for question in asked:
            buttons = widgets.ToggleButtons(options=list(question.options),
                                            value=self.answers.get(question.key),
                                            style={"button_width": "auto"})
            buttons.observe(lambda change, key=question.key: self.answer(key, change["new"]),
                            names="value")
            rows.append(widgets.HTML(f"<b>{question.text}</b>",
                                     layout={"margin": "6px 0 0 0"}))
            rows.append(buttons)
        if leaf is None:
            self.result.value = ""
        else:
            table = self.table
            self.result.value = (f"<p style='font-size:15px;margin:6px 0'>→ <b>{leaf.name}</b>: "
                                 f"{leaf.meaning}.</p>" + html_table(table.round(3)) +
                                 f"<p style='margin:4px 0'>{escape(describe_tree_metric(table))}"
                                 " A ratio is the group's value divided by the reference "
                                 "group's.</p>")
        self.box.children = [self.source, *rows, self.result]

    @property
    def widget(self) -> widgets.Widget:
        return self.box

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

