"""The three descriptions of the environment must not drift apart."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[_name(name)] = version.strip()
    return pins


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "==" in dep:
            name, version = dep.split("==")
            pins[_name(name)] = version
    return pins


def test_environment_yml_lists_exactly_the_runtime_dependencies():
    runtime = {_name(d) for d in _pyproject()["dependencies"]}
    assert set(_conda_pins()) == runtime


def test_environment_yml_pins_match_the_lock_file():
    lock = _lock()
    assert {name: lock.get(name) for name in _conda_pins()} == _conda_pins()


def test_environment_yml_installs_the_package_editable():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_section == ["-e ."]
    assert "conda-forge" in env["channels"]


def test_every_declared_dependency_is_pinned_in_the_lock_file():
    project = _pyproject()
    declared = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared += extra
    missing = {_name(d) for d in declared} - set(_lock())
    assert not missing, f"not in requirements.lock: {sorted(missing)}"


def test_lock_file_pins_exact_versions_only():
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+\-]+", line), line
