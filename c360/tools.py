"""Finding the external programs the local services need, with a clear error when one is missing."""

from __future__ import annotations

import re
import shutil
import subprocess

from c360.errors import MissingToolError

_DEBIAN_HINT = "On Debian or Ubuntu: apt-get update && apt-get install -y {pkg}"


def require(program: str, *, package: str) -> str:
    """Return the absolute path of `program`, or raise naming the package that provides it."""
    path = shutil.which(program)
    if path is None:
        raise MissingToolError(f"`{program}` was not found on PATH.", hint=_DEBIAN_HINT.format(pkg=package))
    return path


def java_major_version(java: str) -> int:
    """The major version of a `java` binary (17 for "17.0.15", 8 for "1.8.0_392")."""
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if match is None:
        raise MissingToolError(f"Could not read the version of {java}: {out.stderr.strip()[:200]}")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def require_java(minimum: int = 17, maximum: int = 21) -> str:
    """Neo4j 5.26 runs on Java 17 or 21; Neo4j 2025.x would need 21."""
    java = require("java", package="openjdk-17-jre-headless")
    major = java_major_version(java)
    if not minimum <= major <= maximum:
        raise MissingToolError(
            f"Neo4j 5.26 needs Java {minimum} to {maximum}; {java} is Java {major}.",
            hint=_DEBIAN_HINT.format(pkg="openjdk-17-jre-headless") + ", or set JAVA_HOME/PATH.",
        )
    return java
