"""No personal data in the logs when the database fails, and no token when Telegram refuses it.

A database error's text quotes the statement's parameters: names, usernames, drafts, a person's
id beside 'against'. Presses, proposals and erasures are made to fail on the database, through
the real Application, and every log line is searched for what the user's data was.
"""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import sys
import threading
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from telegram.error import InvalidToken
from telegram.ext import Application

from bot.db.engine import Database, make_engine
from bot.logs import QUIET_AT_DEBUG, REDACTED, describe_database_error, setup_logging
from bot.services import boards, motions, people, privacy
from runtime.cli import main
from standin import FakeUser, SentMessage
from tests.e2e.conftest import Harness
from tests.e2e.conftest import bot as bot  # the real Application on the stand-in
from tests.e2e.test_voting import ballot_message, propose

NAME = "Pieternella Vandenbroucke"
USERNAME = "pieternella_vdb"
TITLE = "Herbenoeming Pieternella"
BODY = "Pieternella Vandenbroucke blijft voorzitter tot 2030."
#: what must appear on no log line: who, what they wrote, how they voted
PRIVATE = (NAME, "Pieternella", "Vandenbroucke", USERNAME, TITLE, BODY, "against")
NOTHING_RECORDED = "niets vastgelegd"  # the Dutch "nothing was recorded" of handlers/fallbacks
LOGGERS_SETUP_QUIETS = ("httpx", "httpcore", "apscheduler", "bm25s", *QUIET_AT_DEBUG)


class WerkbotLogs:
    """The handlers :func:`setup_logging` installs (text and JSON), writing to one buffer."""

    def __init__(self) -> None:
        self.stream = io.StringIO()
        self.handlers: list[logging.Handler] = []

    def last(self) -> None:
        """Behind pytest's own handlers, so caplog sees each record as the code made it, before
        these handlers' filter rewrites it: the call sites are checked, not only the filter."""
        root = logging.getLogger()
        root.handlers[:] = [h for h in root.handlers if h not in self.handlers] + self.handlers

    def getvalue(self) -> str:
        return self.stream.getvalue()


@pytest.fixture
def werkbot_logs() -> Iterator[WerkbotLogs]:
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in LOGGERS_SETUP_QUIETS}
    logs = WerkbotLogs()
    for log_format in ("text", "json"):
        setup_logging("DEBUG", ["123456789:AAsecret"], log_format)
        handler = root.handlers[0]
        assert isinstance(handler, logging.StreamHandler)
        handler.setStream(logs.stream)
        logs.handlers.append(handler)
    root.handlers[:] = [*saved, *logs.handlers]
    yield logs
    root.handlers[:] = saved
    root.setLevel(level)
    sys.excepthook, threading.excepthook = sys.__excepthook__, threading.__excepthook__
    for name, quiet_level in quiet.items():
        logging.getLogger(name).setLevel(quiet_level)


def assert_private(*outputs: str) -> None:
    for output in outputs:
        assert output  # something was logged: the search below is not vacuous
        for private in PRIVATE:
            assert private.lower() not in output.lower(), (private, output)


def assert_nothing_recorded_answer(bot: Harness) -> None:
    answer = bot.api.callback_answers[-1]
    assert answer.get("show_alert") is True
    assert NOTHING_RECORDED in answer.get("text", "")


# ---- the setting: a board whose werkgevers-1 seat is Pieternella's -------------------------


async def board_with_pieternella(bot: Harness) -> tuple[int, FakeUser, FakeUser]:
    """Every voting seat held; werkgevers-1 by Pieternella (with a username); the secretary's
    proposals go to her."""
    board, secretary = await bot.board_with_secretary("achterhoek-2014")
    overview = await boards.overview(bot.db, board.id)
    member = FakeUser(2000, NAME.split()[0], NAME.split()[1], username=USERNAME)
    bot.api.add_user(member)
    for number, seat in enumerate(s for s in overview.seats if s.votes):
        user = member if seat.key == "werkgevers-1" else bot.user(1000 + number, f"Lid {number}")
        person = await people.identify(
            bot.db, user.id, NAME if user is member else user.first_name, username=user.username
        )
        await boards.assign(bot.db, board.id, seat.key, person.id)
    return board.id, member, secretary


async def until_submit(bot: Harness, proposer: FakeUser) -> SentMessage:
    """The /voorstel conversation up to the summary with Put to the board under it."""
    await bot.send(proposer, "/voorstel")
    await bot.send(proposer, TITLE)
    await bot.send(proposer, BODY)
    kind = (await bot.send(proposer, "morgen 17:00"))[-1]
    tally = await bot.press_label(proposer, kind, "Open")
    return await bot.press_label(proposer, tally, "Live")


# ---- how the database fails ----------------------------------------------------------------


def built_error(kind: str, person_id: int) -> Exception:
    """An error as SQLAlchemy builds it when the engine does not hide parameters: its text
    holds the name, the username, the draft and the person id beside 'against'."""
    params = {"person_id": person_id, "name": NAME, "username": USERNAME, "title": TITLE}
    params |= {"body": BODY, "choice": "against"}
    if kind == "integrity":
        orig = sqlite3.IntegrityError(
            f"UNIQUE constraint failed\nDETAIL:  Key (username)=({USERNAME}) already exists."
        )
        return IntegrityError("INSERT INTO persons VALUES (...)", params, orig)
    return OperationalError(
        "INSERT INTO ballots VALUES (...)", params, sqlite3.OperationalError("database is locked")
    )


async def drop(db: Database, table: str) -> None:
    """Drop ``table`` inside the test's transaction (rolled back with it): the next statement on
    it is a real statement, with its real parameters, that the database refuses."""
    assert db.bind is not None
    cascade = " CASCADE" if db.dialect == "postgresql" else ""
    await db.bind.exec_driver_sql(f"DROP TABLE {table}{cascade}")


def failing(error: Exception) -> Callable[..., Awaitable[Any]]:
    async def service(*_args: Any, **_kwargs: Any) -> Any:
        raise error

    return service


FAULTS = ["dropped table", "operational", "integrity"]


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_failed_press_logs_no_name_and_no_choice(
    bot: Harness,
    fault: str,
    werkbot_logs: WerkbotLogs,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _board, member, secretary = await board_with_pieternella(bot)
    motion_id = await propose(bot, secretary, TITLE)
    person = await people.identify(bot.db, member.id, NAME, username=USERNAME)
    message = ballot_message(bot, member, motion_id)
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    werkbot_logs.last()
    if fault == "dropped table":
        await drop(bot.db, "ballots")
    else:
        monkeypatch.setattr(motions, "cast", failing(built_error(fault, person.id)))
    await bot.press(member, message, f"v|{motion_id}|a")
    assert_nothing_recorded_answer(bot)
    assert "update failed" in caplog.text
    assert_private(caplog.text, werkbot_logs.getvalue())


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_failed_proposal_logs_no_draft(
    bot: Harness,
    fault: str,
    werkbot_logs: WerkbotLogs,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _board, member, secretary = await board_with_pieternella(bot)
    person = await people.identify(bot.db, member.id, NAME, username=USERNAME)
    summary = await until_submit(bot, secretary)
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    werkbot_logs.last()
    if fault == "dropped table":
        await drop(bot.db, "motions")
    else:
        monkeypatch.setattr(motions, "propose", failing(built_error(fault, person.id)))
    await bot.press_label(secretary, summary, "Voorleggen")
    # the dialog answered the press at once: the apology comes as a message
    assert NOTHING_RECORDED in (bot.api.messages_to(secretary.id)[-1].text or "")
    assert "update failed" in caplog.text
    assert_private(caplog.text, werkbot_logs.getvalue())


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_failed_erasure_logs_no_name(
    bot: Harness,
    fault: str,
    werkbot_logs: WerkbotLogs,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _board, member, _secretary = await board_with_pieternella(bot)
    person = await people.identify(bot.db, member.id, NAME, username=USERNAME)
    await bot.send(member, "/vergeetmij")
    confirmation = bot.api.messages_to(member.id)[-1]
    yes = confirmation.buttons()[0]["callback_data"]
    assert yes.endswith("|ok")
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    werkbot_logs.last()
    if fault == "dropped table":
        await drop(bot.db, "rsvps")
    else:
        monkeypatch.setattr(privacy, "forget", failing(built_error(fault, person.id)))
    await bot.press(member, confirmation, yes)
    assert_nothing_recorded_answer(bot)
    assert "update failed" in caplog.text
    assert_private(caplog.text, werkbot_logs.getvalue())
    async with bot.db.reading() as session:  # nothing was erased
        assert (
            await session.scalar(text("SELECT name FROM persons WHERE id = :id"), {"id": person.id})
            == NAME
        )


# ---- the pieces --------------------------------------------------------------------------


async def test_the_engine_never_puts_parameters_in_an_error(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'hidden.sqlite3'}")
    with pytest.raises(OperationalError) as raised:
        async with engine.begin() as connection:
            await connection.execute(
                text("INSERT INTO nowhere (name, choice) VALUES (:name, :choice)"),
                {"name": NAME, "choice": "against"},
            )
    await engine.dispose()
    assert NAME not in str(raised.value)
    assert "against" not in str(raised.value)
    postgresql = make_engine("postgresql+asyncpg://werkbot@127.0.0.1:1/werkbot")  # not connected
    assert postgresql.sync_engine.hide_parameters
    await postgresql.dispose()


def test_a_database_error_is_logged_as_its_type_and_code(werkbot_logs: WerkbotLogs) -> None:
    error = built_error("integrity", 7)
    orig = error.orig  # type: ignore[attr-defined]
    orig.sqlite_errorcode, orig.sqlite_errorname = 2067, "SQLITE_CONSTRAINT_UNIQUE"
    assert describe_database_error(error) == (
        "IntegrityError (sqlite3.IntegrityError, SQLITE_CONSTRAINT_UNIQUE 2067)"
    )
    log = logging.getLogger("werkbot.test")
    try:
        try:
            raise error
        except IntegrityError as exc:
            raise RuntimeError("could not store the update") from exc
    except RuntimeError as exc:
        log.exception("store failed")
        log.warning("store failed: %s (%r)", exc.__cause__, exc.__cause__)
    try:
        raise ValueError("a plain bug 123456789:AAsecret")
    except ValueError:
        log.exception("plain")
    output = werkbot_logs.getvalue()
    assert_private(output)
    assert "IntegrityError (sqlite3.IntegrityError, SQLITE_CONSTRAINT_UNIQUE 2067)" in output
    assert "RuntimeError: could not store the update" in output  # not a database error: kept
    assert f"ValueError: a plain bug {REDACTED}" in output  # a traceback kept, the token not
    assert "123456789:AAsecret" not in output
    assert "in test_a_database_error_is_logged_as_its_type_and_code" in output  # frames kept


def test_a_refused_token_is_one_line_and_never_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "123456789:AAHrefusedRefusedRefusedRefused1234"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'run.sqlite3'}")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)

    async def refused(self: Application[Any, Any, Any, Any, Any, Any]) -> None:
        raise InvalidToken(f"The token `{token}` was rejected by the server.")

    monkeypatch.setattr(Application, "initialize", refused)
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    try:
        code = main(["run"])
    finally:
        root.handlers[:] = saved
        root.setLevel(level)
        for name in LOGGERS_SETUP_QUIETS:
            logging.getLogger(name).setLevel(logging.NOTSET)
    out = capsys.readouterr()
    assert code == 2
    assert token not in out.out + out.err
    assert token.partition(":")[2] not in out.out + out.err
    assert out.err.strip() == "Telegram refused the token: check TELEGRAM_BOT_TOKEN."


def test_an_uncaught_error_is_one_json_record_with_its_traceback_inside(
    werkbot_logs: WerkbotLogs,
) -> None:
    """``LOG_FORMAT=json``: what nothing caught (a worker's start, a race in a migration) is
    no plain traceback after the JSON lines but a record whose ``exception`` holds it."""
    assert sys.excepthook is not sys.__excepthook__
    try:
        raise RuntimeError("the token 123456789:AAsecret in a message")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    lines = werkbot_logs.getvalue().splitlines()
    record = json.loads(next(line for line in lines if line.startswith("{")))
    assert record["level"] == "CRITICAL"
    assert record["message"] == "stopped on an uncaught RuntimeError"
    assert record["exception"].startswith("Traceback (most recent call last):")
    assert "RuntimeError: the token [TOKEN] in a message" in record["exception"]
    assert "AAsecret" not in werkbot_logs.getvalue()
    # the interpreter's own hook (a plain traceback on stderr) is replaced
    assert sys.excepthook is not sys.__excepthook__
