"""Set-up benchmark (``make bench-setup``): from a fresh clone, the time until JupyterLab answers.

Three ways, each from its own fresh clone with empty installer caches (a newcomer's laptop):
uv from the package index (what ``make lab`` does), pip from the package index (the baseline,
``KIT_INSTALLER=pip``), and the wheelhouse with the network cut off (``tools/test_offline.sh``,
needs ``wheelhouse/`` and root for ``unshare -n``). Then a second ``make lab`` with nothing changed,
and the wheelhouse's size. Standard library only; rewrites the ``setup`` block of README.md here.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "benchmarks" / "README.md"
sys.path.insert(0, str(ROOT / "tools"))
import kit  # noqa: E402 - the launcher, to find a free port and the wheelhouse


def answers(port: int) -> bool:
    """True when something answers HTTP on the port (JupyterLab's 403 without a token counts)."""
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=1).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def time_lab(clone: Path, environment: dict) -> float:
    """Seconds from starting ``kit.py lab`` in ``clone`` until JupyterLab answers; then stop it."""
    port = kit.free_port("127.0.0.1", 8870)
    log = open(clone / "bench-lab.log", "a")  # noqa: SIM115 - closed below
    started = time.monotonic()
    lab = subprocess.Popen([sys.executable, "tools/kit.py", "lab", "--no-browser", "--port",
                            str(port)], cwd=clone, env=environment, stdout=log,
                           stderr=subprocess.STDOUT)
    try:
        while not answers(port):
            if lab.poll() is not None or time.monotonic() - started > 600:
                raise SystemExit(f"bench-setup: JupyterLab did not start; see {log.name}")
            time.sleep(0.1)
        return time.monotonic() - started
    finally:
        lab.terminate()
        lab.wait(timeout=30)
        log.close()


def online(installer: str, work: Path) -> tuple[float, float]:
    """A fresh clone with empty caches: the first start and a second one with nothing changed."""
    clone = work / installer
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    environment = {**os.environ, "KIT_INSTALLER": installer, "UV_CACHE_DIR": str(work / "uv-cache"),
                   "PIP_CACHE_DIR": str(work / f"pip-cache-{installer}")}
    first = time_lab(clone, environment)
    return first, time_lab(clone, environment)


def offline() -> str:
    """The wheelhouse test with the network cut off; its time, or why it did not run."""
    if not kit.has_wheelhouse(ROOT / "wheelhouse"):
        return "not measured: no wheelhouse/ (make wheelhouse)"
    run = subprocess.run(["bash", str(ROOT / "tools" / "test_offline.sh")], capture_output=True,
                         text=True, check=False)
    match = re.search(r"answered ([\d.]+) s", run.stdout)
    if run.returncode != 0 or match is None:
        return f"failed: {(run.stdout + run.stderr)[-300:]}"
    return f"{float(match.group(1)):.1f} s"


def wheelhouse_size() -> str:
    folder = ROOT / "wheelhouse"
    if not kit.has_wheelhouse(folder):
        return "not built here"
    wheels = list(folder.glob("*.whl"))
    return f"{len(wheels)} wheels, {kit.folder_size(folder) / 1e6:,.0f} MB"


def table() -> str:
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as work:
        uv_first, uv_again = online("uv", Path(work))
        pip_first, pip_again = online("pip", Path(work))
    rows = [("uv, package index (`make lab`)", f"{uv_first:.1f} s", "≤ 20 s"),
            ("wheelhouse, no network (`unshare -n`)", offline(), "≤ 30 s"),
            ("pip, package index (baseline, `KIT_INSTALLER=pip`)", f"{pip_first:.1f} s", ""),
            ("second `make lab`, nothing changed (uv clone)", f"{uv_again:.1f} s", ""),
            ("second `make lab`, nothing changed (pip clone)", f"{pip_again:.1f} s", "")]
    lines = ["| from a fresh clone until JupyterLab answers | time | target |", "|---|---:|---:|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines.append(f"\nThe wheelhouse (every platform and Python, `make wheelhouse`): {wheelhouse_size()}.")
    return "\n".join(lines)


def record(text: str) -> None:
    start, end = "<!-- bench:setup -->", "<!-- /bench:setup -->"
    stamp = (f"_Measured on CPython {platform.python_version()}, {os.cpu_count()} cores, "
             f"{platform.machine()}, {time.strftime('%Y-%m-%d')}; empty installer caches; "
             f"load average {os.getloadavg()[0]:.1f} at the end (a shared machine)._")
    block = f"{start}\n{stamp}\n\n{text}\n{end}"
    readme = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(readme):
        readme = pattern.sub(lambda _: block, readme)
    else:
        readme = readme.rstrip() + f"\n\n## setup\n\n{block}\n"
    README.write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    result = table()
    print(result)
    record(result)
