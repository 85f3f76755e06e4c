"""Running the real `c360` console script in a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

C360 = str(Path(sys.executable).with_name("c360"))


def run_c360(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [C360, *args], env={**env, "COLUMNS": "200"}, capture_output=True, text=True, timeout=timeout,
        check=False,
    )  # fmt: skip
