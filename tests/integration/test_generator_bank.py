"""A generated bank on SQLite and PostgreSQL: constraints, determinism, and the planted truth really
being there in the source tables."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from relational import db, normalize
from relational.generator import GenerationResult, generate
from relational.generator.checksum import business_checksum
from relational.generator.profiles import PROFILES, get_profile
from relational.models import Account, Base, Customer, Transaction
from relational.truth import CONFOUNDER_KINDS, HUB_KINDS, RING_SHAPES, TruthBase

SEED = 11
CUSTOMERS = 300
Bank = tuple[sa.Engine, GenerationResult]


def engine_for(url: str) -> sa.Engine:
    engine = sa.create_engine(url)
    if url.startswith("sqlite"):
        sa.event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA foreign_keys=ON"))
    return engine


@pytest.fixture
def bank(database_url: str) -> Iterator[Bank]:
    engine = engine_for(database_url)
    result = generate(engine, customers=CUSTOMERS, seed=SEED, profile=get_profile("small"))
    yield engine, result
    engine.dispose()


def rows(engine: sa.Engine, query: str, **params: object) -> list[tuple[Any, ...]]:
    """Plain tuples: the tests compare values, whatever type each driver returns them as."""
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(sa.text(query), params)]


def test_generated_rows_are_in_the_database_and_normalized_columns_agree_with_raw(bank: Bank) -> None:
    engine, result = bank
    assert result.rows["customers"] == CUSTOMERS
    for table, count in result.rows.items():
        assert rows(engine, f"SELECT COUNT(*) FROM {table}")[0][0] == count, table  # noqa: S608
    for raw, e164 in rows(engine, "SELECT raw, e164 FROM phones"):
        assert normalize.phone_e164(str(raw)) == e164
    for raw, value in rows(engine, "SELECT raw, normalized FROM emails"):
        assert normalize.email_normalized(str(raw)) == value
    for raw, value in rows(engine, "SELECT raw, normalized FROM addresses"):
        assert normalize.address_canonical(str(raw)) == value


def test_customers_have_cccd_or_tax_codes_vietnamese_names_and_about_two_accounts(bank: Bank) -> None:
    engine, _ = bank
    people = rows(engine, "SELECT customer_type, national_id, tax_code, full_name FROM customers")
    orgs = [p for p in people if p[0] == "organization"]
    assert 0 < len(orgs) < len(people) * 0.15
    assert all(normalize.tax_code(str(p[2])) for p in orgs)
    codes = {"001", "079", "048", "031", "092"}
    individuals = [p for p in people if p[0] == "individual"]
    assert all(len(str(p[1])) == 12 and str(p[1]).isdigit() for p in individuals)
    assert any(str(p[1])[:3] in codes for p in individuals)
    assert sum(str(p[3]).startswith("Nguyễn ") for p in individuals) > len(individuals) * 0.2
    accounts = rows(engine, "SELECT COUNT(*) FROM account_holders WHERE role = 'primary'")[0][0]
    assert 1.7 <= accounts / CUSTOMERS <= 2.8
    kinds = {r[0] for r in rows(engine, "SELECT DISTINCT account_type FROM accounts")}
    assert kinds == {"savings", "checking", "ewallet", "card", "loan"}
    catalogue = dict(rows(engine, "SELECT auth_method, security_level FROM auth_methods"))
    assert catalogue == {"password": 1, "otp_sms": 2, "otp_app": 3, "biometric": 3, "digital_signature": 4}


def test_transactions_follow_the_daily_rhythm_and_have_exactly_one_destination(bank: Bank) -> None:
    engine, _ = bank
    txns = rows(
        engine, "SELECT occurred_at, to_account_no, merchant_id, counterparty_account FROM transactions"
    )
    assert len(txns) > CUSTOMERS * 3
    hours = [r[0].hour if isinstance(r[0], datetime) else int(str(r[0])[11:13]) for r in txns]
    night = sum(2 <= h <= 4 for h in hours)
    late_morning = sum(10 <= h <= 12 for h in hours)
    assert night * 10 < late_morning
    assert all(sum(v is not None for v in r[1:]) == 1 for r in txns)


def test_a_cccd_of_the_wrong_length_is_rejected(database_url: str) -> None:
    engine = engine_for(database_url)
    db.upgrade(engine)
    customer = Customer(
        customer_id="C1", customer_type="individual", full_name="Lê Văn A", date_of_birth=date(1990, 1, 1),
        national_id="07919000001", segment="mass", kyc_level=2, opened_at=datetime(2020, 1, 1),
    )  # fmt: skip
    with pytest.raises(IntegrityError), sa.orm.Session(engine) as session:
        session.add(customer)
        session.commit()
    engine.dispose()


def test_a_negative_savings_balance_is_rejected(database_url: str) -> None:
    engine = engine_for(database_url)
    db.upgrade(engine)
    account = Account(
        account_no="1", account_type="savings", currency="VND", balance=-1, status="active",
        opened_at=datetime(2020, 1, 1), branch_code="HCM001",
    )  # fmt: skip
    with pytest.raises(IntegrityError), sa.orm.Session(engine) as session:
        session.add(account)
        session.commit()
    engine.dispose()


def test_a_transaction_with_two_destinations_is_rejected(bank: Bank) -> None:
    engine, _ = bank
    (source, target), (merchant,) = (
        rows(
            engine, "SELECT from_account_no, to_account_no FROM transactions WHERE to_account_no IS NOT NULL"
        )[0],
        rows(engine, "SELECT merchant_id FROM merchants")[0],
    )
    txn = Transaction(
        txn_id="X1", from_account_no=source, to_account_no=target, merchant_id=merchant, amount_vnd=1000,
        channel="mobile", occurred_at=datetime(2025, 1, 1), status="completed",
    )  # fmt: skip
    with pytest.raises(IntegrityError), sa.orm.Session(engine) as session:
        session.add(txn)
        session.commit()


def test_the_same_seed_gives_the_same_checksum_and_another_seed_a_different_one(bank: Bank) -> None:
    engine, _ = bank
    first = business_checksum(engine)
    # Another batch size too: how the stream is cut must not change the bank.
    profile = dataclasses.replace(get_profile("small"), batch_rows=777)
    generate(engine, customers=CUSTOMERS, seed=SEED, profile=profile, replace=True)
    assert business_checksum(engine) == first
    generate(engine, customers=CUSTOMERS, seed=SEED + 1, profile=get_profile("small"), replace=True)
    assert business_checksum(engine) != first


@pytest.mark.postgres
def test_sqlite_and_postgresql_hold_the_same_bank_for_the_same_seed(
    tmp_path: Path, fresh_postgres_url: str
) -> None:
    digests = []
    for url in (f"sqlite:///{tmp_path / 'a.sqlite3'}", fresh_postgres_url):
        engine = engine_for(url)
        generate(engine, customers=CUSTOMERS, seed=SEED, profile=get_profile("small"))
        digests.append(business_checksum(engine))
        engine.dispose()
    assert digests[0] == digests[1]


def test_every_ring_shape_and_confounder_kind_is_planted_in_a_small_bank(bank: Bank) -> None:
    engine, result = bank
    assert {r[0] for r in rows(engine, "SELECT shape FROM truth_rings")} == set(RING_SHAPES)
    assert {r[0] for r in rows(engine, "SELECT kind FROM truth_confounders")} == set(CONFOUNDER_KINDS)
    assert {r[0] for r in rows(engine, "SELECT kind FROM truth_hubs")} == set(HUB_KINDS)
    sizes = [r[0] for r in rows(engine, "SELECT size FROM truth_rings")]
    assert all(3 <= s <= 30 for s in sizes) and len(sizes) == result.planted["rings"]
    in_households = rows(engine, "SELECT COUNT(*) FROM truth_household_members")[0][0]
    assert abs(in_households - CUSTOMERS * PROFILES["small"].household_share) <= 8


def _identifier_graph(engine: sa.Engine) -> nx.Graph:
    """Customers linked through any identifier they share. Hubs are left out, as a detector would,
    and so are the rings' account-opening devices: the shape's own ties must hold the ring together."""
    hubs = {str(r[0]) for r in rows(engine, "SELECT identifier FROM truth_hubs")}
    hubs |= {str(r[0]) for r in rows(engine, "SELECT opening_device_id FROM truth_rings")}
    graph = nx.Graph()
    for query in (
        "SELECT customer_id, device_id FROM device_usage",
        "SELECT customer_id, e164 FROM phones",
        "SELECT customer_id, normalized FROM emails",
        "SELECT customer_id, normalized FROM addresses",
    ):
        for cid, value in rows(engine, query):
            if str(value) not in hubs:
                graph.add_edge(("c", cid), ("id", value))
    return graph


def test_ring_members_really_share_identifiers_and_are_unrelated(bank: Bank) -> None:
    engine, _ = bank
    graph = _identifier_graph(engine)
    members: dict[str, list[str]] = defaultdict(list)
    for ring, cid in rows(engine, "SELECT ring_id, customer_id FROM truth_ring_members"):
        members[str(ring)].append(str(cid))
    names = {
        str(c): str(n).split()[0] for c, n in rows(engine, "SELECT customer_id, full_name FROM customers")
    }
    households = {str(r[0]) for r in rows(engine, "SELECT customer_id FROM truth_household_members")}
    for ring, cids in members.items():
        component = nx.node_connected_component(graph, ("c", cids[0]))
        assert all(("c", c) in component for c in cids), ring
        outsiders = [c for c in cids if c not in households]
        assert len({names[c] for c in outsiders}) == len(outsiders), f"{ring} members share a surname"


def test_ring_accounts_open_in_a_burst_and_money_circulates_then_leaves(bank: Bank) -> None:
    engine, _ = bank
    for ring, device in rows(engine, "SELECT ring_id, opening_device_id FROM truth_rings"):
        opened = rows(
            engine, "SELECT account_no, opened_at FROM accounts WHERE opened_device_id = :d", d=device
        )
        assert len(opened) >= 2, ring
        times = [t if isinstance(t, datetime) else datetime.fromisoformat(str(t)) for _, t in opened]
        assert (max(times) - min(times)).total_seconds() <= 6 * 3600
        accounts = {str(a) for a, _ in opened}
        flows = nx.DiGraph()
        outflows = 0
        for src, dst, cp in rows(
            engine, "SELECT from_account_no, to_account_no, counterparty_account FROM transactions"
        ):
            if src in accounts and dst in accounts:
                flows.add_edge(src, dst)
            if src in accounts and cp is not None:
                outflows += 1
        assert list(nx.simple_cycles(flows)), f"no money cycle inside {ring}"
        assert outflows > 0, f"{ring} never cashes out"


def test_households_share_an_address_and_have_plausible_ages(bank: Bank) -> None:
    engine, _ = bank
    members = rows(
        engine,
        "SELECT m.household_id, m.role, c.date_of_birth, a.normalized, h.address_normalized"
        " FROM truth_household_members m JOIN customers c ON c.customer_id = m.customer_id"
        " JOIN truth_households h ON h.household_id = m.household_id"
        " JOIN addresses a ON a.customer_id = m.customer_id AND a.kind = 'home'",
    )
    by_household: dict[str, list[tuple[str, date]]] = defaultdict(list)
    for hid, role, born, home, expected in members:
        assert home == expected
        by_household[str(hid)].append(
            (str(role), born if isinstance(born, date) else date.fromisoformat(str(born)))
        )
    for hid, people in by_household.items():
        years = {role: [b.year for r, b in people if r == role] for role in ("head", "spouse", "child")}
        parents = years["head"] + years["spouse"]
        if years["spouse"]:
            assert abs(years["head"][0] - years["spouse"][0]) <= 11, hid
        for child in years["child"]:
            assert all(17 <= child - p <= 46 for p in parents), hid


def test_hub_identifiers_are_shared_by_as_many_customers_as_the_truth_says(bank: Bank) -> None:
    engine, _ = bank
    queries = {
        "kiosk_device": "SELECT COUNT(DISTINCT customer_id) FROM device_usage WHERE device_id = :v",
        "public_wifi_ip": "SELECT COUNT(DISTINCT customer_id) FROM device_usage WHERE ip_address = :v",
        "placeholder_phone": "SELECT COUNT(DISTINCT customer_id) FROM phones WHERE e164 = :v",
        "company_email_domain": "SELECT COUNT(DISTINCT customer_id) FROM emails WHERE normalized LIKE :v",
        "office_address": "SELECT COUNT(DISTINCT customer_id) FROM addresses WHERE normalized = :v",
    }
    with engine.connect() as conn:
        for kind, identifier, count in conn.execute(
            sa.text("SELECT kind, identifier, member_count FROM truth_hubs")
        ):
            value = f"%@{identifier}" if kind == "company_email_domain" else identifier
            assert conn.execute(sa.text(queries[kind]), {"v": value}).scalar_one() == count >= 15


def test_no_source_table_has_a_foreign_key_into_the_truth_tables(bank: Bank) -> None:
    engine, _ = bank
    inspector = sa.inspect(engine)
    truth = set(TruthBase.metadata.tables)
    assert truth <= set(inspector.get_table_names())
    assert not truth & set(Base.metadata.tables)
    for table in set(inspector.get_table_names()) - truth:
        for fk in inspector.get_foreign_keys(table):
            assert fk["referred_table"] not in truth, f"{table} references {fk['referred_table']}"


@pytest.mark.postgres
def test_postgresql_sequences_continue_after_the_generated_ids(fresh_postgres_url: str) -> None:
    engine = engine_for(fresh_postgres_url)
    generate(engine, customers=CUSTOMERS, seed=SEED, profile=get_profile("small"))
    with engine.begin() as conn:
        highest = conn.execute(sa.text("SELECT MAX(phone_id) FROM phones")).scalar_one()
        new_id = conn.execute(
            sa.text(
                "INSERT INTO phones (customer_id, kind, raw, e164, is_primary)"
                " VALUES ('C000000001', 'work', '0281234567', '+84281234567', false) RETURNING phone_id"
            )
        ).scalar_one()
    engine.dispose()
    assert new_id > highest
