"""Builders for the search tests: the index is written when a transaction commits, and
a test's own transaction never does, so the writes of a test run their commit callbacks
inside `committed()`."""

import os

import pytest
from django.db import connection

from tests.conftest import require
from tests.outreach.conftest import make_news  # noqa: F401 (a fixture)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …`: what the block's writes queued for their commit (the index
    refresh, the text extraction) runs when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def require_postgresql() -> None:
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    require(connection.vendor == "postgresql", "the search index needs PostgreSQL")
