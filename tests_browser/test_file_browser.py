"""JupyterLab as the launcher starts it: the printed address opens lesson 00, and the file browser
shows the participants' folders only. Checked in Debian's chromium."""

import importlib.util
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
PARTICIPANTS = {"notebooks", "exercises", "solutions", "data", "README.md"}


def load_kit():
    spec = importlib.util.spec_from_file_location("kit", ROOT / "tools" / "kit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def kit_lab(tmp_path_factory):
    """JupyterLab started with the launcher's command and settings on a copy of the kit."""
    kit, work = load_kit(), tmp_path_factory.mktemp("kit-lab")
    root = work / "kit"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "wheelhouse", "slides-build", "handouts", "__pycache__"))
    kit.write_jupyter_config(work / "config", root=root)  # what the install writes into .venv
    settings = work / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    port, token = free_port(), "kit-browser-test"
    command = kit.lab_command(Path(sys.executable), "127.0.0.1", port, token,
                              hasattr(os, "geteuid") and os.geteuid() == 0, root=root)
    environment = {**os.environ, "JUPYTER_CONFIG_PATH": str(work / "config"),
                   "JUPYTERLAB_SETTINGS_DIR": str(work / "settings"),
                   "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces")}
    log = open(work / "lab.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen([str(c) for c in command], cwd=root, env=environment, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}",
                                       timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield kit.lab_url("127.0.0.1", port, token)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_the_printed_address_opens_lesson_00_and_the_browser_lists_participants_folders(
        kit_lab, browser, screenshots):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(kit_lab)
    page.locator(".jp-mod-current .lm-TabBar-tabLabel, .lm-TabBar-tab.lm-mod-current").filter(
        has_text="00-start-here.ipynb").first.wait_for(timeout=60_000)
    # The file browser shows the folder of the open notebook; go to the kit's top level.
    page.locator(".jp-BreadCrumbs-home").first.click()
    items = page.locator(".jp-DirListing-content .jp-DirListing-itemName")
    # Wait until the listing is the top level (it has solutions/, and no lesson files any more).
    page.wait_for_function("""() => {
        const names = [...document.querySelectorAll(
            '.jp-DirListing-content .jp-DirListing-itemName')].map(e => e.textContent.trim());
        return names.includes('solutions') && !names.some(n => n.endsWith('.ipynb'));
    }""", timeout=30_000)
    time.sleep(0.5)
    shown = {name.strip() for name in items.all_inner_texts()}
    page.screenshot(path=str(screenshots / "file-browser.png"))
    page.close()
    assert shown == PARTICIPANTS, shown
    assert (ROOT / "tests").is_dir() and (ROOT / "tools").is_dir()  # they exist, only hidden
