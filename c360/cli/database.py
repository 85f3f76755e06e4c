"""The relational database for a command: reachable, and migrated, or a clear error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from c360.bootstrap import sql_engine
from c360.errors import C360Error
from c360.settings import get_settings
from relational import db


@contextmanager
def migrated_engine() -> Iterator[Engine]:
    engine = sql_engine(get_settings())
    target = engine.url.render_as_string(hide_password=True)
    try:
        try:
            current, head = db.current_revision(engine), db.head_revision(engine)
        except OperationalError as exc:
            raise C360Error(f"cannot reach the database {target}", detail=str(exc.orig)) from exc
        if current != head:
            raise C360Error(
                f"the database {target} is at schema revision {current or '(empty)'}, not {head}",
                hint="run `c360 db upgrade` first",
            )
        yield engine
    finally:
        engine.dispose()
