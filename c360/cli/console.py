"""The terminal: one rich Console, and how an expected error is shown (no traceback)."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape

from c360.errors import C360Error

console = Console()
err_console = Console(stderr=True)


def print_error(exc: C360Error) -> None:
    err_console.print(f"[bold red]error:[/] {escape(exc.message)}")
    if exc.detail:
        err_console.print(escape(exc.detail), style="dim", highlight=False, soft_wrap=True)
    if exc.hint:
        err_console.print(f"[yellow]hint:[/] {escape(exc.hint)}")


def fail(exc: C360Error) -> None:
    print_error(exc)
    sys.exit(exc.exit_code)
