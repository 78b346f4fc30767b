"""Forged buttons: every callback route checks who presses it, against the board the data names.

Callback data comes from the client. For every Kind in ``handlers.buttons.ROUTES`` a factory
builds valid data for board A's objects; attackers who may not act on board A press it, and the
press must be answered with an alert, send or edit nothing (so nothing of board A: names,
proposal titles, meeting places, person ids) and change no business table. A new route without a
factory fails here, so it cannot go unchecked.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.db.engine import Database
from bot.db.models import (
    Board,
    Meeting,
    Motion,
    Person,
    Rsvp,
    Substitution,
    utcnow,
)
from bot.services import boards, groups, meetings, motions, people
from bot.services.views import PersonView
from handlers.ask import agreement_ids
from handlers.button_access import RULES, Who
from handlers.buttons import ROUTES
from handlers.callbacks import Kind, decode, encode
from standin import BotAPIStandin, FakeChat, FakeUser, SentMessage
from tests.e2e.conftest import Harness
from tests.e2e.test_fuzz import BUSINESS

A_NAME = "Bestuur Alfa Geheimhouding"
TITLE = "Sluiting vestiging Zuiderpoort"
BODY = "Het bestuur besluit de vestiging Zuiderpoort te sluiten."
LOCATION = "Kasteel Slangenburg, zaal 7"
AGENDA = "Reorganisatie Zuiderpoort"
A_PEOPLE = {  # seat on board A -> (telegram user id, name)
    "secretaris": (200, "Alida Alfasecretaris"),
    "voorzitter": (201, "Arend Alfavoorzitter"),
    "uwv": (202, "Anouk Alfa-Uwv"),
    "iswi": (203, "Albert Alfa-Iswi"),
    "adviseur-1": (204, "Aafke Alfa-Adviseur"),
}
GROUP_A = FakeChat(-100501, "supergroup", "Groep Alfa")
GROUP_B = FakeChat(-100502, "supergroup", "Groep Beta")


@dataclass
class World:
    board_a: int
    board_b: int
    motion: int
    meeting: int
    a_users: dict[str, FakeUser]
    a_people: dict[str, PersonView]
    stranger: FakeUser
    b_member: FakeUser
    dual: FakeUser  # sits on board A and on board B

    def secrets(self) -> list[str]:
        """What nothing shown to an attacker may contain."""
        names = [p.name for p in self.a_people.values()] + [self.dual.first_name]
        return [A_NAME, TITLE, BODY, LOCATION, AGENDA, *names]

    def a_person_ids(self) -> set[str]:
        return {str(p.id) for p in self.a_people.values()}


#: Valid callback data for board A's objects, one factory per Kind in ROUTES.
FACTORIES: dict[Kind, Callable[[World], str]] = {
    Kind.BOARD: lambda w: encode(Kind.BOARD, w.board_a),
    Kind.LANGUAGE: lambda w: encode(Kind.LANGUAGE, "en"),
    Kind.INVITE_BOARD: lambda w: encode(Kind.INVITE_BOARD, w.board_a),
    Kind.INVITE_SEAT: lambda w: encode(Kind.INVITE_SEAT, w.board_a, "plv-secretaris"),
    Kind.LINK_GROUP: lambda w: encode(Kind.LINK_GROUP, w.board_a),
    Kind.VOTE: lambda w: encode(Kind.VOTE, w.motion, "f"),
    Kind.DECISIONS_BOARD: lambda w: encode(Kind.DECISIONS_BOARD, w.board_a),
    Kind.EXPORT: lambda w: encode(Kind.EXPORT, w.board_a, "csv"),
    Kind.CLAUSE: lambda w: encode(Kind.CLAUSE, agreement_ids().index("achterhoek-2014"), 0),
    Kind.CLAUSE_ORIGINAL: lambda w: encode(
        Kind.CLAUSE_ORIGINAL, agreement_ids().index("achterhoek-2014"), 0
    ),
    Kind.RSVP: lambda w: encode(Kind.RSVP, w.meeting, 1),
    Kind.SUB_BOARD: lambda w: encode(Kind.SUB_BOARD, w.board_a),
    Kind.SUB_SEAT: lambda w: encode(Kind.SUB_SEAT, w.board_a, "uwv"),
    Kind.SUB_SCOPE: lambda w: encode(Kind.SUB_SCOPE, w.board_a, "uwv", "p", w.motion),
    Kind.SUB_PERSON: lambda w: encode(
        Kind.SUB_PERSON, w.board_a, "uwv", "p", w.motion, w.a_people["adviseur-1"].id
    ),
    Kind.PRESENT_MEETING: lambda w: encode(Kind.PRESENT_MEETING, w.meeting),
    Kind.PRESENT_TOGGLE: lambda w: encode(Kind.PRESENT_TOGGLE, w.meeting, "uwv"),
    Kind.MEETING_ACTION: lambda w: encode(Kind.MEETING_ACTION, w.meeting, "cancel"),
    Kind.FORGET_ME: lambda w: encode(Kind.FORGET_ME, w.a_people["uwv"].id, "ok"),
    Kind.SETTINGS_BOARD: lambda w: encode(Kind.SETTINGS_BOARD, w.board_a),
    Kind.SETTINGS_QUORUM: lambda w: encode(Kind.SETTINGS_QUORUM, w.board_a, "o"),
}
#: Rules that reserve a route to someone on the board, not to every member of it.
RESERVED = {Who.SECRETARY, Who.OFFICER, Who.SEAT, Who.SELF}


async def seat(bot: Harness, board_id: int, key: str, user_id: int, name: str) -> FakeUser:
    user = bot.user(user_id, name)
    person = await people.identify(bot.db, user.id, name, telegram_language="nl")
    await boards.assign(bot.db, board_id, key, person.id)
    return user


async def world(bot: Harness) -> World:
    """Board A (its people, an open proposal, a planned meeting, a linked group) and board B
    (its secretary, a member, a member of both boards, a linked group)."""
    board_b, secretary_b = await bot.board_with_secretary("twente-2020")
    board_a = (
        await boards.create_board(bot.db, "achterhoek-2014", A_NAME, counts={"adviseur": 1})
    ).id
    a_users = {k: await seat(bot, board_a, k, uid, name) for k, (uid, name) in A_PEOPLE.items()}
    a_people = {k: await people.identify(bot.db, u.id, u.first_name) for k, u in a_users.items()}
    stranger = bot.user(300, "Vreemde Vincent")
    b_member = await seat(bot, board_b.id, "uwv", 301, "Bram Betalid")
    dual = await seat(bot, board_b.id, "gemeenten-1", 302, "Dirk Dubbel")
    dual_person = await people.identify(bot.db, dual.id, dual.first_name)
    await boards.assign(bot.db, board_a, "wsp-achterhoek-west", dual_person.id)
    secretary_a = a_people["secretaris"].id
    motion = await motions.propose(
        bot.db, board_a, secretary_a, TITLE, BODY, utcnow() + timedelta(days=2)
    )
    meeting = await meetings.schedule(
        bot.db, board_a, secretary_a, utcnow() + timedelta(days=3), LOCATION, AGENDA
    )
    bot.api.add_group(GROUP_A, list(a_users.values()))
    bot.api.add_group(GROUP_B, [secretary_b, b_member, dual])
    await groups.link(bot.db, secretary_a, board_a, GROUP_A.id)
    secretary_b_id = (await people.identify(bot.db, secretary_b.id, "Sam Secretaris")).id
    await groups.link(bot.db, secretary_b_id, board_b.id, GROUP_B.id)
    return World(
        board_a, board_b.id, motion.id, meeting.id, a_users, a_people, stranger, b_member, dual
    )


async def pressable(bot: Harness, user: FakeUser, chat: FakeChat | None = None) -> SentMessage:
    """A message of the bot's, in the user's private chat or in ``chat``, to press on."""
    bot.calm()
    await bot.send(user, "/help" if chat is None else "/board", chat)
    return bot.api.last_message(chat.id if chat is not None else user.id)


def reads(m: SentMessage) -> tuple[Any, ...]:
    """A message as it reads now (edits included)."""
    return (m.chat_id, m.message_id, m.text, repr(m.reply_markup), repr(m.document), m.deleted)


def shown(api: BotAPIStandin) -> list[tuple[Any, ...]]:
    """Everything the bot has shown, as it reads now."""
    return [reads(m) for m in api.messages]


def leaks(world: World, before: list[tuple[Any, ...]], api: BotAPIStandin) -> list[str]:
    """Board A's secrets in any message sent or edited since ``before``."""
    found = []
    earlier = set(before)
    for message in api.messages:
        if reads(message) in earlier:
            continue
        content = (message.document or {}).get("content") or b""
        readable = " ".join(
            [
                message.text or "",
                message.plain_text or "",
                content.decode(errors="ignore") if isinstance(content, bytes) else str(content),
                " ".join(b.get("text", "") for b in message.buttons()),
            ]
        )
        found += [s for s in world.secrets() if s.lower() in readable.lower()]
        for button in message.buttons():
            callback = decode(button.get("callback_data"))
            if callback is not None and callback.kind in {Kind.SUB_PERSON, Kind.FORGET_ME}:
                person = callback.args[4 if callback.kind is Kind.SUB_PERSON else 0]
                if person in world.a_person_ids():
                    found.append(f"person id {person} in {button}")
    return found


async def business_state(db: Database) -> dict[str, Any]:
    """The business tables' sizes and what a forged press could change in place."""
    async with db.transaction() as session:
        state: dict[str, Any] = {
            table.__tablename__: int(
                await session.scalar(select(func.count()).select_from(table)) or 0
            )
            for table in BUSINESS
        }
        state["links"] = (
            await session.execute(select(Board.id, Board.group_chat_id).order_by(Board.id))
        ).all()
        state["persons"] = (
            await session.execute(
                select(Person.id, Person.name, Person.telegram_user_id, Person.erased_at).order_by(
                    Person.id
                )
            )
        ).all()
        state["meetings"] = (
            await session.execute(
                select(Meeting.id, Meeting.status, Meeting.sequence).order_by(Meeting.id)
            )
        ).all()
        state["motions"] = (
            await session.execute(select(Motion.id, Motion.status).order_by(Motion.id))
        ).all()
        state["rsvps"] = (
            await session.execute(
                select(Rsvp.meeting_id, Rsvp.person_id, Rsvp.present).order_by(
                    Rsvp.meeting_id, Rsvp.person_id
                )
            )
        ).all()
        return state


async def press(bot: Harness, user: FakeUser, message: SentMessage, data: str) -> dict[str, Any]:
    """Press ``data`` on ``message`` as ``user``; the press's one answer."""
    bot.calm()
    answered = len(bot.api.callback_answers)
    await bot.feed(bot.api.callback_update(user, message, data))
    assert len(bot.api.callback_answers) == answered + 1, "a press is answered exactly once"
    return bot.api.callback_answers[-1]


def test_every_route_has_a_factory_and_an_access_rule() -> None:
    assert set(ROUTES) <= set(FACTORIES), f"add a factory for {set(ROUTES) - set(FACTORIES)}"
    assert set(ROUTES) <= set(RULES), f"add an access rule for {set(ROUTES) - set(RULES)}"


@pytest.mark.parametrize("kind", list(ROUTES), ids=lambda k: k.name)
async def test_a_forged_button_for_another_board_shows_and_changes_nothing(
    bot: Harness, kind: Kind
) -> None:
    w = await world(bot)
    data = FACTORIES[kind](w)
    rule = RULES[kind]
    attackers = [
        ("a stranger on no board", w.stranger, await pressable(bot, w.stranger)),
        ("a member of board B", w.b_member, await pressable(bot, w.b_member)),
        (
            "a member of board B in B's group",
            w.b_member,
            await pressable(bot, w.b_member, GROUP_B),
        ),
        (
            "a member of A and B in B's group",
            w.dual,
            await pressable(bot, w.dual, GROUP_B),
        ),
    ]
    if rule.who in RESERVED:
        plain = w.a_users["iswi"]
        attackers.append(("a plain member of board A", plain, await pressable(bot, plain)))
    for who, user, message in attackers:
        before_shown = shown(bot.api)
        before_state = await business_state(bot.db)
        answer = await press(bot, user, message, data)
        assert leaks(w, before_shown, bot.api) == [], (kind, who)
        assert await business_state(bot.db) == before_state, (kind, who)
        if rule.who is Who.ANYONE:  # public: the agreement's text, the presser's language
            continue
        assert answer["show_alert"] is True, (kind, who, answer)
        assert answer["text"], (kind, who, answer)
        assert shown(bot.api) == before_shown, (kind, who, "nothing is sent or edited")


async def test_the_legitimate_presses_still_work(bot: Harness) -> None:
    w = await world(bot)
    uwv, secretary, chair = w.a_users["uwv"], w.a_users["secretaris"], w.a_users["voorzitter"]

    # vote
    answer = await press(bot, uwv, await pressable(bot, uwv), encode(Kind.VOTE, w.motion, "f"))
    assert answer["text"] == "Jouw stem: Voor"
    assert any(s.choice for s in (await motions.view(bot.db, w.motion)).seats if s.key == "uwv")

    # the decision list, in a private chat and in board A's own group
    message = await pressable(bot, chair)
    await press(bot, chair, message, encode(Kind.DECISIONS_BOARD, w.board_a))
    assert A_NAME in (bot.api.last_message(chair.id).text or "")
    in_group = await pressable(bot, chair, GROUP_A)
    answer = await press(bot, chair, in_group, encode(Kind.DECISIONS_BOARD, w.board_a))
    assert not answer["show_alert"]
    assert A_NAME in (bot.api.last_message(GROUP_A.id).text or "")

    # the export
    answer = await press(bot, chair, message, encode(Kind.EXPORT, w.board_a, "csv"))
    document = bot.api.last_message(chair.id).document
    assert not answer["show_alert"]
    assert document is not None
    rows = list(csv.reader(io.StringIO(document["content"].decode("utf-8-sig"))))
    assert rows

    # the substitute flow, press by press, as the seat's holder
    message = await pressable(bot, uwv)
    await press(bot, uwv, message, encode(Kind.SUB_BOARD, w.board_a))
    assert TITLE in " ".join(b["text"] for b in bot.api.last_message(uwv.id).buttons())
    await press(bot, uwv, message, encode(Kind.SUB_SEAT, w.board_a, "uwv"))
    await press(bot, uwv, message, encode(Kind.SUB_SCOPE, w.board_a, "uwv", "p", w.motion))
    labels = [b["text"] for b in bot.api.last_message(uwv.id).buttons()]
    assert A_PEOPLE["adviseur-1"][1] in labels
    # a person id that was not offered is refused (it would name a stranger and show the name)
    data = encode(Kind.SUB_PERSON, w.board_a, "uwv", "p", w.motion, w.a_people["voorzitter"].id)
    stranger = await people.identify(bot.db, w.stranger.id, w.stranger.first_name)
    forged = encode(Kind.SUB_PERSON, w.board_a, "uwv", "p", w.motion, stranger.id)
    for refused in (data, forged):
        assert (await press(bot, uwv, message, refused))["show_alert"] is True
    assert await _count(bot.db, Substitution) == 0
    # (the holder has voted on the proposal, so the meeting is the scope left)
    scope = encode(Kind.SUB_PERSON, w.board_a, "uwv", "m", w.meeting, w.a_people["adviseur-1"].id)
    answer = await press(bot, uwv, message, scope)
    assert not answer["show_alert"]
    assert "is de vervanger" in (bot.api.last_message(uwv.id).text or "")
    assert await _count(bot.db, Substitution) == 1

    # presence, by the secretary
    message = await pressable(bot, secretary)
    await press(bot, secretary, message, encode(Kind.PRESENT_MEETING, w.meeting))
    assert "aanwezig" in (bot.api.last_message(secretary.id).text or "")
    answer = await press(bot, secretary, message, encode(Kind.PRESENT_TOGGLE, w.meeting, "iswi"))
    assert answer["text"] == "Genoteerd: aanwezig."

    # an answer to the meeting, and the forget-me button of one's own
    answer = await press(bot, chair, await pressable(bot, chair), encode(Kind.RSVP, w.meeting, 0))
    assert not answer["show_alert"]
    iswi = w.a_users["iswi"]
    mine = encode(Kind.FORGET_ME, w.a_people["iswi"].id, "no")
    answer = await press(bot, iswi, await pressable(bot, iswi), mine)
    assert not answer["show_alert"]


async def _count(db: Database, table: Any) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_the_move_button_of_a_meeting_asks_only_its_secretary_for_a_new_time(
    bot: Harness,
) -> None:
    """'Move' enters the meeting conversation instead of the button router: it takes the same
    access rule, so a forged press is refused before anyone is asked for a new time."""
    w = await world(bot)
    data = encode(Kind.MEETING_ACTION, w.meeting, "move")
    for user in (w.stranger, w.b_member, w.a_users["iswi"]):
        message = await pressable(bot, user)
        before = shown(bot.api)
        answer = await press(bot, user, message, data)
        assert answer["show_alert"] is True
        assert shown(bot.api) == before
