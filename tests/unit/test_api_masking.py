"""The masking policy: what each role sees of each kind of personal data (property-based)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from api.masking import MASK, Kind, describe, mask
from api.principal import Role

# Personal values never consist of mask characters only; everything else is fair game.
values = st.text(min_size=1, max_size=80).filter(lambda v: set(v) != {MASK})
kinds = st.sampled_from(list(Kind))


@given(values, kinds)
def test_fraud_analysts_see_everything(value: str, kind: Kind) -> None:
    assert mask(value, kind, Role.FRAUD_ANALYST) == value


@given(values, kinds)
def test_services_see_no_personal_data(value: str, kind: Kind) -> None:
    assert mask(value, kind, Role.SERVICE) is None


@given(values, st.sampled_from([Kind.PHONE, Kind.EMAIL, Kind.NATIONAL_ID, Kind.IP]))
def test_relationship_managers_never_see_a_partly_masked_kind_whole(value: str, kind: Kind) -> None:
    shown = mask(value, kind, Role.RELATIONSHIP_MANAGER)
    assert shown is not None and MASK in shown
    assert shown != value
    # Never more than the last three characters of the original, or the e-mail's first letter and domain.
    kept = sum(1 for a, b in zip(shown, value, strict=False) if a == b and a != MASK)
    assert kept <= max(3, len(value) - len(value.rpartition("@")[0]) + 1) or kind is Kind.IP


@given(st.from_regex(r"\+84[1-9]\d{8,9}", fullmatch=True))
def test_a_phone_keeps_its_last_three_digits_for_relationship_managers(phone: str) -> None:
    shown = mask(phone, Kind.PHONE, Role.RELATIONSHIP_MANAGER)
    assert shown == MASK * (len(phone) - 3) + phone[-3:]


@given(st.emails())
def test_an_email_keeps_its_first_letter_and_domain(email: str) -> None:
    shown = mask(email, Kind.EMAIL, Role.RELATIONSHIP_MANAGER)
    local, _, domain = email.rpartition("@")
    assert shown is not None and shown.startswith(local[0]) and shown.endswith("@" + domain)
    assert local not in shown or len(local) == 1


def test_none_stays_none_for_every_role() -> None:
    assert all(mask(None, kind, role) is None for kind in Kind for role in Role)


def test_describe_matches_the_policy() -> None:
    assert set(describe(Role.FRAUD_ANALYST).values()) == {"full"}
    assert set(describe(Role.SERVICE).values()) == {"hidden"}
    rm = describe(Role.RELATIONSHIP_MANAGER)
    assert {k for k, v in rm.items() if v == "partial"} == {"phone", "email", "national_id", "ip"}
