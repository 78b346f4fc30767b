"""Invites, seats, boards and language, driven as users do, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.db.models import utcnow
from bot.services import invites
from standin import FakeChat
from tests.e2e.conftest import Harness

CODE = re.compile(r"start=([A-Za-z0-9_-]+)")


async def invite_code(bot: Harness, secretary_seat: str = "werkgevers-2") -> str:
    _, secretary = await bot.board_with_secretary()
    offer = (await bot.send(secretary, "/uitnodigen"))[-1]
    assert "Voor welke zetel" in (offer.text or "")
    invite = await bot.press_label(secretary, offer, "Werkgevers 2")
    match = CODE.search(invite.text or "")
    assert match, invite.text
    assert "Geldig tot" in (invite.text or "")
    return match.group(1)


async def test_member_claims_the_seat_from_the_invite_link(bot: Harness) -> None:
    code = await invite_code(bot)
    member = bot.user(200, "Wim Werkgever")
    welcome = await bot.say(member, f"/start {code}")
    assert "Je hebt nu de zetel <b>Werkgevers 2</b> bij Bestuur Werkbedrijf Achterhoek." in welcome
    assert "stem van de geleding werkgevers" in welcome
    seat = await bot.say(member, "/zetel")
    assert "<b>Werkgevers 2</b>" in seat
    board = await bot.say(member, "/bestuur")
    assert "Werkgevers 2: Wim Werkgever" in board
    assert "vrij" in board


async def test_english_member_reads_english(bot: Harness) -> None:
    code = await invite_code(bot)
    member = bot.user(201, "Jane Employer", language="en")
    welcome = await bot.say(member, f"/start {code}")
    assert (
        "You now hold the seat <b>Employers 2</b> on the Bestuur Werkbedrijf Achterhoek." in welcome
    )
    assert "bloc vote of the employers" in welcome
    board = await bot.say(member, "/board")
    assert "Employers 2: Jane Employer" in board


async def test_language_button_switches_the_replies(bot: Harness) -> None:
    member = bot.user(202, "Piet")
    offer = (await bot.send(member, "/taal"))[-1]
    assert [b["text"] for b in offer.buttons()] == ["✓ Nederlands", "English"]
    changed = await bot.press_label(member, offer, "English")
    assert changed.text == "From now on I write to you in English."
    assert "You do not hold a seat" in await bot.say(member, "/seat")


async def test_second_person_cannot_use_the_same_invite(bot: Harness) -> None:
    code = await invite_code(bot)
    await bot.say(bot.user(203, "Eerste"), f"/start {code}")
    second = await bot.say(bot.user(204, "Tweede"), f"/start {code}")
    assert "Deze uitnodiging is al gebruikt" in second


async def test_forged_and_expired_invites_are_refused_politely(bot: Harness) -> None:
    board, _ = await bot.board_with_secretary()
    forged = await bot.say(bot.user(205, "Nep"), "/start AAAAAAAAAAAAAAAAAAAAAAAA")
    assert "Deze uitnodigingscode is niet geldig" in forged
    old = await invites.create_invite(
        bot.db,
        board.id,
        "uwv",
        created_by=None,
        valid_for=timedelta(days=1),
        now=utcnow() - timedelta(days=3),
    )
    expired = await bot.say(bot.user(206, "Laat", language="en"), f"/start {old.code}")
    assert expired.startswith("This invite expired on ")


async def test_only_the_secretary_can_invite(bot: Harness) -> None:
    await bot.board_with_secretary()
    assert "Alleen de secretaris" in await bot.say(bot.user(207, "Lid"), "/uitnodigen")


async def test_invite_for_a_named_seat_and_for_a_taken_seat(bot: Harness) -> None:
    _, secretary = await bot.board_with_secretary()
    made = await bot.say(secretary, "/invite uwv")
    assert "Regiomanager UWV Werkbedrijf" in made
    assert CODE.search(made)
    taken = await bot.say(secretary, "/invite secretaris")
    assert "al bezet" in taken
    unknown = await bot.say(secretary, "/invite werkgevers-9")
    assert "geen zetel" in unknown


async def test_start_without_code_explains_and_lists_help(bot: Harness) -> None:
    text = await bot.say(bot.user(208, "Nieuw", language="en"), "/start")
    assert "I am werkbot" in text
    assert "/help" in text
    help_text = await bot.say(bot.user(209, "Nieuw NL"), "/hulp")
    assert "/zetel" in help_text
    assert "/bestuur" in help_text


async def test_forged_button_data_changes_nothing(bot: Harness) -> None:
    member = bot.user(210, "Hacker", language="en")
    offer = (await bot.send(member, "/language"))[-1]
    for data in ("l|de", "b|1|2", "zz|1", "is|1|../../etc", "x" * 64):
        await bot.press(member, offer, data)
        assert bot.api.callback_answers[-1]["text"] == "This button is no longer valid."
    not_mine = await bot.press(member, offer, "b|999999")
    assert not_mine.text == "You do not sit on that board."


async def test_the_same_button_pressed_twice_is_answered_twice_without_an_error(
    bot: Harness,
) -> None:
    member = bot.user(215, "Tweemaal", language="en")
    offer = (await bot.send(member, "/language"))[-1]
    sent, answered = len(bot.api.messages), len(bot.api.callback_answers)
    for _ in range(2):  # the second edit would not change the message: Telegram refuses it
        shown = await bot.press(member, offer, "b|999999")
        assert shown.text == "You do not sit on that board."
    assert len(bot.api.messages) == sent  # the message was edited, nothing sent
    answers = bot.api.callback_answers[answered:]
    assert len(answers) == 2
    assert not any(a.get("show_alert") or a.get("text") for a in answers), answers  # no apology


async def test_a_replayed_update_is_processed_once(bot: Harness) -> None:
    member = bot.user(211, "Dubbel")
    update = bot.api.message_update(member, "/zetel")
    assert len(await bot.feed(update)) == 1
    assert await bot.feed(update) == []


async def test_commands_in_the_board_group(bot: Harness) -> None:
    _board, secretary = await bot.board_with_secretary()
    member = bot.user(212, "Groepslid")
    group = FakeChat(-100500, "supergroup", "Bestuur")
    bot.api.add_group(group, [secretary, member])
    assert "nog niet gekoppeld" in await bot.say(member, "/bestuur", group)
    assert "Alleen de secretaris of de voorzitter" in await bot.say(member, "/koppelgroep", group)
    linked = await bot.say(secretary, "/koppelgroep", group)
    assert "gekoppeld aan Bestuur Werkbedrijf Achterhoek" in linked
    assert "Bestuur Werkbedrijf Achterhoek" in await bot.say(
        member, "/bestuur@werkbot_demo_bot", group
    )
    assert "privégesprek" in await bot.say(secretary, "/uitnodigen", group)
    assert "privégesprek" in await bot.say(member, "/start", group)
    assert await bot.send(member, "gewoon een bericht", group) == []


async def test_unknown_command_and_plain_text_get_a_pointer_to_help(bot: Harness) -> None:
    member = bot.user(213, "Vrager", language="en")
    assert "I do not know the command /fly" in await bot.say(member, "/fly")
    assert "/search" in await bot.say(member, "what is this?")


async def test_command_menus_are_registered_per_language(bot: Harness) -> None:
    menus = {
        language: [c["command"] for c in commands]
        for (_, language), commands in bot.api.commands.items()
    }
    assert "zetel" in menus["nl"]
    assert "bestuur" in menus["nl"]
    assert "seat" in menus["en"]
    assert "board" in menus["en"]
    assert "seat" in menus[""]


async def test_a_failure_is_apologised_for_in_the_users_language(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr("bot.services.boards.seats_of", broken)
    text = await bot.say(bot.user(214, "Pech"), "/zetel")
    assert text.startswith("Sorry, er ging bij ons iets mis.")
    assert "Traceback" not in text
    assert "database went away" not in text
