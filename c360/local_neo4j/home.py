"""Where a local Neo4j keeps its jars, config, data, logs, pid and generated password."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import secrets
import string
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

    @property
    def bulk_marker(self) -> Path:
        """There while `c360 graph load --bulk` writes the store with the server stopped."""
        return self.root / "bulk-import.incomplete"

    @property
    def system_database(self) -> Path:
        """Where the users live once the server has started: set-initial-password is too late then."""
        return self.data / "databases" / "system"

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

    def has_jars(self) -> bool:
        return any(self.lib.glob("neo4j-5*.jar"))

    def is_installed(self) -> bool:
        return self.manifest() is not None and self.has_jars()

    # --- the generated password ------------------------------------------------------------
    def read_password(self) -> str | None:
        if not self.password_file.is_file():
            return None
        return self.password_file.read_text(encoding="utf-8").strip() or None

    def auth_file_holds(self, password: str) -> bool:
        """Whether the initial-password file neo4j-admin wrote is for exactly `password`. Its
        line is `user:SHA-256,<hash>,<salt>,<iterations>:`, the hash being SHA-256 of salt and
        password, then rehashed iterations - 1 times (Apache Shiro's SimpleHash, which Neo4j uses)."""
        try:
            line = self.auth_file.read_text(encoding="utf-8").strip().splitlines()[0]
            _user, credential, _rest = line.split(":", 2)
            algorithm, digest, salt, iterations = credential.split(",")
            if algorithm != "SHA-256":
                return False
            value = hashlib.sha256(bytes.fromhex(salt) + password.encode("utf-8")).digest()
            for _ in range(int(iterations) - 1):
                value = hashlib.sha256(value).digest()
        except (OSError, IndexError, ValueError):
            return False
        return hmac.compare_digest(value.hex(), digest.lower())

    def write_password(self, password: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        # Create with 0600 from the start: never readable by others, even for a moment.
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(password + "\n")


#: Letters and digits only. A password that begins with "-" is read by neo4j-admin as an option,
#: and one that begins with "@" as a file to read arguments from (picocli expands @files even
#: after "--"), and URL-special characters would need quoting in a PostgreSQL URL.
PASSWORD_ALPHABET = string.ascii_letters + string.digits
#: 25 characters of 62: about 149 bits, more than the 144 of the token_urlsafe(18) it replaces.
PASSWORD_LENGTH = 25


def generate_password(rng: random.Random | None = None) -> str:
    """A new password. `rng` is for tests that replay a seeded sequence; by default the
    operating system's CSPRNG (`secrets`) chooses every character."""
    choose = rng.choice if rng is not None else secrets.choice
    return "".join(choose(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
