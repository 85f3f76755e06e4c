"""Start, stop and inspect the local Neo4j server: a JVM we launch ourselves, as `bin/neo4j` would."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import neo4j
import psutil
from neo4j.exceptions import AuthError, ServiceUnavailable

from c360.errors import C360Error, ServerStartError
from c360.local_neo4j import install
from c360.local_neo4j.conf import jvm_args, render_conf
from c360.local_neo4j.home import Neo4jHome
from c360.net import ensure_port_free
from c360.settings import Settings
from c360.tools import require_java

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
STOP_TIMEOUT_S = 60.0


@dataclass
class Status:
    running: bool
    pid: int | None
    version: str
    bolt_uri: str
    http_url: str
    home: Path
    data_dir: Path
    installed: bool
    rss_mib: float | None = None
    uptime_s: float | None = None
    extra: dict[str, str] = field(default_factory=dict)


def running_pid(home: Neo4jHome) -> int | None:
    """The pid of this home's server, or None. A stale pid file (crash, reboot) is removed."""
    try:
        pid = int(home.pid_file.read_text(encoding="utf-8").strip())
        cmdline = psutil.Process(pid).cmdline()
    except (FileNotFoundError, ValueError, psutil.NoSuchProcess, psutil.ZombieProcess):
        home.pid_file.unlink(missing_ok=True)
        return None
    # The pid may have been reused by an unrelated process since the server died.
    if ENTRY_POINT in cmdline and f"--home-dir={home.root}" in cmdline:
        return pid
    home.pid_file.unlink(missing_ok=True)
    return None


def credentials(settings: Settings, home: Neo4jHome) -> tuple[str, str]:
    if settings.neo4j_password is not None:
        return settings.neo4j_user, settings.neo4j_password.get_secret_value()
    password = home.read_password()
    if password is None:
        if home.system_database.exists():
            raise C360Error(
                f"No Neo4j password: NEO4J_PASSWORD is unset and {home.password_file} is gone, "
                "but the database already has its users.",
                hint="Set NEO4J_PASSWORD to the password it was created with, or start over "
                f"(deletes the graph): rm -rf {home.data} && c360 neo4j start",
            )
        raise C360Error(
            "No Neo4j password: NEO4J_PASSWORD is unset and no generated one exists.",
            hint="Run `c360 neo4j start`, which generates one, or set NEO4J_PASSWORD.",
        )
    return settings.neo4j_user, password


def log_tail(path: Path, lines: int = 30, *, since: int = 0) -> str:
    try:
        with path.open("rb") as fh:
            fh.seek(since)
            text = fh.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return f"(no log at {path})"
    return "\n".join(text.splitlines()[-lines:])


def _wait_for_bolt(
    settings: Settings, home: Neo4jHome, proc: subprocess.Popen[bytes], log_start: int, auth: tuple[str, str]
) -> None:
    """Poll Bolt until it answers, the JVM dies, or the timeout runs out."""
    uri = f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"
    deadline = time.monotonic() + settings.neo4j_start_timeout
    with neo4j.GraphDatabase.driver(
        uri, auth=auth, connection_timeout=2.0, max_connection_lifetime=5
    ) as driver:
        while True:
            if proc.poll() is not None:
                raise ServerStartError(
                    f"Neo4j exited with code {proc.returncode} while starting.",
                    hint=f"Full log: {home.console_log}",
                    detail=log_tail(home.console_log, since=log_start),
                )
            try:
                driver.verify_connectivity()
                return
            except AuthError as exc:
                _terminate(proc.pid)
                raise ServerStartError(
                    "Neo4j started but refused the configured password.",
                    hint="NEO4J_PASSWORD must match the password the database was created with; "
                    f"the generated one is in {home.password_file}.",
                ) from exc
            except (ServiceUnavailable, OSError):
                pass
            if time.monotonic() > deadline:
                _terminate(proc.pid)
                raise ServerStartError(
                    f"Neo4j did not answer on {uri} within {settings.neo4j_start_timeout:.0f} s.",
                    hint="Raise NEO4J_START_TIMEOUT on a slow machine.",
                    detail=log_tail(home.console_log, since=log_start),
                )
            time.sleep(0.25)


def start(settings: Settings) -> tuple[bool, int, float]:
    """Start the server in the background. Returns (was_already_running, pid, seconds_to_bolt)."""
    home = Neo4jHome(settings.neo4j_home)
    if not home.is_installed():
        raise C360Error(f"Neo4j is not installed in {home.root}.", hint="Run `c360 neo4j install`.")
    pid = running_pid(home)
    if pid is not None:
        return True, pid, 0.0
    if home.bulk_marker.exists():
        raise C360Error(
            "A bulk load was interrupted while it wrote the database: the store may be half-written.",
            hint="Run `c360 graph load --bulk` again; it starts Neo4j when the import is done.",
        )
    java = require_java()
    install.ensure_initial_password(settings, home)
    # Before the JVM is launched: a start that cannot log in must not leave a server behind.
    auth = credentials(settings, home)
    ensure_port_free(settings.neo4j_bolt_port, "Neo4j Bolt", "NEO4J_BOLT_PORT")
    ensure_port_free(settings.neo4j_http_port, "Neo4j HTTP", "NEO4J_HTTP_PORT")
    home.make_dirs()
    home.conf_file.write_text(render_conf(settings), encoding="utf-8")
    log_start = home.console_log.stat().st_size if home.console_log.exists() else 0
    cmd = [
        java, *jvm_args(settings), "-cp", home.classpath(), ENTRY_POINT,
        f"--home-dir={home.root}", f"--config-dir={home.conf_dir}", "--console-mode",
    ]  # fmt: skip
    started = time.monotonic()
    with home.console_log.open("ab") as log:
        # A session of its own: Ctrl-C in the terminal that started it must not kill the server.
        proc = subprocess.Popen(
            cmd, cwd=home.root, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    home.pid_file.write_text(f"{proc.pid}\n", encoding="utf-8")
    try:
        _wait_for_bolt(settings, home, proc, log_start, auth)
    except BaseException:
        if proc.poll() is None:  # an interrupted or failed wait leaves no server running
            _terminate(proc.pid)
        home.pid_file.unlink(missing_ok=True)
        raise
    return False, proc.pid, time.monotonic() - started


def _terminate(pid: int, timeout: float = STOP_TIMEOUT_S) -> bool:
    """SIGTERM, then wait; SIGKILL only if the JVM ignores it. True if it stopped cleanly."""
    try:
        proc = psutil.Process(pid)
        proc.send_signal(signal.SIGTERM)
    except psutil.NoSuchProcess:
        return True
    if _wait_gone(proc, timeout):
        return True
    with contextlib.suppress(psutil.NoSuchProcess):
        proc.kill()
    return False


def _wait_gone(proc: psutil.Process, timeout: float) -> bool:
    # A server started by a long-lived process (a test session) stays a zombie until that parent
    # reaps it, so "exited" means gone *or* zombie; psutil's wait() would block on the zombie.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.2)
    return False


def stop(settings: Settings) -> tuple[bool, bool]:
    """Stop the server. Returns (was_running, stopped_cleanly)."""
    home = Neo4jHome(settings.neo4j_home)
    pid = running_pid(home)
    if pid is None:
        return False, True
    clean = _terminate(pid)
    home.pid_file.unlink(missing_ok=True)
    return True, clean


def status(settings: Settings) -> Status:
    home = Neo4jHome(settings.neo4j_home)
    manifest = home.manifest() or {}
    pid = running_pid(home)
    rss = uptime = None
    if pid is not None:
        with contextlib.suppress(psutil.Error):
            proc = psutil.Process(pid)
            rss = proc.memory_info().rss / 2**20
            uptime = time.time() - proc.create_time()
    return Status(
        running=pid is not None,
        pid=pid,
        version=str(manifest.get("neo4j", settings.neo4j_version)),
        bolt_uri=f"bolt://127.0.0.1:{settings.neo4j_bolt_port}",
        http_url=f"http://127.0.0.1:{settings.neo4j_http_port}/",
        home=home.root,
        data_dir=home.data,
        installed=home.is_installed(),
        rss_mib=rss,
        uptime_s=uptime,
    )


def follow(path: Path, emit: Callable[[str], None], poll_s: float = 0.5) -> None:
    """`tail -f` for the log; runs until interrupted."""
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        fh.seek(0, os.SEEK_END)
        while True:
            line = fh.readline()
            if line:
                emit(line.rstrip("\n"))
            else:
                time.sleep(poll_s)
