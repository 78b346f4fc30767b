"""The smaller faults of issue 18 (point 8), each as a user or an administrator meets it, on
SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import boards, motions, people
from bot.texts.html import split_message, telegram_length
from runtime.cli import main
from standin import utf16_length
from tests.e2e.conftest import Harness
from tests.e2e.test_voting import propose, seat_everyone

EMOJI = "\U0001f3db"  # a classical building: one character, two UTF-16 units


async def test_a_text_telegram_would_refuse_is_refused_with_an_answer(bot: Harness) -> None:
    _, secretary = await bot.board_with_secretary()
    await bot.send(secretary, "/voorstel")
    await bot.send(secretary, "Titel")
    # 2,500 characters but 5,000 of Telegram's units: the ballot could never be sent
    refused = await bot.say(secretary, EMOJI * 2500)
    assert "Tot wanneer" not in refused, refused
    assert "3000" in refused, refused
    # a text that fits is taken, and every message made of it fits too
    asked = await bot.say(secretary, EMOJI * 1400)
    assert "Tot wanneer" in asked, asked


def test_split_message_counts_as_telegram_does() -> None:
    text = "\n".join([EMOJI * 1500, EMOJI * 1500, "a" * 4000, EMOJI * 5000])
    parts = split_message(text)
    assert all(utf16_length(part) <= 4096 for part in parts)
    assert all(telegram_length(part) == utf16_length(part) for part in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


async def test_an_ex_chair_cannot_withdraw_their_proposal(bot: Harness) -> None:
    board, members, _secretary = await seat_everyone(bot, "achterhoek-2014")
    chair = members["voorzitter"]
    motion = await propose(bot, chair)
    successor = bot.user(8001, "Nieuwe Voorzitter")
    new = await people.identify(bot.db, successor.id, "Nieuwe Voorzitter")
    await boards.assign(bot.db, board, "voorzitter", new.id)
    answer = await bot.say(chair, f"/intrekken {motion}")
    assert "geen zetel meer" in answer, answer
    assert (await motions.view(bot.db, motion)).open


def test_the_calendar_file_name_is_safe_whatever_the_board_is_called(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    assert main(["db", "upgrade"]) == 0
    name = "../../etc/Bestuur/x"
    assert main(["board", "create", "--agreement", "twente-2020", "--name", name]) == 0
    assert main(["calendar", "1", "--lang", "en"]) == 0
    capsys.readouterr()
    written = list(tmp_path.rglob("*.ics"))
    assert [p.parent for p in written] == [work], written
    assert written[0].name == "etc-bestuur-x.ics"
