"""Print the packages of environment.yml as pip requirements (for `make check-binder`)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONDA_ONLY = {"python", "pip"}

environment = yaml.safe_load((ROOT / "environment.yml").read_text())
for entry in environment["dependencies"]:
    if isinstance(entry, dict):
        for requirement in entry.get("pip", []):
            print(requirement)
    elif entry.split("=")[0].split("<")[0].split(">")[0].strip() not in CONDA_ONLY:
        print(entry)
