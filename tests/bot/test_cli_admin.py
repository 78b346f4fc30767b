"""The administrator's command line on a fresh SQLite file, and settings errors."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from sqlalchemy import select

from bot.db.engine import Database
from bot.db.models import OutboxMessage
from bot.db.schema import head_revision
from bot.services import identity, people
from bot.settings import SettingsError, load_settings
from runtime.cli import main
from standin import BotAPIStandin


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(
        [*args, "--lang", "en"] if args[0] not in {"db", "board"} or len(args) > 1 else list(args)
    )
    out = capsys.readouterr()
    return code, out.out, out.err


def test_admin_sets_up_a_board_invites_and_appoints(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "board", "list")
    assert code == 2
    assert "werkbot db upgrade" in err
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0
    assert f"Created the database's tables (revision {head_revision()})." in out
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0
    assert f"The database is already up to date (revision {head_revision()})." in out
    code, out, _ = run(capsys, "board", "create", "--agreement", "achterhoek-2014")
    assert code == 0
    assert "Board 1 created: Bestuur Werkbedrijf Achterhoek (11 seats)." in out
    code, out, _ = run(capsys, "board", "show", "1")
    assert code == 0
    assert "werkgevers-2" in out
    # the bot has not met Telegram yet: no link to a made-up bot, and no invite made
    code, _, err = run(capsys, "invite", "1", "werkgevers-2")
    assert code == 2
    assert "werkbot setup" in err
    assert "BOT_USERNAME" in err
    asyncio.run(_remember(workdir, "rmt_achterhoek_bot"))
    code, out, _ = run(capsys, "invite", "1", "werkgevers-2")
    assert code == 0
    assert re.search(r"https://t\.me/rmt_achterhoek_bot\?start=[\w-]{20,}", out)
    monkeypatch.setenv("BOT_USERNAME", "other_bot")  # the override
    code, out, _ = run(capsys, "invite", "1", "werkgevers-3")
    assert re.search(r"https://t\.me/other_bot\?start=[\w-]{20,}", out)
    code, _, err = run(capsys, "invite", "1", "nope")
    assert code == 1
    assert "The board has no seat called nope. See its seats: werkbot board show" in err
    code, _, err = run(capsys, "secretary", "1", "Nobody")
    assert code == 1
    assert "werkbot knows no one (or more than one person) by Nobody" in err


async def _remember(workdir: Path, username: str) -> None:
    db = Database.from_url(f"sqlite+aiosqlite:///{workdir / 'cli.sqlite3'}")
    try:
        await identity.remember(db, 7000000001, username)
    finally:
        await db.dispose()


async def _people(workdir: Path, *names: str) -> None:
    db = Database.from_url(f"sqlite+aiosqlite:///{workdir / 'cli.sqlite3'}")
    try:
        for number, name in enumerate(names, 1):
            await people.identify(db, 500 + number, name, telegram_language="en")
    finally:
        await db.dispose()


async def _outbox(workdir: Path) -> list[tuple[int, str]]:
    db = Database.from_url(f"sqlite+aiosqlite:///{workdir / 'cli.sqlite3'}")
    try:
        async with db.reading() as session:
            rows = await session.execute(
                select(OutboxMessage.chat_id, OutboxMessage.text).order_by(OutboxMessage.id)
            )
            return [(chat, text) for chat, text in rows]
    finally:
        await db.dispose()


def test_replacing_the_secretary_asks_and_tells_both(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "db", "upgrade")
    run(capsys, "board", "create", "--agreement", "achterhoek-2014")
    asyncio.run(_people(workdir, "Nina", "Piet"))
    code, out, _ = run(capsys, "secretary", "1", "Nina")
    assert code == 0
    assert "Nina is now secretary of the Bestuur Werkbedrijf Achterhoek." in out
    code, out, _ = run(capsys, "secretary", "1", "Nina")
    assert (code, out.strip()) == (
        0,
        "Nina is already secretary of the Bestuur Werkbedrijf Achterhoek.",
    )
    # not silently: without a terminal to confirm on, only --replace replaces
    code, _, err = run(capsys, "secretary", "1", "Piet")
    assert code == 1
    assert "Nothing changed: Nina stays secretary" in err
    assert "--replace" in err
    code, out, _ = run(capsys, "secretary", "1", "Piet", "--replace")
    assert code == 0
    assert "Piet is now secretary" in out
    assert "Nina and Piet get a message" in out
    told = asyncio.run(_outbox(workdir))
    assert told[0][0] == 501  # Nina, when she was appointed
    assert "You now hold the seat <b>Secretary</b>" in told[0][1]
    assert told[-2][0] == 502
    assert "You now hold the seat" in told[-2][1]
    assert told[-1][0] == 501
    assert "Piet now holds the seat <b>Secretary</b>" in told[-1][1]
    assert "in your place" in told[-1][1]


@pytest.mark.parametrize("days", ["0", "-3", "366"])
def test_invite_days_out_of_range_are_refused(
    workdir: Path, capsys: pytest.CaptureFixture[str], days: str
) -> None:
    run(capsys, "db", "upgrade")
    run(capsys, "board", "create", "--agreement", "achterhoek-2014")
    code, out, err = run(capsys, "invite", "1", "werkgevers-2", f"--days={days}")
    assert code == 2
    assert out == ""
    assert "--days takes a number of days from 1 to 365" in err


def test_a_read_command_elsewhere_creates_no_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    for command in (("decisions", "1"), ("board", "list"), ("invite", "1", "werkgevers-2")):
        code, _, err = run(capsys, *command)
        assert code == 2
        assert "empty" not in err
        assert f"there is no database at {elsewhere / 'werkbot.sqlite3'}" in err
    assert list(elsewhere.iterdir()) == []


def test_unknown_agreement_is_one_line(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "db", "upgrade")
    code, _, err = run(capsys, "board", "create", "--agreement", "nowhere")
    assert code == 1
    assert err.strip() == "There is no agreement called nowhere."


def test_run_without_token_explains_and_opens_the_chat(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "db", "upgrade")
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115
    code, out, _ = run(capsys, "run")
    assert code == 0
    assert "@BotFather" in out
    assert "offline chat" in out
    assert "Goodbye." in out


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "TELEGRAM_BOT_TOKEN: does not look like a token"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL: use sqlite+aiosqlite"),
        ("TIME_ZONE", "Mars/Olympus", "TIME_ZONE: unknown time zone"),
        ("DEFAULT_LANGUAGE", "de", "DEFAULT_LANGUAGE:"),
        (
            "WEBHOOK_URL",
            "http://bot.example.org/telegram",
            "WEBHOOK_URL: Telegram posts only to https",
        ),
    ],
)
def test_bad_settings_are_one_clear_line(
    variable: str, value: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_bad_settings_exit_with_code_2(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIME_ZONE", "Mars/Olympus")
    assert main(["db", "upgrade"]) == 2
    assert capsys.readouterr().err.startswith("werkbot: TIME_ZONE: unknown time zone")


def test_placeholder_token_counts_as_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "changeme")
    assert load_settings(env_file=None).telegram_bot_token is None


@contextmanager
def telegram_standin(api: BotAPIStandin) -> Iterator[str]:
    """The stand-in behind a local HTTP server, as TELEGRAM_API_BASE_URL reaches it: a call
    with another token gets Telegram's 401."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            _, token, method = self.path.split("/", 2)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            params = dict(parse_qsl(body))
            if token != f"bot{api.token}":
                status, answer = (
                    401,
                    {"ok": False, "error_code": 401, "description": "Unauthorized"},
                )
            else:
                status, answer = api.handle(method, params)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bot"
    finally:
        server.shutdown()
        server.server_close()


def test_setup_checks_the_token_makes_the_board_and_invites_the_secretary(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api = BotAPIStandin(bot_username="rmt_twente_bot")
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115
    with telegram_standin(api) as base_url:
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", base_url)
        wrong = "7000000001:AAwrongwrongwrongwrongwrongwrongwr"
        code, out, err = run(capsys, "setup", "--token", wrong, "--agreement", "achterhoek-2014")
        assert code == 2
        assert "Telegram refused this token" in err
        assert wrong not in out + err
        assert not (workdir / "cli.sqlite3").exists()
        assert not (workdir / ".env").exists()
        code, _, err = run(capsys, "setup", "--token", api.token)
        assert code == 2
        assert "--agreement ID" in err
        code, out, err = run(
            capsys, "setup", "--token", api.token, "--agreement", "achterhoek-2014"
        )
    assert code == 0, err
    assert "the bot is @rmt_twente_bot" in out
    assert f"Created the database's tables (revision {head_revision()})." in out
    assert "Board 1 created: Bestuur Werkbedrijf Achterhoek." in out
    assert re.search(r"https://t\.me/rmt_twente_bot\?start=[\w-]{20,}", out)
    assert "werkbot run" in out
    env = workdir / ".env"
    assert env.read_text() == f"TELEGRAM_BOT_TOKEN={api.token}\n"
    assert env.stat().st_mode & 0o777 == 0o600
    assert api.token not in out
    # the invite is for the secretary's seat, and later invites name the same bot
    code, out, _ = run(capsys, "invite", "1", "werkgevers-2")
    assert re.search(r"https://t\.me/rmt_twente_bot\?start=", out)


def test_prune_counts_in_their_plural_form(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "db", "upgrade")
    code, out, _ = run(capsys, "db", "prune", "--days", "1")
    assert code == 0
    assert out.strip() == (
        "Removed, older than 1 day: 0 update records, 0 inbox updates, 0 invites, "
        "0 stale conversations."
    )


def test_a_database_that_fails_is_one_line_not_a_traceback(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database file that is no database (or a migration that lost a race): one line."""
    (workdir / "cli.sqlite3").write_bytes(b"this is not a database file" * 100)
    code, _, err = run(capsys, "db", "upgrade")
    assert code == 1
    assert err.startswith("werkbot: the database failed (DatabaseError")
    assert "nothing was changed" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("answer", "replaced"), [("y", True), ("", False), ("no", False)])
def test_at_a_terminal_replacing_the_secretary_is_asked(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    replaced: bool,
) -> None:
    run(capsys, "db", "upgrade")
    run(capsys, "board", "create", "--agreement", "achterhoek-2014")
    asyncio.run(_people(workdir, "Nina", "Piet"))
    run(capsys, "secretary", "1", "Nina")
    asked: list[str] = []

    def reply(question: str) -> str:
        asked.append(question)
        return answer

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", reply)
    code, out, err = run(capsys, "secretary", "1", "Piet")
    assert asked == [
        "Nina is secretary of the Bestuur Werkbedrijf Achterhoek now. "
        "Make Piet secretary in their place? [y/N] "
    ]
    assert (code == 0) is replaced
    assert ("Piet is now secretary" in out) is replaced
    assert ("Nothing changed: Nina stays secretary" in err) is not replaced
