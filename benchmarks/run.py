"""The kit's benchmarks: `make bench` runs them and records the tables in benchmarks/README.md.

Speed targets live here, never in the test suite: a timed test fails on a busy
machine for the wrong reason. Each benchmark prints a Markdown table and
replaces the block between its two markers in the README.

    python benchmarks/run.py                 # all benchmarks
    python benchmarks/run.py group_metrics   # one of them
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

README = Path(__file__).with_name("README.md")
BENCHMARKS: dict[str, Callable[[], str]] = {}


def benchmark(function: Callable[[], str]) -> Callable[[], str]:
    BENCHMARKS[function.__name__] = function
    return function


def best_time(function: Callable[[], object], *, repeat: int = 5, budget: float = 20.0) -> float:
    """Fastest of ``repeat`` runs in seconds (fewer runs once ``budget`` seconds are spent)."""
    times, started = [], time.perf_counter()
    for _ in range(repeat):
        begin = time.perf_counter()
        function()
        times.append(time.perf_counter() - begin)
        if time.perf_counter() - started > budget:
            break
    return min(times)


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def markdown(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---:" if i else "---" for i in range(len(frame.columns))) + "|"
    rows = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def machine() -> str:
    import os
    return (f"{platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} cores, {platform.machine()}")


# --- benchmarks -------------------------------------------------------------------------------

def classification_rows(n: int, n_groups: int = 8, seed: int = 0):
    rng = np.random.default_rng(seed)
    names = np.array([f"group {i}" for i in range(n_groups)], dtype=object)
    groups = names[rng.integers(0, n_groups, n)]
    y_true = rng.random(n) < 0.6
    scores = np.clip(0.3 * y_true + 0.7 * rng.random(n), 0, 1)
    return y_true, scores >= 0.5, scores, groups


@benchmark
def group_metrics() -> str:
    """group_metrics against fairlearn's MetricFrame, dalex's fairness object and Aequitas."""
    import dalex.fairness
    import fairlearn.metrics as flm
    from sklearn.metrics import accuracy_score, precision_score

    import fairlearn_lite as fl

    try:
        from aequitas.group import Group
    except ImportError:  # make bench installs it; running this file by hand may not
        Group = None

    def fairlearn_table(y_true, y_pred, groups):
        metrics = {
            "count": flm.count, "selection_rate": flm.selection_rate,
            "true_positive_rate": flm.true_positive_rate,
            "false_positive_rate": flm.false_positive_rate,
            "false_negative_rate": flm.false_negative_rate,
            "true_negative_rate": flm.true_negative_rate,
            "positive_predictive_value": precision_score,
            "accuracy": accuracy_score,
        }
        return flm.MetricFrame(metrics=metrics, y_true=y_true, y_pred=y_pred,
                               sensitive_features=groups).by_group

    def dalex_table(y_true, scores, groups):
        return dalex.fairness.GroupFairnessClassification(
            y_true.astype(int), scores, groups, "group 0", "model", verbose=False)

    def aequitas_table(y_true, y_pred, groups):
        frame = pd.DataFrame({"score": y_pred.astype(int), "label_value": y_true.astype(int),
                              "group": groups})
        return Group().get_crosstabs(frame)[0]

    def timings(n: int) -> dict[str, float]:
        y_true, y_pred, scores, groups = classification_rows(n)
        categorical = pd.Series(pd.Categorical(groups))
        slow_repeats = 1 if n >= 1_000_000 else 3
        result = {
            "fairlearn_lite (categorical)": best_time(
                lambda: fl.group_metrics(y_true, y_pred, sensitive_features=categorical), repeat=20),
            "fairlearn_lite (strings)": best_time(
                lambda: fl.group_metrics(y_true, y_pred, sensitive_features=groups), repeat=10),
            "factorising the strings": best_time(
                lambda: pd.factorize(groups, sort=True), repeat=10),
            "fairlearn MetricFrame": best_time(
                lambda: fairlearn_table(y_true, y_pred, groups), repeat=slow_repeats),
            "dalex fairness object": best_time(
                lambda: dalex_table(y_true, scores, groups), repeat=slow_repeats),
        }
        if Group is not None:
            result["Aequitas crosstabs"] = best_time(
                lambda: aequitas_table(y_true, y_pred, groups), repeat=3)
        return result

    rows = []
    for n in [10_000, 100_000, 1_000_000]:
        measured = timings(n)
        ours = measured["fairlearn_lite (categorical)"]
        for tool, seconds in measured.items():
            rows.append({"rows": f"{n:,}", "tool": tool, "time": milliseconds(seconds),
                         "x fairlearn_lite (categorical)": f"{seconds / ours:,.1f}"})
        print(f"  {n:,} rows done", file=sys.stderr)
    table = markdown(pd.DataFrame(rows))
    note = ("8 groups; fairlearn computes 8 of the 14 columns (its own and scikit-learn's "
            "functions), dalex its 10 rates, Aequitas its crosstab, fairlearn_lite all 14.")
    return f"{table}\n\n{note}"


@benchmark
def datasets() -> str:
    """Generating a large cohort and loading the shipped one."""
    from fairlearn_lite.datasets import load_study_cohort, make_grant_check, make_study_cohort

    rows = [
        ("make_study_cohort(1_000_000)", best_time(lambda: make_study_cohort(1_000_000), repeat=3),
         "≤ 5 s"),
        ("make_grant_check(1_000_000)", best_time(lambda: make_grant_check(1_000_000), repeat=3),
         ""),
        ("load_study_cohort() (5,000 rows)", best_time(load_study_cohort, repeat=10), "≤ 0.2 s"),
    ]
    return markdown(pd.DataFrame([{"task": t, "time": milliseconds(s), "target": g}
                                  for t, s, g in rows]))


def _stepper(widget):
    """A function that moves the widget's threshold to a new value each call."""
    values = iter(np.linspace(0.3, 0.7, 1000))

    def step():
        widget.threshold.value = round(float(next(values)), 4)

    return step


@benchmark
def threshold_widget() -> str:
    """One step of the threshold widget: re-threshold, recount, update the figure (Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    from fairlearn_lite.widgets import ThresholdWidget

    rows = []
    for n, attribute in [(100_000, "gender"), (100_000, "background"), (1_000_000, "gender")]:
        y_true, _, scores, _ = classification_rows(n)
        rng = np.random.default_rng(1)
        groups = pd.DataFrame({"gender": rng.choice(["female", "male"], n),
                               "background": rng.choice(["none", "western", "non-western"], n)})
        widget = ThresholdWidget(y_true, scores, groups)
        widget.attribute.value = attribute
        seconds = best_time(_stepper(widget), repeat=30)
        rows.append({"students": f"{n:,}", "groups": len(groups[attribute].unique()),
                     "one step": milliseconds(seconds), "target": "≤ 50 ms" if n == 100_000 else ""})
    return markdown(pd.DataFrame(rows))


def _group_data(n: int = 100_000):
    rng = np.random.default_rng(2)
    groups = rng.choice(np.array(["a", "b", "c", "d"], dtype=object), n)
    y_true = rng.random(n) < np.where(groups == "a", 0.6, 0.7)
    scores = np.clip(0.3 * y_true + 0.7 * rng.random(n), 0, 1)
    return y_true, scores, groups


def _time_preset(preset: str, repeat: int = 3) -> float:
    """A first click on a fresh widget (it computes the thresholds), fastest of ``repeat``."""
    from fairlearn_lite.widgets import GroupThresholdWidget

    y_true, scores, groups = _group_data()
    times = []
    for _ in range(repeat):
        widget = GroupThresholdWidget(y_true, scores, groups)
        begin = time.perf_counter()
        widget.apply_preset(preset)
        times.append(time.perf_counter() - begin)
    return min(times)


@benchmark
def group_thresholds() -> str:
    """group_thresholds for 100k students and 4 groups; a preset click in the group widget."""
    import matplotlib

    matplotlib.use("Agg")
    from fairlearn_lite.thresholds import group_thresholds as search

    y_true, scores, groups = _group_data()
    rows = []
    for constraint in ["demographic_parity", "equal_opportunity", "equalized_odds",
                       "predictive_parity", None]:
        seconds = best_time(lambda c=constraint: search(y_true, scores, sensitive_features=groups,
                                                        constraint=c), repeat=5)
        rows.append({"task": f"group_thresholds(constraint={constraint!r})",
                     "time": milliseconds(seconds), "target": "≤ 100 ms"})
    for preset in ["demographic parity", "equal opportunity", "best per group"]:
        rows.append({"task": f"preset click: {preset}", "time": milliseconds(_time_preset(preset)),
                     "target": "≤ 150 ms"})
    return markdown(pd.DataFrame(rows)) + ("\n\n100,000 students, 4 groups. A preset click is "
                                           "timed as the first click on a fresh widget, which "
                                           "computes the thresholds; later clicks reuse them.")


@benchmark
def lessons() -> str:
    """How long each lesson notebook takes to execute from a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient

    root = Path(__file__).resolve().parents[1]
    rows = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        begin = time.perf_counter()
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - begin
        rows.append({"lesson": path.stem, "execution": f"{seconds:.1f} s",
                     "target": "≤ 60 s" if path.stem.startswith("04") else ""})
    return markdown(pd.DataFrame(rows)) + "\n\nIncluding kernel start-up (about 1 s)."


@benchmark
def bootstrap() -> str:
    """1,000 bootstrap replicates of the group-metrics table."""
    from fairlearn_lite.uncertainty import bootstrap_group_metrics

    rows = []
    for n in [10_000, 100_000, 1_000_000]:
        y_true, y_pred, _, groups = classification_rows(n)
        seconds = best_time(lambda y=y_true, p=y_pred, g=groups: bootstrap_group_metrics(
            y, p, sensitive_features=g, n_boot=1000, random_state=0), repeat=3)
        rows.append({"rows": f"{n:,}", "1,000 replicates, 8 groups, 13 rates":
                     milliseconds(seconds), "target": "≤ 2 s" if n == 100_000 else ""})
    return markdown(pd.DataFrame(rows)) + ("\n\nThe replicates draw the confusion counts per "
                                           "group from a multinomial distribution, which is the "
                                           "same as resampling the rows.")


@benchmark
def audit() -> str:
    """The audit of 100k rows with 4 sensitive attributes: the table, then the whole report."""
    from fairlearn_lite.audit import audit as run_audit

    rng = np.random.default_rng(0)
    n = 100_000
    data = pd.DataFrame({f"attribute_{k}": rng.choice(list("abcdef")[: k + 2], n)
                         for k in range(4)})
    data["left"] = rng.random(n) < 0.3
    data["risk"] = np.clip(0.2 + 0.4 * data["left"] + rng.normal(0, 0.2, n), 0, 1)
    arguments = {"label": "left", "score": "risk", "sensitive": list(data.columns[:4])}
    table = best_time(lambda: run_audit(data, **arguments), repeat=5)
    result = run_audit(data, **arguments)
    report = best_time(lambda: result.to_html(), repeat=3)
    rows = [{"step": "audit table (cut-off, 4 attributes, 18 groups, intervals)",
             "time": milliseconds(table), "target": ""},
            {"step": "audit table + HTML report (8 embedded figures)",
             "time": milliseconds(table + report), "target": "≤ 3 s"}]
    return markdown(pd.DataFrame(rows))


def import_times(modules: list[str], *, runs: int = 5) -> dict[str, float]:
    """Seconds to import each module in a fresh interpreter (start-up excluded), fastest of ``runs``.

    The modules take turns, round after round, so a busy spell slows them all alike.
    """
    import os
    import subprocess

    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get(
        "PYTHONPATH")]))}
    times: dict[str, list[float]] = {module: [] for module in modules}
    for _ in range(runs):
        for module in modules:
            code = (f"import time; begin = time.perf_counter(); import {module}; "
                    f"print(time.perf_counter() - begin)")
            out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                                 capture_output=True, text=True).stdout
            times[module].append(float(out.split()[-1]))
    return {module: min(seconds) for module, seconds in times.items()}


def exercise_modules() -> list[str]:
    """The exercise modules, found on disk so that finding them imports nothing."""
    folder = Path(__file__).resolve().parents[1] / "fairlearn_lite" / "exercises"
    return [f"fairlearn_lite.exercises.{p.stem}" for p in sorted(folder.glob("lesson[0-9]*.py"))]


@benchmark
def imports() -> str:
    """Importing the package and each exercise module, each in a fresh interpreter."""
    measured = import_times(["pandas", "fairlearn_lite", *exercise_modules()], runs=7)
    pandas, package = measured["pandas"], measured["fairlearn_lite"]
    goals = {"pandas": "", "fairlearn_lite": "≤ 1.5 x pandas"}
    rows = [(module, seconds, goals.get(module, "≤ 1.2 x fairlearn_lite"))
            for module, seconds in measured.items()]
    table = pd.DataFrame([{"import": f"`import {name}`", "time": milliseconds(seconds),
                           "x pandas": f"{seconds / pandas:.2f}",
                           "x fairlearn_lite": f"{seconds / package:.2f}", "target": goal}
                          for name, seconds, goal in rows])
    return markdown(table) + ("\n\nEach import runs in a fresh interpreter (start-up excluded), "
                              "fastest of 7 taking turns; an exercise module includes the package it "
                              "is in.")


# --- running ----------------------------------------------------------------------------------

def record(name: str, text: str) -> None:
    """Replace the block between ``<!-- bench:name -->`` and ``<!-- /bench:name -->``."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n_Measured on {machine()}, {time.strftime('%Y-%m-%d')}._\n\n{text}\n{end}"
    readme = README.read_text() if README.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(readme):
        readme = pattern.sub(lambda _: block, readme)
    else:
        readme = readme.rstrip() + f"\n\n## {name}\n\n{block}\n"
    README.write_text(readme)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []], help="benchmarks to run")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    for name in args.names or BENCHMARKS:
        print(f"## {name}", file=sys.stderr)
        text = BENCHMARKS[name]()
        print(text)
        record(name, text)


if __name__ == "__main__":
    main()
