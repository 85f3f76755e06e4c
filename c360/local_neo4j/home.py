"""Where a local Neo4j keeps its jars, config, data, logs, pid and generated password."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Neo4jHome:
    root: Path

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def plugins(self) -> Path:
        return self.root / "plugins"

    @property
    def conf_dir(self) -> Path:
        return self.root / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def console_log(self) -> Path:
        """The server's stdout: in console mode Neo4j writes its user log (neo4j.log) there."""
        return self.logs / "console.log"

    @property
    def pid_file(self) -> Path:
        return self.root / "run" / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.root / "neo4j-password"

    @property
    def manifest_file(self) -> Path:
        return self.root / "install.json"

    @property
    def auth_file(self) -> Path:
        return self.data / "dbms" / "auth.ini"

    def classpath(self) -> str:
        return os.pathsep.join(str(p / "*") for p in (self.plugins, self.conf_dir, self.lib))

    def make_dirs(self) -> None:
        for path in (self.lib, self.plugins, self.conf_dir, self.data, self.logs, self.pid_file.parent):
            path.mkdir(parents=True, exist_ok=True)

    # --- install manifest ------------------------------------------------------------------
    def manifest(self) -> dict[str, Any] | None:
        if not self.manifest_file.is_file():
            return None
        data: dict[str, Any] = json.loads(self.manifest_file.read_text(encoding="utf-8"))
        return data

    def is_installed(self) -> bool:
        return self.manifest() is not None and any(self.lib.glob("neo4j-5*.jar"))

    # --- the generated password ------------------------------------------------------------
    def read_password(self) -> str | None:
        if not self.password_file.is_file():
            return None
        return self.password_file.read_text(encoding="utf-8").strip() or None

    def write_password(self, password: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        # Create with 0600 from the start: never readable by others, even for a moment.
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(password + "\n")


def generate_password() -> str:
    return secrets.token_urlsafe(18)
