"""The machine a benchmark ran on, printed with every result."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

import psutil


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _java() -> str:
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
        return out.stderr.splitlines()[0] if out.stderr else "?"
    except FileNotFoundError:
        return "no java"


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min)"


def describe() -> dict[str, str]:
    return {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "java": _java(),
        # The machine may be shared: a figure is only comparable with the load it ran under.
        "load": load_average(),
    }


def print_machine() -> None:
    print("machine:")
    for key, value in describe().items():
        print(f"  {key:7} {value}")
