"""Smoke test and sizing for the room's JupyterHub (``make test-hub``).

Starts a real JupyterHub on 127.0.0.1 with hub/jupyterhub_config.py (plus hub/test_config.py's
test-only accounts), logs several participants in through the login page, checks that each lands
on lesson 00 in their own copy of the lessons, and runs lesson 02 in every participant's server at
once through Jupyter's REST and kernel APIs. Exit code 0 when every cell of every run succeeded.

    python hub/test_hub.py                      # the smoke test: 3 participants
    python hub/test_hub.py --users 4            # more participants
    python hub/test_hub.py --sizing 1,2,4,8     # memory after every lesson; lesson 02 with N at once

Needs the kit with JupyterHub (``python3 tools/kit.py install --extras test,hub``) and npm.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psutil
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

HUB = Path(__file__).resolve().parent
PROXY = HUB / "node_modules" / ".bin" / "configurable-http-proxy"
START = "/lab/tree/fair-ml/notebooks/00-start-here.ipynb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_proxy() -> None:
    """configurable-http-proxy from npm, into hub/node_modules (once)."""
    if not PROXY.exists():
        print("test-hub: installing configurable-http-proxy from npm", flush=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=HUB, check=True)


class Hub:
    """A running JupyterHub and the test's service token for its REST API."""

    def __init__(self, workdir: Path):
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.password = secrets.token_hex(8)
        self.url = f"http://127.0.0.1:{self.port}"
        self.homes = workdir / "homes"
        env = {**os.environ, "KIT_HUB_URL": self.url, "KIT_HUB_STATE": str(workdir / "state"),
               "KIT_HUB_TEST_PASSWORD": self.password, "KIT_HUB_TEST_HOMES": str(self.homes),
               "KIT_HUB_TEST_TOKEN": self.token, "KIT_HUB_TEST_HUB_PORT": str(free_port()),
               "KIT_HUB_TEST_PROXY_PORT": str(free_port())}
        self.log = open(workdir / "jupyterhub.log", "w")  # noqa: SIM115 - closed in stop()
        jupyterhub = Path(sys.executable).with_name("jupyterhub")
        self.process = subprocess.Popen([str(jupyterhub), "-f", str(HUB / "test_config.py")],
                                        cwd=workdir, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        self.wait(lambda: self.api("GET", "/hub/api/") is not None, "the hub to answer", 90)

    def wait(self, ready, what: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"test-hub: JupyterHub stopped; see {self.log.name}")
            try:
                if ready():
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"test-hub: timed out waiting for {what}; see {self.log.name}")

    def api(self, method: str, path: str, body: dict | None = None):
        """One REST call with the service token; the decoded JSON answer (or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def log_in(hub: Hub, user: str) -> str:
    """Log in through the login page as a browser does; return where the participant lands."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    browser.open(f"{hub.url}/hub/login", timeout=60).read()
    xsrf = next(cookie.value for cookie in jar if cookie.name == "_xsrf")
    form = urllib.parse.urlencode({"username": user, "password": hub.password, "_xsrf": xsrf})
    browser.open(f"{hub.url}/hub/login?next=", data=form.encode(), timeout=120).read()
    hub.wait(lambda: server_ready(hub, user), f"{user}'s server", 180)
    with browser.open(f"{hub.url}/user/{user}/", timeout=120) as landing:
        return urllib.parse.urlparse(landing.url).path


def server_ready(hub: Hub, user: str) -> bool:
    server = hub.api("GET", f"/hub/api/users/{user}")["servers"].get("", {})
    return bool(server.get("ready"))


async def run_notebook(hub: Hub, user: str, path: str) -> dict:
    """Execute every code cell of the participant's copy of ``path`` in a new kernel."""
    base = f"/user/{user}/api"
    notebook = hub.api("GET", f"{base}/contents/{urllib.parse.quote(path)}")["content"]
    session = hub.api("POST", f"{base}/sessions", {"path": path, "type": "notebook", "name": "",
                                                    "kernel": {"name": "python3"}})
    kernel = session["kernel"]["id"]
    request = HTTPRequest(f"ws://127.0.0.1:{hub.port}{base}/kernels/{kernel}/channels",
                          headers={"Authorization": f"token {hub.token}"})
    channel = await websocket_connect(request)
    started, errors = time.monotonic(), []
    cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    for number, cell in enumerate(cells):
        reply = await execute(channel, "".join(cell["source"]))
        if reply["status"] != "ok":
            errors.append(f"cell {number}: {reply.get('ename')}: {reply.get('evalue')}")
            break
    elapsed = time.monotonic() - started
    channel.close()
    return {"user": user, "path": path, "seconds": elapsed, "cells": len(cells), "errors": errors,
            "kernel": kernel}


async def execute(channel, code: str) -> dict:
    """Send one execute_request on the kernel's websocket; return its execute_reply content."""
    msg_id = uuid.uuid4().hex
    await channel.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "kit",
                   "session": uuid.uuid4().hex, "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
    while True:
        message = await channel.read_message()
        if message is None:
            return {"status": "error", "ename": "ConnectionClosed", "evalue": "kernel websocket"}
        if isinstance(message, bytes):  # a message with binary buffers (a widget's picture)
            continue
        message = json.loads(message)
        if (message.get("msg_type") == "execute_reply"
                and message["parent_header"].get("msg_id") == msg_id):
            return message["content"]


def memory_by_user() -> dict[str, dict[str, float]]:
    """MB per participant (their JupyterLab server and kernels): resident and proportional (PSS)."""
    totals: dict[str, dict[str, float]] = {}
    for process in psutil.process_iter():
        try:
            user = process.environ().get("JUPYTERHUB_USER")
            if not user:
                continue
            info = process.memory_full_info()
        except (psutil.Error, OSError):
            continue
        entry = totals.setdefault(user, {"rss": 0.0, "pss": 0.0, "processes": 0})
        entry["rss"] += info.rss / 1e6
        entry["pss"] += getattr(info, "pss", info.rss) / 1e6
        entry["processes"] += 1
    return totals


def lesson_path(hub: Hub, user: str, prefix: str) -> str:
    listing = hub.api("GET", f"/user/{user}/api/contents/fair-ml/notebooks")["content"]
    return next(item["path"] for item in sorted(listing, key=lambda i: i["name"])
                if item["name"].startswith(prefix) and item["name"].endswith(".ipynb"))


def start_participants(hub: Hub, users: list[str]) -> None:
    """Log each participant in; check they land on lesson 00 in their own copy."""
    for user in users:
        landing = log_in(hub, user)
        assert landing == f"/user/{user}{START}", f"{user} landed on {landing}"
        own = hub.homes / user / "fair-ml" / "notebooks"
        assert own.is_dir() and any(own.glob("02-*.ipynb")), f"{user} has no copy of the lessons"
        print(f"test-hub: {user} logged in and landed on {landing}", flush=True)


async def run_at_once(hub: Hub, users: list[str], prefix: str) -> list[dict]:
    paths = [lesson_path(hub, user, prefix) for user in users]
    return await asyncio.gather(*(run_notebook(hub, u, p) for u, p in zip(users, paths, strict=True)))


def smoke(hub: Hub, count: int) -> int:
    users = [f"participant{n}" for n in range(1, count + 1)]
    start_participants(hub, users)
    runs = asyncio.run(run_at_once(hub, users, "02-"))
    for run in runs:
        status = "ok" if not run["errors"] else "; ".join(run["errors"])
        print(f"test-hub: {run['user']} ran {run['path']} ({run['cells']} cells) in "
              f"{run['seconds']:.1f} s: {status}", flush=True)
    report_memory()
    return 0 if all(not run["errors"] for run in runs) else 1


def report_memory() -> dict:
    memory = memory_by_user()
    for user, entry in sorted(memory.items()):
        print(f"test-hub: {user}: {entry['processes']} processes, {entry['pss']:.0f} MB "
              f"(proportional), {entry['rss']:.0f} MB resident", flush=True)
    return memory


def sizing(hub: Hub, concurrency: list[int], lesson: str = "02-", every_lesson: bool = True) -> dict:
    """Memory after every lesson for one participant; one lesson with N participants at once."""
    results: dict = {"lessons": [], "concurrent": []}
    start_participants(hub, ["solo"])
    for prefix in ("00-", "01-", "02-", "03-", "04-", "05-") if every_lesson else ():
        run = asyncio.run(run_at_once(hub, ["solo"], prefix))[0]
        memory = memory_by_user()["solo"]
        results["lessons"].append({**run, **memory})
        print(f"sizing: {run['path']}: {run['seconds']:.1f} s, errors {run['errors']}; "
              f"solo now {memory['pss']:.0f} MB PSS / {memory['rss']:.0f} MB RSS "
              f"in {memory['processes']} processes", flush=True)
    for n in concurrency:
        users = [f"room{lesson[:2]}n{n}x{k}" for k in range(1, n + 1)]
        start_participants(hub, users)
        runs = asyncio.run(run_at_once(hub, users, lesson))
        seconds = sorted(run["seconds"] for run in runs)
        memory = memory_by_user()
        results["concurrent"].append({"lesson": lesson, "n": n, "seconds": seconds,
                                      "pss": [memory[u]["pss"] for u in users],
                                      "errors": [e for r in runs for e in r["errors"]]})
        print(f"sizing: lesson {lesson[:2]} with {n} at once: slowest {seconds[-1]:.1f} s, "
              f"fastest {seconds[0]:.1f} s, errors {results['concurrent'][-1]['errors']}",
              flush=True)
        for user in users:  # free the cores and memory for the next round
            hub.api("DELETE", f"/hub/api/users/{user}/server")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=3)
    parser.add_argument("--sizing", default="", help="e.g. 1,2,4,8: lesson 02 with N at once")
    parser.add_argument("--lesson", default="02-", help="the lesson the N participants run")
    parser.add_argument("--no-lessons", action="store_true", help="skip memory after every lesson")
    parser.add_argument("--json", type=Path, help="write the sizing results here")
    args = parser.parse_args()
    ensure_proxy()
    workdir = Path(tempfile.mkdtemp(prefix="kit-hub-"))
    hub = Hub(workdir)
    print(f"test-hub: JupyterHub answers at {hub.url} (log: {hub.log.name})", flush=True)
    try:
        if args.sizing:
            results = sizing(hub, [int(n) for n in args.sizing.split(",")], args.lesson,
                             every_lesson=not args.no_lessons)
            if args.json:
                args.json.write_text(json.dumps(results, indent=2))
            return 0
        code = smoke(hub, args.users)
    finally:
        hub.stop()
    print("test-hub: passed" if code == 0 else "test-hub: FAILED", flush=True)
    shutil.rmtree(workdir, ignore_errors=True) if code == 0 else None
    return code


if __name__ == "__main__":
    sys.exit(main())
