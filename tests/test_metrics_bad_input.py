"""Bad input gets a clear error naming the parameter; degenerate cases give NaN + a warning."""

import numpy as np
import pandas as pd
import pytest

import fairlearn_lite as fl

Y = [1, 0, 1, 0, 1, 0]
G = ["a", "a", "a", "b", "b", "b"]


def test_length_mismatch_names_both_parameters():
    with pytest.raises(ValueError, match=r"'y_pred' parameter of group_metrics has 5 rows.*'y_true' has 6"):
        fl.group_metrics(Y, Y[:5], sensitive_features=G)
    with pytest.raises(ValueError, match=r"'sensitive_features'.*5 rows"):
        fl.group_metrics(Y, Y, sensitive_features=G[:5])


def test_non_binary_labels_name_the_values_found():
    with pytest.raises(ValueError, match=r"'y_true' parameter of group_confusion must hold binary "
                                         r"labels.*\[1, 2, 0\]"):
        fl.group_confusion([1, 2, 0, 1, 0, 1], Y, sensitive_features=G)
    with pytest.raises(ValueError, match=r"'y_true'.*'positive'.*bsa == 'positive'"):
        fl.group_confusion(["positive", "negative"] * 3, Y, sensitive_features=G)


def test_probabilities_where_labels_are_expected():
    with pytest.raises(ValueError, match=r"'y_pred'.*look like probabilities.*scores >= 0.5"):
        fl.group_metrics(Y, [0.1, 0.7, 0.5, 0.2, 0.9, 0.3], sensitive_features=G)


def test_missing_sensitive_feature_suggests_an_unknown_group():
    for missing in [None, np.nan]:
        with pytest.raises(ValueError, match=r"1 missing value.*fillna\('unknown'\)"):
            fl.group_metrics(Y, Y, sensitive_features=["a", "a", missing, "b", "b", "b"])
    with pytest.raises(ValueError, match="missing value"):
        fl.group_metrics(Y, Y, sensitive_features=pd.Series(["a", None] * 3, dtype="category"))


def test_empty_input():
    with pytest.raises(ValueError, match=r"'y_true' parameter of group_metrics is empty"):
        fl.group_metrics([], [], sensitive_features=[])


def test_nan_in_labels():
    with pytest.raises(ValueError, match=r"'y_true'.*NaN"):
        fl.group_metrics([1.0, np.nan, 0, 1, 0, 1], Y, sensitive_features=G)


def test_one_group_where_a_comparison_needs_two():
    one = ["a"] * 6
    with pytest.raises(ValueError, match="at least two groups; got only 'a'"):
        fl.demographic_parity_ratio(Y, Y, sensitive_features=one)
    with pytest.raises(ValueError, match="at least two; got only 'a'"):
        fl.fairness_check(Y, Y, sensitive_features=one, privileged="a")
    with pytest.raises(ValueError, match="at least two"):
        fl.four_fifths_rule({"a": 1}, {"a": 2})


def test_group_without_positives_gives_nan_and_a_warning_naming_it():
    y_true = [1, 0, 1, 0, 0, 0]  # group 'b' has no actual positives
    with pytest.warns(RuntimeWarning, match=r"group 'b' has no actual positives.*true_positive_rate"):
        table = fl.group_metrics(y_true, Y, sensitive_features=G)
    assert np.isnan(table.loc["b", "true_positive_rate"])
    assert table.loc["a", "true_positive_rate"] == 1.0
    with pytest.warns(RuntimeWarning, match="'b'"):
        assert np.isnan(fl.MetricFrame(metrics=fl.true_positive_rate, y_true=y_true, y_pred=Y,
                                       sensitive_features=G).by_group["b"])


def test_absent_privileged_group_lists_the_groups_present():
    with pytest.raises(ValueError, match=r"'privileged'.*groups present: \['a', 'b'\]; got 'c'"):
        fl.fairness_check(Y, Y, sensitive_features=G, privileged="c")


def test_bad_sample_weights():
    with pytest.raises(ValueError, match=r"'sample_weight'.*non-negative.*1 negative"):
        fl.group_metrics(Y, Y, sensitive_features=G, sample_weight=[1, 1, -1, 1, 1, 1])
    with pytest.raises(ValueError, match=r"'sample_weight'.*one weight per row \(6\); got 5"):
        fl.group_metrics(Y, Y, sensitive_features=G, sample_weight=[1] * 5)
    with pytest.raises(ValueError, match=r"'sample_weight'.*finite"):
        fl.group_metrics(Y, Y, sensitive_features=G, sample_weight=[1, np.nan, 1, 1, 1, 1])
    with pytest.raises(ValueError, match=r"'sample_weight'.*sums to zero"):
        fl.group_metrics(Y, Y, sensitive_features=G, sample_weight=[0] * 6)


def test_unknown_metric_and_method_names_list_the_valid_ones():
    with pytest.raises(ValueError, match=r"'metrics'.*selection_rate.*got \['recall'\]"):
        fl.group_metrics(Y, Y, sensitive_features=G, metrics=["recall"])
    with pytest.raises(ValueError, match=r"'method'.*'between_groups', 'to_overall'"):
        fl.demographic_parity_ratio(Y, Y, sensitive_features=G, method="largest")
    with pytest.raises(ValueError, match=r"'agg'.*'worst_case', 'mean'"):
        fl.equalized_odds_ratio(Y, Y, sensitive_features=G, agg="max")


def test_bad_epsilon_and_threshold():
    with pytest.raises(ValueError, match=r"'epsilon' parameter of fairness_check must be in \(0"):
        fl.fairness_check(Y, Y, sensitive_features=G, privileged="a", epsilon=1.25)
    with pytest.raises(ValueError, match=r"'epsilon'"):
        fl.four_fifths_rule({"a": 1, "b": 1}, {"a": 2, "b": 2}, epsilon=0)


def test_four_fifths_bad_counts():
    with pytest.raises(ValueError, match=r"'selected'.*must not exceed.*got 60 selected of 50"):
        fl.four_fifths_rule({"women": 96, "men": 60}, {"women": 120, "men": 50})
    with pytest.raises(ValueError, match=r"same groups"):
        fl.four_fifths_rule({"women": 96}, {"women": 120, "men": 50})
    with pytest.raises(ValueError, match=r"whole, non-negative.*-3"):
        fl.four_fifths_rule({"women": 96, "men": -3}, {"women": 120, "men": 50})
    with pytest.raises(TypeError, match=r"'applicants'.*counts per group"):
        fl.four_fifths_rule({"women": 96, "men": 30}, [120, 50])
    with pytest.warns(RuntimeWarning, match="no applicants"):
        result = fl.four_fifths_rule({"a": 5, "b": 0, "c": 4}, {"a": 10, "b": 0, "c": 10})
    assert np.isnan(result.table.loc["b", "selection_rate"])
    assert not result.passed


def test_privileged_rate_of_zero_gives_nan_ratios_with_a_warning():
    y_true = [1, 1, 0, 0, 1, 1, 0, 0]
    y_pred = [1, 1, 0, 0, 1, 0, 1, 0]  # privileged 'a' has FPR 0
    with pytest.warns(RuntimeWarning, match=r"privileged group 'a' has a rate of 0 for \['FPR'\]"):
        check = fl.fairness_check(y_true, y_pred, sensitive_features=list("aaaabbbb"),
                                  privileged="a")
    assert np.isnan(check.ratios.loc["b", "FPR"])
    assert "NaN" in check.verdict


@pytest.mark.filterwarnings("ignore:group:RuntimeWarning")
def test_caller_data_is_never_modified():
    y_true = pd.Series([1, 0, 1, 0, 1, 0])
    y_pred = np.array([1, 1, 0, 0, 1, 0])
    frame = pd.DataFrame({"gender": pd.Categorical(["f", "f", "m", "m", "x", "x"],
                                                   categories=["f", "m", "x", "unused"])})
    weight = np.array([1.0, 2, 3, 4, 5, 6])
    copies = (y_true.copy(), y_pred.copy(), frame.copy(), weight.copy())
    fl.group_metrics(y_true, y_pred, sensitive_features=frame, sample_weight=weight)
    fl.group_confusion(y_true, y_pred, sensitive_features=frame["gender"], sample_weight=weight)
    fl.fairness_check(y_true, y_pred, sensitive_features=frame["gender"], privileged="f")
    fl.MetricFrame(metrics=fl.selection_rate, y_true=y_true, y_pred=y_pred,
                   sensitive_features=frame, sample_params={"sample_weight": weight})
    selected, applicants = {"a": 3, "b": 4}, pd.Series({"a": 10, "b": 10})
    fl.four_fifths_rule(selected, applicants)
    pd.testing.assert_series_equal(y_true, copies[0])
    np.testing.assert_array_equal(y_pred, copies[1])
    pd.testing.assert_frame_equal(frame, copies[2])
    np.testing.assert_array_equal(weight, copies[3])
    assert selected == {"a": 3, "b": 4} and applicants.tolist() == [10, 10]


def test_results_never_print(capsys):
    fl.fairness_check(Y, [1, 1, 0, 0, 1, 0], sensitive_features=G, privileged="a")
    fl.four_fifths_rule({"a": 1, "b": 2}, {"a": 4, "b": 4})
    assert capsys.readouterr().out == ""
