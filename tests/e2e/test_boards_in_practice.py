"""Presence, substitutes, quorum, hidden tallies and follow-ups, through the real Application."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from sqlalchemy import select

from bot.db.models import BallotRow, ScheduledWork
from bot.services import boards, followups, meetings, motions, people, verify
from runtime.scheduler import process_due_work
from standin import FakeUser, SentMessage
from tests.e2e.conftest import Harness
from tests.e2e.test_voting import (
    ballot_message,
    propose,
    results_to,
    seat_everyone,
    vote,
    vote_blocs,
)


async def plan_meeting(bot: Harness, secretary: FakeUser) -> int:
    await bot.send(secretary, "/vergadering")
    await bot.send(secretary, "morgen 14:00")
    await bot.send(secretary, "Stadhuis")
    preview = (await bot.send(secretary, "-"))[-1]
    await bot.press_label(secretary, preview, "Uitnodigingen versturen")
    person = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    return (await meetings.upcoming(bot.db, person.id))[0].id


async def propose_for_meeting(bot: Harness, secretary: FakeUser, *, hidden: bool = False) -> int:
    await bot.send(secretary, "/voorstel")
    await bot.send(secretary, "Begroting")
    await bot.send(secretary, "Vaststellen.")
    kind = (await bot.send(secretary, "over 3 dagen 17:00"))[-1]
    tally = await bot.press_label(secretary, kind, "Open")
    which = await bot.press_label(secretary, tally, "Verborgen" if hidden else "Live")
    summary = await bot.press_label(secretary, which, "om 14:00")
    await bot.press_label(secretary, summary, "Voorleggen")
    found = re.search(r"Voorstel (\d+)", bot.api.messages_to(secretary.id)[-2].text or "")
    assert found
    return int(found.group(1))


def last_to(bot: Harness, user: FakeUser) -> SentMessage:
    return bot.api.messages_to(user.id)[-1]


async def invite_substitute(
    bot: Harness, holder: FakeUser, scope_label: str, substitute: FakeUser
) -> SentMessage:
    """The holder names a substitute through /vervanger with an invite link; the substitute
    opens the link. Returns the message that tells the substitute."""
    scopes = (await bot.send(holder, "/vervanger"))[-1]
    who = await bot.press_label(holder, scopes, scope_label)
    link = await bot.press_label(holder, who, "Iemand anders")
    code = re.search(r"start=([A-Za-z0-9_-]+)", link.text or "")
    assert code, link.text
    told = await bot.send(substitute, f"/start {code.group(1)}")
    return told[0]


async def test_a_substitute_votes_for_an_absent_alderman_and_the_vice_chair_breaks_the_tie(
    bot: Harness,
) -> None:
    board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    await motions.set_vice_chair(bot.db, board_id, "werkgevers-1")
    await plan_meeting(bot, secretary)
    chair = members["voorzitter"]
    invitation = next(m for m in bot.api.messages_to(chair.id) if m.document is not None)
    await bot.press_label(chair, invitation, "Afwezig")

    alderman = members["iswi"]
    substitute = bot.user(7000, "Vera Vervanger", "en")
    told = await invite_substitute(bot, alderman, "vergadering", substitute)
    assert "You are the substitute for the seat" in (told.text or "")
    assert [b["text"] for b in told.buttons()] == ["Present", "Absent"]
    await bot.press_label(substitute, told, "Present")
    holder_note = last_to(bot, alderman).text or ""
    assert "Vera Vervanger is je vervanger voor de zetel" in holder_note

    motion_id = await propose_for_meeting(bot, secretary)
    # the substitute got the ballot (in English); the holder's own press is refused
    assert [b["text"] for b in ballot_message(bot, substitute, motion_id).buttons()] == [
        "For",
        "Against",
        "Abstain",
    ]
    assert not [m for m in bot.api.messages_to(alderman.id) if "Voorstel" in (m.text or "")]
    await bot.press(alderman, last_to(bot, alderman), f"v|{motion_id}|f")  # e.g. in the group
    refused = bot.api.callback_answers[-1]
    assert refused.get("show_alert")
    assert "stemt een vervanger namens je zetel" in refused.get("text", "")
    await vote_blocs(
        bot,
        members,
        motion_id,
        {"gemeenten": "for", "werknemers": "for", "uwv": "against"},
        skip={"voorzitter", "iswi"},
    )
    await vote(bot, substitute, motion_id, "for")
    await vote(bot, substitute, motion_id, "for")  # the same press twice: still one ballot
    await vote(bot, members["werkgevers-1"], motion_id, "for")
    await vote(bot, members["werkgevers-2"], motion_id, "against")
    await vote(bot, members["werkgevers-3"], motion_id, "against")
    await bot.send(secretary, f"/sluit {motion_id}")

    text = results_to(bot, members["uwv"])[-1]
    assert "<b>Aangenomen.</b>" in text
    assert "De voorzitter was afwezig." in text
    assert "De stem van de vicevoorzitter (voor) gaf de doorslag." in text
    assert "Vera Vervanger stemde als vervanger voor de zetel" in text
    assert "volgens de aanwezigheid bij de vergadering" in text
    english = results_to(bot, substitute)[-1]
    assert "Vera Vervanger voted as substitute for the seat" in english

    ballots = await _ballots(
        bot, motion_id
    )  # one per seat, the alderman's seat cast by the substitute
    seat_ids = [b.seat_id for b in ballots]
    assert len(seat_ids) == len(set(seat_ids)) == 8
    assert sum(1 for b in ballots if b.substitution_id is not None) == 1
    report = await verify.verify_board(bot.db, board_id)
    assert report.intact, report


async def _ballots(bot: Harness, motion_id: int) -> list[BallotRow]:
    async with bot.db.transaction() as session:
        return list(
            await session.scalars(select(BallotRow).where(BallotRow.motion_id == motion_id))
        )


async def test_a_substitute_for_one_proposal_and_what_is_refused(bot: Harness) -> None:
    board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    # a member who holds a voting seat cannot substitute; a seat that voted cannot get one
    await vote(bot, members["uwv"], motion_id, "for")
    secretary_id = (await people.identify(bot.db, secretary.id, "Sam Secretaris")).id
    uwv_id = (await people.identify(bot.db, members["uwv"].id, "Lid uwv")).id
    from bot.services import substitutes
    from bot.services.errors import Refusal, ServiceError

    for seat, person, refusal in (
        ("iswi", uwv_id, Refusal.SUBSTITUTE_HOLDS_SEAT),
        ("uwv", None, Refusal.SEAT_HAS_VOTED),
    ):
        with pytest.raises(ServiceError) as refused:
            await substitutes.name(
                bot.db, board_id, seat, secretary_id, motion_id=motion_id, person_id=person
            )
        assert refused.value.refusal is refusal
    # a member can only name one for their own seat; the board can forbid substitutes
    own = await substitutes.seats_for(bot.db, board_id, uwv_id)
    assert [s.key for s in own] == ["uwv"]
    await boards.settings_of(bot.db, board_id, substitutes="voorzitter")
    assert await substitutes.seats_for(bot.db, board_id, uwv_id) == []
    reply = await bot.say(members["uwv"], "/vervanger")
    assert "geen stemgerechtigde zetel waarvoor een vervanger is toegestaan" in reply


async def test_quorum_not_reached_and_then_reached(bot: Harness) -> None:
    board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    settings = await boards.settings_of(bot.db, board_id, quorum="majority")
    assert settings.quorum is not None  # 9 voting seats: 5 needed
    first = await propose(bot, secretary, "Eerste")
    for seat in ("iswi", "uwv", "werkgevers-1", "werknemers-1"):
        await vote(bot, members[seat], first, "for")
    await bot.send(secretary, f"/sluit {first}")
    text = results_to(bot, members["uwv"])[-1]
    assert "<b>Geen besluit.</b>" in text
    assert "Quorum niet gehaald (4 van 9 zetels; 5 nodig)" in text
    assert "een instelling van het bestuur" in text

    second = await propose(bot, secretary, "Tweede")
    for seat in ("iswi", "uwv", "werkgevers-1", "werknemers-1", "voorzitter"):
        await vote(bot, members[seat], second, "for")
    await bot.send(secretary, f"/sluit {second}")
    text = results_to(bot, members["uwv"])[-1]
    assert "<b>Aangenomen.</b>" in text
    assert "Quorum gehaald: 5 van 9 zetels aanwezig, 5 nodig" in text
    # changing the setting later does not change a closed decision
    await boards.settings_of(bot.db, board_id, quorum="off")
    assert (await motions.outcome(bot.db, first)).quorum is not None
    assert (await verify.verify_board(bot.db, board_id)).intact


async def test_a_hidden_tally_shows_only_how_many_voted_until_the_close(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary, hidden=True)
    await vote_blocs(bot, members, motion_id, {"gemeenten": "for", "uwv": "against"})
    tally = next(
        m
        for m in bot.api.messages_to(secretary.id)
        if "stemgerechtigde zetels" in (m.text or "") and f"Voorstel {motion_id}" in (m.text or "")
    )
    assert "5 van de 9 stemgerechtigde zetels hebben gestemd." in (tally.text or "")
    assert "De telling blijft verborgen tot de sluiting." in (tally.text or "")
    assert "tegen" not in (tally.text or "")
    assert "Lid iswi" not in (tally.text or "")
    shown = await bot.say(members["uwv"], f"/uitslag {motion_id}")
    assert "verborgen" in shown
    assert "Lid iswi" not in shown
    await bot.send(secretary, f"/sluit {motion_id}")
    closed = next(m for m in bot.api.messages if m.message_id == tally.message_id)
    assert "Lid iswi" in (closed.text or "")
    assert "verborgen" not in (closed.text or "")


async def test_reminders_for_a_hidden_tally_go_only_to_those_who_have_not_voted(
    bot: Harness,
) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary, hidden=True)
    await vote(bot, members["uwv"], motion_id, "for")
    view = await motions.view(bot.db, motion_id)
    before = len(bot.api.messages)
    await process_due_work(
        bot.app.bot, bot.db, "nl", "w1", view.deadline_at - timedelta(minutes=59)
    )
    reminded = {m.chat_id for m in bot.api.messages[before:] if "Herinnering" in (m.text or "")}
    assert members["uwv"].id not in reminded
    assert members["iswi"].id in reminded
    assert len(reminded) == 8


def review_day() -> date:
    """A review date a hundred days ahead, whenever the tests run (a fixed date would pass)."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date() + timedelta(days=100)


def spelled(day: date, lang: str) -> str:
    """ "1 maart 2027" / "1 March 2027", as the bot writes and reads a date."""
    return format_date(day, format="long", locale="nl_NL" if lang == "nl" else "en_GB")


async def test_a_follow_up_is_reminded_on_its_review_date_once(bot: Harness) -> None:
    review = review_day()
    dutch = spelled(review, "nl")
    _board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    await vote_blocs(
        bot,
        members,
        motion_id,
        {"gemeenten": "for", "werkgevers": "for", "werknemers": "for", "uwv": "for"},
    )
    await bot.send(secretary, f"/sluit {motion_id}")
    usage = await bot.say(secretary, "/opvolging")
    assert "Schrijf: /opvolging N eigenaar; evaluatiedatum" in usage
    refused = await bot.say(members["uwv"], f"/opvolging {motion_id} UWV; {dutch}")
    assert "Alleen de secretaris" in refused
    saved = await bot.say(secretary, f"/opvolging {motion_id} Gemeente Doetinchem; {dutch}")
    assert f"opvolging door Gemeente Doetinchem, evaluatie op {dutch}" in saved
    listing = await bot.say(secretary, "/besluiten")
    assert "Openstaande opvolging" in listing
    assert f"Gemeente Doetinchem, evaluatie op {dutch}" in listing

    frozen = datetime(review.year, review.month, review.day, 8, 5, tzinfo=UTC)  # 9 or 10 o'clock
    before = len(bot.api.messages)
    await process_due_work(bot.app.bot, bot.db, "nl", "w1", frozen - timedelta(days=1))
    assert not [m for m in bot.api.messages[before:] if "evalueren" in (m.text or "")]
    await process_due_work(bot.app.bot, bot.db, "nl", "w1", frozen)
    await process_due_work(bot.app.bot, bot.db, "nl", "w2", frozen + timedelta(minutes=1))
    sent = [m for m in bot.api.messages[before:] if "Vandaag evalueren" in (m.text or "")]
    assert [m.chat_id for m in sent] == [secretary.id]
    assert f"besluit {motion_id} (Begroting 2027)" in (sent[0].text or "")

    done = await bot.say(secretary, f"/opvolging {motion_id} klaar")
    assert "is afgerond" in done
    assert "Openstaande opvolging" not in await bot.say(secretary, "/besluiten")
    bot.calm()
    not_adopted = await propose(bot, secretary, "Later")
    await bot.send(secretary, f"/sluit {not_adopted}")
    refused = await bot.say(secretary, f"/opvolging {not_adopted} X; {dutch}")
    assert "niet aangenomen" in refused


async def test_english_follow_up_and_review_reminder_planned_once(bot: Harness) -> None:
    _board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    for seat in members:
        await vote(bot, members[seat], motion_id, "for")
    await bot.send(secretary, f"/sluit {motion_id}")
    offer = (await bot.send(secretary, "/taal"))[-1]
    await bot.press_label(secretary, offer, "English")
    review = review_day()
    saved = await bot.say(secretary, f"/followup {motion_id} UWV; {review.isoformat()}")
    assert f"follow-up by UWV, review on {spelled(review, 'en')}" in saved
    again = await bot.say(secretary, f"/followup {motion_id} UWV; {review.isoformat()}")
    assert f"review on {spelled(review, 'en')}" in again
    async with bot.db.transaction() as session:
        planned = list(
            await session.scalars(
                select(ScheduledWork).where(
                    ScheduledWork.kind == followups.REVIEW,
                    ScheduledWork.motion_id == motion_id,
                    ScheduledWork.done_at.is_(None),
                )
            )
        )
    assert len(planned) == 1


async def test_the_secretary_corrects_presence_during_the_meeting(bot: Harness) -> None:
    _board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    meeting_id = await plan_meeting(bot, secretary)
    shown = (await bot.send(secretary, "/aanwezig"))[-1]
    assert "0 van 9 stemgerechtigde zetels aanwezig." in (shown.text or "")
    chair_button = next(b for b in shown.buttons() if "Voorzitter" in b["text"])
    marked = await bot.press(secretary, shown, chair_button["callback_data"])
    assert "1 van 9 stemgerechtigde zetels aanwezig." in (marked.text or "")
    assert any(b["text"].startswith("✓ Voorzitter") for b in marked.buttons())
    _, answers = await meetings.attendance(bot.db, meeting_id)
    assert [a.present for a in answers if a.key == "voorzitter"] == [True]
    # a member cannot do it, and a forged seat changes nothing
    refused = await bot.say(members["uwv"], "/aanwezig")
    assert "Alleen de secretaris" in refused
    await bot.press(secretary, marked, f"at|{meeting_id}|nobody")
    assert bot.api.callback_answers[-1].get("show_alert")
