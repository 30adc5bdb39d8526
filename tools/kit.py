"""The kit's launcher: set up and start the kit with Python alone, on Linux, macOS and Windows.

    python3 tools/kit.py lab          install what the lessons need (once) and open lesson 00
    python3 tools/kit.py test         add the test tools (once) and run every test
    python3 tools/kit.py precheck     install (once) and check that this laptop is ready
    python3 tools/kit.py wheelhouse   download every wheel for a room without internet

On Windows type ``py tools\\kit.py lab``. The Makefile calls this file too (``make lab`` is
``python3 tools/kit.py lab``), so there is one implementation. Only the standard library is used.

Everything goes into the kit's own virtual environment (``.venv``): the installer uv is fetched
from the package index into it (nothing global), with pip as the fallback. When a ``wheelhouse/``
folder is present (``make wheelhouse``), the install uses it and no network at all.
A second run with nothing changed installs nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import webbrowser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / os.environ.get("KIT_VENV", ".venv")  # relative to the kit's folder
WHEELHOUSE = ROOT / os.environ.get("KIT_WHEELHOUSE", "wheelhouse")
START = "notebooks/00-start-here.ipynb"
STAMP_NAME = ".kit-installed.json"
# What a participant sees in JupyterLab's file browser; every other top-level entry is hidden.
PARTICIPANT_ENTRIES = ("notebooks", "exercises", "solutions", "data", "README.md")
# Folders that commands create later (hidden even before they exist).
GENERATED_ENTRIES = ("build", "handouts", "hub", "slides-build", "wheelhouse")
# The Python versions the kit supports (and the wheelhouse carries wheels for).
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# The machines of a room: uv's name (to resolve for that machine, environment markers included) and
# pip's wheel tags (to download; pip widens each to the older compatible tags).
PLATFORMS = {
    "linux": ("x86_64-manylinux_2_28",
              ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64")),
    "macos-intel": ("x86_64-apple-darwin", ("macosx_12_0_x86_64",)),
    "macos-arm": ("aarch64-apple-darwin", ("macosx_14_0_arm64",)),
    "windows": ("x86_64-pc-windows-msvc", ("win_amd64",)),
}
MACOS_TARGET = {"macos-intel": "12.0", "macos-arm": "14.0"}  # the oldest macOS the wheels run on
# The tools an install itself needs: uv, and the build backend of the kit with its editable helper.
SETUP_TOOLS = ("uv", "hatchling", "editables", "pip")


def say(message: str) -> None:
    """One progress line, flushed at once (so the steps appear while they run)."""
    print(f"kit: {message}", flush=True)


def venv_python(venv: Path = VENV, os_name: str = os.name) -> Path:
    """The interpreter of a virtual environment: ``Scripts\\python.exe`` on Windows, else ``bin/python``."""
    return venv / "Scripts" / "python.exe" if os_name == "nt" else venv / "bin" / "python"


def venv_script(name: str, venv: Path = VENV, os_name: str = os.name) -> Path:
    """A console script installed in a virtual environment (``uv``, ``jupyter``, ``ruff``)."""
    if os_name == "nt":
        return venv / "Scripts" / f"{name}.exe"
    return venv / "bin" / name


# --- what to install ------------------------------------------------------------------------------

def _toml_list(text: str, key: str) -> list[str]:
    """The quoted strings of ``key = [ ... ]`` in pyproject.toml (tomllib is 3.11+; the kit runs on 3.10)."""
    match = re.search(rf"^{re.escape(key)}\s*=\s*\[(.*?)^\]", text, re.M | re.S)
    if match is None:
        raise ValueError(f"pyproject.toml has no list {key!r}")
    body = "\n".join(line.split("#", 1)[0] for line in match.group(1).splitlines())
    return re.findall(r'"([^"]+)"', body)


def lesson_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The packages every lesson needs: ``[project] dependencies`` of pyproject.toml."""
    return _toml_list(pyproject.read_text(encoding="utf-8"), "dependencies")


def repository_url(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The repository URL set once in pyproject.toml (``[project.urls] Repository``)."""
    match = re.search(r'^Repository\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise ValueError("pyproject.toml has no [project.urls] Repository")
    return match.group(1).rstrip("/")


def binder_badge(url: str) -> str:
    """The README's Binder badge for a GitHub repository URL; it opens lesson 00 in JupyterLab."""
    match = re.fullmatch(r"https://github\.com/([^/]+/[^/]+?)(?:\.git)?", url)
    if match is None:
        raise ValueError(f"The Repository URL must be https://github.com/<owner>/<name>; got {url!r}")
    link = f"https://mybinder.org/v2/gh/{match.group(1)}/HEAD?urlpath=lab/tree/{START}"
    return f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({link})"


def wanted(extras: list[str], wheelhouse: bool) -> dict:
    """What an install provides: a hash of pyproject.toml, the extras, the interpreter, the source."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return {"pyproject": digest, "extras": sorted(set(extras)), "offline": wheelhouse,
            "python": sys.version.split()[0]}


def is_current(stamp: Path, want: dict) -> bool:
    """True when the install recorded in ``stamp`` already covers ``want`` (a no-op re-run)."""
    try:
        have = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (have.get("pyproject") == want["pyproject"] and have.get("python") == want["python"]
            and set(want["extras"]) <= set(have.get("extras", [])))


# --- installing -----------------------------------------------------------------------------------

def run(command: list, **kwargs) -> None:
    """Run a command in the kit's folder; stop with its exit code (and the command) if it fails."""
    result = subprocess.run([str(part) for part in command], cwd=ROOT, check=False, **kwargs)
    if result.returncode != 0:
        say(f"this command failed (exit code {result.returncode}): {' '.join(map(str, command))}")
        sys.exit(result.returncode)


def has_wheelhouse(folder: Path = WHEELHOUSE) -> bool:
    """A wheelhouse is a folder with at least one wheel in it."""
    return folder.is_dir() and any(folder.glob("*.whl"))


def index_options(wheelhouse: bool) -> list[str]:
    """Installer options: the wheelhouse and nothing else when there is one, else the package index."""
    return ["--no-index", "--find-links", str(WHEELHOUSE)] if wheelhouse else []


def ensure_venv() -> Path:
    """Create ``.venv`` with the Python that runs this file (once); return its interpreter."""
    python = venv_python()
    if not python.exists():
        say(f"creating the kit's own environment in {VENV.name}/ with Python {sys.version.split()[0]}")
        run([sys.executable, "-m", "venv", VENV])
    return python


def get_uv(python: Path, wheelhouse: bool) -> Path | None:
    """uv in the kit's environment, fetched once with pip; None (use pip) when it cannot be had."""
    uv = venv_script("uv")
    if os.environ.get("KIT_INSTALLER") == "pip":
        return None
    if not uv.exists():
        say("fetching the fast installer uv into the environment (one package)")
        command = [python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
                   "--progress-bar", "off", *index_options(wheelhouse), "uv"]
        if subprocess.run([str(c) for c in command], cwd=ROOT, check=False).returncode != 0:
            say("uv is not available here; installing with pip instead (slower, same result)")
            return None
    return uv


def install_command(python: Path, uv: Path | None, extras: list[str], wheelhouse: bool) -> list:
    """The one command that installs the kit (editable) with its extras into the environment."""
    target = f".[{','.join(sorted(extras))}]" if extras else "."
    if uv is not None:
        offline = ["--offline"] if wheelhouse else []
        return [uv, "pip", "install", "--python", python, *offline, *index_options(wheelhouse),
                "-e", target]
    return [python, "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "on",
            *index_options(wheelhouse), "-e", target]


def install(extras: list[str] | None = None) -> Path:
    """Install the kit with ``extras`` into ``.venv`` unless that is done already; return its Python."""
    extras = list(extras or [])
    offline = has_wheelhouse()
    python = ensure_venv()
    stamp, want = VENV / STAMP_NAME, wanted(extras, offline)
    if is_current(stamp, want):
        say("already installed; nothing changed since (delete .venv to start again)")
        return python
    uv = get_uv(python, offline)
    what = "the lessons' packages" + (f" and the {', '.join(extras)} tools" if extras else "")
    source = f"from {WHEELHOUSE.name}/ (no network)" if offline else "from the package index"
    say(f"installing {what} {source} with {'uv' if uv else 'pip'}; this shows each step")
    started = time.monotonic()
    run(install_command(python, uv, extras, offline))
    write_jupyter_config(VENV / "etc" / "jupyter")
    if is_current(stamp, {**want, "extras": []}):  # keep extras that an earlier run installed
        want["extras"] = sorted(set(want["extras"]) | set(json.loads(stamp.read_text())["extras"]))
    stamp.write_text(json.dumps(want), encoding="utf-8")
    say(f"installed in {time.monotonic() - started:.0f} s")
    return python


# --- JupyterLab -----------------------------------------------------------------------------------

def hidden_entries(root: Path = ROOT) -> list[str]:
    """The top-level names JupyterLab's file browser hides: all but the participants' folders."""
    names = {p.name for p in root.iterdir()} | set(GENERATED_ENTRIES)
    return sorted(n for n in names if n not in PARTICIPANT_ENTRIES and not n.startswith("."))


def jupyter_config(root: Path = ROOT) -> dict:
    """Jupyter server settings for the kit: the file browser lists the participants' folders only.

    ``ContentsManager.hide_globs`` is the setting Jupyter server offers for this: the names stay
    reachable by path, they are only left out of listings. The defaults are kept.
    """
    defaults = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "*.egg-info"]
    return {"ContentsManager": {"hide_globs": defaults + hidden_entries(root)}}


def write_jupyter_config(config_dir: Path, root: Path = ROOT) -> Path:
    """Put the settings into that environment's ``jupyter_server_config.json``, keeping the rest.

    Jupyter server reads this file from ``<environment>/etc/jupyter`` whoever starts it
    (this launcher, ``jupyter lab`` typed by hand, Binder, a JupyterHub user's server).
    """
    path = config_dir / "jupyter_server_config.json"
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        settings = {}
    for section, values in jupyter_config(root).items():
        settings.setdefault(section, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    return path


def free_port(ip: str, port: int) -> int:
    """``port`` if nothing listens on it, else the next free one (a second kit, another server)."""
    for candidate in range(port, port + 50):
        with socket.socket() as s:
            if s.connect_ex((ip, candidate)) != 0:
                return candidate
    raise SystemExit(f"kit: no free port between {port} and {port + 49}; choose one with --port")


def lab_command(python: Path, ip: str, port: int, token: str, is_root: bool,
                root: Path = ROOT) -> list:
    """The JupyterLab command: on 127.0.0.1, in the kit's folder, no update checks (works offline)."""
    command = [python, "-m", "jupyter", "lab", "--no-browser", f"--ip={ip}", f"--port={port}",
               "--ServerApp.log_level=WARN",
               f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    return command + (["--allow-root"] if is_root else [])


def lab_url(ip: str, port: int, token: str) -> str:
    """The address that opens lesson 00 (and logs in with the token)."""
    return f"http://{ip}:{port}/lab/tree/{START}?token={token}"


def can_open_browser() -> bool:
    """A browser can open on Windows, macOS, or Linux with a display; not on a bare server."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_when_ready(url: str, status: str, browser: bool) -> None:
    """Wait (in the background) until JupyterLab answers, then say so and open the browser."""
    for _ in range(600):
        try:
            urllib.request.urlopen(status, timeout=2).close()
            break
        except OSError:
            time.sleep(0.2)
    say("JupyterLab is ready. Open lesson 00 at this address (it carries your login):")
    print(f"\n    {url}\n\nStop with Ctrl+C.", flush=True)
    if browser:
        webbrowser.open(url)


def lab(ip: str, port: int, browser: bool | None) -> int:
    """Install (once), start JupyterLab on lesson 00, print its address; return its exit code."""
    python = install()
    write_jupyter_config(VENV / "etc" / "jupyter")  # also hides folders made since the install
    port, token = free_port(ip, port), secrets.token_hex(16)
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    say(f"starting JupyterLab on {ip}:{port}")
    url, status = lab_url(ip, port, token), f"http://{ip}:{port}/api/status?token={token}"
    browser = can_open_browser() if browser is None else browser
    threading.Thread(target=open_when_ready, args=(url, status, browser), daemon=True).start()
    server = subprocess.Popen([str(c) for c in lab_command(python, ip, port, token, is_root)],
                              cwd=ROOT)
    if hasattr(signal, "SIGTERM"):  # stopping the launcher stops JupyterLab too
        signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()


# --- tests ----------------------------------------------------------------------------------------

def suite_commands(python: Path) -> dict[str, list]:
    """What ``test`` runs, by part: the linter, the package tests, the notebooks."""
    return {
        "lint": [python, "-m", "ruff", "check", "."],
        "package": [python, "-m", "pytest", "-q", "tests", "fairlearn_lite"],
        "notebooks": [python, "-m", "pytest", "-q", "--nbval-lax", "-p", "no:cacheprovider",
                      "notebooks", "solutions", "exercises"],
    }


def run_tests(parts: list[str]) -> None:
    """Install the test tools (once) and run the chosen parts, all by default."""
    python = install(["test"])
    commands = suite_commands(python)
    unknown = set(parts) - set(commands)
    if unknown:
        raise SystemExit(f"kit: the test parts are {', '.join(commands)}; got {', '.join(unknown)}")
    environment = {**os.environ, "MPLBACKEND": "Agg"}
    for part in parts or list(commands):
        say(f"running the {part} tests")
        run(commands[part], env=environment)


# --- a room without internet ----------------------------------------------------------------------

def target_commands(python: Path, uv: Path, dest: Path, platform: str, version: str) -> list:
    """For one machine and Python version: resolve every package with uv (the markers of that
    Python included), then download exactly those wheels with pip."""
    uv_platform, tags = PLATFORMS[platform]
    pinned = dest / f"requirements-{platform}-py{version}.txt"
    resolve = [uv, "pip", "compile", "--quiet", "--no-header", "--no-annotate",
               "--only-binary", ":all:", "--python-version", version,
               "--python-platform", uv_platform, "--output-file", pinned, dest / "requirements.in"]
    download = [python, "-m", "pip", "download", "--disable-pip-version-check", "--quiet",
                "--no-deps", "--only-binary=:all:", "--implementation", "cp",
                "--python-version", version, *[o for tag in tags for o in ("--platform", tag)],
                "--dest", dest, "--requirement", pinned]
    return [resolve, download]


def folder_size(folder: Path) -> int:
    """Bytes in the files of a folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def check_wheelhouse(dest: Path) -> None:
    """Resolve the lessons for every machine and Python the wheelhouse was made for, from the
    wheelhouse alone (no index, no network): a missing wheel for any of them fails here."""
    uv = venv_script("uv")
    targets = sorted(dest.glob("requirements-*-py*.txt"))
    if not uv.exists() or not targets:
        raise SystemExit(f"kit: needs uv in {VENV.name}/ and a wheelhouse made by this launcher")
    for pinned in targets:
        platform, version = re.fullmatch(r"requirements-(.+)-py(.+)\.txt", pinned.name).groups()
        command = [uv, "pip", "compile", "--quiet", "--offline", "--no-index", "--find-links", dest,
                   "--only-binary", ":all:", "--python-version", version, "--python-platform",
                   PLATFORMS[platform][0], "--output-file", os.devnull, dest / "requirements.in"]
        run(command, env={**os.environ, "MACOSX_DEPLOYMENT_TARGET": MACOS_TARGET.get(platform,
                                                                                   "12.0")})
        say(f"{dest.name}/ has every wheel for {platform}, Python {version}")


def wheelhouse(dest: Path, platforms: list[str], pythons: list[str]) -> None:
    """Download every wheel the lessons and the install need into ``dest`` (kept between runs)."""
    unknown = set(platforms) - set(PLATFORMS)
    if unknown:
        raise SystemExit(f"kit: the platforms are {', '.join(PLATFORMS)}; got {', '.join(unknown)}")
    python = ensure_venv()
    uv = get_uv(python, wheelhouse=False)
    if uv is None:
        raise SystemExit("kit: making a wheelhouse needs uv, to resolve for the other machines")
    dest.mkdir(parents=True, exist_ok=True)
    requirements = lesson_requirements() + list(SETUP_TOOLS)
    (dest / "requirements.in").write_text("\n".join(requirements) + "\n", encoding="utf-8")
    targets = [(p, v) for p in platforms for v in pythons]
    for number, (platform, version) in enumerate(targets, start=1):
        say(f"[{number}/{len(targets)}] wheels for {platform}, Python {version}")
        for command in target_commands(python, uv, dest, platform, version):
            run(command, env={**os.environ, "MACOSX_DEPLOYMENT_TARGET":
                              MACOS_TARGET.get(platform, "12.0")})
    wheels = len(list(dest.glob("*.whl")))
    say(f"{dest} holds {wheels} wheels, {folder_size(dest) / 1e6:.0f} MB. Copy the kit's folder "
        f"with {dest.name}/ in it to each laptop; set-up then needs no network.")


# --- the command line -----------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    """The launcher's commands and options."""
    top = argparse.ArgumentParser(prog="kit.py", description=__doc__.split("\n\n")[0])
    commands = top.add_subparsers(dest="command", required=True)
    lab_ = commands.add_parser("lab", help="install (once) and open JupyterLab on lesson 00")
    lab_.add_argument("--ip", default="127.0.0.1")
    lab_.add_argument("--port", type=int, default=8888)
    lab_.add_argument("--no-browser", dest="browser", action="store_false", default=None)
    test_ = commands.add_parser("test", help="install the test tools (once) and run the tests")
    test_.add_argument("parts", nargs="*", help="lint, package, notebooks (default: all three)")
    install_ = commands.add_parser("install", help="install (once); nothing else")
    install_.add_argument("--extras", default="", help="comma-separated: test, browser, bench, hub")
    commands.add_parser("precheck", help="install (once) and check this laptop is ready")
    wheels = commands.add_parser("wheelhouse", help="download wheels for a room without internet")
    wheels.add_argument("--dest", type=Path, default=WHEELHOUSE)
    wheels.add_argument("--platforms", default=",".join(PLATFORMS))
    wheels.add_argument("--pythons", default=",".join(PYTHONS))
    wheels.add_argument("--check", action="store_true",
                        help="resolve every machine's packages from the wheelhouse alone")
    commands.add_parser("badge", help="print the Binder badge for the repository in pyproject.toml")
    commands.add_parser("jupyter-config", help="write the file-browser settings for this Python")
    return top


def main(argv: list[str] | None = None) -> int:
    """Run one command of the launcher."""
    args = parser().parse_args(argv)
    if args.command == "lab":
        return lab(args.ip, args.port, args.browser)
    if args.command == "test":
        run_tests(args.parts)
    elif args.command == "install":
        install([e for e in args.extras.split(",") if e])
    elif args.command == "precheck":
        run([install(), "-m", "fairlearn_lite.precheck"])
    elif args.command == "wheelhouse" and args.check:
        check_wheelhouse(args.dest)
    elif args.command == "wheelhouse":
        wheelhouse(args.dest, args.platforms.split(","), args.pythons.split(","))
    elif args.command == "badge":
        print(binder_badge(repository_url()))
    elif args.command == "jupyter-config":
        say(f"wrote {write_jupyter_config(Path(sys.prefix) / 'etc' / 'jupyter')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
