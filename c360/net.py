"""Loopback port checks with an error that names who holds the port."""

from __future__ import annotations

import contextlib
import socket

import psutil

from c360.errors import PortInUseError


def port_holder(port: int) -> str | None:
    """'java (pid 123)' for the process listening on `port`, when the OS lets us see it."""
    with contextlib.suppress(psutil.Error, PermissionError):
        for conn in psutil.net_connections(kind="tcp"):
            if conn.laddr and conn.laddr.port == port and conn.status == psutil.CONN_LISTEN:
                if conn.pid is None:
                    return "another process"
                with contextlib.suppress(psutil.Error):
                    return f"{psutil.Process(conn.pid).name()} (pid {conn.pid})"
                return f"pid {conn.pid}"
    return None


def ensure_port_free(port: int, what: str, setting: str) -> None:
    """Raise PortInUseError if 127.0.0.1:`port` cannot be bound."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # REUSEADDR: a port left in TIME_WAIT by a server we just stopped is free to use again;
        # a port someone is listening on still fails to bind.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            holder = port_holder(port) or "another process"
            raise PortInUseError(
                f"Port {port} for {what} is already in use by {holder}.",
                hint=f"Stop that process, or choose another port with {setting}=<port>.",
            ) from exc


def free_port() -> int:
    """A port the OS says is free right now (for tests that need a spare one)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
