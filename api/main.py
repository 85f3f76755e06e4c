"""The factory uvicorn imports (`api.main:app`, factory=True): one app per worker process."""

from __future__ import annotations

from starlette.applications import Starlette

from api.app import create_app
from c360.settings import get_settings


def app() -> Starlette:
    return create_app(get_settings())
