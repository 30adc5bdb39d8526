"""JupyterHub for a room: one server, every participant in their own JupyterLab on lesson 00.

Start it from the kit's folder, with the kit and JupyterHub installed (``make test-hub`` does this,
or ``python3 tools/kit.py install --extras hub``) and the proxy from npm (``npm install`` in hub/)::

    sudo .venv/bin/jupyterhub -f hub/jupyterhub_config.py

What this configuration does:

- Each participant's server is JupyterLab from the kit's environment (``.venv``): the same
  packages and versions as ``make lab``. Nothing is installed per user.
- On each participant's first start their own copy of the lessons, exercises, solutions and data
  is put into ``~/fair-ml/`` (never overwritten later: their answers stay), and JupyterLab opens
  on lesson 00 there.
- Each participant's numerical libraries use one thread, so that 30 kernels share the cores
  fairly instead of fighting over them, and a kernel idle for 40 minutes is shut down.

What the lecturer chooses (see docs/instructor-guide.md, "A server for the room"):

- Who may log in. By default, system accounts (JupyterHub's PAM authenticator with one Linux user
  per participant; ``KIT_HUB_USERS`` lists them, ``KIT_HUB_ADMINS`` the lecturers). For a room
  without accounts, The Littlest JupyterHub (one machine) or another authenticator does it.
- The address: ``KIT_HUB_URL`` (default http://127.0.0.1:8000); put HTTPS in front for a network.
"""

import os
import pwd
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

KIT = Path(__file__).resolve().parents[1]
FOLDER = "fair-ml"  # in each participant's home
COPIED = ("notebooks", "exercises", "solutions", "data")
START = f"/lab/tree/{FOLDER}/notebooks/00-start-here.ipynb"
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                     "MKL_NUM_THREADS")}


def participant_home(spawner) -> Path:
    """The participant's home: the test spawner's own template, else the system account's."""
    home = getattr(spawner, "home_dir", None)
    return Path(home) if home else Path(pwd.getpwnam(spawner.user.name).pw_dir)


def copy_lessons(spawner) -> None:
    """Give a participant their own copy of the lessons on the first start; keep it afterwards."""
    home = participant_home(spawner)
    target = home / FOLDER
    if target.exists():
        return
    home.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copytree(KIT / name, target / name,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    if os.geteuid() == 0:  # the hub runs as root; the files belong to the participant
        try:
            account = pwd.getpwnam(spawner.user.name)
        except KeyError:  # the test's users have no system account
            return
        for path in [target, *target.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid)


# The participants' servers: JupyterLab from the kit's environment, starting on lesson 00.
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.default_url = START
c.Spawner.notebook_dir = "~"
c.Spawner.pre_spawn_hook = copy_lessons
c.Spawner.environment = ONE_THREAD
# A kernel idle for 40 minutes is shut down, even with its tab open: a lesson takes 30-35 minutes,
# so at most the current and the previous lesson hold memory (measured: 0.2-0.25 GB per kernel).
# A participant who comes back to an older lesson runs its cells again (Run All Cells).
c.Spawner.args = ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                  "--MappingKernelManager.cull_idle_timeout=2400",
                  "--MappingKernelManager.cull_interval=300",
                  "--MappingKernelManager.cull_connected=True"]
# A busy room starts many servers at once on a small machine: allow them time.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.concurrent_spawn_limit = 30

# Where the hub listens, and its state (the hub's database and cookie secret) next to this file.
c.JupyterHub.bind_url = os.environ.get("KIT_HUB_URL", "http://127.0.0.1:8000")
state = Path(os.environ.get("KIT_HUB_STATE", KIT / "hub" / "state"))
state.mkdir(parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [str(KIT / "hub" / "node_modules" / ".bin" /
                                       "configurable-http-proxy")]

# Who may log in: system accounts listed in KIT_HUB_USERS; lecturers in KIT_HUB_ADMINS.
c.Authenticator.allowed_users = {u for u in os.environ.get("KIT_HUB_USERS", "").split(",") if u}
c.Authenticator.admin_users = {u for u in os.environ.get("KIT_HUB_ADMINS", "").split(",") if u}
