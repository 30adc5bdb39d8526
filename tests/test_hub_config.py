"""hub/jupyterhub_config.py without starting a hub (make test-hub starts a real one)."""

import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

traitlets_config = pytest.importorskip("traitlets.config")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def hub(tmp_path, monkeypatch):
    """The configuration as JupyterHub loads it, with its state in a temporary folder."""
    monkeypatch.setenv("KIT_HUB_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("KIT_HUB_USERS", "ann,bob")
    config = traitlets_config.Config()
    namespace = runpy.run_path(str(ROOT / "hub" / "jupyterhub_config.py"),
                               init_globals={"get_config": lambda: config})
    return config, namespace


def spawner(home: Path, name: str = "ann"):
    return SimpleNamespace(home_dir=str(home), user=SimpleNamespace(name=name))


def test_participants_start_on_lesson_00_of_their_own_copy(hub):
    config, namespace = hub
    start = config.Spawner.default_url.removeprefix(f"/lab/tree/{namespace['FOLDER']}/")
    assert config.Spawner.default_url.startswith("/lab/tree/fair-ml/")
    assert start == "notebooks/00-start-here.ipynb" and (ROOT / start).is_file()
    assert start.split("/")[0] in namespace["COPIED"]
    assert config.Authenticator.allowed_users == {"ann", "bob"}
    assert config.Spawner.environment["OMP_NUM_THREADS"] == "1"
    assert any("cull_idle_timeout" in arg for arg in config.Spawner.args)


def test_first_start_copies_the_lessons_and_later_starts_keep_the_participants_work(hub, tmp_path):
    _, namespace = hub
    home = tmp_path / "home" / "ann"
    namespace["copy_lessons"](spawner(home))
    copy = home / "fair-ml"
    assert {p.name for p in copy.iterdir()} == {"notebooks", "exercises", "solutions", "data"}
    lesson = copy / "notebooks" / "00-start-here.ipynb"
    assert lesson.read_bytes() == (ROOT / "notebooks" / "00-start-here.ipynb").read_bytes()
    lesson.write_text("the participant's answers")
    namespace["copy_lessons"](spawner(home))
    assert lesson.read_text() == "the participant's answers"


def test_each_participant_gets_a_separate_copy(hub, tmp_path):
    _, namespace = hub
    for name in ("ann", "bob"):
        namespace["copy_lessons"](spawner(tmp_path / name, name))
    (tmp_path / "ann" / "fair-ml" / "data" / "mine.csv").write_text("x")
    assert not (tmp_path / "bob" / "fair-ml" / "data" / "mine.csv").exists()
