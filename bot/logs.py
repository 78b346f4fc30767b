"""Logging with the bot token redacted from every line, tracebacks included, and database errors
told by their type and code only.

A database error's text quotes the statement and, unless the engine hides them, its parameters:
names, usernames, drafts, a person's id beside a ballot choice. :class:`PrivateRecords` rewrites
such an error, wherever it appears in a record (the exception, its cause, an argument), into
``<ExceptionType> (SQLSTATE xxxxx)``; the traceback's frames stay, the messages go.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import traceback
from collections.abc import Mapping
from datetime import UTC, datetime
from types import TracebackType

from bot.db.engine import is_database_error

REDACTED = "[TOKEN]"
HIDDEN = "[parameters hidden]"

#: The packages whose exceptions quote statements or rows: SQLAlchemy and the drivers.
DATABASE_PACKAGES = frozenset(
    {"sqlalchemy", "sqlite3", "aiosqlite", "asyncpg", "psycopg", "psycopg2"}
)

#: What a database error's text carries beyond the statement: SQLAlchemy's parameter line and
#: PostgreSQL's DETAIL (``Key (name)=(...) already exists``). A last guard, for such text that
#: reached a message through ``str(exc)``.
_PARAMETER_TEXT = re.compile(r"\[parameters: [^\n]*|\bDETAIL: [^\n]*")

#: Loggers whose DEBUG lines hold what users wrote or who they are, so not even LOG_LEVEL=DEBUG
#: shows them: aiosqlite logs every statement with its parameters, python-telegram-bot's Bot
#: every API call with the message text and the chat's names, its Updater a webhook's body.
QUIET_AT_DEBUG = ("aiosqlite", "telegram.Bot", "telegram.ext.ExtBot", "telegram.ext.Updater")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def is_database_exception(error: BaseException) -> bool:
    """A database error (``is_database_error``) or one raised by a database driver."""
    if is_database_error(error):
        return True
    return _package(error) in DATABASE_PACKAGES


def describe_database_error(error: BaseException) -> str:
    """``OperationalError (sqlite3.OperationalError, SQLITE_BUSY 5)``, ``IntegrityError
    (asyncpg.UniqueViolationError, SQLSTATE 23505)``: the type and the codes, never the text."""
    details: list[str] = []
    original = getattr(error, "orig", None) or error.__cause__
    driver = original
    if isinstance(driver, BaseException) and _package(driver) == "sqlalchemy":
        driver = driver.__cause__ or driver  # asyncpg's error behind SQLAlchemy's adapter
    if isinstance(driver, BaseException) and driver is not error:
        details.append(_qualified(driver))
    for candidate in (error, original, driver):
        if candidate is None:
            continue
        sqlstate = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(sqlstate, str) and sqlstate:
            details.append(f"SQLSTATE {sqlstate}")
            break
        code = getattr(candidate, "sqlite_errorcode", None)
        if isinstance(code, int):
            name = getattr(candidate, "sqlite_errorname", None)
            details.append(f"{name} {code}" if isinstance(name, str) else f"sqlite error {code}")
            break
        number = getattr(candidate, "errno", None)
        if isinstance(candidate, OSError) and isinstance(number, int):
            details.append(f"errno {number}")
            break
    name = _qualified(error)
    return f"{name} ({', '.join(details)})" if details else name


def _qualified(error: BaseException) -> str:
    """``OperationalError`` for SQLAlchemy's and Python's own, ``sqlite3.OperationalError`` or
    ``asyncpg.UniqueViolationError`` for a driver's."""
    package = _package(error)
    if package in {"builtins", "sqlalchemy"}:
        return type(error).__name__
    return f"{package}.{type(error).__name__}"


def _package(error: BaseException) -> str:
    return type(error).__module__.partition(".")[0]


def _chain(error: BaseException) -> list[BaseException]:
    """The exception, what caused it or was being handled, and what an exception group holds."""
    found: list[BaseException] = []
    pending = [error]
    while pending:
        current = pending.pop()
        if any(current is seen for seen in found):
            continue
        found.append(current)
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
    return found


def involves_database(error: BaseException) -> bool:
    return any(is_database_exception(e) for e in _chain(error))


def format_private_exception(error: BaseException) -> str:
    """Like ``traceback.format_exception``, but a database exception in the chain is shown as
    its type and codes (:func:`describe_database_error`), not its message."""
    return "".join(_format(error, set())).rstrip("\n")


def _format(error: BaseException, seen: set[int]) -> list[str]:
    seen.add(id(error))
    lines: list[str] = []
    cause, context = error.__cause__, error.__context__
    if cause is not None and id(cause) not in seen:
        lines += _format(cause, seen)
        lines.append("\nThe above exception was the direct cause of the following exception:\n\n")
    elif context is not None and not error.__suppress_context__ and id(context) not in seen:
        lines += _format(context, seen)
        lines.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    if error.__traceback__ is not None:
        lines.append("Traceback (most recent call last):\n")
        lines += traceback.format_tb(error.__traceback__)
    if is_database_exception(error):
        lines.append(describe_database_error(error) + "\n")
    else:
        lines += traceback.format_exception_only(type(error), error)
    if isinstance(error, BaseExceptionGroup):
        for number, inner in enumerate(error.exceptions, 1):
            if id(inner) in seen:
                continue
            lines.append(f"  +---------------- {number} ----------------\n")
            lines += ["  | " + line + "\n" for line in "".join(_format(inner, seen)).splitlines()]
    return lines


def _private_argument(value: object) -> object:
    # ``%s`` of an exception is its own message only, not its cause's: only a database
    # exception itself needs rewriting
    if isinstance(value, BaseException) and is_database_exception(value):
        return describe_database_error(value)
    return value


def make_private(record: logging.LogRecord) -> None:
    """Rewrite ``record`` in place so no database error's text remains in it: the exception
    becomes a traceback whose database errors are told by type and code only, and an exception
    given as the message or an argument becomes its description. Idempotent."""
    if record.exc_info and record.exc_info[1] is not None and involves_database(record.exc_info[1]):
        record.exc_text = format_private_exception(record.exc_info[1])
        record.exc_info = None  # no formatter may render the original again
    record.msg = _private_argument(record.msg)
    if isinstance(record.args, Mapping):
        record.args = {key: _private_argument(value) for key, value in record.args.items()}
    elif isinstance(record.args, tuple):
        record.args = tuple(_private_argument(value) for value in record.args)


class PrivateRecords(logging.Filter):
    """On a handler: every record it handles is made private (:func:`make_private`) first.

    The record is rewritten, not copied, so a handler after this one sees it private too."""

    def filter(self, record: logging.LogRecord) -> bool:
        make_private(record)
        return True


class RedactingFormatter(logging.Formatter):
    """Replaces the secrets it knows in the finished line, so no path can leak them, and
    tells database errors by type and code only."""

    def __init__(self, secrets: list[str], fmt: str | None = None) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        make_private(record)
        return self._redact(super().format(record))

    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:
        if ei[1] is not None and involves_database(ei[1]):
            return format_private_exception(ei[1])
        return super().formatException(ei)

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return _PARAMETER_TEXT.sub(HIDDEN, text)


class JsonFormatter(RedactingFormatter):
    """One JSON object per line (time, level, logger, message, exception), secrets redacted.

    werkbot logs ids and counts, never message contents, so the lines hold no conversation.
    """

    def __init__(self, secrets: list[str]) -> None:
        super().__init__(secrets)

    def format(self, record: logging.LogRecord) -> str:
        make_private(record)
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self._redact(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = self._redact(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exception"] = self._redact(record.exc_text)
        return json.dumps(entry, ensure_ascii=False)


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """An exception nothing caught goes through the log handler (one JSON record with the
    traceback inside it, secrets redacted), not the interpreter's plain traceback."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    logging.getLogger("werkbot").critical(
        "stopped on an uncaught %s", kind.__name__, exc_info=(kind, error, trace)
    )


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)


def setup_logging(level: str, secrets: list[str], log_format: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter(secrets))
    else:
        handler.setFormatter(
            RedactingFormatter(secrets, "%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
    handler.addFilter(PrivateRecords())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "bm25s"):  # httpx logs request URLs
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for talkative in QUIET_AT_DEBUG:
        logging.getLogger(talkative).setLevel(logging.INFO)
