"""Startup against a database that is not there yet, and the JSON log lines."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import SQLAlchemyError

from bot.db.engine import Database
from bot.db.schema import SchemaOutOfDate, wait_until_current
from bot.logs import REDACTED, JsonFormatter


async def test_startup_retries_an_unreachable_database_with_backoff_and_says_why(
    caplog: pytest.LogCaptureFixture,
) -> None:
    db = Database.from_url("postgresql+asyncpg://werkbot@127.0.0.1:1/werkbot")  # nothing listens
    started = time.monotonic()
    with caplog.at_level(logging.WARNING), pytest.raises((SQLAlchemyError, OSError)):
        await wait_until_current(db, give_up_after=1.0, first_pause=0.2)
    await db.dispose()
    retries = [r for r in caplog.records if "database unreachable" in r.getMessage()]
    assert len(retries) >= 2  # 0.2 s, then 0.4 s
    assert "retrying in" in retries[0].getMessage()
    assert any("giving up" in r.getMessage() for r in caplog.records)
    assert time.monotonic() - started < 5


async def test_an_old_schema_is_not_retried_but_named(tmp_path: Path) -> None:
    db = Database.from_url(f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}")
    with pytest.raises(SchemaOutOfDate, match="werkbot db upgrade"):
        await wait_until_current(db, give_up_after=30)
    await db.dispose()


def test_json_log_lines_parse_and_hold_no_secret() -> None:
    token = "123456789:AAsecretsecretsecretsecretsecretsecret"
    formatter = JsonFormatter([token])
    try:
        raise RuntimeError(f"request to /bot{token}/sendMessage failed")
    except RuntimeError:
        record = logging.LogRecord(
            "werkbot", logging.ERROR, __file__, 1, "calling %s", (token,), exc_info=sys.exc_info()
        )
    line = formatter.format(record)
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["message"] == f"calling {REDACTED}"
    assert REDACTED in entry["exception"]
    assert token not in line
