"""The agreement's clock on frozen dates: each warning once, to the secretary, in their language."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.db.models import Meeting
from runtime.agreement_clock import check_clock
from tests.e2e.conftest import Harness


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T09:00:00").replace(tzinfo=UTC)


def texts(bot: Harness, chat_id: int) -> list[str]:
    return [m.text or "" for m in bot.api.messages_to(chat_id)]


async def test_report_warnings_four_weeks_and_one_week_ahead_each_once(bot: Harness) -> None:
    _, secretary = await bot.board_with_secretary("achterhoek-2014")
    assert await check_clock(bot.db, "nl", bot.app.bot_data.deliver, now=at("2027-01-20")) == 1
    assert await check_clock(bot.db, "nl", bot.app.bot_data.deliver, now=at("2027-01-21")) == 0
    assert await check_clock(bot.db, "nl", bot.app.bot_data.deliver, now=at("2027-02-05")) == 1
    warnings = [t for t in texts(bot, secretary.id) if "jaarverslag" in t]
    assert len(warnings) == 2
    assert (
        "Bestuur Werkbedrijf Achterhoek: het jaarverslag moet uiterlijk 11 februari 2027 klaar zijn."
        in warnings[0]
    )


async def test_expiry_and_evaluation_are_announced(bot: Harness) -> None:
    _, secretary = await bot.board_with_secretary("twente-2020")
    await check_clock(bot.db, "nl", bot.app.bot_data.deliver, now=at("2022-09-15"))
    assert any("geëvalueerd vanaf 1 oktober 2022" in t for t in texts(bot, secretary.id))
    await check_clock(bot.db, "nl", bot.app.bot_data.deliver, now=at("2025-12-10"))
    assert any("eindigt op 31 december 2025" in t for t in texts(bot, secretary.id))


async def test_a_quarter_without_a_planned_meeting_is_flagged_but_not_one_with(
    bot: Harness,
) -> None:
    board, secretary = await bot.board_with_secretary("twente-2020")
    await check_clock(bot.db, "nl", bot.app.bot_data.deliver, now=at("2024-03-20"))
    assert any(
        "minimaal 1 vergadering tussen 1 januari 2024 en 31 maart 2024" in t
        for t in texts(bot, secretary.id)
    )
    async with bot.db.transaction() as session:
        session.add(Meeting(board_id=board.id, starts_at=at("2024-06-10"), location="Enschede"))
    before = len(texts(bot, secretary.id))
    await check_clock(bot.db, "nl", bot.app.bot_data.deliver, now=at("2024-06-20"))
    assert not any("april 2024" in t for t in texts(bot, secretary.id)[before:])
