"""How updates arrive and replies leave: polling, webhook with secret, 429, HTML, several boards."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from datetime import timedelta

import httpx

from bot.services import boards, invites, people
from tests.e2e.conftest import Harness


async def eventually(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_long_polling_delivers_and_answers(bot: Harness) -> None:
    member = bot.user(300, "Poller")
    await bot.app.start()
    assert bot.app.updater is not None
    await bot.app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        bot.api.push_update(bot.api.message_update(member, "/zetel"))
        await eventually(lambda: len(bot.api.messages_to(member.id)) == 1)
        assert "nog geen zetel" in (bot.api.messages_to(member.id)[0].text or "")
    finally:
        await bot.app.updater.stop()
        await bot.app.stop()


async def test_webhook_checks_the_secret_on_every_request(bot: Harness) -> None:
    member = bot.user(301, "Haak", language="en")
    port = free_port()
    await bot.app.start()
    assert bot.app.updater is not None
    await bot.app.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="telegram",
        webhook_url="https://bot.example.org/telegram",
        secret_token="s3cret-token",
    )
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        assert bot.api.webhook is not None
        assert bot.api.webhook["url"] == "https://bot.example.org/telegram"
        async with httpx.AsyncClient() as client:
            update = bot.api.message_update(member, "/seat")
            wrong = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
            )
            missing = await client.post(url, json=update)
            assert (wrong.status_code, missing.status_code) == (403, 403)
            await asyncio.sleep(0.2)
            assert bot.api.messages_to(member.id) == []
            right = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
            )
            assert right.status_code == 200
        await eventually(lambda: len(bot.api.messages_to(member.id)) == 1)
        assert "You do not hold a seat" in (bot.api.messages_to(member.id)[0].text or "")
    finally:
        await bot.app.updater.stop()
        await bot.app.stop()


async def test_a_429_is_waited_out_and_the_reply_arrives_once(bot: Harness) -> None:
    member = bot.user(302, "Geduld")
    bot.api.fail_next("sendMessage", retry_after=1)
    replies = await bot.send(member, "/zetel")
    assert len(replies) == 1
    assert "nog geen zetel" in (replies[0].text or "")
    sends = [method for method, _ in bot.api.calls if method.lower() == "sendmessage"]
    assert len(sends) == 2  # the refused one and the retry


async def test_names_with_html_are_escaped(bot: Harness) -> None:
    board, _ = await bot.board_with_secretary()
    invite = await invites.create_invite(
        bot.db, board.id, "uwv", created_by=None, valid_for=timedelta(days=1)
    )
    sly = bot.user(303, "Jan <b>&amp; Co")
    await bot.say(sly, f"/start {invite.code}")
    text = await bot.say(sly, "/bestuur")
    assert "Jan &lt;b&gt;&amp;amp; Co" in text


async def test_a_member_of_two_boards_picks_one_with_a_button(bot: Harness) -> None:
    member = bot.user(304, "Dubbelzetel", language="en")
    person = await people.identify(bot.db, member.id, "Dubbelzetel", telegram_language="en")
    twente = await boards.create_board(bot.db, "twente-2020")
    achterhoek = await boards.create_board(bot.db, "achterhoek-2014")
    await boards.assign(bot.db, twente.id, "uwv", person.id)
    await boards.assign(bot.db, achterhoek.id, "uwv", person.id)
    seats = await bot.say(member, "/seat")
    assert "Bestuur Werkbedrijf Twente" in seats
    assert "Bestuur Werkbedrijf Achterhoek" in seats
    choice = (await bot.send(member, "/board"))[-1]
    assert [b["text"] for b in choice.buttons()] == [
        "Bestuur Werkbedrijf Twente",
        "Bestuur Werkbedrijf Achterhoek",
    ]
    shown = await bot.press_label(member, choice, "Achterhoek")
    assert "Regional manager UWV Werkbedrijf: Dubbelzetel" in (shown.text or "")
