"""The kit around the package: environment check, pre-check, agenda, plotting style."""

import subprocess
import sys
from importlib import metadata

import matplotlib as mpl
import pytest

import fairlearn_lite as fl
from fairlearn_lite import _environment
from fairlearn_lite.plotting import PALETTE, kit_style


def test_check_environment_reports_every_requirement_ok_here():
    table = fl.check_environment()
    assert {"python", "numpy", "pandas", "scikit-learn", "dalex", "ipywidgets"} <= set(table.index)
    assert table["ok"].all(), table[~table["ok"]]


def test_check_environment_reports_a_missing_package(monkeypatch):
    monkeypatch.setattr(_environment.metadata, "requires",
                        lambda name: ["numpy>=1", "no-such-package-anywhere>=1",
                                      "pytest; extra == 'test'"])
    table = fl.check_environment()
    assert table.loc["no-such-package-anywhere", "installed"] == "missing"
    assert not table.loc["no-such-package-anywhere", "ok"]
    assert table.loc["numpy", "installed"] == metadata.version("numpy")
    assert "pytest" not in table.index  # optional extras are not lesson requirements


def test_workshop_agenda_is_a_half_day_with_two_breaks_and_no_gaps():
    agenda = fl.workshop_agenda(start="09:30")
    assert agenda["minutes"].sum() == 210
    assert agenda["start"].iloc[0] == "09:30" and agenda["end"].iloc[-1] == "13:00"
    assert (agenda["start"].iloc[1:].to_numpy() == agenda["end"].iloc[:-1].to_numpy()).all()
    assert agenda["kind"].tolist().count("break") == 2
    assert agenda["title"].iloc[0] == "Welcome" and "feedback" in agenda["title"].iloc[-1]
    assert "slack" in agenda["kind"].tolist()
    minutes = dict(zip(agenda["notebook"], agenda["minutes"], strict=True))
    assert [minutes[n] for n in sorted(n for n in minutes if n)] == [10, 35, 30, 35, 30, 30]


def test_the_three_hour_agenda_cuts_exactly_the_reading_parts():
    full, short = fl.workshop_agenda(), fl.workshop_agenda(cut_reading=True)
    assert short["minutes"].sum() == 180 and short["end"].iloc[-1] == "12:30"
    assert (full["minutes"] - short["minutes"]).tolist() == full["reading"].tolist()
    assert ((full["reading"] > 0) == (full["cut"] != "")).all()
    assert set(full.loc[full["reading"] > 0, "kind"]) == {"lesson"}
    assert short["kind"].tolist().count("break") == 2


@pytest.mark.parametrize("start", ["9:30", "25:00", "09.30", 930, None])
def test_workshop_agenda_names_a_bad_start(start):
    with pytest.raises(ValueError, match="'start' parameter"):
        fl.workshop_agenda(start=start)


def test_precheck_passes_here_and_exits_0():
    run = subprocess.run([sys.executable, "-m", "fairlearn_lite.precheck"], capture_output=True,
                         text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = [line for line in run.stdout.splitlines() if line[:1] in ("✓", "✗")]
    assert len(lines) >= 14 and all(line.startswith("✓") for line in lines)
    for name in ("Python", "pandas", "data files", "widgets", "JupyterLab"):
        assert any(line.startswith(f"✓ {name}:") for line in lines), name


def test_precheck_as_a_file_does_not_need_the_package_import():
    code = ("import runpy, sys; sys.modules['pandas'] = None; "
            f"runpy.run_path({str(_environment.__file__).replace('_environment', 'precheck')!r}, "
            "run_name='__main__')")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert run.returncode == 1  # pandas "missing": the data and widget lines fail, clearly
    assert "✓ Python:" in run.stdout and "✗ data files:" in run.stdout
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("broken", ["package", "data", "widget", "lab", "python"])
def test_a_failing_check_prints_a_cross_with_a_fix_and_exits_1(monkeypatch, capsys, broken):
    if broken == "package":
        monkeypatch.setattr(_environment.metadata, "requires",
                            lambda name: ["numpy>=1", "no-such-package-anywhere>=1"])
    elif broken == "data":
        monkeypatch.setattr("fairlearn_lite.datasets.load_mbo_dropout",
                            lambda: (_ for _ in ()).throw(FileNotFoundError("mbo_dropout.csv")))
    elif broken == "widget":
        monkeypatch.setattr("fairlearn_lite.widgets.SelectionWidget",
                            lambda: (_ for _ in ()).throw(RuntimeError("no widgets")))
    elif broken == "lab":
        real = _environment.metadata.version
        monkeypatch.setattr(_environment.metadata, "version", lambda name: real(name)
                            if name != "jupyterlab_widgets" else
                            (_ for _ in ()).throw(metadata.PackageNotFoundError(name)))
    else:
        monkeypatch.setattr(_environment.sys, "version_info", (3, 9, 18))
    assert _environment.main() == 1
    crosses = [line for line in capsys.readouterr().out.splitlines() if line.startswith("✗")]
    assert len(crosses) == 1 and " — " in crosses[0], crosses
    expected = {"package": "✗ no-such-package-anywhere: missing", "data": "✗ data files:",
                "widget": "✗ widgets:", "lab": "✗ JupyterLab:", "python": "✗ Python:"}[broken]
    assert crosses[0].startswith(expected)


def test_the_kit_not_installed_is_one_clear_line(monkeypatch):
    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(_environment.metadata, "requires", not_installed)
    checks = _environment._check_packages()
    assert [c.ok for c in checks] == [True, False] and "make install" in checks[1].fix


def test_kit_style_is_applied_only_inside_the_block():
    before = mpl.rcParams["font.size"]
    with kit_style():
        assert mpl.rcParams["font.size"] == 13
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == PALETTE
    assert mpl.rcParams["font.size"] == before


def test_importing_the_kit_changes_no_plot_settings():
    import subprocess
    import sys

    code = ("import matplotlib as mpl; before = dict(mpl.rcParams); import fairlearn_lite, "
            "fairlearn_lite.plotting; assert dict(mpl.rcParams) == before")
    subprocess.run([sys.executable, "-c", code], check=True)
