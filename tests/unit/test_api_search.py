"""A search box string becomes normalized lookups and a safe full-text query."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.errors import BadRequestError
from api.search import params


def test_a_local_phone_is_normalized_to_e164() -> None:
    assert params("0912 345 678")["phone"] == "+84912345678"
    assert params("+84 912-345-678")["phone"] == "+84912345678"


def test_an_email_is_lower_cased() -> None:
    assert params("  Lan.Nguyen@Gmail.COM ")["email"] == "lan.nguyen@gmail.com"


def test_a_national_id_and_an_account_number() -> None:
    p = params("079 078 457 001")
    assert p["national_id"] == "079078457001" and p["account_no"] == "079078457001"


def test_names_are_folded_and_the_last_word_is_a_prefix() -> None:
    assert params("Nguyễn Văn Ánh")["name_query"] == "nguyen AND van AND anh*"
    assert params("Đặng")["name_query"] == "dang*"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 201])
def test_empty_or_huge_searches_are_refused(bad: str) -> None:
    with pytest.raises(BadRequestError):
        params(bad)


@given(st.text(min_size=1, max_size=200).filter(str.strip))
def test_no_search_text_can_inject_lucene_syntax(text: str) -> None:
    query = params(text)["name_query"]
    # Only words, AND between them, and one trailing * (or the no-match sentinel).
    for word in query.removesuffix("*").split(" AND "):
        assert word and all(ch.isalnum() or ch == "_" or ch == "\\" for ch in word), query
