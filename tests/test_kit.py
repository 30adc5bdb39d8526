"""The kit around the package: environment check, agenda, plotting style."""

from importlib import metadata

import matplotlib as mpl

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


def test_workshop_agenda_takes_three_hours_without_gaps():
    agenda = fl.workshop_agenda(start="09:30")
    assert agenda["minutes"].sum() == 180
    assert agenda["start"].iloc[0] == "09:30" and agenda["end"].iloc[-1] == "12:30"
    assert (agenda["start"].iloc[1:].to_numpy() == agenda["end"].iloc[:-1].to_numpy()).all()
    assert agenda["from_start"].tolist()[:3] == [0, 10, 45]


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
