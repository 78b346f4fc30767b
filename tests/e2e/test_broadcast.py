"""/broadcast (/omroep): every seat holder once, a delivery report, nothing twice after a restart."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import update

from bot.db.models import OutboxMessage
from bot.i18n import translator
from bot.services import boards, broadcasts, outbox, people
from handlers.broadcast import render_broadcast
from runtime import sender as outbox_handlers
from standin import FakeChat, FakeUser
from tests.e2e.conftest import Harness


def render(board: str, body: str, language: str | None) -> str:
    return render_broadcast(board, body, translator(language or "nl"))


async def deliver(bot: Harness, worker: str) -> int:
    return await outbox_handlers.deliver_all(bot.app.bot, bot.db, worker, "nl")


async def board_with_members(bot: Harness, count: int = 3) -> tuple[int, FakeUser, list[FakeUser]]:
    board, secretary = await bot.board_with_secretary()
    members = []
    for number, seat in enumerate(["uwv", "werkgevers-1", "werkgevers-2", "werkgevers-3"][:count]):
        user = bot.user(4000 + number, f"Lid {number}", "en" if number == 0 else "nl")
        person = await people.identify(
            bot.db, user.id, user.first_name, telegram_language=user.language_code
        )
        await boards.assign(bot.db, board.id, seat, person.id)
        members.append(user)
    return board.id, secretary, members


async def test_secretary_reaches_every_member_and_gets_a_report(bot: Harness) -> None:
    _, secretary, members = await board_with_members(bot)
    bot.api.block(members[2].id)
    assert "Wat moet elk lid" in await bot.say(secretary, "/omroep")
    confirm = (await bot.send(secretary, "Vergadering verplaatst naar <donderdag>."))[-1]
    assert "Dit naar 3 leden van Bestuur Werkbedrijf Achterhoek sturen?" in (confirm.text or "")
    await bot.press_label(secretary, confirm, "Versturen")
    english = bot.api.messages_to(members[0].id)[-1].text or ""
    assert "Message from the secretary of the Bestuur Werkbedrijf Achterhoek:" in english
    assert "Vergadering verplaatst naar &lt;donderdag&gt;." in english
    assert "Bericht van de secretaris" in (bot.api.messages_to(members[1].id)[-1].text or "")
    report = bot.api.messages_to(secretary.id)[-1].text or ""
    assert "Je bericht is bij 2 ontvangers aangekomen." in report
    assert "geblokkeerd: Lid 2." in report


async def test_only_a_secretary_broadcasts_and_cancel_sends_nothing(bot: Harness) -> None:
    _, secretary, members = await board_with_members(bot, 1)
    assert "Only the secretary" in await bot.say(members[0], "/broadcast")
    await bot.send(secretary, "/omroep")
    confirm = (await bot.send(secretary, "Iets"))[-1]
    await bot.press_label(secretary, confirm, "Annuleren")
    assert not any("Iets" in (m.text or "") for m in bot.api.messages_to(members[0].id))


async def test_the_group_gets_it_when_asked(bot: Harness) -> None:
    _board_id, secretary, members = await board_with_members(bot, 1)
    group = FakeChat(-100999, "supergroup", "Bestuur")
    bot.api.add_group(group, [secretary, *members])
    await bot.send(secretary, "/koppelgroep", group)
    await bot.send(secretary, "/omroep")
    confirm = (await bot.send(secretary, "Aan iedereen"))[-1]
    await bot.press_label(secretary, confirm, "ook in de groep")
    assert "Aan iedereen" in (bot.api.messages_to(group.id)[-1].text or "")


async def test_a_restart_halfway_sends_the_rest_and_nobody_twice(bot: Harness) -> None:
    board_id, secretary, members = await board_with_members(bot, 4)
    author = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    _, count = await broadcasts.create(
        bot.db, board_id, author.id, "Halverwege", to_group=False, render=render
    )
    assert count == 4
    first = await outbox.claim(bot.db, "worker-a", limit=2)
    for outgoing in first:  # worker a sends two, then dies without recording the rest
        await bot.app.bot.send_message(outgoing.chat_id, outgoing.text)
        await outbox.settle(bot.db, outgoing.id, outbox.SENT)
    async with bot.db.transaction() as session:  # its claims on the others were never made
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == outbox.PENDING)
            .values(claimed_at=None)
        )
    assert await deliver(bot, "worker-b") == 3  # two and the report
    assert await deliver(bot, "worker-c") == 0
    for member in members:
        assert sum("Halverwege" in (m.text or "") for m in bot.api.messages_to(member.id)) == 1
    assert "bij 4 ontvangers" in (bot.api.messages_to(secretary.id)[-1].text or "")


@pytest.mark.slow
async def test_three_hundred_members_each_get_it_once_despite_flood_control(bot: Harness) -> None:
    board = await boards.create_board(bot.db, "achterhoek-2014", counts={"werkgevers": 294})
    secretary = bot.user(100, "Sam Secretaris")
    author = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    await boards.assign(bot.db, board.id, "secretaris", author.id)
    seats = [s.key for s in (await boards.overview(bot.db, board.id)).seats if s.votes]
    users = []
    for number, seat in enumerate(seats):
        user = bot.user(60_000 + number, f"Lid {number}")
        person = await people.identify(bot.db, user.id, user.first_name)
        await boards.assign(bot.db, board.id, seat, person.id)
        users.append(user)
    bot.api.fail_next("sendMessage", retry_after=1)
    _, count = await broadcasts.create(
        bot.db, board.id, author.id, "Drukte", to_group=False, render=render
    )
    assert count == 300
    await deliver(bot, "w")
    await deliver(bot, "w")
    await deliver(bot, "w")
    assert all(
        sum("Drukte" in (m.text or "") for m in bot.api.messages_to(u.id)) == 1 for u in users
    )
    assert "bij 300 ontvangers aangekomen" in (bot.api.messages_to(secretary.id)[-1].text or "")


async def test_a_sent_message_is_recorded_before_the_worker_lock_goes_to_an_update(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker has one message in hand: the outbox message or broadcast delivery it sent is
    recorded before an update (which answers someone) can take the lock, so a worker killed at
    any moment has sent at most one message it has not recorded."""
    board_id, secretary, members = await board_with_members(bot, 2)
    author = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    await broadcasts.create(bot.db, board_id, author.id, "Omroep", to_group=False, render=render)
    await outbox.enqueue(
        bot.db, [outbox.Outgoing(f"test:{m.id}", m.id, "Uit de outbox") for m in members]
    )
    lock = asyncio.Lock()
    held: list[bool] = []
    real_settle = outbox.settle

    async def settle(*args: Any) -> None:
        held.append(lock.locked())
        await real_settle(*args)

    monkeypatch.setattr(outbox, "settle", settle)
    assert await outbox_handlers.deliver(bot.app.bot, bot.db, "worker", lock=lock) == 4
    assert held == [True] * 4
