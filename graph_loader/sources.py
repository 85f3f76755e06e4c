"""How each source table projects into the graph: which Cypher upserts and deletes its rows, and
what each row becomes. Tables are listed parents first, so a relationship's ends exist before it.

Rules the projection keeps (and `verify` checks):
- a node exists iff its row is live (deleted_at IS NULL);
- a relationship exists iff its row is live and both of its ends are in the graph;
- an identifier node (Phone, Email, Address, NationalId, IP) exists iff someone links to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table

from cypher import exists
from graph_loader import derived
from graph_loader.convert import props, temporal_as_text
from relational import models as m

Row = Mapping[str, Any]
#: A Cypher file name and its parameters.
Statement = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Source:
    table: Table
    upsert: str
    delete: str
    row: Callable[[Row], dict[str, Any]]
    key: Callable[[Row], Any]
    #: Statements recomputed from the source for what a batch touched (aggregates).
    derived: Callable[[Connection, Sequence[Row]], list[Statement]] | None = None

    @property
    def name(self) -> str:
        return self.table.name

    #: For the first load: every aggregate in one grouped pass after the rows, not one per page.
    derived_all: Callable[[Connection, int], Iterator[list[Statement]]] | None = None
    #: The parents a row refers to, as (column, parent label): a row whose non-null reference
    #: names a parent missing from the graph waits for it (`graph_loader.pending`).
    refs: tuple[tuple[str, str], ...] = ()

    def insert(self, rows: Sequence[dict[str, Any]]) -> tuple[list[Statement], list[Statement]]:
        """The first-load statements for mapped rows, as (nodes, links): the table's own nodes from
        `cypher/load/insert_<table>_nodes.cypher` and its relationships (and shared identifier
        nodes) from `..._links.cypher`, either of which may be absent. CREATE instead of MERGE, no
        clean-up of stale links: none exist yet. Temporal values go as ISO text
        (`convert.temporal_as_text`). The two lists commit separately, nodes first, so the next
        page's nodes can be written while this page's links are."""
        wired = [temporal_as_text(r) for r in rows]
        nodes: list[Statement] = []
        links: list[Statement] = []
        if exists(f"load/insert_{self.name}_nodes"):
            nodes.append((f"load/insert_{self.name}_nodes", {"rows": wired}))
            # The links need the keys and ends only: the properties went with the nodes.
            wired = [{k: v for k, v in r.items() if k not in ("props", "at")} for r in wired]
        if exists(f"load/insert_{self.name}_links"):
            links.append((f"load/insert_{self.name}_links", {"rows": wired}))
        return nodes, links

    @property
    def key_columns(self) -> list[str]:
        return [c.name for c in self.table.primary_key.columns]


def _table(model: type[m.Base]) -> Table:
    return m.Base.metadata.tables[model.__tablename__]


def _customer(r: Row) -> dict[str, Any]:
    ids = [{"value": r["national_id"], "kind": "cccd"}] if r["national_id"] else []
    if r["tax_code"]:
        ids.append({"value": r["tax_code"], "kind": "tax_code"})
    return {
        "customer_id": r["customer_id"],
        "props": props(r, CUSTOMER_PROPS),
        "ids": ids,
    }


CUSTOMER_PROPS = (
    "customer_type",
    "full_name",
    "date_of_birth",
    "gender",
    "segment",
    "monthly_income_vnd",
    "kyc_level",
    "opened_at",
    "updated_at",
)
ACCOUNT_PROPS = ("account_type", "currency", "balance", "status", "opened_at", "branch_code", "updated_at")
DEVICE_PROPS = ("device_type", "os", "is_trusted", "first_seen_at", "updated_at")
MERCHANT_PROPS = ("name", "mcc", "city", "updated_at")
TXN_PROPS = (
    "from_account_no",
    "amount_vnd",
    "channel",
    "auth_method",
    "occurred_at",
    "status",
    "description",
    "counterparty_bank",
    "counterparty_account",
    "updated_at",
)
ALERT_PROPS = ("rule", "subject_key", "severity", "message", "raised_at", "status", "updated_at")


def _identifier(kind_props: tuple[str, ...], pk: str, value: str) -> Callable[[Row], dict[str, Any]]:
    def build(r: Row) -> dict[str, Any]:
        return {
            "source_id": r[pk],
            "customer_id": r["customer_id"],
            "value": r[value],
            "props": {**props(r, kind_props), "raw": r["raw"]},
        }

    return build


def _address(r: Row) -> dict[str, Any]:
    return {
        "source_id": r["address_id"],
        "customer_id": r["customer_id"],
        "value": r["normalized"],
        "node": {"raw": r["raw"], "province": r["province"]},
        "props": {"kind": r["kind"], "is_primary": r["is_primary"]},
    }


def _transaction(r: Row) -> dict[str, Any]:
    external = None
    if r["counterparty_account"]:
        bank = r["counterparty_bank"] or "?"
        external = {
            "key": f"{bank}:{r['counterparty_account']}",
            "bank": bank,
            "account": r["counterparty_account"],
        }
    return {
        "txn_id": r["txn_id"],
        "from_account_no": r["from_account_no"],
        "to_account_no": r["to_account_no"],
        "merchant_id": r["merchant_id"],
        "device_id": r["device_id"],
        "external": external,
        "props": props(r, TXN_PROPS),
    }


SOURCES: tuple[Source, ...] = (
    Source(
        _table(m.Customer),
        "load/upsert_customers",
        "load/delete_customers",
        _customer,
        lambda r: r["customer_id"],
    ),
    Source(
        _table(m.Device),
        "load/upsert_devices",
        "load/delete_devices",
        lambda r: {"device_id": r["device_id"], "props": props(r, DEVICE_PROPS)},
        lambda r: r["device_id"],
    ),
    Source(
        _table(m.Merchant),
        "load/upsert_merchants",
        "load/delete_merchants",
        lambda r: {"merchant_id": r["merchant_id"], "props": props(r, MERCHANT_PROPS)},
        lambda r: r["merchant_id"],
    ),
    Source(
        _table(m.Account),
        "load/upsert_accounts",
        "load/delete_accounts",
        lambda r: {
            "account_no": r["account_no"],
            "props": props(r, ACCOUNT_PROPS),
            "opened_device_id": r["opened_device_id"],
        },
        lambda r: r["account_no"],
        refs=(("opened_device_id", "Device"),),
    ),
    Source(
        _table(m.AccountHolder),
        "load/upsert_account_holders",
        "load/delete_account_holders",
        lambda r: {
            "customer_id": r["customer_id"],
            "account_no": r["account_no"],
            "role": r["role"],
            "since": r["created_at"],
        },
        lambda r: {"customer_id": r["customer_id"], "account_no": r["account_no"]},
        refs=(("customer_id", "Customer"), ("account_no", "Account")),
    ),
    Source(
        _table(m.Phone),
        "load/upsert_phones",
        "load/delete_phones",
        _identifier(("kind", "is_primary"), "phone_id", "e164"),
        lambda r: r["phone_id"],
        refs=(("customer_id", "Customer"),),
    ),
    Source(
        _table(m.Email),
        "load/upsert_emails",
        "load/delete_emails",
        _identifier(("is_primary",), "email_id", "normalized"),
        lambda r: r["email_id"],
        refs=(("customer_id", "Customer"),),
    ),
    Source(
        _table(m.Address),
        "load/upsert_addresses",
        "load/delete_addresses",
        _address,
        lambda r: r["address_id"],
        refs=(("customer_id", "Customer"),),
    ),
    Source(
        _table(m.DeviceUsage),
        "",
        "",  # nothing per row: USES / USES_IP are aggregates
        lambda r: {},
        lambda r: r["usage_id"],
        derived=derived.device_usage,
        derived_all=derived.all_device_usage,
        refs=(("customer_id", "Customer"), ("device_id", "Device")),
    ),
    Source(
        _table(m.Transaction),
        "load/upsert_transactions",
        "load/delete_transactions",
        _transaction,
        lambda r: r["txn_id"],
        derived=derived.transfers,
        derived_all=derived.all_transfers,
        refs=(
            ("from_account_no", "Account"),
            ("to_account_no", "Account"),
            ("merchant_id", "Merchant"),
            ("device_id", "Device"),
        ),
    ),
    Source(
        _table(m.RiskAlert),
        "load/upsert_risk_alerts",
        "load/delete_risk_alerts",
        lambda r: {
            "alert_id": r["alert_id"],
            "customer_id": r["customer_id"],
            "txn_id": r["txn_id"],
            "account_no": r["account_no"],
            "props": props(r, ALERT_PROPS),
        },
        lambda r: r["alert_id"],
        refs=(("customer_id", "Customer"), ("txn_id", "Transaction"), ("account_no", "Account")),
    ),
)

#: Tables the graph does not show: the auth catalogue and enrolments (transactions carry their
#: auth method), and ingestion's quarantine.
NOT_PROJECTED = ("auth_methods", "customer_auth_methods", "quarantine")


def by_name(name: str) -> Source:
    for source in SOURCES:
        if source.name == name:
            return source
    raise KeyError(name)
