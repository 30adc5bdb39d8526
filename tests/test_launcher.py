"""The launcher tools/kit.py: the set-up that make, Windows and macOS share."""

import ast
import importlib.util
import json
import re
import socket
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; CI runs 3.11

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kit():
    spec = importlib.util.spec_from_file_location("kit_launcher", ROOT / "tools" / "kit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fake_venv(kit, tmp_path, monkeypatch):
    """An empty .venv in a temporary folder with a Python in it; no real install happens."""
    venv = tmp_path / ".venv"
    monkeypatch.setattr(kit, "VENV", venv)
    monkeypatch.setattr(kit, "WHEELHOUSE", tmp_path / "wheelhouse")
    python = kit.venv_python(venv)
    python.parent.mkdir(parents=True)
    python.touch()
    commands = []
    monkeypatch.setattr(kit, "run", lambda command, **_: commands.append(command))
    monkeypatch.setattr(kit, "get_uv", lambda python, offline: venv / "bin" / "uv")
    monkeypatch.setattr(kit, "write_jupyter_config", lambda *a, **k: None)
    return venv, commands


def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize("os_name, python, uv", [
    ("nt", PureWindowsPath(".venv/Scripts/python.exe"), PureWindowsPath(".venv/Scripts/uv.exe")),
    ("posix", PurePosixPath(".venv/bin/python"), PurePosixPath(".venv/bin/uv")),
])
def test_venv_paths_are_scripts_on_windows_and_bin_elsewhere(kit, os_name, python, uv):
    assert kit.venv_python(Path(".venv"), os_name).parts == python.parts
    assert kit.venv_script("uv", Path(".venv"), os_name).parts == uv.parts


def test_lesson_requirements_are_pyprojects_dependencies_without_tomllib(kit):
    assert kit.lesson_requirements() == project()["dependencies"]


def test_a_pyproject_without_dependencies_is_named_in_the_error(kit, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(ValueError, match="no list 'dependencies'"):
        kit.lesson_requirements(tmp_path / "pyproject.toml")


def test_the_supported_pythons_agree_with_pyproject(kit):
    classifiers = {c.rsplit(" ", 1)[-1] for c in project()["classifiers"]
                   if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)}
    assert set(kit.PYTHONS) == classifiers
    assert project()["requires-python"] == f">={kit.PYTHONS[0]}"


def test_a_second_install_with_nothing_changed_runs_nothing(kit, fake_venv, capsys):
    venv, commands = fake_venv
    kit.install(["test"])
    assert len(commands) == 1 and "-e" in commands[0] and ".[test]" in commands[0]
    kit.install(["test"])
    kit.install([])  # the lessons' packages are part of the test install
    assert len(commands) == 1
    assert "nothing changed" in capsys.readouterr().out


def test_a_new_extra_or_a_changed_pyproject_installs_again(kit, fake_venv, monkeypatch):
    venv, commands = fake_venv
    kit.install([])
    kit.install(["hub"])
    assert commands[-1][-1] == ".[hub]"
    kit.install(["test"])  # keeps the record of hub: a later hub install is a no-op
    kit.install(["hub"])
    assert len(commands) == 3
    assert set(json.loads((venv / kit.STAMP_NAME).read_text())["extras"]) == {"hub", "test"}
    stamp = json.loads((venv / kit.STAMP_NAME).read_text())
    assert not kit.is_current(venv / kit.STAMP_NAME, {**stamp, "pyproject": "changed"})
    assert not kit.is_current(venv / kit.STAMP_NAME, {**stamp, "python": "3.99.0"})
    assert not kit.is_current(venv / "missing.json", stamp)


def test_install_commands_uv_pip_and_the_offline_wheelhouse(kit):
    python, uv = Path("py"), Path("uv")
    online = kit.install_command(python, uv, ["test"], wheelhouse=False)
    assert online[:3] == [uv, "pip", "install"] and "--no-index" not in online
    offline = kit.install_command(python, uv, [], wheelhouse=True)
    assert {"--offline", "--no-index", "--find-links", str(kit.WHEELHOUSE)} <= set(map(str, offline))
    fallback = kit.install_command(python, None, ["test", "browser"], wheelhouse=True)
    assert fallback[:4] == [python, "-m", "pip", "install"] and fallback[-1] == ".[browser,test]"
    assert "--no-index" in fallback


def test_installer_can_be_forced_to_pip(kit, monkeypatch, tmp_path):
    monkeypatch.setenv("KIT_INSTALLER", "pip")
    assert kit.get_uv(tmp_path / "python", wheelhouse=False) is None


def test_a_folder_without_wheels_is_not_a_wheelhouse(kit, tmp_path):
    assert not kit.has_wheelhouse(tmp_path / "absent")
    (tmp_path / "README.txt").write_text("x")
    assert not kit.has_wheelhouse(tmp_path)
    (tmp_path / "numpy-2.0-cp311-cp311-win_amd64.whl").write_bytes(b"")
    assert kit.has_wheelhouse(tmp_path)


def test_file_browser_hides_the_developers_folders_only(kit):
    hidden = kit.jupyter_config()["ContentsManager"]["hide_globs"]
    for name in ("tests", "tests_browser", "tools", "benchmarks", "fairlearn_lite", "hub",
                 "wheelhouse", "slides-build", "Makefile", "pyproject.toml", "__pycache__"):
        assert name in hidden, name
    assert not set(hidden) & set(kit.PARTICIPANT_ENTRIES)
    assert all((ROOT / name).exists() for name in kit.PARTICIPANT_ENTRIES)


def test_jupyter_settings_are_merged_into_the_environments_file(kit, tmp_path):
    path = tmp_path / "jupyter_server_config.json"
    path.write_text(json.dumps({"ServerApp": {"open_browser": False}}))
    kit.write_jupyter_config(tmp_path)
    written = json.loads(path.read_text())
    assert written["ServerApp"] == {"open_browser": False}
    assert "tests" in written["ContentsManager"]["hide_globs"]


def test_the_address_opens_lesson_00_with_the_token(kit):
    url = kit.lab_url("127.0.0.1", 8888, "abc")
    assert url == "http://127.0.0.1:8888/lab/tree/notebooks/00-start-here.ipynb?token=abc"
    assert (ROOT / kit.START).is_file()


@pytest.mark.parametrize("is_root", [True, False])
def test_lab_command(kit, is_root):
    command = [str(c) for c in kit.lab_command(Path("py"), "127.0.0.1", 8890, "tok", is_root)]
    assert command[:4] == ["py", "-m", "jupyter", "lab"]
    assert {"--no-browser", "--ip=127.0.0.1", "--port=8890", "--IdentityProvider.token=tok",
            f"--ServerApp.root_dir={ROOT}"} <= set(command)
    assert ("--allow-root" in command) is is_root


def test_a_busy_port_moves_to_the_next_free_one(kit):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert kit.free_port("127.0.0.1", port) > port


@pytest.mark.parametrize("platform, uv_platform, tag", [
    ("linux", "x86_64-manylinux_2_28", "manylinux_2_17_x86_64"),
    ("macos-intel", "x86_64-apple-darwin", "macosx_12_0_x86_64"),
    ("macos-arm", "aarch64-apple-darwin", "macosx_14_0_arm64"),
    ("windows", "x86_64-pc-windows-msvc", "win_amd64"),
])
def test_wheelhouse_resolves_for_each_machine_then_downloads_exactly_that(kit, platform,
                                                                          uv_platform, tag):
    resolve, download = ([str(c) for c in command] for command in kit.target_commands(
        Path("py"), Path("uv"), Path("wh"), platform, "3.10"))
    # uv resolves for the target machine and Python, so that dependencies behind environment
    # markers (tomli on 3.10, colorama and pywinpty on Windows) are included; pip only downloads.
    assert resolve[:3] == ["uv", "pip", "compile"]
    assert resolve[resolve.index("--python-platform") + 1] == uv_platform
    assert resolve[resolve.index("--python-version") + 1] == "3.10"
    pinned = resolve[resolve.index("--output-file") + 1]
    assert {"--no-deps", "--only-binary=:all:", tag} <= set(download)
    assert download[download.index("--requirement") + 1] == pinned
    assert download[download.index("--python-version") + 1] == "3.10"


def test_wheelhouse_covers_every_machine_and_supported_python(kit):
    assert set(kit.PLATFORMS) == {"linux", "macos-intel", "macos-arm", "windows"}
    assert {"uv", "hatchling", "editables"} <= set(kit.SETUP_TOOLS)
    assert set(kit.MACOS_TARGET) == {p for p in kit.PLATFORMS if p.startswith("macos")}


def test_wheelhouse_names_an_unknown_platform(kit):
    with pytest.raises(SystemExit, match="the platforms are linux, macos-intel, macos-arm, windows; got amiga"):
        kit.wheelhouse(Path("wh"), ["amiga"], ["3.11"])


def test_unknown_test_part_is_named(kit, monkeypatch):
    monkeypatch.setattr(kit, "install", lambda extras=None: Path("py"))
    with pytest.raises(SystemExit, match="the test parts are lint, package, notebooks; got docs"):
        kit.run_tests(["docs"])


def test_make_and_the_launcher_are_one_implementation():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab", "test", "install", "precheck", "wheelhouse"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
        assert recipe and "$(KIT)" in recipe.group(1), target
    assert "pip install" not in makefile


def test_readme_gives_the_two_commands_for_every_system():
    readme = (ROOT / "README.md").read_text()
    for command in ("make lab", "make test", r"py tools\kit.py lab", r"py tools\kit.py test",
                    "python3 tools/kit.py lab"):
        assert command in readme, command
    assert "copy the folder, `.venv`" not in readme and ".venv` included" not in readme


def test_launcher_runs_on_the_oldest_supported_python_syntax(kit):
    source = (ROOT / "tools" / "kit.py").read_text()
    ast.parse(source, feature_version=(3, 10))
    assert sys.version_info >= (3, 10)


@pytest.mark.parametrize("platform, display, expected", [
    ("win32", "", True), ("darwin", "", True), ("linux", "", False), ("linux", ":0", True),
])
def test_a_browser_opens_on_windows_macos_and_linux_with_a_screen(kit, monkeypatch, platform,
                                                                   display, expected):
    monkeypatch.setattr(kit.sys, "platform", platform)
    monkeypatch.setenv("DISPLAY", display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert kit.can_open_browser() is expected
