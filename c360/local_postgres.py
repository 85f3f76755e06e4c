"""A private PostgreSQL cluster for tests and local use, run from Debian's server binaries.

It lives in C360_HOME, listens on loopback only, trusts the owner over its own Unix socket (for
administration) and asks for a SCRAM password over TCP (for the application role `c360`).
PostgreSQL refuses to run as root, so as root every server command runs as the `postgres` user.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from psycopg2 import sql

from c360.errors import C360Error, MissingToolError, ServerStartError
from c360.local_neo4j.home import generate_password
from c360.net import ensure_port_free
from c360.settings import Settings

APP_ROLE = "c360"
_HINT = "On Debian or Ubuntu: apt-get update && apt-get install -y postgresql"


@dataclass(frozen=True)
class Cluster:
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "run"

    @property
    def log(self) -> Path:
        return self.root / "postgres.log"

    @property
    def password_file(self) -> Path:
        return self.root / "password"

    def url(self, database: str = APP_ROLE) -> str:
        password = self.password_file.read_text(encoding="utf-8").strip()
        return f"postgresql+psycopg2://{APP_ROLE}:{password}@127.0.0.1:{self.port}/{database}"


def cluster(settings: Settings) -> Cluster:
    root = settings.home / "postgres"
    if os.geteuid() == 0 and not _postgres_user_can_enter(settings.home):
        # A checkout under a private folder (/root, a 700 home): the server's own user could not
        # reach its data there, so the cluster lives in a per-checkout folder under /var/tmp.
        digest = hashlib.sha256(str(settings.home).encode()).hexdigest()[:12]
        root = Path("/var/tmp") / f"c360-postgres-{digest}"  # noqa: S108 (owner checked on init)
    return Cluster(root, settings.postgres_port)


def _postgres_user_can_enter(folder: Path) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    probe = ["runuser", "-u", "postgres", "--", "test", "-x", str(folder)]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def _bin(name: str) -> str:
    # Debian keeps the server binaries out of PATH, one folder per major version.
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=_major, reverse=True)
    if found:
        return str(found[0])
    raise MissingToolError(f"PostgreSQL's `{name}` was not found.", hint=_HINT)


def _major(path: Path) -> int:
    part = path.parent.parent.name
    return int(part) if part.isdigit() else 0


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def _run(cmd: list[str], what: str) -> str:
    result = subprocess.run(_as_owner(cmd), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise C360Error(f"PostgreSQL {what} failed (exit {result.returncode}).", detail=result.stderr[-2000:])
    return result.stdout


def _prepare_dirs(c: Cluster) -> None:
    c.root.mkdir(parents=True, exist_ok=True)
    c.socket_dir.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise MissingToolError("There is no `postgres` system user.", hint=_HINT) from exc
        if c.root.stat().st_uid not in (0, owner.pw_uid):
            # Someone else created the folder first: never run a cluster out of it.
            raise C360Error(f"{c.root} belongs to another user; remove it or set C360_HOME.")
        for path in (c.root, c.socket_dir):
            os.chown(path, owner.pw_uid, owner.pw_gid)
            path.chmod(0o700)


def is_running(c: Cluster) -> bool:
    if not (c.data / "PG_VERSION").exists():
        return False
    result = subprocess.run(
        _as_owner([_bin("pg_ctl"), "status", "-D", str(c.data)]), capture_output=True, check=False
    )
    return result.returncode == 0


def init(c: Cluster) -> bool:
    """Create the cluster once. Returns False when it already existed."""
    if (c.data / "PG_VERSION").exists():
        return False
    _prepare_dirs(c)
    _run(
        [_bin("initdb"), "-D", str(c.data), "-U", "postgres", "-E", "UTF8", "--no-locale",
         "--auth-local=trust", "--auth-host=scram-sha-256"],
        "initdb",
    )  # fmt: skip
    with (c.data / "postgresql.auto.conf").open("a", encoding="utf-8") as conf:
        conf.write(
            "# Written by c360: loopback only, our own socket folder.\n"
            "listen_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{c.socket_dir}'\n"
        )
    return True


def start(c: Cluster) -> bool:
    """Init if needed, start, and make sure the application role and database exist.

    Returns False when the server was already running.
    """
    init(c)
    if is_running(c):
        _ensure_app_role(c)
        return False
    ensure_port_free(c.port, "PostgreSQL", "POSTGRES_PORT")
    # The log must be writable by the server's user, so pg_ctl (running as that user) creates it.
    _run([_bin("pg_ctl"), "start", "-D", str(c.data), "-l", str(c.log), "-w", "-t", "60",
          "-o", f"-p {c.port}"], "start")  # fmt: skip
    if not is_running(c):
        raise ServerStartError("PostgreSQL did not start.", detail=c.log.read_text(errors="replace")[-2000:])
    _ensure_app_role(c)
    return True


def stop(c: Cluster) -> bool:
    if not is_running(c):
        return False
    _run([_bin("pg_ctl"), "stop", "-D", str(c.data), "-m", "fast", "-w"], "stop")
    return True


def _ensure_app_role(c: Cluster) -> None:
    if not c.password_file.exists():
        password = generate_password()
        fd = os.open(c.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(password + "\n")
    password = c.password_file.read_text(encoding="utf-8").strip()
    conn = psycopg2.connect(host=str(c.socket_dir), port=c.port, user="postgres", dbname="postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (APP_ROLE,))
            verb = "ALTER" if cur.fetchone() else "CREATE"
            cur.execute(
                sql.SQL(verb + " ROLE {} LOGIN CREATEDB PASSWORD %s").format(sql.Identifier(APP_ROLE)),
                (password,),
            )
            # The graph sync bounds its cut by other sessions' open transactions
            # (graph_loader.cut), which only this role lets it see.
            cur.execute(sql.SQL("GRANT pg_read_all_stats TO {}").format(sql.Identifier(APP_ROLE)))
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (APP_ROLE,))
            if cur.fetchone() is None:
                cur.execute(
                    sql.SQL("CREATE DATABASE {} OWNER {}").format(
                        sql.Identifier(APP_ROLE), sql.Identifier(APP_ROLE)
                    )
                )
    finally:
        conn.close()
