"""/meeting (/vergadering): invitations with a calendar file, answers, /attendance, reminders once."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import translator
from bot.services import boards, meetings, people
from bot.texts.html import capitalized
from bot.texts.motions import deadline_text
from runtime.scheduler import process_due_work
from standin import FakeUser
from tests.e2e.conftest import Harness


async def board_with_members(bot: Harness) -> tuple[int, FakeUser, list[FakeUser]]:
    board, secretary = await bot.board_with_secretary()
    members = []
    for number, seat in enumerate(["uwv", "werkgevers-1"]):
        user = bot.user(5000 + number, f"Lid {number}", "en" if number == 0 else "nl")
        person = await people.identify(
            bot.db, user.id, user.first_name, telegram_language=user.language_code
        )
        await boards.assign(bot.db, board.id, seat, person.id)
        members.append(user)
    return board.id, secretary, members


async def send_invitations(bot: Harness, secretary: FakeUser, agenda: str) -> str:
    """Type the agenda, see the invitation before it goes out, and send it."""
    sent = await bot.send(secretary, agenda)  # a long agenda: in parts, buttons on the last
    assert "Deze uitnodiging naar" in (sent[0].text or "")
    preview = sent[-1]
    return (await bot.press_label(secretary, preview, "Uitnodigingen versturen")).text or ""


async def plan(bot: Harness, secretary: FakeUser, when: str = "over 10 dagen 14:00") -> int:
    await bot.send(secretary, "/vergadering")
    await bot.send(secretary, when)
    await bot.send(secretary, "Stadhuis Doetinchem")
    done = await send_invitations(bot, secretary, "Begroting\nJaarverslag")
    assert "Vergadering gepland; 3 leden zijn uitgenodigd." in done
    found = await meetings.upcoming(
        bot.db, (await people.identify(bot.db, secretary.id, "Sam Secretaris")).id
    )
    return found[0].id


async def test_members_are_invited_with_a_calendar_file_and_answer(bot: Harness) -> None:
    _, secretary, members = await board_with_members(bot)
    meeting_id = await plan(bot, secretary)
    invitation = bot.api.messages_to(members[0].id)[-1]
    assert invitation.document is not None
    ics = invitation.document["content"].decode()
    assert f"UID:meeting-{meeting_id}@werkbot" in ics
    assert "LOCATION:Stadhuis Doetinchem" in ics
    await bot.press_label(members[0], invitation, "Present")
    assert bot.api.callback_answers[-1]["text"] == "Noted: present."
    dutch = bot.api.messages_to(members[1].id)[-1]
    await bot.press_label(members[1], dutch, "Afwezig")
    listing = await bot.say(secretary, "/aanwezigheid")
    assert "(Lid 0): aanwezig" in listing
    assert "(Lid 1): afwezig" in listing
    assert "(Sam Secretaris): niet geantwoord" in listing


async def test_bad_dates_are_refused_and_only_the_secretary_plans(bot: Harness) -> None:
    _, secretary, members = await board_with_members(bot)
    assert "Alleen de secretaris" in await bot.say(members[1], "/vergadering")
    await bot.send(secretary, "/vergadering")
    assert "kan ik niet lezen" in await bot.say(secretary, "onzin")
    assert "al voorbij" in await bot.say(secretary, "gisteren 10:00")
    assert "Geannuleerd" in await bot.say(secretary, "/annuleer")


async def test_reminders_go_out_once_to_every_member(bot: Harness) -> None:
    _, secretary, members = await board_with_members(bot)
    meeting_id = await plan(bot, secretary)
    starts = (await meetings.view(bot.db, meeting_id)).starts_at
    day_before = starts - timedelta(hours=23)
    await process_due_work(bot.app.bot, bot.db, "nl", "w1", now=day_before)
    await process_due_work(bot.app.bot, bot.db, "nl", "w2", now=day_before)
    english = [
        m.text or "" for m in bot.api.messages_to(members[0].id) if "Reminder:" in (m.text or "")
    ]
    assert len(english) == 2  # the 7-day and the 1-day reminder, both due by now, each once
    assert "Stadhuis Doetinchem" in english[-1]


async def test_the_calendar_command_writes_every_meeting(bot: Harness, tmp_path: object) -> None:
    board_id, secretary, _ = await board_with_members(bot)
    meeting_id = await plan(bot, secretary)
    calendar = meetings.board_calendar(await meetings.of_board(bot.db, board_id)).decode()
    assert calendar.count("BEGIN:VEVENT") == 1
    assert f"UID:meeting-{meeting_id}@werkbot" in calendar


async def test_moving_a_meeting_tells_members_and_moves_the_reminders(bot: Harness) -> None:
    _, secretary, members = await board_with_members(bot)
    meeting_id = await plan(bot, secretary)
    listing = (await bot.send(secretary, "/vergaderingen"))[-1]
    await bot.press_label(secretary, listing, "Verplaatsen")
    moved = (await bot.send(secretary, "over 20 dagen 10:00"))[-1].text or ""
    assert "Verplaatst naar" in moved
    update = bot.api.messages_to(members[1].id)[-1]
    assert update.document is not None
    assert "SEQUENCE:1" in update.document["content"].decode()
    starts = (await meetings.view(bot.db, meeting_id)).starts_at
    await process_due_work(bot.app.bot, bot.db, "nl", "w1", now=starts - timedelta(hours=23))
    reminders = [
        m.text or "" for m in bot.api.messages_to(members[1].id) if "Herinnering" in (m.text or "")
    ]
    assert len(reminders) == 2
    assert all("10:00" in r for r in reminders)


async def test_a_cancelled_meeting_is_told_and_never_reminded(bot: Harness) -> None:
    _, secretary, members = await board_with_members(bot)
    meeting_id = await plan(bot, secretary)
    starts = (await meetings.view(bot.db, meeting_id)).starts_at
    listing = (await bot.send(secretary, "/vergaderingen"))[-1]
    await bot.press_label(secretary, listing, "afgelasten")
    notice = bot.api.messages_to(members[1].id)[-1]
    assert notice.document is not None
    assert "STATUS:CANCELLED" in notice.document["content"].decode()
    assert "is afgelast" in (notice.text or notice.document.get("caption") or "")
    await process_due_work(bot.app.bot, bot.db, "nl", "w1", now=starts - timedelta(hours=1))
    assert not any("Herinnering" in (m.text or "") for m in bot.api.messages_to(members[1].id))
    assert "Er zijn geen vergaderingen gepland" in await bot.say(members[1], "/vergaderingen")


async def test_the_yearly_report_lists_meetings_attendance_and_decisions(bot: Harness) -> None:
    from datetime import UTC, datetime

    from bot.db.models import Meeting, Rsvp

    board_id, secretary, members = await board_with_members(bot)
    member = await people.identify(bot.db, members[1].id, members[1].first_name)
    async with bot.db.transaction() as session:
        meeting = Meeting(
            board_id=board_id,
            starts_at=datetime(2025, 3, 10, 13, tzinfo=UTC),
            location="Doetinchem",
        )
        session.add(meeting)
        await session.flush()
        session.add(Rsvp(meeting_id=meeting.id, person_id=member.id, present=True))
    document = (await bot.send(secretary, "/jaarverslag 2025"))[-1].document
    assert document is not None
    assert document["file_name"].startswith("jaarverslag-2025")
    pdf = document["content"]
    assert pdf.startswith(b"%PDF")
    assert "Alleen de secretaris" in await bot.say(members[1], "/jaarverslag 2025")


async def test_the_report_text_names_rhythm_and_attendance(bot: Harness) -> None:
    from datetime import UTC, datetime

    from bot.db.models import Meeting
    from bot.i18n import translator
    from bot.services import yearly
    from bot.texts.report import report_pdf

    board_id, _secretary, _ = await board_with_members(bot)
    async with bot.db.transaction() as session:
        session.add(
            Meeting(
                board_id=board_id,
                starts_at=datetime(2025, 3, 10, 13, tzinfo=UTC),
                location="Doetinchem",
            )
        )
    report = await yearly.year_report(bot.db, board_id, 2025, translator("en"))
    assert [p.held for p in report.periods] == [1, 0, 0, 0]
    [duty] = report.duties
    assert (str(duty.due), duty.includes) == ("2026-02-11", "a financial section")
    text = report_pdf(report, translator("en"), datetime(2026, 1, 5, tzinfo=UTC), compress=False)
    assert b"Yearly report 2025" in text
    assert b"too few" in text
    assert b"TO BE FILLED IN BY THE SECRETARY: a financial section." in text
    assert f"Audit check number: {report.anchor}".encode() in text


async def test_the_meetings_attendance_counts_as_presence_for_the_decision(bot: Harness) -> None:
    from bot.services import motions
    from tests.e2e.test_voting import results_to, seat_everyone, vote_blocs

    board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    await motions.set_vice_chair(bot.db, board_id, "werkgevers-1")
    await bot.send(secretary, "/vergadering")
    await bot.send(secretary, "morgen 14:00")
    await bot.send(secretary, "Stadhuis")
    await send_invitations(bot, secretary, "-")
    chair = members["voorzitter"]
    invitation = next(m for m in bot.api.messages_to(chair.id) if m.document is not None)
    await bot.press_label(chair, invitation, "Aanwezig")
    await bot.send(secretary, "/voorstel")
    await bot.send(secretary, "Begroting")
    await bot.send(secretary, "Vaststellen.")
    kind = (await bot.send(secretary, "over 3 dagen 17:00"))[-1]
    tally = await bot.press_label(secretary, kind, "Open")
    which = await bot.press_label(secretary, tally, "Live")
    summary = await bot.press_label(secretary, which, "om 14:00")
    assert "Vergadering:" in (summary.text or "")
    await bot.press_label(secretary, summary, "Voorleggen")
    motion_id = max(
        m.id
        for m in await motions.motions_of(
            bot.db, (await people.identify(bot.db, members["uwv"].id, "Lid uwv")).id
        )
    )
    await vote_blocs(
        bot,
        members,
        motion_id,
        {"gemeenten": "against", "werkgevers": "for", "werknemers": "against", "uwv": "for"},
        skip={"voorzitter"},
    )
    await bot.send(secretary, f"/sluit {motion_id}")
    text = results_to(bot, members["uwv"])[-1]
    assert "<b>Geen besluit.</b>" in text
    assert "De voorzitter was aanwezig maar stemde niet." in text


async def test_a_long_agenda_with_markup_characters_still_makes_a_valid_invitation(
    bot: Harness,
) -> None:
    _, secretary, members = await board_with_members(bot)
    await bot.send(secretary, "/vergadering")
    await bot.send(secretary, "over 10 dagen 14:00")
    await bot.send(secretary, "Zaal <1> & 2")
    await send_invitations(
        bot, secretary, "\n".join(f"Punt {n}: begroting & <bijlage>" for n in range(120))
    )
    invitation = bot.api.messages_to(members[1].id)[-1]
    assert invitation.document is not None
    assert "Zaal <1> & 2" in (invitation.plain_text or "")
    assert len(invitation.plain_text or "") <= 1024


async def test_a_meeting_after_the_deadline_does_not_count_as_presence(bot: Harness) -> None:
    from bot.services import motions

    board_id, secretary, _members = await board_with_members(bot)
    author = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    meeting_id = await plan(bot, secretary)  # in ten days
    late = await motions.propose(
        bot.db,
        board_id,
        author.id,
        "Na de deadline",
        "Tekst",
        (await meetings.view(bot.db, meeting_id)).starts_at - timedelta(days=5),
        meeting_id=meeting_id,
    )
    closed = await motions.close(bot.db, late.id, by=author.id)
    assert closed is not None
    assert (await motions.outcome(bot.db, late.id)).present == frozenset()


async def test_meeting_lists_and_reports_stay_out_of_group_chats(bot: Harness) -> None:
    from standin import FakeChat

    _, secretary, members = await board_with_members(bot)
    group = FakeChat(-100321, "supergroup", "Bestuur")
    bot.api.add_group(group, [secretary, *members])
    assert "Stuur /jaarverslag in een privégesprek" in await bot.say(
        secretary, "/jaarverslag 2025", group
    )
    assert "Send /attendance in a private chat" in await bot.say(members[0], "/attendance", group)


async def test_an_agenda_over_the_limit_is_asked_again(bot: Harness) -> None:
    _, secretary, _members = await board_with_members(bot)
    await bot.send(secretary, "/vergadering")
    await bot.send(secretary, "over 10 dagen 14:00")
    await bot.send(secretary, "Zaal 1")
    refused = await bot.say(secretary, "x" * 4001)
    assert "hooguit 4000 tekens" in refused
    planned = await bot.send(secretary, "Begroting")
    assert any("Begroting" in (m.plain_text or m.text or "") for m in planned)


async def test_invitations_go_out_only_after_the_secretary_confirms(bot: Harness) -> None:
    """The invitation is shown before it goes out; Cancel plans nothing and sends nothing."""
    _, secretary, members = await board_with_members(bot)
    await bot.send(secretary, "/vergadering")
    await bot.send(secretary, "over 10 dagen 14:00")
    await bot.send(secretary, "Zaal 1")
    preview = (await bot.send(secretary, "Begroting"))[-1]
    text = preview.text or ""
    assert "Deze uitnodiging naar 3 leden van Bestuur Werkbedrijf Achterhoek sturen?" in text
    assert "Waar: Zaal 1" in text
    assert "Begroting" in text
    assert not bot.api.messages_to(members[0].id)
    cancelled = await bot.press_label(secretary, preview, "Annuleren")
    assert cancelled.text == "Geannuleerd. Er is niets verstuurd."
    assert not bot.api.messages_to(members[0].id)
    person = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    assert await meetings.upcoming(bot.db, person.id) == []


async def test_the_proposal_offers_only_meetings_before_its_deadline(bot: Harness) -> None:
    """A meeting after the vote closes cannot give the decision its presence: not offered."""
    _, secretary, _members = await board_with_members(bot)
    await plan(bot, secretary, "over 2 dagen 14:00")
    await plan(bot, secretary, "over 10 dagen 14:00")
    await bot.send(secretary, "/voorstel")
    await bot.send(secretary, "Begroting")
    await bot.send(secretary, "Vaststellen.")
    kind = (await bot.send(secretary, "over 5 dagen 17:00"))[-1]
    tally = await bot.press_label(secretary, kind, "Open")
    which = await bot.press_label(secretary, tally, "Live")
    offered = [b["text"] for b in which.buttons()]
    assert len(offered) == 2, offered  # the meeting in 2 days, and "no meeting"
    person = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    soon = min(m.starts_at for m in await meetings.upcoming(bot.db, person.id))
    assert offered[0] == capitalized(deadline_text(soon, translator("nl")))  # "Zondag 6 ..."
