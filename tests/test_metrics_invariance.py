"""Properties every rate in the registry must have, whatever the data."""

import numpy as np
import pandas as pd
import pytest
from conftest import make_random_data
from hypothesis import given, settings
from hypothesis import strategies as st

import fairlearn_lite as fl
from fairlearn_lite.metrics import RATES


def table(y_true, y_pred, groups, weight=None):
    return fl.group_metrics(y_true, y_pred, sensitive_features=groups, sample_weight=weight)


def test_row_order_does_not_matter(random_data):
    y_true, y_pred, groups, _ = random_data
    order = np.random.default_rng(0).permutation(len(y_true))
    pd.testing.assert_frame_equal(table(y_true, y_pred, groups),
                                  table(y_true[order], y_pred[order], groups[order]))


def test_unit_weights_change_nothing(random_data):
    y_true, y_pred, groups, _ = random_data
    plain = table(y_true, y_pred, groups)
    weighted = table(y_true, y_pred, groups, np.ones(len(y_true)))
    pd.testing.assert_frame_equal(plain, weighted, check_dtype=False)


def test_integer_weights_equal_repeated_rows(random_data):
    y_true, y_pred, groups, _ = random_data
    weight = np.random.default_rng(1).integers(0, 4, size=len(y_true))
    repeated = np.repeat(np.arange(len(y_true)), weight)
    pd.testing.assert_frame_equal(
        table(y_true, y_pred, groups, weight),
        table(y_true[repeated], y_pred[repeated], groups[repeated]),
        check_dtype=False, rtol=1e-12)


def test_zero_weight_equals_dropped_row(random_data):
    y_true, y_pred, groups, _ = random_data
    weight = np.ones(len(y_true))
    weight[::7] = 0
    kept = weight > 0
    pd.testing.assert_frame_equal(
        table(y_true, y_pred, groups, weight),
        table(y_true[kept], y_pred[kept], groups[kept]), check_dtype=False, rtol=1e-12)


def test_relabelled_groups_give_the_same_rates(random_data):
    y_true, y_pred, groups, _ = random_data
    rename = {g: f"renamed-{i}" for i, g in enumerate(sorted(set(groups))[::-1])}
    original = table(y_true, y_pred, groups)
    renamed = table(y_true, y_pred, np.array([rename[g] for g in groups]))
    renamed.index = renamed.index.map({v: k for k, v in rename.items()})
    pd.testing.assert_frame_equal(original, renamed.loc[original.index], check_names=False)


def test_group_type_does_not_matter(random_data):
    y_true, y_pred, groups, _ = random_data
    as_list = table(y_true, y_pred, list(groups))
    as_categorical = table(y_true, y_pred, pd.Series(groups, dtype="category"))
    as_series = table(y_true, y_pred, pd.Series(groups, name="sensitive_feature_0"))
    pd.testing.assert_frame_equal(as_list, as_series)
    pd.testing.assert_frame_equal(as_list, as_categorical, check_index_type=False)


def test_every_rate_is_its_formula_on_the_counts(random_data):
    y_true, y_pred, groups, _ = random_data
    counts = fl.group_confusion(y_true, y_pred, sensitive_features=groups)
    rates = table(y_true, y_pred, groups)
    for name, rate in RATES.items():
        expected = counts[list(rate.numerator)].sum(axis=1) / counts[list(rate.denominator)].sum(
            axis=1)
        np.testing.assert_allclose(rates[name], expected, err_msg=name)


def test_complementary_rates_add_up_to_one(random_data):
    rates = table(*random_data[:3])
    for a, b in [("true_positive_rate", "false_negative_rate"),
                 ("false_positive_rate", "true_negative_rate"),
                 ("positive_predictive_value", "false_discovery_rate"),
                 ("negative_predictive_value", "false_omission_rate")]:
        np.testing.assert_allclose(rates[a] + rates[b], 1.0, err_msg=f"{a} + {b}")


def test_swapping_labels_and_predictions_swaps_rates(random_data):
    y_true, y_pred, groups, _ = random_data
    original = table(y_true, y_pred, groups)
    swapped = table(y_pred, y_true, groups)
    np.testing.assert_allclose(original["true_positive_rate"],
                               swapped["positive_predictive_value"])
    np.testing.assert_allclose(original["base_rate"], swapped["selection_rate"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1), st.sampled_from("abc"),
                          st.integers(1, 3)), min_size=1, max_size=40))
def test_counts_add_up_for_any_data(rows):
    y_true, y_pred, groups, weight = (np.array(column) for column in zip(*rows, strict=True))
    counts = fl.group_confusion(y_true, y_pred, sensitive_features=groups, sample_weight=weight)
    assert counts["n"].sum() == pytest.approx(weight.sum())
    assert counts["tp"].sum() == pytest.approx(weight[(y_true == 1) & (y_pred == 1)].sum())
    assert list(counts.index) == sorted(set(groups))


def test_large_random_data_matches_a_plain_groupby():
    y_true, y_pred, groups, _ = make_random_data(42, n=20_000, n_groups=5)
    frame = pd.DataFrame({"t": y_true, "p": y_pred, "g": groups})
    expected = frame.groupby("g").apply(
        lambda d: pd.Series({"tp": ((d.t == 1) & (d.p == 1)).sum(),
                             "fp": ((d.t == 0) & (d.p == 1)).sum()}), include_groups=False)
    counts = fl.group_confusion(y_true, y_pred, sensitive_features=groups)
    np.testing.assert_array_equal(counts[["tp", "fp"]].to_numpy(), expected.to_numpy())
