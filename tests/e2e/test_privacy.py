"""Privacy (AVG): /privacy, /mydata and /forgetme, driven as users do, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.db.models import (
    AuditEvent,
    BallotRow,
    ConversationState,
    Motion,
    Person,
    Rsvp,
    Seat,
    utcnow,
)
from bot.i18n import translator
from bot.services import boards, invites, meetings, motions, people
from bot.services.privacy import ERASED_NAME, Erasure
from bot.services.verify import verify_board
from handlers.privacy import render_erasure, render_privacy
from rules.decide import Choice
from standin import FakeChat, FakeUser, SentMessage
from tests.e2e.conftest import Harness
from tests.e2e.test_voting import seat_everyone


async def person_of(bot: Harness, user: FakeUser) -> int:
    found = await people.identify(bot.db, user.id, user.first_name)
    return found.id


async def my_data(bot: Harness, user: FakeUser, command: str = "/mijngegevens") -> dict[str, Any]:
    sent = await bot.send(user, command)
    assert len(sent) == 1, [m.text for m in sent]
    document = sent[0].document
    assert document is not None
    assert document["file_name"].startswith("werkbot-")
    assert document["file_name"].endswith(".json")
    data: dict[str, Any] = json.loads(document["content"].decode())
    return data


async def closed_and_open_motions(bot: Harness) -> tuple[int, dict[str, FakeUser], int, int]:
    """Every seat votes for a named motion that is closed (adopted); on a secret one that
    stays open only werkgevers-1 votes (against)."""
    board_id, members, _ = await seat_everyone(bot, "achterhoek-2014")
    chair = await person_of(bot, members["voorzitter"])
    deadline = utcnow() + timedelta(days=2)
    named = await motions.propose(
        bot.db, board_id, chair, "Begroting 2027", "Vaststellen.", deadline
    )
    for user in members.values():
        await motions.cast(bot.db, named.id, await person_of(bot, user), Choice.FOR)
    await motions.close(bot.db, named.id, by=chair)
    secret = await motions.propose(
        bot.db, board_id, chair, "Benoeming", "Geheim.", deadline, secret=True
    )
    await motions.cast(
        bot.db, secret.id, await person_of(bot, members["werkgevers-1"]), Choice.AGAINST
    )
    return board_id, members, named.id, secret.id


async def test_privacy_explains_in_both_languages(bot: Harness) -> None:
    dutch = await bot.say(bot.user(300, "Nel"), "/privacy")
    assert "/mijngegevens" in dutch
    assert "/vergeetmij" in dutch
    assert "/mydata" not in dutch
    assert dutch == render_privacy(translator("nl"), 90)
    assert "Privacy: wat ik over je bewaar" in dutch
    assert "na 90 dagen verwijderd" in dutch
    english = await bot.say(bot.user(301, "Eve", language="en"), "/privacy")
    assert "<b>Privacy: what I store about you</b>" in english
    assert "Telegram user id" in english
    assert "deleted after 90 days" in english
    assert "a secret ballot is never shown with your name" in english
    assert "cooperation agreement" in english
    assert "/mydata" in english
    assert "/forgetme" in english
    assert "/mijngegevens" not in english
    assert "/privacy" in await bot.say(bot.user(302, "Hulp", language="en"), "/help")


async def test_mydata_holds_my_seat_and_ballots_and_nothing_of_others(bot: Harness) -> None:
    board_id, members, named, secret = await closed_and_open_motions(bot)
    member = members["werkgevers-1"]
    other = members["werkgevers-2"]
    data = await my_data(bot, member)
    assert data["person"]["name"] == "Lid werkgevers-1"
    assert data["person"]["telegram_user_id"] == member.id
    assert data["person"]["erased_at"] is None
    assert [(s["board_id"], s["seat"], s["current"]) for s in data["seats"]] == [
        (board_id, "werkgevers-1", True)
    ]
    ballots = {b["motion_id"]: b for b in data["ballots"]}
    assert set(ballots) == {named, secret}
    assert (ballots[named]["seat"], ballots[named]["choice"]) == ("werkgevers-1", "for")
    assert ballots[named]["title"] == "Begroting 2027"
    assert ballots[secret]["secret"] is True  # their own secret ballot: it is their data
    assert ballots[secret]["choice"] == "against"
    # the audit log names who cast a ballot (`by`): their own ballots' events are their data
    assert {e["kind"] for e in data["audit_events"]} == {"seat_assigned", "ballot_cast"}
    raw = json.dumps(data)
    assert "Lid werkgevers-2" not in raw
    assert all(
        data["person"]["id"] in (e["payload"].get("person"), e["payload"].get("by"))
        for e in data["audit_events"]
    )
    assert other.id not in {e["payload"].get("telegram_user_id") for e in data["audit_events"]}
    assert "voorzitter" not in raw
    english = await my_data(bot, bot.user(303, "Nobody", language="en"), "/mydata")
    assert english["seats"] == []
    assert english["ballots"] == []


async def test_mydata_and_forgetme_only_in_a_private_chat(bot: Harness) -> None:
    member = bot.user(304, "Groepslid")
    group = FakeChat(-100600, "supergroup", "Bestuur")
    bot.api.add_group(group, [member])
    assert "/mijngegevens" in await bot.say(member, "/mijngegevens", group)
    assert "/vergeetmij" in await bot.say(member, "/vergeetmij", group)
    assert all(m.document is None for m in bot.api.messages)


def confirmation(bot: Harness, user: FakeUser) -> SentMessage:
    message = bot.api.messages_to(user.id)[-1]
    assert [b["callback_data"].rsplit("|", 1)[1] for b in message.buttons()] == ["ok", "no"]
    return message


async def test_forgetme_no_changes_nothing(bot: Harness) -> None:
    _, members, _, _ = await closed_and_open_motions(bot)
    member = members["werkgevers-1"]
    before = await my_data(bot, member)
    await bot.send(member, "/vergeetmij")
    no = confirmation(bot, member).buttons()[1]["callback_data"]
    await bot.press(member, confirmation(bot, member), no)
    after = await my_data(bot, member)
    for part in ("person", "seats", "ballots", "audit_events"):
        assert after[part] == before[part]


async def test_someone_elses_forget_button_erases_nothing(bot: Harness) -> None:
    member = bot.user(305, "Eerste")
    await bot.send(member, "/vergeetmij")
    message = confirmation(bot, member)
    other = await person_of(bot, bot.user(306, "Tweede"))
    await bot.press(member, message, f"fm|{other}|ok")
    assert bot.api.callback_answers[-1]["show_alert"]
    async with bot.db.transaction() as session:
        assert (await session.get(Person, other)).erased_at is None  # type: ignore[union-attr]
        assert await session.scalar(select(Person.id).where(Person.telegram_user_id == member.id))


async def test_forgetme_erases_and_keeps_closed_outcomes_verifiable(bot: Harness) -> None:
    board_id, members, named, secret = await closed_and_open_motions(bot)
    member = members["werkgevers-1"]
    person_id = await person_of(bot, member)
    secretary = await people.identify(bot.db, 100, "Sam Secretaris")
    meeting = await meetings.schedule(
        bot.db, board_id, secretary.id, utcnow() + timedelta(days=7), "Doetinchem", "Begroting"
    )
    await meetings.answer(bot.db, meeting.id, person_id, True)
    async with bot.db.transaction() as session:
        session.add(
            ConversationState(
                lane=f"{member.id}:{member.id}", drafts=b"draft", telegram_user_id=member.id
            )
        )
    result_before = (await motions.outcome(bot.db, named)).result
    assert (await verify_board(bot.db, board_id)).intact

    await bot.send(member, "/vergeetmij")
    message = confirmation(bot, member)
    done = await bot.press(member, message, message.buttons()[0]["callback_data"])
    assert done.reply_markup is None or not done.buttons()

    async with bot.db.transaction() as session:
        person = await session.get(Person, person_id)
        assert person is not None
        assert person.name == ERASED_NAME
        assert (person.username, person.telegram_user_id, person.language) == (None, None, None)
        assert person.telegram_language is None
        assert person.erased_at is not None
        ballots = (
            await session.execute(
                select(BallotRow.motion_id, BallotRow.choice, BallotRow.person_id)
                .join(Seat, Seat.id == BallotRow.seat_id)
                .where(Seat.board_id == board_id, Seat.key == "werkgevers-1")
                .order_by(BallotRow.motion_id)
            )
        ).all()
        assert [tuple(b) for b in ballots] == [(named, "for", None), (secret, "against", None)]
        assert await session.scalar(select(Rsvp.id).where(Rsvp.person_id == person_id)) is None
        assert (
            await session.scalar(
                select(ConversationState.lane).where(
                    ConversationState.telegram_user_id == member.id
                )
            )
            is None
        )
        erased = (
            await session.scalars(select(AuditEvent).where(AuditEvent.kind == "person_erased"))
        ).all()
        assert [(e.board_id, e.payload) for e in erased] == [(None, {"person": person_id})]
        assert (await session.get(Motion, named)).result == result_before.value  # type: ignore[union-attr]

    holders = {s.key: s.holder for s in (await boards.overview(bot.db, board_id)).seats}
    assert holders["werkgevers-1"] is None
    assert holders["werkgevers-2"] == "Lid werkgevers-2"
    report = await verify_board(bot.db, board_id)
    assert report.intact, report.problems
    assert report.outcomes == 1
    assert (await motions.outcome(bot.db, named)).result == result_before
    assert "Begroting 2027" in await bot.say(members["uwv"], "/besluiten")

    again = await my_data(bot, member)  # the same Telegram account is someone new now
    assert again["person"]["id"] != person_id
    assert again["person"]["name"] == "Lid werkgevers-1"
    assert again["seats"] == []
    assert again["ballots"] == []
    assert again["rsvps"] == []
    assert again["audit_events"] == []


async def test_a_secretary_who_erases_themselves_loses_the_role_and_their_invites(
    bot: Harness,
) -> None:
    board, secretary = await bot.board_with_secretary()
    assert "start=" in await bot.say(secretary, "/invite uwv")
    assert await invites.open_invites(bot.db, board.id) == 1
    await bot.send(secretary, "/vergeetmij")
    message = confirmation(bot, secretary)
    person_id = int(message.buttons()[0]["callback_data"].split("|")[1])
    done = await bot.press(secretary, message, message.buttons()[0]["callback_data"])
    expected = Erasure(person_id, secretary.id, 1, 0, 1, 0, 0, 0)
    assert done.text == render_erasure(expected, translator("nl"))
    assert await invites.open_invites(bot.db, board.id) == 0
    holders = {s.key: s.holder for s in (await boards.overview(bot.db, board.id)).seats}
    assert holders["secretaris"] is None
    assert "Alleen de secretaris" in await bot.say(secretary, "/uitnodigen")
    assert (await verify_board(bot.db, board.id)).intact
