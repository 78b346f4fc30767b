"""The one sender: what the bot sends on its own goes through the outbox, nothing is lost when
Telegram asks for a pause (429) or fails (502), blocked chats are recorded, nobody gets twice."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.db.models import OutboxMessage, utcnow
from bot.services import boards, meetings, outbox, people
from handlers.meetings import invite_all
from runtime import sender
from standin import FakeUser
from tests.e2e.conftest import Harness


async def crowded_board(bot: Harness, members: int) -> tuple[int, FakeUser, list[FakeUser]]:
    board = await boards.create_board(bot.db, "achterhoek-2014", counts={"werkgevers": members - 6})
    secretary = bot.user(100, "Sam Secretaris")
    author = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    await boards.assign(bot.db, board.id, "secretaris", author.id)
    users = []
    seats = [s.key for s in (await boards.overview(bot.db, board.id)).seats if s.votes]
    for number, seat in enumerate(seats):
        user = bot.user(70_000 + number, f"Lid {number}")
        person = await people.identify(bot.db, user.id, user.first_name)
        await boards.assign(bot.db, board.id, seat, person.id)
        users.append(user)
    return board.id, secretary, users


async def until_empty(bot: Harness) -> None:
    """Further passes of the sender, as its loop makes them, each after the pause it was asked."""
    for _ in range(20):
        if await outbox.pending(bot.db) == 0:
            return
        later = utcnow() + timedelta(seconds=120)
        await sender.deliver_all(bot.app.bot, bot.db, "worker", "nl", now=later)
    raise AssertionError("the outbox did not empty")


@pytest.mark.slow
async def test_a_broadcast_to_300_survives_429s_and_a_502_and_reaches_everyone_once(
    bot: Harness,
) -> None:
    _, secretary, users = await crowded_board(bot, 300)
    bot.api.block(users[7].id)
    await bot.send(secretary, "/omroep")
    confirm = (await bot.send(secretary, "Drukte in de regio"))[-1]
    for _ in range(4):  # more than the rate limiter's own three retries: the sender pauses
        bot.api.fail_next("sendMessage", retry_after=1)
    bot.api.fail_next("sendMessage", status=502)
    await bot.press_label(secretary, confirm, "Versturen")
    await until_empty(bot)
    got = Counter(m.chat_id for m in bot.api.messages if "Drukte in de regio" in (m.text or ""))
    assert {u.id for u in users} - set(got) == {users[7].id}  # 0 lost, the blocked one aside
    assert max(got.values()) == 1  # 0 doubled
    report = bot.api.messages_to(secretary.id)[-1].text or ""
    assert "Je bericht is bij 299 ontvangers aangekomen." in report
    assert "geblokkeerd: Lid 7." in report
    async with bot.db.transaction() as session:
        statuses: dict[str, int] = dict(
            (
                await session.execute(
                    select(OutboxMessage.status, func.count())
                    .where(OutboxMessage.broadcast_id.is_not(None))
                    .group_by(OutboxMessage.status)
                )
            )
            .tuples()
            .all()
        )
    assert statuses == {outbox.SENT: 299, outbox.BLOCKED: 1}


async def test_a_meeting_invitation_to_50_survives_a_502_and_reaches_everyone_once(
    bot: Harness,
) -> None:
    board_id, _, users = await crowded_board(bot, 50)
    secretary = await people.identify(bot.db, 100, "Sam Secretaris")
    meeting = await meetings.schedule(
        bot.db, board_id, secretary.id, utcnow() + timedelta(days=7), "Enschede", "Agenda"
    )
    bot.api.fail_next("sendDocument", status=502)
    bot.api.fail_next("sendDocument", status=503)
    assert await invite_all(bot.db, meeting, "nl") == 51  # the members and the secretary
    await sender.deliver_all(bot.app.bot, bot.db, "worker", "nl")
    assert await outbox.pending(bot.db) > 0  # the 502 paused the sender: the rest waits
    await until_empty(bot)
    documents = Counter(m.chat_id for m in bot.api.messages if m.document is not None)
    assert set(documents) == {u.id for u in users} | {100}
    assert set(documents.values()) == {1}


async def test_a_newer_tally_edit_replaces_an_older_one_still_waiting(bot: Harness) -> None:
    _, secretary, _users = await crowded_board(bot, 9)
    sent = await bot.app.bot.send_message(secretary.id, "stand 0")
    await outbox.enqueue(
        bot.db,
        [
            outbox.edit(secretary.id, sent.message_id, "stand 1"),
            outbox.edit(secretary.id, sent.message_id, "stand 2"),
        ],
    )
    await sender.deliver_all(bot.app.bot, bot.db, "worker", "nl")
    edits = [params.get("text") for method, params in bot.api.calls if method == "editMessageText"]
    assert edits == ["stand 2"]
    assert await outbox.pending(bot.db) == 0
