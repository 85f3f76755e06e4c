"""`c360 neo4j install` fails clearly, with a non-zero exit, when it cannot do its job."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli import run_c360
from tests.conftest import make_test_settings, settings_env


def _env_without(program: str, tmp_path: Path) -> dict[str, str]:
    """PATH with a folder of links to everything on PATH except `program`."""
    shadow = tmp_path / "bin"
    shadow.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        if not Path(folder).is_dir():
            continue
        for exe in Path(folder).iterdir():
            if exe.name != program and not (shadow / exe.name).exists() and os.access(exe, os.X_OK):
                (shadow / exe.name).symlink_to(exe)
    env = settings_env(make_test_settings(c360_home=tmp_path / "home"))
    env["PATH"] = str(shadow)
    env.pop("JAVA_HOME", None)
    return env


@pytest.mark.parametrize(("program", "package"), [("java", "openjdk-17"), ("mvn", "maven")])
def test_missing_tool_is_named_with_the_package_to_install(
    program: str, package: str, tmp_path: Path
) -> None:
    result = run_c360("neo4j", "install", env=_env_without(program, tmp_path))
    assert result.returncode != 0
    assert f"`{program}` was not found" in result.stderr
    assert package in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_download_is_a_clear_error(tmp_path: Path) -> None:
    env = settings_env(make_test_settings(c360_home=tmp_path / "home"))
    env["NEO4J_VERSION"] = "5.26.9999"  # no such release
    result = run_c360("neo4j", "install", env=env, timeout=600)
    assert result.returncode != 0
    assert "Maven could not resolve Neo4j 5.26.9999" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "home" / "neo4j-5.26.9999" / "install.json").exists()
