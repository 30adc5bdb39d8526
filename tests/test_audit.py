"""The audit: its table against the kit's fairness check and group metrics (and scikit-learn),
its report (self-contained, escaped), its command line (one line, exit 2) and its CSV reader."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import confusion_matrix

import fairlearn_lite as fl
from fairlearn_lite.audit import METRICS, audit, read_table
from fairlearn_lite.audit.__main__ import main

FIVE = ["TPR", "ACC", "PPV", "FPR", "STP"]
ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def frame(n=600, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    gender = rng.choice(["f", "m", "x"], n, p=[0.5, 0.42, 0.08])
    band = rng.choice(["<21", "21-25", "26+"], n, p=[0.6, 0.3, 0.1])
    left = rng.random(n) < np.where(gender == "m", 0.35, 0.25)
    score = np.clip(0.2 + 0.35 * left + 0.1 * (band == "26+") + rng.normal(0, 0.18, n), 0, 1)
    return pd.DataFrame({"left": left, "risk": score, "gender": gender, "age_band": band,
                         "flag": rng.random(n) < 0.3})


# --- the table against independent computations ----------------------------------------------

@pytest.mark.parametrize("metric", list(METRICS))
def test_table_matches_fairness_check_and_group_metrics(metric):
    data = frame()
    result = audit(data, label="left", prediction="flag", sensitive=["gender", "age_band"],
                   metric=metric, privileged={"age_band": "26+"})
    for variable in ["gender", "age_band"]:
        rows = result.table[result.table["variable"] == variable].set_index("group")
        reference = "26+" if variable == "age_band" else "f"  # f is the largest gender group
        check = fl.fairness_check(data["left"], data["flag"], sensitive_features=data[variable],
                                  privileged=reference)
        np.testing.assert_allclose(rows.loc[check.ratios.index, FIVE], check.ratios, atol=1e-12)
        rates = fl.group_metrics(data["left"], data["flag"], sensitive_features=data[variable],
                                 metrics=[metric])
        np.testing.assert_allclose(rows.loc[rates.index, metric], rates[metric], atol=1e-12)
        np.testing.assert_allclose(rows[metric] / rows.loc[reference, metric], rows["ratio"])
        assert rows.loc[reference, "verdict"] == "reference"
        assert rows["n"].sum() == len(data)


def test_false_positives_per_group_size_against_scikit_learn():
    data = frame(seed=3)
    result = audit(data, label="left", prediction="flag", sensitive="gender")
    for group, row in result.table.set_index("group").iterrows():
        part = data[data["gender"] == group]
        tn, fp, fn, tp = confusion_matrix(part["left"], part["flag"], labels=[False, True]).ravel()
        assert row["n"] == len(part)
        assert row["fp_per_group_size"] == pytest.approx(fp / len(part), abs=1e-12)


def test_hand_computed_example_with_katz_interval():
    # f: 40 people, 5 false positives (12.5%); m: 40 people, 10 false positives (25%).
    data = pd.DataFrame({"left": [1, 0, 0, 0, 1, 0, 0, 0] * 10,
                         "flag": [1, 1, 0, 0, 1, 0, 0, 0] * 5 + [1, 1, 1, 0, 1, 0, 0, 0] * 5,
                         "gender": ["f"] * 40 + ["m"] * 40})
    result = audit(data, label="left", prediction="flag", sensitive="gender",
                   privileged={"gender": "f"})
    m = result.table.set_index("group").loc["m"]
    assert m["fp_per_group_size"] == 0.25 and m["ratio"] == 2.0
    # Katz: se^2 = (1 - .25)/(40 * .25) + (1 - .125)/(40 * .125) = 0.075 + 0.175 = 0.25
    assert m["low"] == pytest.approx(2 * np.exp(-1.959964 * 0.5), abs=1e-5)
    assert m["high"] == pytest.approx(2 * np.exp(1.959964 * 0.5), abs=1e-4)
    # outside the band, but the interval (0.75 to 5.33) reaches into it; and 40 < 50 people
    assert m["verdict"] == "worse off" and m["uncertain"]
    assert m["reason"] == ("fewer than 50 people; outside the band, but its interval reaches "
                           "into it")
    assert "2.00 times as high" in m["finding"]


@pytest.mark.parametrize(("metric", "ratio", "verdict"), [
    ("fp_per_group_size", 2.0, "worse off"), ("true_positive_rate", 0.5, "worse off"),
    ("fp_per_group_size", 0.5, "better off"), ("selection_rate", 2.0, "higher"),
    ("false_negative_rate", 1.1, "no bias")])
def test_verdict_direction(metric, ratio, verdict):
    from fairlearn_lite.audit._core import _verdict

    assert _verdict(ratio, METRICS[metric][1], 0.8) == verdict


def test_band_edges_pass():
    from fairlearn_lite.audit._core import _verdict

    assert _verdict(0.64 / 0.8, "higher", 0.8) == "no bias"  # 0.7999999999999999
    assert _verdict(1.25, "higher", 0.8) == "no bias"


# --- the operating point -----------------------------------------------------------------------

def test_operating_points():
    data = frame(seed=1)
    base = audit(data, label="left", score="risk", sensitive="gender")
    assert base.selection_rate == pytest.approx(data["left"].mean(), abs=2 / len(data))
    assert base.selection_rate == pytest.approx((data["risk"] >= base.cutoff).mean())
    capacity = audit(data, label="left", score="risk", sensitive="gender", cutoff="capacity:0.25")
    assert capacity.selection_rate == pytest.approx(0.25, abs=2 / len(data))
    fixed = audit(data, label="left", score="risk", sensitive="gender", cutoff=0.5)
    assert fixed.cutoff == 0.5
    assert fixed.selection_rate == pytest.approx((data["risk"] >= 0.5).mean())
    given = audit(data, label="left", prediction="flag", sensitive="gender")
    assert given.cutoff is None and given.selection_rate == pytest.approx(data["flag"].mean())


@pytest.mark.filterwarnings("ignore::fairlearn_lite.UndefinedRateWarning")
def test_intersections_match_the_intersectional_fairness_check():
    data = frame(seed=2)
    result = audit(data, label="left", prediction="flag", sensitive=["gender", "age_band"],
                   intersections=[("gender", "age_band")])
    rows = result.table[result.table["variable"] == "gender × age_band"].set_index("group")
    both = data[["gender", "age_band"]]
    check = fl.fairness_check(data["left"], data["flag"], sensitive_features=both,
                              privileged=("f", "<21"))
    expected = check.ratios.set_axis([f"{g} & {a}" for g, a in check.ratios.index])
    np.testing.assert_allclose(rows.loc[expected.index, FIVE], expected, atol=1e-12)
    assert rows.loc["f & <21", "verdict"] == "reference"  # the largest combination


def test_label_values_and_positive():
    data = frame()
    words = data.assign(left=np.where(data["left"], "left", "stayed"),
                        flag=np.where(data["flag"], "left", "stayed"))
    a = audit(data, label="left", prediction="flag", sensitive="gender").table
    b = audit(words, label="left", positive="left", prediction="flag", sensitive="gender").table
    pd.testing.assert_frame_equal(a, b)


def test_caller_data_unchanged_and_nothing_printed(capsys):
    data = frame()
    before = data.copy()
    audit(data, label="left", score="risk", sensitive=["gender"], intersections=[])
    pd.testing.assert_frame_equal(data, before)
    assert capsys.readouterr().out == ""


def test_reference_without_false_positives_is_not_hidden():
    # a: 4 people, no false positives; b: 2 people, 1 false positive (50%).
    data = pd.DataFrame({"left": [1, 0, 1, 0, 1, 0], "flag": [1, 0, 1, 0, 1, 1],
                         "g": ["a", "a", "a", "a", "b", "b"]})
    with pytest.warns(fl.UndefinedRateWarning, match="'a'"):
        result = audit(data, label="left", prediction="flag", sensitive="g")
    b = result.table.set_index("group").loc["b"]
    assert np.isinf(b["ratio"]) and b["verdict"] == "worse off" and b["uncertain"]
    assert "the reference group has none" in b["reason"]
    assert "b (g, reference has none" in result.summary()


def test_group_and_reference_both_without_false_positives_is_unknown_not_parity():
    data = pd.DataFrame({"left": [1, 0, 1, 0, 1, 0], "flag": [1, 0, 1, 0, 1, 0],
                         "g": ["a", "a", "a", "a", "b", "b"]})
    with pytest.warns(fl.UndefinedRateWarning, match="'a'"):
        result = audit(data, label="left", prediction="flag", sensitive="g")
    b = result.table.set_index("group").loc["b"]
    assert np.isnan(b["ratio"]) and b["verdict"] == "unknown" and b["uncertain"]


def test_weights_change_the_intervals_by_the_effective_size_only():
    data = frame(seed=4)
    plain = audit(data, label="left", prediction="flag", sensitive="gender").table
    for factor in [0.01, 100.0]:  # uniform weights: the same people, the same evidence
        weighted = audit(data, label="left", prediction="flag", sensitive="gender",
                         sample_weight=np.full(len(data), factor)).table
        np.testing.assert_allclose(weighted[["n", "ratio", "low", "high"]],
                                   plain[["n", "ratio", "low", "high"]], rtol=1e-9)
        assert (weighted["uncertain"] == plain["uncertain"]).all()


def test_zero_count_interval_uses_the_haldane_anscombe_correction():
    # m has 0 false positives in 300, f has 30 in 300: ratio 0; the interval from 0.5/301 and
    # 30.5/301 (with 100 people per group it would still reach 0.8, and be uncertain).
    data = pd.DataFrame({"left": [0] * 30 + [1] * 15 + [0] * 255 + [1] * 15 + [0] * 285,
                         "flag": [1] * 30 + [0] * 570,
                         "gender": ["f"] * 300 + ["m"] * 300})
    m = audit(data, label="left", prediction="flag", sensitive="gender",
              privileged={"gender": "f"}).table.set_index("group").loc["m"]
    p1, p2 = 0.5 / 301, 30.5 / 301
    se = np.sqrt((1 - p1) / (301 * p1) + (1 - p2) / (301 * p2))
    assert m["high"] == pytest.approx(p1 / p2 * np.exp(1.959964 * se), rel=1e-5)
    assert m["ratio"] == 0 and m["verdict"] == "better off" and not m["uncertain"]


# --- bad input: one clear message naming the parameter ---------------------------------------

@pytest.mark.parametrize(("change", "kwargs", "message"), [
    (None, {"label": "gone"}, r"'label' parameter of audit .* columns are: left, risk"),
    (lambda d: d.assign(left=np.arange(len(d)) % 3), {}, r"holds 3: \[0, 1, 2\]"),
    (lambda d: d.assign(gender=d["gender"].where(d.index > 4)), {},
     r"has 5 missing value\(s\).*fillna\('unknown'\)"),
    (lambda d: d.assign(risk=d["risk"] * 10), {}, r"'score' parameter .* between 0 and 1"),
    (None, {"prediction": "flag"}, r"exactly one of the parameters 'score'.*got both"),
    (None, {"positive": "maybe"}, r"'positive' parameter .* values of column 'left'"),
    (None, {"privileged": {"gender": "z"}}, r"'privileged' parameter .* gives 'z' for 'gender'"),
    (None, {"privileged": {"age": "z"}}, r"names 'age', which is not one of the sensitive"),
    (None, {"intersections": [("gender", "age")]}, r"'intersections' parameter"),
    (None, {"cutoff": "capacity:2"}, r"'cutoff' parameter of audit must give a capacity"),
    (None, {"cutoff": "half"}, r"'cutoff' parameter of audit must be 'base-rate'"),
    (None, {"metric": "accuracy"}, r"'metric' parameter of audit"),
    (lambda d: d.iloc[:0], {}, r"'data' parameter of audit has no rows"),
])
def test_bad_input(change, kwargs, message):
    data = frame(n=60)
    if change is not None:
        data = change(data)
    arguments = {"label": "left", "score": "risk", "sensitive": ["gender", "age_band"], **kwargs}
    with pytest.raises((ValueError, TypeError), match=message):
        audit(data, **arguments)


@pytest.mark.parametrize(("data", "kwargs", "message"), [
    (pd.DataFrame({"left": [1, 1], "flag": [1, 0], "g": ["a", "b"]}), {},
     "holds only one value, \\[1\\]; an audit needs people with both outcomes"),
    (pd.DataFrame({"left": [1, 0] * 40, "flag": [1, 0] * 40, "g": list(range(40)) * 2}), {},
     "has 40 different values; a sensitive column has a handful"),
    (pd.DataFrame({"left": [1, 0] * 4, "flag": [1, 0] * 4, "g": ["Man", "man"] * 4}),
     {"privileged": {"g": "MAN"}}, "matches several groups"),
    (pd.DataFrame({"left": [1, 0] * 4, "flag": [1, 0] * 4, "g": ["a", "b"] * 4}),
     {"cutoff": 0.3}, "'cutoff' parameter of audit turns scores into decisions"),
    (pd.DataFrame({"left": ["ja", "nee"] * 4, "flag": [1, 0] * 4, "g": ["a", "b"] * 4}),
     {"positive": True}, "got True \\(the default; say which value counts as positive\\)"),
])
def test_bad_input_found_by_trying_real_exports(data, kwargs, message):
    with pytest.raises(ValueError, match=message):
        audit(data, label="left", prediction="flag", sensitive="g", **kwargs)


def test_groups_spelled_two_ways_get_a_warning():
    data = pd.DataFrame({"left": [1, 0] * 4, "flag": [1, 0] * 4, "g": ["Man", "man "] * 4})
    with pytest.warns(UserWarning, match="differ only in capitals or spaces"):
        audit(data, label="left", prediction="flag", sensitive="g")


@pytest.mark.parametrize("coding", ["int", "bool", "words"])
def test_positive_zero_means_the_same_in_every_coding(coding):
    data = frame(seed=5)
    left, flag = ~data["left"], ~data["flag"]  # "stayed" is now positive, coded 0 below
    if coding == "int":
        table = data.assign(left=(~left).astype(int), flag=(~flag).astype(int))
        positive = 0
    elif coding == "bool":
        table = data.assign(left=~left, flag=~flag)
        positive = False
    else:
        table = data.assign(left=np.where(left, "stayed", "left"),
                            flag=np.where(flag, "stayed", "left"))
        positive = "stayed"
    result = audit(table, label="left", positive=positive, prediction="flag", sensitive="gender")
    assert result.selection_rate == pytest.approx(flag.mean())
    assert result.base_rate == pytest.approx(left.mean())


def test_not_a_dataframe():
    with pytest.raises(TypeError, match="'data' parameter of audit must be a pandas DataFrame"):
        audit({"left": [1, 0]}, label="left", prediction="left", sensitive="left")


# --- the report --------------------------------------------------------------------------------

def test_report_is_self_contained_and_escapes_user_strings(tmp_path):
    data = frame(n=300)
    data["gender"] = data["gender"].replace({"x": "<script>alert(1)</script>"})
    result = audit(data, label="left", score="risk", sensitive=["gender", "age_band"])
    path = tmp_path / "report.html"
    page = result.to_html(path)
    assert path.read_text(encoding="utf-8") == page
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert page.count("data:image/png;base64,") == 2 * 2  # two charts per variable
    for section in ["The data", "The operating point", "How this audit works",
                    "The choices made in this audit"]:
        assert section in page
    assert f"{result.selection_rate:.1%}" in result.summary()


def test_report_states_uncertain_in_words_not_colour_alone():
    data = frame(n=300)
    result = audit(data, label="left", score="risk", sensitive="gender")
    page = result.to_html()
    for row in result.table.itertuples():
        if row.uncertain:
            assert f"{row.verdict} (uncertain)" in page


# --- the command line --------------------------------------------------------------------------

def cli(tmp_path, capsys, *args, data=None):
    path = tmp_path / "data.csv"
    (frame(n=200) if data is None else data).to_csv(path, index=False)
    status = main([str(path), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_writes_the_report_next_to_the_data(tmp_path, capsys):
    status, out, err = cli(tmp_path, capsys, "--label", "left", "--score", "risk",
                           "--sensitive", "gender,age_band", "--privileged", "gender=m")
    assert status == 0 and err == ""
    assert out.strip() == str(tmp_path / "data-audit.html")
    assert "reference m (chosen)" not in out and (tmp_path / "data-audit.html").exists()


@pytest.mark.parametrize(("args", "data", "expected"), [
    (["--label", "gone", "--score", "risk", "--sensitive", "gender"], None,
     "--label must name a column of the data; got 'gone', but the columns are: left, risk"),
    (["--label", "left", "--score", "risk", "--sensitive", "gender"],
     pd.DataFrame({"left": [0, 1, 2] * 5, "risk": 0.5, "gender": "f"}), "holds 3: [0, 1, 2]"),
    (["--label", "left", "--score", "risk", "--sensitive", "gender"],
     pd.DataFrame({"left": [0, 1] * 5, "risk": 0.5, "gender": ["f", None] * 5}),
     "has 5 missing value(s) of 10. Give them an explicit group"),
    (["--label", "left", "--score", "risk", "--sensitive", "gender"],
     pd.DataFrame({"left": [0, 1] * 5, "risk": 700.0, "gender": "f"}), "--score must be scores "
     "between 0 and 1"),
    (["--label", "left", "--score", "risk", "--sensitive", "gender"],
     pd.DataFrame({"left": [0, 1] * 5, "risk": [7.0, 93.0] * 5, "gender": "f"}),
     "percentages, it seems. Scores must lie between 0 and 1: divide them by 100 first, or add "
     "--score-percent."),
    (["--label", "left", "--score", "risk", "--sensitive", "gender,", "age_band"], None,
     "unrecognized arguments: age_band (a list after --sensitive has no spaces"),
    (["--label", "left", "--score", "risk", "--sensitive", "gender", "--out", "/no/such/x.html"],
     None, "--out must be a file in an existing folder"),
    (["--label", "left", "--score", "risk", "--sensitive", "gender"],
     pd.DataFrame({"left": [0, 1] * 5, "risk": 0.5, "gender": ["f", None] * 5}),
     "Give them an explicit group: fill the empty cells, or add --missing-group unknown."),
    (["--label", "left", "--score", "risk", "--sensitive", "gender"],
     pd.DataFrame({"left": [], "risk": [], "gender": []}), "The data file has no rows"),
    (["--label", "left", "--sensitive", "gender"], None, "one of the arguments --score "
     "--prediction is required"),
    (["--label", "left", "--score", "risk", "--sensitive", "gender", "--privileged", "gender"],
     None, "--privileged must look like COLUMN=VALUE"),
    (["--label", "left", "--score", "risk", "--sensitive", "gender", "--cutoff", "lots"], None,
     "--cutoff must be 'base-rate'"),
])
def test_cli_bad_input_one_line_exit_2(tmp_path, capsys, args, data, expected):
    status, out, err = cli(tmp_path, capsys, *args, data=data)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert expected in err


def test_cli_conveniences_percent_scores_missing_group_decimal_comma(tmp_path, capsys):
    data = frame(n=200)
    data["risk"] = (data["risk"] * 100).round(1)
    data.loc[:9, "gender"] = None
    status, out, err = cli(tmp_path, capsys, "--label", "left", "--score", "risk",
                           "--score-percent", "--missing-group", "unknown", "--cutoff",
                           "capacity:0,25", "--sensitive", "gender", data=data)
    assert status == 0, err
    page = (tmp_path / "data-audit.html").read_text(encoding="utf-8")
    assert "<td>unknown</td>" in page and "Data: data.csv." in page
    assert "capacity: the 25% with the highest scores" in page


def test_cli_help_example_runs_on_the_shipped_file(tmp_path, capsys):
    from fairlearn_lite.audit.__main__ import EXAMPLE

    args = EXAMPLE.split("python -m fairlearn_lite.audit ", 1)[1].split()
    args[0] = str(ROOT / args[0])
    assert main([*args, "--out", str(tmp_path / "example.html")]) == 0
    assert capsys.readouterr().err == ""


def test_cli_missing_file_and_no_traceback(tmp_path):
    run = subprocess.run([sys.executable, "-m", "fairlearn_lite.audit", str(tmp_path / "no.csv"),
                          "--label", "left", "--score", "risk", "--sensitive", "gender"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.startswith("error: The data file must name an existing file")


# --- reading Dutch Excel exports ---------------------------------------------------------------

def test_semicolon_and_decimal_comma_read_the_same(tmp_path):
    data = frame(n=50).assign(name=["é"] * 50)  # an accent, to try the Windows encoding too
    comma, dutch, windows = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    data.to_csv(comma, index=False)
    data.to_csv(dutch, index=False, sep=";", decimal=",", encoding="utf-8-sig")
    data.to_csv(windows, index=False, sep=";", decimal=",", encoding="cp1252")
    expected = read_table(comma)
    pd.testing.assert_frame_equal(expected, data, check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(read_table(dutch), expected)
    pd.testing.assert_frame_equal(read_table(windows), expected)


def test_excel_habits_are_read(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text("sep=;\n gender ;left;risk;;\nVrouw ;WAAR;0,5;;\nman;ONWAAR;0,25;;\n",
                    encoding="cp1252")
    table = read_table(path)
    assert list(table.columns) == ["gender", "left", "risk"]
    assert table["gender"].tolist() == ["Vrouw", "man"]
    assert table["left"].tolist() == [True, False] and table["risk"].tolist() == [0.5, 0.25]


def test_warnings_go_to_stderr_as_lines(tmp_path, capsys):
    data = pd.DataFrame({"left": [1, 0, 1, 0, 1, 0], "flag": [1, 0, 1, 0, 1, 1],
                         "g": ["a", "a", "a", "a", "b", "b"]})
    with warnings.catch_warnings():
        status, out, err = cli(tmp_path, capsys, "--label", "left", "--prediction", "flag",
                               "--sensitive", "g", data=data)
    assert status == 0 and "\nwarning: The reference group 'a' of 'g'" in err
    assert all(line.startswith("warning: ") for line in err.splitlines())
