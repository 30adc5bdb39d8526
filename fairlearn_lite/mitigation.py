"""Bias mitigation: change the data (pre-processing), the training (in-processing) or the decisions.

=================  ========================================  ==========================================
stage              method                                    here
=================  ========================================  ==========================================
pre-processing     reweighing (Kamiran & Calders 2012)       :func:`reweighing_weights`
pre-processing     resampling, uniform or preferential       :func:`resample`, :func:`resample_indices`
in-processing      a fairness constraint in the training     :func:`grid_search_pipeline` (fairlearn's
                   (reductions, Agarwal et al. 2018)         ``GridSearch``), :func:`reductions_front`
post-processing    ROC pivot (Kamiran, Karim & Zhang 2012)   :func:`roc_pivot`
post-processing    per-group thresholds (Hardt et al. 2016)  :func:`fairlearn_lite.thresholds.group_thresholds`
=================  ========================================  ==========================================

Reweighing changes the data the model learns from; the weights reach a model
through ``model.fit(X, y, sample_weight=w)`` (for the kit's pipelines
``model__sample_weight=w``): training with the weights is how reweighing is
used, not a method of its own. The group is used only while training; the
trained model treats two students with the same features the same. The ROC
pivot (Reject Option based Classification, not the ROC curve) and per-group
thresholds use the group at decision time: a direct distinction.

:func:`mitigate` runs the methods on the lessons' models at a stated operating
point, with every cut-off, pivot width and threshold chosen on out-of-fold
training scores and the test students touched once; :func:`reductions_front`
does the same for fairlearn's reductions with a validation split.
:func:`selective_labels` shows what can and cannot be measured when only the
selected have an outcome.

Reweighing, resampling and the ROC pivot follow dalex's ``dalex.fairness``
(``reweight``, ``resample``, ``roc_pivot``) and the R package fairmodels.
They aim at **statistical parity** between groups; always re-check the other
criteria, and the other sensitive attributes, afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from ._validation import (
    as_1d,
    caller,
    check_choice,
    check_count,
    check_fraction,
    check_group_present,
    check_labels,
    check_positive_int,
    check_random_state,
    check_same_length,
    check_scores,
    check_sensitive_features,
    public,
)
from ._warnings import warn
from .confusion import overall_rates
from .operating_point import OperatingPoint, choose_cutoff, parse_rule

__all__ = ["DECISION_METHODS", "METHODS", "TRAINING_METHODS", "Decision", "Mitigation",
           "ReductionsFront", "grid_search_pipeline", "mitigate", "reductions_front",
           "resample", "resample_indices", "reweighing_weights", "roc_pivot", "selective_labels"]

KINDS = ("uniform", "preferential")


def _cells(y, sensitive_features):
    """Labels, group codes, and the count of every group x label cell."""
    y = check_labels(y, name="y")
    groups = check_sensitive_features(sensitive_features, n=len(y), against="y")
    cells = np.bincount(groups.codes * 2 + y, minlength=2 * len(groups)).reshape(-1, 2)
    empty = [(groups.label(g), label) for g, label in zip(*np.nonzero(cells == 0), strict=True)]
    if empty:
        described = ", ".join(f"group {g!r} with label {label}" for g, label in empty)
        warn(f"Some group x label cells are empty ({described}): reweighing and resampling "
             f"cannot give those groups the overall positive rate. Consider merging small groups.")
    return y, groups, cells


@public
def reweighing_weights(y, *, sensitive_features) -> np.ndarray:
    """Kamiran & Calders' reweighing: weight = P(group) · P(label) / P(group, label).

    Rows of a group x label cell that is rarer than independence would predict
    get a weight above 1, more common cells a weight below 1. Trained with
    these weights, a model sees a world in which the label is independent of
    the group: every group has the same weighted positive rate, and the weights
    of each group add up to its size.

    Parameters
    ----------
    y : array-like of 0/1 or bool
        The labels (not the predictions).
    sensitive_features : array-like, Series or DataFrame
        Several columns give intersectional groups.

    Returns
    -------
    numpy.ndarray
        One weight per row, for scikit-learn's ``sample_weight``.

    Notes
    -----
    Same weights as ``dalex.fairness.reweight``. Reference: F. Kamiran and T.
    Calders (2012), Data preprocessing techniques for classification without
    discrimination, Knowledge and Information Systems 33(1).

    Examples
    --------
    Group a: 3 of 4 positive; group b: 1 of 4; overall 4 of 8.

    >>> reweighing_weights([1, 1, 1, 0, 1, 0, 0, 0], sensitive_features=list("aaaabbbb")).round(3)
    array([0.667, 0.667, 0.667, 2.   , 2.   , 0.667, 0.667, 0.667])
    """
    y, groups, cells = _cells(y, sensitive_features)
    n = len(y)
    group_size = cells.sum(axis=1, keepdims=True)
    label_size = cells.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        table = group_size * label_size / (n * cells)
    return table[groups.codes, y]


@public
def resample_indices(y, *, sensitive_features, kind: Literal["uniform", "preferential"] = "uniform",
                     scores=None, random_state=None) -> np.ndarray:
    """Row numbers of a resampled data set in which the label is independent of the group.

    Each group x label cell is brought to its expected size under independence,
    ``round(count · weight)`` with the reweighing weight. Too large cells are
    undersampled, too small ones oversampled (all rows repeated as often as
    fits, plus a remainder).

    ``kind="uniform"`` picks the rows at random. ``kind="preferential"`` uses
    the ``scores`` (the chance of the favourable label): it drops, or
    duplicates, the rows closest to the decision border first — for label 0 the
    highest scores, for label 1 the lowest — as in dalex and Kamiran & Calders'
    preferential sampling.

    References
    ----------
    Kamiran & Calders (2012), Data preprocessing techniques for classification
    without discrimination. Knowledge and Information Systems 33(1).

    Examples
    --------
    Group a: 3 of 4 positive; group b: 1 of 4. Under independence each group has
    2 positives and 2 negatives, so a's only negative (row 3) is taken twice:

    >>> rows = resample_indices([1, 1, 1, 0, 1, 0, 0, 0], sensitive_features=list("aaaabbbb"),
    ...                         random_state=0)
    >>> [int(r) for r in rows].count(3), len(rows)
    (2, 8)
    """
    check_choice(kind, name="kind", choices=KINDS)
    y, groups, cells = _cells(y, sensitive_features)
    if kind == "preferential":
        if scores is None:
            raise ValueError(f"The 'scores' parameter of {caller()} is required for "
                             "kind='preferential' (the chance of the favourable label per row).")
        scores = check_scores(scores, name="scores")
        check_same_length(y=y, scores=scores)
    rng = check_random_state(random_state)
    expected = np.round(cells.sum(axis=1, keepdims=True) * cells.sum(axis=0, keepdims=True)
                        / len(y))
    chosen = []
    for g in range(len(groups)):
        for label in (0, 1):
            rows = np.flatnonzero((groups.codes == g) & (y == label))
            if len(rows):
                chosen.append(_resample_cell(rows, int(expected[g, label]), label, kind,
                                             scores, rng))
    return np.concatenate(chosen) if chosen else np.zeros(0, dtype=int)


def _resample_cell(rows: np.ndarray, want: int, label: int, kind: str, scores, rng):
    """``want`` rows from one group x label cell: fewer (dropped) or more (repeated)."""
    have = len(rows)
    if kind == "preferential":  # nearest the border first
        rows = rows[np.argsort(scores[rows], kind="stable")]
        rows = rows[::-1] if label == 0 else rows
    if want <= have:
        keep = rows[have - want:] if kind == "preferential" else \
            rng.choice(rows, want, replace=False)
        return np.sort(keep)
    extra = want - have * (want // have)
    more = rows[:extra] if kind == "preferential" else rng.choice(rows, extra)
    return np.concatenate([np.tile(np.sort(rows), want // have), more])


@public
def resample(X, y, *, sensitive_features, kind: Literal["uniform", "preferential"] = "uniform",
             scores=None, random_state=None):
    """Resample ``X`` and ``y`` so that the label is independent of the group.

    Returns ``(X_resampled, y_resampled, sensitive_resampled)``, with the same
    types as given (DataFrame or Series rows selected with ``.iloc``). See
    :func:`resample_indices` for how rows are chosen.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"grade": [8, 7, 6, 5, 7, 6, 5, 4]})
    >>> _, y_new, groups = resample(X, [1, 1, 1, 0, 1, 0, 0, 0],
    ...                             sensitive_features=list("aaaabbbb"), random_state=0)
    >>> pd.Series(y_new).groupby(groups).mean().to_dict()
    {'a': 0.5, 'b': 0.5}
    """
    n = len(as_1d(y, name="y"))
    if X is None or np.isscalar(X):
        raise TypeError(f"The 'X' parameter of {caller()} must be a table or array with one row "
                        f"per person; got {X!r} instead.")
    if len(X) != n:
        raise ValueError(f"The 'X' parameter of {caller()} has {len(X)} rows, but 'y' has "
                         f"{n}; they must have the same length.")
    indices = resample_indices(y, sensitive_features=sensitive_features, kind=kind,
                               scores=scores, random_state=random_state)

    def take(values):
        if isinstance(values, (pd.DataFrame, pd.Series)):
            return values.iloc[indices]
        if isinstance(values, Mapping):
            return {key: take(column) for key, column in values.items()}
        return np.asarray(values)[indices]

    return take(X), take(y), take(sensitive_features)


@public
def roc_pivot(scores, *, sensitive_features, privileged, cutoff: float = 0.5,
              theta: float = 0.05) -> np.ndarray:
    """Reject-option classification: flip scores near the cutoff, in favour of the unprivileged.

    Scores within ``theta`` of the ``cutoff`` are mirrored to the other side:
    privileged rows just above the cutoff move just below it; unprivileged rows
    at or just below it move just above. Elsewhere the scores stay as they are.

    Same rule as ``dalex.fairness.roc_pivot`` (which changes an explainer's
    ``y_hat``); here it takes and returns the scores. Reference: F. Kamiran,
    A. Karim and X. Zhang (2012), Decision theory for discrimination-aware
    classification, ICDM.

    Examples
    --------
    >>> roc_pivot([0.52, 0.48, 0.52, 0.48, 0.9], sensitive_features=list("ppuuu"),
    ...           privileged="p").round(2).tolist()
    [0.48, 0.48, 0.52, 0.52, 0.9]
    """
    s = check_scores(scores, name="scores").copy()
    groups = check_sensitive_features(sensitive_features, n=len(s), against="scores")
    position = check_group_present(privileged, groups, name="privileged")
    cutoff = check_fraction(cutoff, name="cutoff", low_open=True)
    theta = check_fraction(theta, name="theta", low_open=True)
    close = np.abs(s - cutoff) < theta
    is_privileged = groups.codes == position
    favourable = s > cutoff
    down = close & is_privileged & favourable
    up = close & ~is_privileged & ~favourable
    s[down] = cutoff - (s[down] - cutoff)
    s[up] = cutoff + (cutoff - s[up])
    return np.clip(s, 0, 1)


# --- the methods at a stated operating point, chosen out-of-fold -------------------------------

TRAINING_METHODS = ("none", "reweighing", "resampling (uniform)", "resampling (preferential)")
DECISION_METHODS = ("ROC pivot", "group thresholds")
METHODS = TRAINING_METHODS + DECISION_METHODS
STAGES = {"none": "untreated", "reweighing": "pre-processing",
          "resampling (uniform)": "pre-processing", "resampling (preferential)": "pre-processing",
          "reductions (GridSearch)": "in-processing", "ROC pivot": "post-processing",
          "group thresholds": "post-processing"}
THETAS = np.round(np.arange(0.01, 0.201, 0.01), 2)  # the pivot widths tried


def _one_thread():
    """Run scikit-learn's numerical libraries on one thread: on data this small, more threads only
    wait for each other (and on a shared machine they slow everything down)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _model_name(kind: str) -> str:
    return kind.replace("_", " ")


def _train(kind, method, X, y, groups, random_state):
    """A pipeline trained with one training-time method (none, reweighing or resampling)."""
    from .models import prognosis_pipeline

    model = prognosis_pipeline(kind, random_state=random_state)
    if method == "none":
        return model.fit(X, y)
    if method == "reweighing":  # the weights reach the pipeline's last step, "model"
        return model.fit(X, y, model__sample_weight=reweighing_weights(y, sensitive_features=groups))
    how = method[len("resampling ("):-1]
    ranker = None
    if how == "preferential":  # who is near the border: a logistic regression on these rows
        ranker = prognosis_pipeline("logistic").fit(X, y).predict_proba(X)[:, 1]
    X_new, y_new, _ = resample(X, y, sensitive_features=groups, kind=how, scores=ranker,
                               random_state=random_state)
    return model.fit(X_new, y_new)


def _out_of_fold(kind, method, X, y, groups, cv, random_state) -> np.ndarray:
    """Out-of-fold training scores, the method applied inside every fold."""
    from sklearn.model_selection import StratifiedKFold

    from .models import out_of_fold_scores

    if method in ("none", "reweighing"):
        weights = reweighing_weights(y, sensitive_features=groups) if method == "reweighing" \
            else None
        return out_of_fold_scores(kind, X, y, sample_weight=weights, cv=cv,
                                  random_state=random_state)
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    scores = np.empty(len(y))
    for fit_rows, held_out in folds.split(X, y):
        model = _train(kind, method, X.iloc[fit_rows], y[fit_rows], groups[fit_rows],
                       random_state)
        scores[held_out] = model.predict_proba(X.iloc[held_out])[:, 1]
    return scores


def _pivot_profile(y, scores, groups, privileged, cutoff) -> pd.Series:
    """The demographic parity ratio after pivoting with each width (0 = no pivot)."""
    from .metrics import demographic_parity_ratio

    ratios = {0.0: demographic_parity_ratio(y, scores >= cutoff, sensitive_features=groups)}
    for theta in THETAS:
        pivoted = roc_pivot(scores, sensitive_features=groups, privileged=privileged,
                            cutoff=cutoff, theta=float(theta))
        ratios[float(theta)] = demographic_parity_ratio(y, pivoted >= cutoff,
                                                        sensitive_features=groups)
    return pd.Series(ratios, name="parity ratio").rename_axis("theta")


@dataclass(frozen=True)
class Decision:
    """One model x method: its operating point, its test predictions and its setting.

    Attributes
    ----------
    model, method : str
    operating_point : OperatingPoint
        The cut-off, chosen on the out-of-fold training scores by the stated rule.
    predictions : numpy.ndarray of bool
        Predicted positive, per test student.
    setting : float, pandas.Series or None
        The ROC pivot's width ``theta``, or the threshold per group; None otherwise.
    profile : pandas.Series or None
        For the ROC pivot: the out-of-fold parity ratio at every width tried.
    """

    model: str
    method: str
    operating_point: OperatingPoint
    predictions: np.ndarray
    setting: object = None
    profile: pd.Series | None = None


def _decide(kind, method, train_scores, test_scores, y, groups, test_groups, rule,
            privileged) -> Decision:
    """The operating point and the method's setting from training scores, applied to the test."""
    from .thresholds import apply_thresholds, thresholds_for_target

    point = choose_cutoff(y, train_scores, rule=rule)
    if method == "ROC pivot":
        profile = _pivot_profile(y, train_scores, groups, privileged, point.cutoff)
        theta = float(profile.idxmax())  # the smallest width with the best ratio
        pivoted = test_scores if theta == 0 else roc_pivot(
            test_scores, sensitive_features=test_groups, privileged=privileged,
            cutoff=point.cutoff, theta=theta)
        return Decision(kind, method, point, pivoted >= point.cutoff, theta, profile)
    if method == "group thresholds":  # every group gets the share the operating point selects
        thresholds = thresholds_for_target(y, train_scores, sensitive_features=groups,
                                           metric="selection_rate", target=point.selection_rate)
        chosen = apply_thresholds(test_scores, thresholds, sensitive_features=test_groups) == 1
        return Decision(kind, method, point, chosen, thresholds)
    return Decision(kind, method, point, test_scores >= point.cutoff)


def _outcome_row(y, predicted, groups) -> dict:
    """Share predicted positive, accuracy and the demographic parity ratio of test predictions."""
    from .metrics import demographic_parity_ratio

    rates = overall_rates(np.asarray(y, dtype=bool), np.asarray(predicted, dtype=bool),
                          ["selection_rate", "accuracy"])
    return {"share predicted positive": rates["selection_rate"], "accuracy": rates["accuracy"],
            "parity ratio": demographic_parity_ratio(y, predicted, sensitive_features=groups)}


def _false_positive_rate(y, predicted) -> float:
    """Of the students who fail, the share predicted to pass."""
    return overall_rates(np.asarray(y, dtype=bool), np.asarray(predicted, dtype=bool),
                         ["false_positive_rate"])["false_positive_rate"]


def _out_of_band(y, predicted, others) -> int:
    """How many fairness-check metrics fall outside the band on the other attributes."""
    from .metrics import bias_table

    table = bias_table(y, predicted, sensitive_features=others)
    return int(table["below"].sum() + table["above"].sum())


@dataclass(frozen=True)
class Mitigation:
    """The outcome of :func:`mitigate`: one :class:`Decision` per model x method.

    Attributes
    ----------
    split : CohortSplit
    attribute : str
        The sensitive column mitigated for.
    privileged : group label
        The ROC pivot's privileged group.
    decisions : dict
        ``(kind, method)`` -> :class:`Decision`.
    in_sample, out_of_fold, test_scores : dict
        Training scores of the untreated model on its own training students (``kind``
        -> scores), out-of-fold training scores and test scores (``(kind, training
        method)`` -> scores).
    """

    split: object
    attribute: str
    privileged: object
    decisions: dict = field(repr=False)
    in_sample: dict = field(repr=False)
    out_of_fold: dict = field(repr=False)
    test_scores: dict = field(repr=False)

    def predictions(self, model: str, method: str) -> np.ndarray:
        """The test predictions of one model (kind) and method."""
        return self.decisions[model, method].predictions

    @public(name="Mitigation.table")
    def table(self) -> pd.DataFrame:
        """Per model and method: the cut-off, and on the test students the share predicted
        positive, the accuracy and the demographic parity ratio by ``attribute``, with the
        change in the last two from the same model untreated (when "none" was run)."""
        groups = self.split.test[self.attribute]
        rows = [{"model": _model_name(d.model), "method": d.method, "stage": STAGES[d.method],
                 "cut-off": d.operating_point.cutoff,
                 **_outcome_row(self.split.y_test, d.predictions, groups)}
                for d in self.decisions.values()]
        table = pd.DataFrame(rows)
        untreated = table[table["method"] == "none"].set_index("model")
        for column in ("parity ratio", "accuracy"):
            if len(untreated):
                table[f"{column} change"] = table[column] - table["model"].map(untreated[column])
        return table

    @public(name="Mitigation.flags")
    def flags(self, others: pd.DataFrame) -> pd.DataFrame:
        """Metrics outside the band on the test students' ``others`` columns (method x model)."""
        counts = {(_model_name(k), m): _out_of_band(self.split.y_test, d.predictions, others)
                  for (k, m), d in self.decisions.items()}
        table = pd.Series(counts).unstack(0)
        methods = list(dict.fromkeys(m for _, m in self.decisions))
        models = list(dict.fromkeys(_model_name(k) for k, _ in self.decisions))
        return table.loc[methods, models]

    @public(name="Mitigation.operating_points")
    def operating_points(self) -> pd.DataFrame:
        """Per untreated model: the cut-off, the share predicted positive out-of-fold and on
        the test students, and the share the conventional cut-off 0.5 would select."""
        rows = {_model_name(k): {
            "cut-off": d.operating_point.cutoff,
            "share predicted positive (training, out-of-fold)": d.operating_point.selection_rate,
            "share predicted positive (test)": float(d.predictions.mean()),
            "false positive rate (test)": _false_positive_rate(self.split.y_test, d.predictions),
            "share at cut-off 0.5 (test)": float(np.mean(self.test_scores[k, "none"] >= 0.5)),
            "false positive rate at 0.5 (test)": _false_positive_rate(
                self.split.y_test, self.test_scores[k, "none"] >= 0.5)}
            for (k, m), d in self.decisions.items() if m == "none"}
        return pd.DataFrame(rows).T.rename_axis("model")

    @public(name="Mitigation.auc")
    def auc(self) -> pd.DataFrame:
        """The untreated models' AUC on their own training students, out-of-fold, and on the
        test students: a large first-minus-second gap is overfitting."""
        from sklearn.metrics import roc_auc_score

        y_train, y_test = self.split.y_train, self.split.y_test
        rows = {_model_name(kind): {
            "training (in-sample)": roc_auc_score(y_train, self.in_sample[kind]),
            "training (out-of-fold)": roc_auc_score(y_train, self.out_of_fold[kind, "none"]),
            "test": roc_auc_score(y_test, self.test_scores[kind, "none"])}
            for kind in self.in_sample}
        return pd.DataFrame(rows).T.rename_axis("model")

    @public(name="Mitigation.fitting_check")
    def fitting_check(self, others: pd.DataFrame, models=("random_forest", "gradient_boosting"),
                      constraint: str = "demographic_parity") -> pd.DataFrame:
        """Per-group thresholds fitted on in-sample versus out-of-fold training scores.

        The thresholds of :func:`fairlearn_lite.thresholds.group_thresholds`
        (the most accurate ones that meet ``constraint``) are fitted once on the
        untreated model's scores of its own training students and once on its
        out-of-fold scores, then applied to the test students. Columns: share
        predicted positive, accuracy, parity ratio, and metrics outside the band
        on ``others``.
        """
        from .thresholds import apply_thresholds, group_thresholds

        split, rows = self.split, []
        groups, test_groups = split.train[self.attribute], split.test[self.attribute]
        for kind in models:
            for fitted_on, scores in [("in-sample", self.in_sample[kind]),
                                      ("out-of-fold", self.out_of_fold[kind, "none"])]:
                thresholds = group_thresholds(split.y_train, scores, sensitive_features=groups,
                                              constraint=constraint)
                chosen = apply_thresholds(self.test_scores[kind, "none"], thresholds,
                                          sensitive_features=test_groups) == 1
                rows.append({"model": _model_name(kind), "thresholds fitted on": fitted_on,
                             **_outcome_row(split.y_test, chosen, test_groups),
                             "outside the band": _out_of_band(split.y_test, chosen, others)})
        return pd.DataFrame(rows).set_index(["model", "thresholds fitted on"])


def _score_kind(kind, trainings, split, y, groups, cv, random_state) -> dict:
    """Test, out-of-fold and (untreated) in-sample scores of one kind, per training method."""
    scores = {}
    for training in trainings:
        model = _train(kind, training, split.X_train, y, groups, random_state)
        scores["test", training] = model.predict_proba(split.X_test)[:, 1]
        scores["out-of-fold", training] = _out_of_fold(kind, training, split.X_train, y, groups,
                                                       cv, random_state)
        if training == "none":
            scores["in-sample", training] = model.predict_proba(split.X_train)[:, 1]
    return scores


@public
def mitigate(split, *, attribute: str, kinds=("logistic", "random_forest", "gradient_boosting"),
             methods=METHODS, rule="base-rate", privileged=None, cv: int = 5,
             random_state: int | None = 0) -> Mitigation:
    """Train every model with every method and decide at one stated operating point.

    For each kind of model: the untreated model and one per training-time method
    (reweighing, resampling) is trained on the training students, and scored
    out-of-fold (``cv`` parts, the method applied inside every part). On those
    out-of-fold scores, and never on the test students, are chosen: the cut-off by
    ``rule`` (:func:`fairlearn_lite.operating_point.choose_cutoff`), the ROC pivot's
    width (the ``theta`` with the highest demographic parity ratio), and the
    per-group thresholds (each group selects the share the cut-off selects). Then
    each is applied once to the test students.

    Parameters
    ----------
    split : CohortSplit
        From :func:`fairlearn_lite.models.split_cohort`.
    attribute : str
        The sensitive column to mitigate for, e.g. ``"migration_background"``.
    kinds : list of {"logistic", "random_forest", "gradient_boosting"}
    methods : list of str, default METHODS
        From ``TRAINING_METHODS`` (none, reweighing, resampling (uniform),
        resampling (preferential)) and ``DECISION_METHODS`` (ROC pivot, group
        thresholds; these work on the untreated model's scores).
    rule : "base-rate", "capacity:F" or float, default "base-rate"
        The operating point.
    privileged : group label, optional
        The ROC pivot's privileged group (default: the largest training group).
    cv : int, default 5
    random_state : int or None, default 0

    Returns
    -------
    Mitigation
        ``.decisions``, ``.table()``, ``.operating_points()``, ``.flags(others)``,
        ``.auc()``, ``.fitting_check(others)``.

    Notes
    -----
    The models are trained on one thread (``threadpoolctl``): with a few thousand
    students more threads only wait for each other, and on a shared machine
    (Binder, a workshop server) they can make the lesson ten times slower.

    References
    ----------
    Kamiran & Calders (2012); Kamiran, Karim & Zhang (2012); Hardt, Price &
    Srebro (2016); Hastie, Tibshirani & Friedman (2009), 7.10 (cross-validation).

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import split_cohort
    >>> split = split_cohort(make_study_cohort(600, random_state=0))
    >>> result = mitigate(split, attribute="gender", kinds=["logistic"],
    ...                   methods=["none", "group thresholds"])
    >>> table = result.table()
    >>> table["method"].tolist()
    ['none', 'group thresholds']
    >>> bool(abs(table["share predicted positive"] - split.y_train.mean()).max() < 0.1)
    True
    """
    from .models import KINDS

    kinds = [check_choice(k, name="kinds", choices=KINDS) for k in kinds]
    methods = [check_choice(m, name="methods", choices=METHODS) for m in methods]
    parse_rule(rule)
    check_choice(attribute, name="attribute", choices=tuple(split.train.columns))
    y = check_labels(split.y_train, name="split.y_train")
    groups = split.train[attribute].to_numpy()
    if privileged is None:
        privileged = split.train[attribute].value_counts().idxmax()
    trainings = list(dict.fromkeys("none" if m in DECISION_METHODS else m for m in methods))
    with _one_thread():
        scores = {kind: _score_kind(kind, trainings, split, y, groups, cv, random_state)
                  for kind in kinds}
    decisions = {}
    for kind in kinds:
        for method in methods:
            base = "none" if method in DECISION_METHODS else method
            decisions[kind, method] = _decide(
                kind, method, scores[kind]["out-of-fold", base], scores[kind]["test", base], y,
                groups, split.test[attribute].to_numpy(), rule, privileged)
    return Mitigation(split=split, attribute=attribute, privileged=privileged,
                      decisions=decisions,
                      in_sample={k: scores[k]["in-sample", "none"] for k in kinds
                                 if ("in-sample", "none") in scores[k]},
                      out_of_fold={(k, t): scores[k]["out-of-fold", t] for k in kinds
                                   for t in trainings},
                      test_scores={(k, t): scores[k]["test", t] for k in kinds for t in trainings})


# --- in-processing: fairlearn's reductions ------------------------------------------------------

@public
def grid_search_pipeline(kind: str = "logistic", *, grid_size: int = 41, grid_limit: float = 1.0,
                         grid=None, random_state: int | None = 0):
    """fairlearn's ``GridSearch`` over the kit's pipeline, under demographic parity.

    In-processing: the fairness constraint changes what the model learns.
    ``GridSearch`` (Agarwal et al. 2018) tries ``grid_size`` values of the
    Lagrange multipliers λ (one per group but the last, between ``-grid_limit``
    and ``grid_limit``). For each it relabels and reweighs the training rows,

        signed weight = (2y − 1) + Σ_g λ_g · (1 − [group = g] / P(g)),
        label = [signed weight > 0],

    and trains the learner with |signed weight| as sample weight. λ = 0 is the
    ordinary model. Every candidate stays blind to the group at decision time;
    the group only shapes the training.

    A scikit-learn ``Pipeline`` takes no ``sample_weight`` in ``fit``; its last
    step does, as ``model__sample_weight``. This wrapper tells ``GridSearch`` so
    (``sample_weight_name``), which routes the weights to the step ``"model"``.

    Parameters
    ----------
    kind : {"logistic", "random_forest", "gradient_boosting"}, default "logistic"
        See :func:`fairlearn_lite.models.prognosis_pipeline`.
    grid_size : int, default 41
        The number of candidate models.
    grid_limit : float, default 1.0
        The largest multiplier.
    grid : DataFrame, optional
        The multipliers themselves (a fitted search's ``lambda_vecs_``), instead
        of ``grid_size`` and ``grid_limit``: the same candidates on other rows.
    random_state : int or None, default 0

    Returns
    -------
    fairlearn.reductions.GridSearch
        Not yet fitted: ``.fit(X, y, sensitive_features=groups)``; afterwards
        ``.predictors_`` holds every candidate and ``.lambda_vecs_`` its λ.

    References
    ----------
    Agarwal, Beygelzimer, Dudík, Langford & Wallach (2018), A reductions approach
    to fair classification, ICML (PMLR 80), section 3.4; fairlearn's
    ``fairlearn.reductions.GridSearch``, argument ``sample_weight_name``.

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import split_cohort
    >>> split = split_cohort(make_study_cohort(400, random_state=0))
    >>> search = grid_search_pipeline(grid_size=5).fit(
    ...     split.X_train, split.y_train, sensitive_features=split.train["gender"])
    >>> len(search.predictors_), search.lambda_vecs_.shape[1]
    (5, 5)
    """
    from fairlearn.reductions import DemographicParity, GridSearch

    from .models import prognosis_pipeline

    grid_size = check_positive_int(grid_size, name="grid_size")
    grid_limit = check_count(grid_limit, name="grid_limit")
    return GridSearch(prognosis_pipeline(kind, random_state=random_state),
                      constraints=DemographicParity(), grid_size=grid_size,
                      grid_limit=grid_limit, grid=grid, sample_weight_name="model__sample_weight")


@dataclass(frozen=True)
class ReductionsFront:
    """The outcome of :func:`reductions_front`.

    Attributes
    ----------
    front : DataFrame
        One row per GridSearch candidate, from its out-of-fold training scores at
        its own operating point: ``cut-off``, ``share predicted positive``,
        ``accuracy``, ``parity ratio``, ``on front`` (no other candidate is
        better in both) and ``unconstrained`` (λ = 0).
    chosen : int
        The candidate chosen out-of-fold.
    operating_point : OperatingPoint
        The chosen candidate's cut-off, chosen on its out-of-fold scores.
    test : DataFrame
        On the test students, touched once: the chosen and the unconstrained
        candidate (share predicted positive, accuracy, parity ratio).
    predictions : numpy.ndarray of bool
        The chosen candidate's test predictions.
    epsilon : float
        The smallest parity ratio the choice accepted.
    """

    front: pd.DataFrame
    chosen: int
    operating_point: OperatingPoint
    test: pd.DataFrame
    predictions: np.ndarray = field(repr=False)
    epsilon: float = 0.8
    kind: str = "logistic"

    def table(self) -> pd.DataFrame:
        """The chosen candidate as one row in the columns of :meth:`Mitigation.table` (the
        changes are from the unconstrained candidate, λ = 0)."""
        row, plain = self.test.loc["chosen"], self.test.loc["unconstrained"]
        return pd.DataFrame([{"model": _model_name(self.kind), "method": "reductions (GridSearch)",
                              "stage": STAGES["reductions (GridSearch)"],
                              "cut-off": self.operating_point.cutoff,
                              **{c: float(row[c]) for c in ("share predicted positive",
                                                            "accuracy", "parity ratio")},
                              "parity ratio change": row["parity ratio"] - plain["parity ratio"],
                              "accuracy change": row["accuracy"] - plain["accuracy"]}])


def _positive_scores(predictor, X) -> np.ndarray:
    """The chance of label 1 (a candidate trained on one label only predicts it always)."""
    classes = list(predictor.classes_)
    if 1 not in classes:
        return np.zeros(len(X))
    return predictor.predict_proba(X)[:, classes.index(1)]


def _grid_out_of_fold(search, kind, X, y, groups, cv, random_state) -> np.ndarray:
    """Out-of-fold scores of every candidate (candidates x rows), the same λ in every fold."""
    from sklearn.model_selection import StratifiedKFold

    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    scores = np.empty((search.lambda_vecs_.shape[1], len(y)))
    for fit_rows, held_out in folds.split(X, y):
        part = grid_search_pipeline(kind, grid=search.lambda_vecs_, random_state=random_state)
        part.fit(X.iloc[fit_rows], y[fit_rows], sensitive_features=groups[fit_rows])
        for i, predictor in enumerate(part.predictors_):
            scores[i, held_out] = _positive_scores(predictor, X.iloc[held_out])
    return scores


def _candidate_table(scores, y, groups, rule, lambdas) -> pd.DataFrame:
    """Every candidate at its own operating point, from its (out-of-fold) scores."""
    rows = []
    for candidate_scores in scores:
        point = choose_cutoff(y, candidate_scores, rule=rule)
        rows.append({"cut-off": point.cutoff,
                     **_outcome_row(y, candidate_scores >= point.cutoff, groups)})
    table = pd.DataFrame(rows).rename_axis("candidate")
    accuracy, ratio = table["accuracy"].to_numpy(), table["parity ratio"].to_numpy()
    dominated = [bool(np.any((accuracy >= a) & (ratio >= r) & ((accuracy > a) | (ratio > r))))
                 for a, r in zip(accuracy, ratio, strict=True)]
    table["on front"] = ~np.array(dominated)
    table["unconstrained"] = (lambdas.abs().sum(axis=0) == 0).to_numpy()
    return table


def _choose_candidate(table: pd.DataFrame, epsilon: float) -> int:
    """The most accurate candidate whose parity ratio is at least epsilon (else the fairest)."""
    accepted = table[table["parity ratio"] >= epsilon]
    if accepted.empty:
        return int(table["parity ratio"].idxmax())
    return int(accepted["accuracy"].idxmax())


@public
def reductions_front(split, *, attribute: str, kind: str = "logistic", grid_size: int = 41,
                     grid_limit: float = 1.0, rule="base-rate", epsilon: float = 0.8,
                     cv: int = 5, random_state: int | None = 0) -> ReductionsFront:
    """In-processing with fairlearn's GridSearch: the front out-of-fold, one model on test.

    :func:`grid_search_pipeline` fits ``grid_size`` candidates on the training
    students, and again in each of ``cv`` parts (the same multipliers), which
    gives every candidate out-of-fold scores. Each candidate is judged on those
    at its own operating point (``rule``): accuracy and demographic parity ratio
    by ``attribute`` — the front. The chosen candidate is the most accurate one
    whose out-of-fold parity ratio is at least ``epsilon`` (the fairest one when
    none is). Only that candidate, with its out-of-fold cut-off, and the
    unconstrained one (λ = 0) for comparison, see the test students.

    Parameters
    ----------
    split : CohortSplit
    attribute : str
        The sensitive column, e.g. ``"migration_background"``.
    kind : str, default "logistic"
    grid_size : int, default 41
    grid_limit : float, default 1.0
    rule : "base-rate", "capacity:F" or float, default "base-rate"
    epsilon : float, default 0.8
        The band's lower edge: the smallest parity ratio accepted.
    cv : int, default 5
    random_state : int or None, default 0

    Returns
    -------
    ReductionsFront

    References
    ----------
    Agarwal et al. (2018), A reductions approach to fair classification, ICML.

    Examples
    --------
    >>> from fairlearn_lite.datasets import make_study_cohort
    >>> from fairlearn_lite.models import split_cohort
    >>> split = split_cohort(make_study_cohort(600, random_state=0))
    >>> result = reductions_front(split, attribute="gender", grid_size=5, cv=3)
    >>> len(result.front), int(result.front["unconstrained"].sum())
    (5, 1)
    >>> result.test.index.tolist()
    ['chosen', 'unconstrained']
    """
    check_choice(attribute, name="attribute", choices=tuple(split.train.columns))
    epsilon = check_fraction(epsilon, name="epsilon", low_open=True)
    parse_rule(rule)
    y, groups = check_labels(split.y_train, name="split.y_train"), \
        split.train[attribute].to_numpy()
    search = grid_search_pipeline(kind, grid_size=grid_size, grid_limit=grid_limit,
                                  random_state=random_state)
    with _one_thread():
        search.fit(split.X_train, y, sensitive_features=groups)
        scores = _grid_out_of_fold(search, kind, split.X_train, y, groups, cv, random_state)
    table = _candidate_table(scores, y, groups, rule, search.lambda_vecs_)
    chosen = _choose_candidate(table, epsilon)
    rows, predictions = {}, None
    for name, index in [("chosen", chosen), ("unconstrained", int(table["unconstrained"].idxmax()))]:
        decided = _positive_scores(search.predictors_[index], split.X_test) \
            >= table.loc[index, "cut-off"]
        predictions = decided if predictions is None else predictions
        rows[name] = {"candidate": index,
                      **_outcome_row(split.y_test, decided, split.test[attribute])}
    return ReductionsFront(front=table, chosen=chosen,
                           operating_point=choose_cutoff(y, scores[chosen], rule=rule),
                           test=pd.DataFrame.from_dict(rows, orient="index"),
                           predictions=predictions, epsilon=epsilon, kind=kind)


# --- selective labels: an outcome only for those selected ---------------------------------------

@public
def selective_labels(data: pd.DataFrame, *, decision: str, outcome: str,
                     group: str) -> pd.DataFrame:
    """What a fairness check can and cannot compute when only the selected have an outcome.

    When an outcome is observed only after a decision (a home visit finds a
    breach or not; only admitted students get a study result), the rows not
    selected have no label. Per group this gives:

    - computable: ``selected`` (share), ``hit rate`` = found / selected (precision)
      and ``false positives / group size`` = selected and not found / n;
    - not computable: the false positive rate FP / (FP + TN), since TN — not
      selected and truly negative — is unknown. Two assumptions bracket what it
      could be: no unselected row positive (``FPR if none unselected positive``),
      or unselected rows positive as often as the selected ones of their group
      (``FPR if unselected like selected``). The data cannot tell them apart.

    Parameters
    ----------
    data : pandas.DataFrame
    decision : str
        Column of bool: selected (visited, admitted).
    outcome : str
        Column of bool: the outcome found; only read where ``decision`` is True.
    group : str
        Column with the sensitive groups.

    Returns
    -------
    pandas.DataFrame
        One row per group.

    References
    ----------
    Lakkaraju et al. (2017), The selective labels problem, KDD; the municipal
    bias analysis (Gemeente Amsterdam), which could not compute false positive
    rate parity because only investigated applications had a label.

    Examples
    --------
    Group a: 2 of 4 selected, 1 found; group b: 1 of 4 selected, 1 found.

    >>> data = pd.DataFrame({"visited": [1, 1, 0, 0, 1, 0, 0, 0],
    ...                      "found": [1, 0, 0, 0, 1, 0, 0, 0], "group": list("aaaabbbb")})
    >>> selective_labels(data, decision="visited", outcome="found", group="group")[
    ...     ["hit rate", "false positives / group size", "FPR if none unselected positive"]]
           hit rate  false positives / group size  FPR if none unselected positive
    group
    a           0.5                          0.25                         0.333333
    b           1.0                          0.00                         0.000000
    """
    for name, column in (("decision", decision), ("outcome", outcome), ("group", group)):
        check_choice(column, name=name, choices=tuple(data.columns))
    selected = check_labels(data[decision], name="decision")
    found = check_labels(data[outcome], name="outcome") & (selected == 1)
    frame = pd.DataFrame({"n": 1, "selected": selected, "found": found,
                          "fp": (selected == 1) & ~found}, index=data.index)
    counts = frame.groupby(data[group].to_numpy()).sum().rename_axis(group)
    unselected = counts["n"] - counts["selected"]
    hit_rate = counts["found"] / counts["selected"].where(counts["selected"] > 0)
    table = pd.DataFrame({
        "n": counts["n"], "selected": counts["selected"] / counts["n"], "hit rate": hit_rate,
        "false positives / group size": counts["fp"] / counts["n"],
        "FPR if none unselected positive": counts["fp"] / (counts["fp"] + unselected),
        "FPR if unselected like selected":
            counts["fp"] / (counts["fp"] + unselected * (1 - hit_rate))})
    undefined = [f"group {g!r}: {', '.join(table.columns[table.loc[g].isna()])}"
                 for g in table.index if table.loc[g].isna().any()]
    if undefined:
        warn("Undefined (0 / 0) for " + "; ".join(undefined) + ". Returning NaN there.")
    return table
