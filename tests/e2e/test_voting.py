"""Proposals and voting, driven through the real Application, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.db.models import AuditEvent, BallotRow, utcnow
from bot.services import audit, boards, motions, people
from bot.settings import Settings
from runtime.app import build_application
from runtime.scheduler import process_due_work
from standin import FakeChat, FakeUser, SentMessage, StandinRequest
from tests.e2e.conftest import Harness

ACHTERHOEK_BLOCS = {
    "gemeenten": ("voorzitter", "wsp-achterhoek-west", "loopbaanplein-oost", "iswi"),
    "werkgevers": ("werkgevers-1", "werkgevers-2", "werkgevers-3"),
    "werknemers": ("werknemers-1",),
    "uwv": ("uwv",),
}
BUTTON = {
    "for": ("Voor", "For"),
    "against": ("Tegen", "Against"),
    "abstain": ("Onthouding", "Abstain"),
}


async def seat_everyone(
    bot: Harness, agreement: str, english: frozenset[str] | set[str] = frozenset()
) -> tuple[int, dict[str, FakeUser], FakeUser]:
    """A board whose every voting seat is held by a member; returns the secretary too."""
    board, secretary = await bot.board_with_secretary(agreement)
    overview = await boards.overview(bot.db, board.id)
    members: dict[str, FakeUser] = {}
    for number, seat in enumerate(s for s in overview.seats if s.votes):
        language = "en" if seat.key in english else "nl"
        user = bot.user(1000 + number, f"Lid {seat.key}", language)
        person = await people.identify(bot.db, user.id, user.first_name, telegram_language=language)
        await boards.assign(bot.db, board.id, seat.key, person.id)
        members[seat.key] = user
    return board.id, members, secretary


async def propose(
    bot: Harness,
    proposer: FakeUser,
    title: str = "Begroting 2027",
    *,
    secret: bool = False,
    hidden: bool = False,
) -> int:
    """Run the /voorstel conversation to the end and return the new proposal's number."""
    await bot.send(proposer, "/voorstel")
    await bot.send(proposer, title)
    await bot.send(proposer, "Het bestuur stelt de begroting vast.")
    kind = (await bot.send(proposer, "morgen 17:00"))[-1]
    tally = await bot.press_label(proposer, kind, "Geheime" if secret else "Open")
    summary = await bot.press_label(proposer, tally, "Verborgen" if hidden else "Live")
    await bot.press_label(proposer, summary, "Voorleggen")
    number = re.search(r"Voorstel (\d+)", bot.api.messages_to(proposer.id)[-2].text or "")
    assert number, [m.text for m in bot.api.messages_to(proposer.id)[-3:]]
    return int(number.group(1))


def ballot_message(bot: Harness, user: FakeUser, motion_id: int) -> SentMessage:
    return next(
        m
        for m in bot.api.messages_to(user.id)
        if m.reply_markup
        and any(b.get("callback_data", "").startswith(f"v|{motion_id}|") for b in m.buttons())
    )


async def vote(bot: Harness, user: FakeUser, motion_id: int, choice: str) -> str | None:
    """Press the ballot button; return the callback answer's text."""
    message = ballot_message(bot, user, motion_id)
    code = {"for": "f", "against": "a", "abstain": "x"}[choice]
    await bot.press(user, message, f"v|{motion_id}|{code}")
    return bot.api.callback_answers[-1].get("text")


async def vote_blocs(
    bot: Harness,
    members: dict[str, FakeUser],
    motion_id: int,
    blocs: dict[str, str],
    skip: frozenset[str] | set[str] = frozenset(),
) -> None:
    for bloc, choice in blocs.items():
        for seat in ACHTERHOEK_BLOCS[bloc]:
            if seat not in skip:
                await vote(bot, members[seat], motion_id, choice)


RESULT = re.compile(r"<b>(Aangenomen|Verworpen|Geen besluit|Adopted|Rejected|No decision)\.</b>")


def results_to(bot: Harness, user: FakeUser) -> list[str]:
    """The result messages (not the closed ballots) a member received."""
    return [m.text or "" for m in bot.api.messages_to(user.id) if RESULT.search(m.text or "")]


async def test_propose_conversation_refuses_bad_deadlines_and_can_be_cancelled(
    bot: Harness,
) -> None:
    _, secretary = await bot.board_with_secretary()
    assert "Wat is de titel?" in await bot.say(secretary, "/voorstel")
    assert "Waarover besluit" in await bot.say(secretary, "Begroting")
    assert "Tot wanneer" in await bot.say(secretary, "Vaststellen.")
    assert "kan ik niet lezen" in await bot.say(secretary, "onzin")
    assert "al voorbij" in await bot.say(secretary, "gisteren 10:00")
    assert "meer dan een jaar" in await bot.say(secretary, "2031-01-01 10:00")
    assert "Je schrijft een voorstel" in await bot.say(secretary, "/zetel")
    asked = (await bot.send(secretary, "vrijdag 17:00"))[-1]
    assert re.search(r"Deadline: vrijdag \d+ \w+ 20\d\d om 17:00", asked.text or "")
    tally = await bot.press_label(secretary, asked, "Open")
    summary = await bot.press_label(secretary, tally, "Live")
    assert "<b>Begroting</b>" in (summary.text or "")
    cancelled = await bot.press_label(secretary, summary, "Annuleren")
    assert cancelled.text == "Geannuleerd. Er is niets naar het bestuur gestuurd."
    assert (
        await motions.motions_of(
            bot.db, (await people.identify(bot.db, secretary.id, "Sam Secretaris")).id
        )
        == []
    )
    await bot.send(secretary, "/voorstel")
    assert "Geannuleerd" in await bot.say(secretary, "/annuleer")


async def test_only_chair_vice_chair_and_secretary_may_propose(bot: Harness) -> None:
    _, members, _ = await seat_everyone(bot, "achterhoek-2014")
    assert "alleen de voorzitter" in await bot.say(members["werkgevers-1"], "/voorstel")
    assert "Wat is de titel?" in await bot.say(members["voorzitter"], "/voorstel")


async def test_achterhoek_two_two_tie_is_broken_by_the_chair(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014", english={"uwv"})
    motion_id = await propose(bot, secretary)
    english = ballot_message(bot, members["uwv"], motion_id)
    assert [b["text"] for b in english.buttons()] == ["For", "Against", "Abstain"]
    assert [b["text"] for b in ballot_message(bot, members["iswi"], motion_id).buttons()] == [
        "Voor",
        "Tegen",
        "Onthouding",
    ]
    await vote_blocs(
        bot,
        members,
        motion_id,
        {"gemeenten": "for", "werkgevers": "for", "werknemers": "against", "uwv": "against"},
    )
    assert "Jouw stem: <b>Voor</b>" in (ballot_message(bot, members["iswi"], motion_id).text or "")
    await bot.send(secretary, f"/sluit {motion_id}")
    dutch = results_to(bot, members["werkgevers-1"])[-1]
    assert "<b>Aangenomen.</b>" in dutch
    assert "Stemming per geleding, 2-2" in dutch
    assert "De stem van de voorzitter (voor) gaf de doorslag." in dutch
    assert "art. 3 Convenant Werkbedrijf Achterhoek" in dutch
    english_result = [
        m.text or "" for m in bot.api.messages_to(members["uwv"].id) if "Adopted" in (m.text or "")
    ][-1]
    assert "The vote of the chair (for) was decisive." in english_result
    assert "The vote of the chair" not in dutch
    closed = ballot_message_after_close(bot, members["iswi"])
    assert "De stemming is gesloten. Uitslag: <b>Aangenomen</b>." in closed


def ballot_message_after_close(bot: Harness, user: FakeUser) -> str:
    return next(
        m.text or ""
        for m in bot.api.messages_to(user.id)
        if "Jouw stem" in (m.text or "") or "Your ballot" in (m.text or "")
    )


async def test_achterhoek_tie_with_the_chair_absent_goes_to_the_vice_chair(bot: Harness) -> None:
    board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    await motions.set_vice_chair(bot.db, board_id, "werkgevers-1")
    motion_id = await propose(bot, secretary)
    await vote_blocs(
        bot,
        members,
        motion_id,
        {"gemeenten": "against", "werkgevers": "for", "werknemers": "against", "uwv": "for"},
        skip={"voorzitter"},
    )
    await bot.send(secretary, f"/sluit {motion_id}")
    text = results_to(bot, members["uwv"])[-1]
    assert "De voorzitter was afwezig." in text
    assert "De stem van de vicevoorzitter (voor) gaf de doorslag." in text
    assert text.count("<b>Aangenomen.</b>") == 1


async def test_twente_one_objection_means_no_decision(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "twente-2020")
    motion_id = await propose(bot, secretary)
    for key, user in members.items():
        await vote(bot, user, motion_id, "against" if key == "werknemers-2" else "for")
    await bot.send(secretary, f"/sluit {motion_id}")
    text = results_to(bot, members["uwv"])[-1]
    assert "<b>Geen besluit.</b>" in text
    assert "De overeenkomst kent geen stemming als consensus uitblijft" in text


async def test_werkcentrum_is_decided_by_enschede(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "werkcentrum-twente-2025")
    motion_id = await propose(bot, secretary)
    for key, user in members.items():  # everyone votes: the default quorum is met
        await vote(bot, user, motion_id, "against" if key == "enschede" else "for")
    await bot.send(secretary, f"/sluit {motion_id}")
    text = results_to(bot, members["almelo"])[-1]
    assert "<b>Verworpen.</b>" in text
    assert "Het mandaat ligt bij Gemeente Enschede (centrumgemeente), die tegen stemde" in text


async def test_a_member_can_change_the_ballot_until_the_close_and_not_after(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    member = members["werkgevers-2"]
    assert await vote(bot, member, motion_id, "for") == "Jouw stem: Voor"
    assert await vote(bot, member, motion_id, "against") == "Jouw stem: Tegen"
    assert "Jouw stem: <b>Tegen</b>" in (ballot_message(bot, member, motion_id).text or "")
    async with bot.db.transaction() as session:
        rows = (
            await session.scalars(select(BallotRow).where(BallotRow.motion_id == motion_id))
        ).all()
        kinds = (
            await session.scalars(
                select(AuditEvent.kind)
                .where(AuditEvent.kind.like("ballot_%"))
                .order_by(AuditEvent.id)
            )
        ).all()
    assert [(r.choice, r.changes) for r in rows] == [("against", 1)]
    assert kinds == ["ballot_cast", "ballot_changed"]
    await bot.send(secretary, f"/sluit {motion_id}")
    message = next(
        m
        for m in bot.api.messages_to(member.id)
        if m.message_id == ballot_message_id(bot, member, motion_id)
    )
    await bot.press(member, message, f"v|{motion_id}|f")
    assert "gesloten" in (bot.api.callback_answers[-1].get("text") or "")
    assert bot.api.callback_answers[-1].get("show_alert") is True
    async with bot.db.transaction() as session:
        assert (
            await session.scalar(select(BallotRow.choice).where(BallotRow.motion_id == motion_id))
        ) == "against"
    assert await audit.first_broken_event(bot.db) is None


def ballot_message_id(bot: Harness, user: FakeUser, motion_id: int) -> int:
    return next(
        m.message_id
        for m in bot.api.messages_to(user.id)
        if f"Voorstel {motion_id}" in (m.text or "") and "Jouw stem" in (m.text or "")
    )


async def test_forged_votes_and_strangers_change_nothing(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    message = ballot_message(bot, members["uwv"], motion_id)
    for data in (f"v|{motion_id}|z", f"v|{motion_id}", "v|999999|f", f"v|{motion_id}|f|extra"):
        await bot.press(members["uwv"], message, data)
        assert bot.api.callback_answers[-1]["text"] in {"Deze knop is niet meer geldig."}
    stranger = bot.user(5000, "Vreemde")
    own = (await bot.send(stranger, "/taal"))[-1]
    await bot.press(stranger, own, f"v|{motion_id}|f")  # a modified client forging a vote
    assert "Alleen leden met een stemgerechtigde zetel" in bot.api.callback_answers[-1]["text"]
    async with bot.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(BallotRow)) == 0


async def test_group_press_by_a_non_member_gets_an_alert(bot: Harness) -> None:
    _board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    group = FakeChat(-100777, "supergroup", "Bestuur")
    visitor = bot.user(5001, "Bezoeker")
    bot.api.add_group(group, [secretary, visitor, *members.values()])
    await bot.send(secretary, "/koppelgroep", group)
    motion_id = await propose(bot, secretary)
    in_group = next(m for m in bot.api.messages_to(group.id) if m.reply_markup)
    await bot.press(visitor, in_group, f"v|{motion_id}|a")
    assert bot.api.callback_answers[-1]["show_alert"] is True
    assert "Alleen leden" in bot.api.callback_answers[-1]["text"]
    await bot.press(members["uwv"], in_group, f"v|{motion_id}|f")
    assert bot.api.callback_answers[-1]["text"] == "Jouw stem: Voor"
    tally = next(m for m in bot.api.messages_to(group.id) if m.reply_markup).text or ""
    assert "1 van de 9 stemgerechtigde zetels heeft gestemd." in tally
    assert "Lid uwv" in tally


async def test_the_same_update_twice_records_one_ballot(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    update = bot.api.callback_update(
        members["uwv"], ballot_message(bot, members["uwv"], motion_id), f"v|{motion_id}|f"
    )
    await bot.feed(update)
    await bot.feed(update)
    async with bot.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(BallotRow)) == 1
        assert (
            await session.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.kind == "ballot_cast")
            )
            == 1
        )


async def test_a_restart_before_the_deadline_still_closes_once(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    await vote_blocs(
        bot,
        members,
        motion_id,
        {"gemeenten": "for", "werkgevers": "for", "werknemers": "for", "uwv": "for"},
    )
    await bot.app.shutdown()
    settings = Settings(_env_file=None)
    second = build_application(
        settings, bot.api.token, request=StandinRequest(bot.api), database=bot.db
    )
    await second.initialize()
    assert second.post_init is not None
    await second.post_init(second)
    await bot.app.initialize()
    after = utcnow() + timedelta(days=3)
    done = [
        await process_due_work(app.bot, bot.db, "nl", f"worker-{i}", now=after)
        for i, app in enumerate((second, bot.app))
    ]
    assert done[0] >= 1
    assert done[1] == 0
    await second.shutdown()
    assert len(results_to(bot, members["uwv"])) == 1
    assert "<b>Aangenomen.</b>" in results_to(bot, members["uwv"])[0]
    assert "Consensus" in results_to(bot, members["uwv"])[0]


async def test_reminders_go_once_and_only_to_those_who_have_not_voted(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    await vote(bot, members["uwv"], motion_id, "for")
    deadline = (await motions.view(bot.db, motion_id)).deadline_at
    one_hour_before = deadline - timedelta(minutes=59)
    await process_due_work(bot.app.bot, bot.db, "nl", "w1", now=one_hour_before)
    await process_due_work(bot.app.bot, bot.db, "nl", "w2", now=one_hour_before)

    def reminders(user: FakeUser) -> int:
        return sum("Herinnering" in (m.text or "") for m in bot.api.messages_to(user.id))

    assert reminders(members["uwv"]) == 0
    assert reminders(members["iswi"]) == 1
    assert reminders(secretary) == 0
    # the reminder carries the ballot buttons: a press there counts and shows the ballot
    reminder = bot.api.messages_to(members["iswi"].id)[-1]
    pressed = await bot.press_label(members["iswi"], reminder, "Tegen")
    assert "Tegen" in (pressed.text or "")
    view = await motions.view(bot.db, motion_id)
    assert any(s.choice for s in view.seats if s.key == "iswi")


async def test_secret_ballot_pairs_nobody_with_a_choice(bot: Harness) -> None:
    _board_id, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary, secret=True)
    await vote(bot, members["uwv"], motion_id, "against")
    await vote(bot, members["iswi"], motion_id, "for")
    tally = next(
        m.text or ""
        for m in bot.api.messages_to(secretary.id)
        if "stemgerechtigde zetel" in (m.text or "")
    )
    assert "Lid uwv" not in tally
    assert "Geheime stemming: alleen de aantallen" in tally
    await bot.send(secretary, f"/sluit {motion_id}")
    for user in (secretary, *members.values()):
        for message in bot.api.messages_to(user.id):
            text = message.text or ""
            assert not re.search(r"Lid \S+ ?\)?: (Voor|Tegen)", text), text
    decisions = (await bot.send(secretary, "/besluiten"))[-1]
    await bot.press_label(secretary, decisions, "CSV")
    document = bot.api.messages_to(secretary.id)[-1].document
    assert document is not None
    body = document["content"].decode("utf-8-sig")
    assert "Lid" not in body


async def test_motions_result_withdraw_and_decision_list(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014", english={"uwv"})
    first = await propose(bot, secretary, "Eerste")
    second = await propose(bot, secretary, "Tweede")
    await vote(bot, members["uwv"], first, "for")
    listing = await bot.say(members["uwv"], "/motions")
    assert f"{first}. Eerste" in listing
    assert "your ballot: For" in listing
    assert "your ballot: not voted" in listing
    listing = await bot.say(secretary, "/voorstellen")  # the secretary holds no voting seat
    assert f"{first}. Eerste" in listing
    assert "je stemt hier niet over" in listing
    assert "jouw stem" not in listing
    bot.calm()  # the secretary's many commands stay under the flood limit
    assert "1 of 9 voting seats has voted." in await bot.say(members["uwv"], f"/result {first}")
    assert "Alleen de indiener" in await bot.say(members["iswi"], f"/intrekken {second}")
    assert "ingetrokken" in await bot.say(secretary, f"/intrekken {second}")
    assert "De indiener heeft dit voorstel ingetrokken." in (
        ballot_message_text(bot, members["iswi"], second)
    )
    assert (
        "Alleen de voorzitter, de vicevoorzitter, de secretaris of de plaatsvervangend"
        in await bot.say(members["iswi"], f"/sluit {first}")
    )
    await bot.send(secretary, f"/sluit {first}")
    assert "al gesloten" in await bot.say(secretary, f"/sluit {first}")
    # one ballot of nine: werkbot's default quorum (more than half took part) is not met
    closed = await bot.say(members["uwv"], f"/result {first}")
    assert "No decision." in closed, closed
    assert "Too few votes: 1 of 9 voting seats took part" in closed, closed
    decisions = (await bot.send(secretary, "/besluiten"))[-1]
    assert f"{first}. Eerste: <b>Geen besluit</b>" in (decisions.text or "")
    assert f"{second}. Tweede: <b>Ingetrokken</b>" in (decisions.text or "")
    await bot.press_label(secretary, decisions, "CSV")
    csv_doc = bot.api.messages_to(secretary.id)[-1].document
    assert csv_doc is not None
    assert csv_doc["file_name"].endswith(".csv")
    rows = list(csv.reader(io.StringIO(csv_doc["content"].decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:9] == [
        "Nummer",
        "Datum",
        "Titel",
        "Besluittekst",
        "Uitkomst",
        "Stemverhouding",
        "Geheime stemming",
        "Reden",
        "Opvolging",
    ]
    assert [(row[2], row[4]) for row in rows[1:]] == [
        ("Tweede", "Ingetrokken"),
        ("Eerste", "Geen besluit"),
    ]
    await bot.press_label(secretary, decisions, "PDF")
    pdf_doc = bot.api.messages_to(secretary.id)[-1].document
    assert pdf_doc is not None
    assert pdf_doc["content"].startswith(b"%PDF")
    assert "Er is geen voorstel met dat nummer" in await bot.say(
        bot.user(6000, "Buiten"), f"/uitslag {first}"
    )


def ballot_message_text(bot: Harness, user: FakeUser, motion_id: int) -> str:
    return next(
        m.text or ""
        for m in bot.api.messages_to(user.id)
        if f"Voorstel {motion_id}:" in (m.text or "")
    )


@pytest.mark.slow
async def test_a_tally_of_a_very_large_board_fits_in_one_message(bot: Harness) -> None:
    board = await boards.create_board(bot.db, "achterhoek-2014", counts={"werkgevers": 250})
    secretary = bot.user(100, "Sam Secretaris")
    person = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    await boards.assign(bot.db, board.id, "secretaris", person.id)
    for number in range(1, 251):
        member = await people.identify(
            bot.db, 20_000 + number, f"Werkgever met een lange naam {number}"
        )
        await boards.assign(bot.db, board.id, f"werkgevers-{number}", member.id)
    motion_id = await propose(bot, secretary)
    tally = next(
        m.text or ""
        for m in bot.api.messages_to(secretary.id)
        if "stemgerechtigde zetels" in (m.text or "")
    )
    assert len(tally) < 4096
    assert f"/uitslag {motion_id}" in tally
    full = await bot.send(secretary, f"/uitslag {motion_id}")
    assert len(full) > 1
    assert "Werkgever met een lange naam 250" in (full[-1].text or "") + (full[-2].text or "")


async def test_a_secret_tally_gives_no_count_per_delegation(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary, secret=True)
    await vote(bot, members["uwv"], motion_id, "against")
    tally = next(
        m.text or ""
        for m in bot.api.messages_to(secretary.id)
        if "stemgerechtigde zetel" in (m.text or "")
    )
    assert "0 voor, 1 tegen, 0 onthoudingen" in tally
    assert "UWV</b>" not in tally
    await vote_blocs(
        bot, members, motion_id, {"gemeenten": "for", "werkgevers": "for", "werknemers": "against"}
    )
    await bot.send(secretary, f"/sluit {motion_id}")
    result = results_to(bot, members["iswi"])[-1]
    assert "Stemming per geleding, 2-2 (art. 3" in result
    assert "UWV: tegen" not in result
    assert "De stem van de voorzitter gaf de doorslag." in result


async def test_a_vote_in_the_group_updates_the_private_ballot(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    group = FakeChat(-100888, "supergroup", "Bestuur")
    bot.api.add_group(group, [secretary, *members.values()])
    await bot.send(secretary, "/koppelgroep", group)
    motion_id = await propose(bot, secretary)
    in_group = next(m for m in bot.api.messages_to(group.id) if m.reply_markup)
    await bot.press(members["uwv"], in_group, f"v|{motion_id}|a")
    assert "Jouw stem: <b>Tegen</b>" in (ballot_message(bot, members["uwv"], motion_id).text or "")
    assert "privégesprek" in await bot.say(members["uwv"], "/voorstellen", group)


async def test_late_reminders_are_skipped_and_unsent_results_are_sent_later(bot: Harness) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    await vote(bot, members["uwv"], motion_id, "for")
    deadline = (await motions.view(bot.db, motion_id)).deadline_at
    after = deadline + timedelta(minutes=5)
    await motions.close(bot.db, motion_id, now=after)  # a worker that stopped before sending
    await process_due_work(bot.app.bot, bot.db, "nl", "w1", now=after)
    assert not any("Herinnering" in (m.text or "") for m in bot.api.messages_to(members["iswi"].id))
    assert len(results_to(bot, members["iswi"])) == 1
    await process_due_work(bot.app.bot, bot.db, "nl", "w2", now=after)
    assert len(results_to(bot, members["iswi"])) == 1


async def test_a_closed_proposal_cannot_be_withdrawn(bot: Harness) -> None:
    _, _, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    await bot.send(secretary, f"/sluit {motion_id}")
    assert "al gesloten" in await bot.say(secretary, f"/intrekken {motion_id}")
    assert (await motions.view(bot.db, motion_id)).status == "closed"


async def test_text_with_html_gets_a_clean_answer(bot: Harness) -> None:
    typo = bot.user(7000, "Typo")
    assert "/zoek" in await bot.say(typo, "/foo<b")
    assert "Het commando /foo ken ik niet" in await bot.say(typo, "/foo <b>x</b>")


async def test_a_deadline_typed_at_a_button_step_corrects_the_deadline(bot: Harness) -> None:
    _, secretary = await bot.board_with_secretary()
    await bot.send(secretary, "/voorstel")
    await bot.send(secretary, "Begroting")
    await bot.send(secretary, "Vaststellen.")
    kind = (await bot.send(secretary, "morgen 17:00"))[-1]
    assert kind.buttons()
    # at the ballot-kind buttons: a corrected deadline, echoed with its weekday
    corrected = await bot.say(secretary, "volgende week vrijdag 17.00 uur")
    assert "Deadline:" in corrected, corrected
    assert "vrijdag" in corrected, corrected
    assert "zegt hier niets over" not in corrected
    # text that is no moment is told what to do, and the draft is kept
    told = await bot.say(secretary, "hoe werkt dit?")
    assert "Kies met de knoppen" in told, told
    assert "/annuleer" in told, told
    # a moment that cannot be used is refused, and the step stays
    assert "al voorbij" in await bot.say(secretary, "gisteren 10:00")
    kind = bot.api.messages_to(secretary.id)[-3]
    tally = await bot.press_label(secretary, kind, "Open")
    summary = await bot.press_label(secretary, tally, "Live")
    assert "Voorleggen" in str(summary.buttons())
    # at the confirmation: the draft is shown again with the new deadline
    replies = await bot.send(secretary, "overmorgen 12:00")
    assert "Deadline veranderd" in (replies[0].text or ""), replies[0].text
    redrawn = replies[-1]
    assert "Voorleggen" in str(redrawn.buttons())
    assert "12:00" in (redrawn.text or "") or "12.00" in (redrawn.text or ""), redrawn.text
    await bot.press_label(secretary, redrawn, "Voorleggen")
    assert any("onderweg" in (m.text or "") for m in bot.api.messages_to(secretary.id)[-3:])
