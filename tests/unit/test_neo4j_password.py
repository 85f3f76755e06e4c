"""The local Neo4j's generated password, and how it is handed to neo4j-admin."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from c360.errors import C360Error
from c360.local_neo4j.home import PASSWORD_ALPHABET, Neo4jHome, generate_password
from c360.local_neo4j.install import admin_password_command, check_password


def test_generated_passwords_never_begin_with_an_option_or_file_character() -> None:
    # 20,000 draws: with the old token_urlsafe alphabet about 310 would begin with "-".
    for _ in range(20_000):
        password = generate_password()
        assert password[0].isalnum(), password[:1]
        assert set(password) <= set(PASSWORD_ALPHABET)
        assert len(password) == 25


def test_generated_passwords_keep_their_strength() -> None:
    # log2(62 ** 25) is about 148.9 bits; token_urlsafe(18) had 144.
    assert len(PASSWORD_ALPHABET) == 62
    assert 25 * 5.95 > 144
    assert len({generate_password() for _ in range(1_000)}) == 1_000


def test_a_seeded_sequence_replays() -> None:
    assert [generate_password(random.Random(7)) for _ in range(3)] == [
        generate_password(random.Random(7)) for _ in range(3)
    ]


@pytest.mark.parametrize("password", ["-5oQk2bLx_9aZ", "_Zz0-abcdefgh", "--help-me-now", "-"])
def test_the_password_follows_the_end_of_options_marker(password: str) -> None:
    cmd = admin_password_command("java", Neo4jHome(Path("/nonexistent")), password)
    assert cmd[-2:] == ["--", password]
    assert cmd[cmd.index("set-initial-password") + 1] == "--"


def test_a_password_neo4j_would_refuse_is_refused_first_with_where_it_came_from() -> None:
    with pytest.raises(C360Error, match="NEO4J_PASSWORD is too short") as short:
        check_password("seven77", "NEO4J_PASSWORD")
    assert "c360 neo4j start" in (short.value.hint or "")
    with pytest.raises(C360Error, match='begins with "@"'):
        check_password("@/etc/passwords", "NEO4J_PASSWORD")
    check_password("-5oQk2bLx", "NEO4J_PASSWORD")  # a leading "-" is fine: "--" protects it


def _auth_line(password: str, salt: bytes, iterations: int = 1024) -> str:
    value = hashlib.sha256(salt + password.encode()).digest()
    for _ in range(iterations - 1):
        value = hashlib.sha256(value).digest()
    return f"neo4j:SHA-256,{value.hex()},{salt.hex()},{iterations}:\n"


def test_the_auth_file_check_tells_exactly_which_password_was_set(tmp_path: Path) -> None:
    home = Neo4jHome(tmp_path)
    assert not home.auth_file_holds("anything-at-all")  # no file yet
    home.auth_file.parent.mkdir(parents=True)
    home.auth_file.write_text(_auth_line("-5oQk2bLx_9aZ", b"\x01\x02" * 16), encoding="utf-8")
    assert home.auth_file_holds("-5oQk2bLx_9aZ")
    assert not home.auth_file_holds("5oQk2bLx_9aZ")
    assert not home.auth_file_holds("--")
    home.auth_file.write_text("garbage", encoding="utf-8")
    assert not home.auth_file_holds("-5oQk2bLx_9aZ")
