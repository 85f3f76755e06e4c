from __future__ import annotations

import pytest

from c360.errors import MissingToolError
from c360.tools import require


def test_missing_program_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MissingToolError) as err:
        require("mvn", package="maven")
    assert "`mvn` was not found" in err.value.message
    assert err.value.hint is not None and "apt-get install -y maven" in err.value.hint
