"""Procedures per subject and deferrals in the bot: the subject step in /voorstel, the ballot
naming the procedure, and a tie that carries the proposal to the next meeting."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.services import boards, meetings, motions, people
from rules.agreements.loader import load_agreement_file, shipped_agreements
from standin import FakeUser, SentMessage
from tests.e2e.conftest import Harness
from tests.e2e.test_voting import ballot_message, seat_everyone, vote

REGIONS = Path(__file__).parent.parent / "rules" / "regions"


@pytest.fixture(autouse=True)
def fictional_regions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two fictional agreements served as if shipped (the shipped ones have no subjects)."""
    for region in ("zeeland-delta", "gooi-vecht"):
        agreement = load_agreement_file(REGIONS / f"{region}.yaml")
        monkeypatch.setitem(shipped_agreements(), agreement.id, agreement)


async def draft(bot: Harness, proposer: FakeUser) -> SentMessage:
    """/voorstel up to the question after the tally; returns that message."""
    await bot.send(proposer, "/voorstel")
    await bot.send(proposer, "Begroting 2027")
    await bot.send(proposer, "Het bestuur stelt de begroting vast.")
    kind = (await bot.send(proposer, "morgen 17:00"))[-1]
    tally = await bot.press_label(proposer, kind, "Open")
    return await bot.press_label(proposer, tally, "Live")


def tomorrow_noon() -> datetime:
    """A meeting before the vote that `draft` opens closes ("morgen 17:00", Amsterdam time),
    whatever the time of day the test runs at."""
    amsterdam = ZoneInfo("Europe/Amsterdam")
    day = datetime.now(amsterdam).date() + timedelta(days=1)
    return datetime.combine(day, time(12), tzinfo=amsterdam).astimezone(UTC)


def number_in(message: SentMessage) -> int:
    found = re.search(r"Voorstel (\d+)", message.text or "")
    assert found, message.text
    return int(found.group(1))


async def test_a_proposal_on_the_budget_is_decided_by_the_budget_procedure(bot: Harness) -> None:
    board_id, members, secretary = await seat_everyone(bot, "zeeland-delta")
    person = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    soon = tomorrow_noon()
    meeting = await meetings.schedule(bot.db, board_id, person.id, soon, "Middelburg", "")
    asked = await draft(bot, secretary)
    assert "Waarover gaat het voorstel?" in (asked.text or "")
    assert [b["text"] for b in asked.buttons()] == [
        "Begroting",
        "Toetreding van een partij",
        "Geen van deze",
    ]
    when = await bot.press_label(secretary, asked, "Begroting")
    summary = await bot.press(secretary, when, f"pm|{meeting.id}")
    assert "Onderwerp: Begroting" in (summary.text or "")
    await bot.press_label(secretary, summary, "Voorleggen")
    motion_id = number_in(bot.api.messages_to(secretary.id)[-2])
    ballot = ballot_message(bot, members["goes"], motion_id).text or ""
    assert "Onderwerp: Begroting" in ballot
    assert "Besluit bij ten minste 3/4 van alle leden (één stem per lid) (art. 5" in ballot
    bot.calm()
    for seat in ("voorzitter", "vlissingen", "goes", "terneuzen", "uwv", "onderwijs"):
        await vote(bot, members[seat], motion_id, "for")
    await bot.send(secretary, f"/sluit {motion_id}")
    result = bot.api.messages_to(members["goes"].id)[-1].text or ""
    assert "<b>Verworpen.</b>" in result
    assert "nodig ten minste 3/4 van alle leden (9): niet gehaald" in result


async def test_none_of_the_subjects_outside_a_meeting_takes_the_written_procedure(
    bot: Harness,
) -> None:
    _, members, secretary = await seat_everyone(bot, "zeeland-delta")
    summary = await bot.press_label(secretary, await draft(bot, secretary), "Geen van deze")
    assert "Onderwerp" not in (summary.text or "")
    await bot.press_label(secretary, summary, "Voorleggen")
    motion_id = number_in(bot.api.messages_to(secretary.id)[-2])
    assert (await motions.view(bot.db, motion_id)).subject is None
    ballot = ballot_message(bot, members["goes"], motion_id).text or ""
    assert "Aangenomen als geen lid binnen de termijn bezwaar maakt (art. 6" in ballot


async def test_an_agreement_without_subjects_skips_the_step_and_names_its_procedure(
    bot: Harness,
) -> None:
    _, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    summary = await draft(bot, secretary)
    assert "Voorleggen" in next(b["text"] for b in summary.buttons())
    await bot.press_label(secretary, summary, "Voorleggen")
    motion_id = number_in(bot.api.messages_to(secretary.id)[-2])
    ballot = ballot_message(bot, members["uwv"], motion_id).text or ""
    assert "Consensus (art. 3 Convenant Werkbedrijf Achterhoek)" in ballot


async def test_a_tie_carries_the_proposal_to_the_next_meeting_and_tied_again_rejects(
    bot: Harness,
) -> None:
    board_id, members, secretary = await seat_everyone(bot, "gooi-vecht")
    person = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    soon = tomorrow_noon()
    first = await meetings.schedule(bot.db, board_id, person.id, soon, "Hilversum", "")
    second = await meetings.schedule(
        bot.db, board_id, person.id, soon + timedelta(days=14), "Huizen", ""
    )
    asked = await draft(bot, secretary)
    summary = await bot.press(secretary, asked, f"pm|{first.id}")
    await bot.press_label(secretary, summary, "Voorleggen")
    motion_id = number_in(bot.api.messages_to(secretary.id)[-2])
    ballot = ballot_message(bot, members["huizen"], motion_id).text or ""
    assert "opnieuw in stemming gebracht; staken zij dan opnieuw, dan is het verworpen" in ballot

    async def tie(number: int) -> None:
        bot.calm()
        for seat in ("voorzitter", "uwv"):  # 4 + 2 weighted votes
            await vote(bot, members[seat], number, "for")
        for seat in ("huizen", "wijdemeren", "werkgevers-1", "werkgevers-2", "werknemers"):
            await vote(bot, members[seat], number, "against")  # 2 + 1 + 2 + 1
        await bot.send(secretary, f"/sluit {number}")

    await tie(motion_id)
    result = next(
        m.text or ""
        for m in reversed(bot.api.messages_to(members["werknemers"].id))
        if "Uitgesteld" in (m.text or "")
    )
    assert "<b>Uitgesteld tot de volgende vergadering.</b>" in result
    assert "Gewogen stemmen: 6 voor, 6 tegen" in result
    carried = await motions.view(bot.db, motion_id + 1)
    assert carried.deferred_from == motion_id
    assert carried.meeting_id == second.id
    assert carried.open
    assert f"als voorstel {carried.id}; de stembiljetten zijn verstuurd" in result
    new_ballot = ballot_message(bot, members["werknemers"], carried.id).text or ""
    assert f"Overgebracht van voorstel {motion_id}." in new_ballot

    await tie(carried.id)
    again = (await motions.view(bot.db, carried.id)).result
    assert again is not None
    assert again.value == "rejected"


async def test_a_deferral_without_a_planned_meeting_says_so(bot: Harness) -> None:
    board, members, secretary = await seat_everyone(bot, "gooi-vecht")
    await boards.settings_of(bot.db, board, quorum="off")  # the tie, not the default quorum
    summary = await draft(bot, secretary)
    await bot.press_label(secretary, summary, "Voorleggen")
    motion_id = number_in(bot.api.messages_to(secretary.id)[-2])
    await bot.send(secretary, f"/sluit {motion_id}")  # nobody voted: 0-0 is a tie
    result = bot.api.messages_to(members["uwv"].id)[-1].text or ""
    assert "<b>Uitgesteld tot de volgende vergadering.</b>" in result
    assert "Er is nog geen volgende vergadering gepland" in result
