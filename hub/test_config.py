"""The hub of ``make test-hub``: hub/jupyterhub_config.py with test-only accounts.

The dummy authenticator (one shared password) and the simple spawner (homes under a temporary
folder, no system accounts) are for the test on 127.0.0.1 only - never for a room.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file
load_subconfig(str(Path(__file__).with_name("jupyterhub_config.py")))  # noqa: F821

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ["KIT_HUB_TEST_PASSWORD"]
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.environ["KIT_HUB_TEST_HOMES"] + "/{username}"
c.JupyterHub.hub_port = int(os.environ["KIT_HUB_TEST_HUB_PORT"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['KIT_HUB_TEST_PROXY_PORT']}"
if os.geteuid() == 0:  # containers run as root; the test's servers run as the hub's user
    c.Spawner.args = [*c.Spawner.args, "--allow-root"]
# The test drives the hub through its REST API as a service.
c.JupyterHub.services = [{"name": "kit-test", "api_token": os.environ["KIT_HUB_TEST_TOKEN"]}]
c.JupyterHub.load_roles = [{
    "name": "kit-test", "services": ["kit-test"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"],
}]
