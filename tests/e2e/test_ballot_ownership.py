"""A ballot belongs to who cast it; a secret ballot stays secret; one person, one vote per seat
(issue 18, points 1 to 3), driven as members and attackers would, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.db.models import utcnow
from bot.i18n import translator
from bot.services import boards, decisions, invites, motions, people, substitutes
from bot.services.errors import Refusal, ServiceError
from rules.decide import Choice
from standin import FakeUser
from tests.e2e.conftest import Harness
from tests.e2e.test_voting import ballot_message, propose, results_to, seat_everyone, vote


async def newcomer(bot: Harness, user_id: int, name: str) -> tuple[int, FakeUser]:
    user = bot.user(user_id, name)
    person = await people.identify(bot.db, user.id, name, telegram_language="nl")
    return person.id, user


async def test_a_secret_ballot_is_never_shown_to_the_seats_next_holder(bot: Harness) -> None:
    board, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion = await propose(bot, secretary, secret=True)
    await vote(bot, members["werkgevers-1"], motion, "against")
    nick_id, nick = await newcomer(bot, 7001, "Nick Nieuw")
    await boards.assign(bot.db, board, "werkgevers-1", nick_id)

    listing = await bot.say(nick, "/voorstellen")
    assert "niet gestemd" in listing, listing
    assert "Tegen" not in listing, listing

    own = ballot_message(bot, members["werkgevers-1"], motion)
    await bot.send(secretary, f"/sluit {motion}")
    # Nick's view after the close: nothing of the seat's earlier (secret) ballot
    for text in [m.text or "" for m in bot.api.messages_to(nick.id)]:
        assert "Tegen" not in text, text
    # the member who cast it still sees their own ballot on their closed ballot message
    closed = (
        next(
            m
            for m in reversed(bot.api.messages)
            if (m.chat_id, m.message_id) == (own.chat_id, own.message_id)
        ).text
        or ""
    )
    assert "Jouw stem: <b>Tegen</b>" in closed, closed


async def test_after_forgetme_the_next_holder_sees_no_ballot(bot: Harness) -> None:
    board, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion = await propose(bot, secretary, secret=True)
    leaver = members["werknemers-1"]
    await vote(bot, leaver, motion, "for")
    await bot.send(leaver, "/vergeetmij")
    confirm = bot.api.messages_to(leaver.id)[-1]
    await bot.press(leaver, confirm, confirm.buttons()[0]["callback_data"])
    nina_id, nina = await newcomer(bot, 7002, "Nina Nieuw")
    await boards.assign(bot.db, board, "werknemers-1", nina_id)
    listing = await bot.say(nina, "/voorstellen")
    assert "Voor" not in listing, listing
    assert "niet gestemd" in listing, listing


async def test_a_named_tally_credits_the_ballot_to_who_cast_it(bot: Harness) -> None:
    board, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion = await propose(bot, secretary)
    await vote(bot, members["werkgevers-1"], motion, "against")
    nick_id, _ = await newcomer(bot, 7003, "Nick Nieuw")
    await boards.assign(bot.db, board, "werkgevers-1", nick_id)
    tally = "\n".join(m.text or "" for m in await bot.send(secretary, f"/uitslag {motion}"))
    line = next(row for row in tally.splitlines() if "Tegen" in row and "(" in row)
    assert "Lid werkgevers-1" in line, line
    assert "Nick" not in line, line


async def test_a_secret_result_names_no_seat_and_no_one_who_took_part(bot: Harness) -> None:
    board, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    overview = await boards.overview(bot.db, board)
    labels = [seat.label for seat in overview.seats if seat.votes]
    motion = await propose(bot, secretary, secret=True)
    # a substitute casts the only ballot: the result must not say so by name
    sub_id, _ = await newcomer(bot, 7004, "Suze Substituut")
    holder = await people.identify(bot.db, members["uwv"].id, "Lid uwv")
    await substitutes.name(bot.db, board, "uwv", holder.id, motion_id=motion, person_id=sub_id)
    await motions.cast(bot.db, motion, sub_id, Choice.FOR)
    await bot.send(secretary, f"/sluit {motion}")
    shown = [*results_to(bot, secretary)]
    shown += [m.text or "" for m in await bot.send(secretary, f"/uitslag {motion}")]
    # the decision list (its CSV and PDF are made from these rows) says no more
    shown += [str(row) for row in await decisions.decision_rows(bot.db, board, translator("nl"))]
    for text in shown:
        assert "Suze" not in text, text
        assert "Afwezig" not in text, text
        for member in members.values():
            assert member.first_name not in text, text
        for label in labels:
            assert f"{label}:" not in text, (label, text)
            assert f"{label} (" not in text, (label, text)
    assert any("1 van 9" in text or "Aanwezig: 1" in text for text in shown), shown


async def test_a_secret_ballots_tally_is_hidden_until_the_close_by_default(bot: Harness) -> None:
    board, _, secretary = await seat_everyone(bot, "achterhoek-2014")
    person = await people.identify(bot.db, secretary.id, "Sam Secretaris")
    view = await motions.propose(
        bot.db, board, person.id, "Geheim", "Tekst", utcnow() + timedelta(days=1), secret=True
    )
    assert view.tally_hidden
    named = await motions.propose(
        bot.db, board, person.id, "Open", "Tekst", utcnow() + timedelta(days=1)
    )
    assert not named.tally_hidden
    # the proposer is advised, and the advised button comes first
    await bot.send(secretary, "/voorstel")
    await bot.send(secretary, "Titel")
    await bot.send(secretary, "Tekst")
    kind = (await bot.send(secretary, "morgen 17:00"))[-1]
    asked = await bot.press_label(secretary, kind, "Geheime")
    assert "Verborgen" in asked.buttons()[0]["text"]
    assert "geheime stemming" in (asked.text or "")


async def test_a_substitute_cannot_also_take_a_voting_seat(bot: Harness) -> None:
    board, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion = await propose(bot, secretary)
    sub_id, sub = await newcomer(bot, 7005, "Dirk Dubbel")
    holder = await people.identify(bot.db, members["uwv"].id, "Lid uwv")
    await substitutes.name(bot.db, board, "uwv", holder.id, motion_id=motion, person_id=sub_id)
    # a voting seat falls vacant and Dirk gets its invite
    overview = await boards.overview(bot.db, board)
    vacant_before = {s.key for s in overview.seats if s.votes and s.holder is None}
    assert not vacant_before
    leaver = members["werkgevers-3"]
    await bot.send(leaver, "/vergeetmij")
    confirm = bot.api.messages_to(leaver.id)[-1]
    await bot.press(leaver, confirm, confirm.buttons()[0]["callback_data"])
    code = await invites.create_invite(
        bot.db, board, "werkgevers-3", created_by=None, valid_for=timedelta(days=7)
    )
    answer = await bot.say(sub, f"/start {code.code}")
    assert "vervanger" in answer, answer
    assert "twee keer" in answer, answer
    overview = await boards.overview(bot.db, board)
    assert next(s for s in overview.seats if s.key == "werkgevers-3").holder is None
    # Dirk still votes once, for the seat he substitutes for
    await motions.cast(bot.db, motion, sub_id, Choice.FOR)
    view = await motions.view(bot.db, motion)
    assert [s.key for s in view.seats if s.caster_id == sub_id] == ["uwv"]


async def test_the_secretary_cannot_take_a_voting_seat_with_their_own_invite(
    bot: Harness,
) -> None:
    board, secretary = await bot.board_with_secretary()
    answer = await bot.say(secretary, "/uitnodigen")
    assert answer
    code = await invites.create_invite(
        bot.db,
        board.id,
        "werkgevers-1",
        created_by=(await people.identify(bot.db, secretary.id, "Sam Secretaris")).id,
        valid_for=timedelta(days=7),
    )
    refused = await bot.say(secretary, f"/start {code.code}")
    assert "secretaris" in refused, refused
    assert "stemhebbende zetel" in refused, refused
    overview = await boards.overview(bot.db, board.id)
    assert next(s for s in overview.seats if s.key == "werkgevers-1").holder is None
    # and a member with a voting seat cannot be made secretary on top of it
    member = bot.user(7006, "Vera Voter")
    person = await people.identify(bot.db, member.id, "Vera Voter")
    await boards.assign(bot.db, board.id, "werkgevers-2", person.id)
    with pytest.raises(ServiceError) as refused_seat:
        await boards.assign(bot.db, board.id, "secretaris", person.id)
    assert refused_seat.value.refusal.value == "voter_becomes_secretary"


async def test_a_substitution_ends_when_its_seat_changes_hands(bot: Harness) -> None:
    board, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion = await propose(bot, secretary)
    sub_id, _ = await newcomer(bot, 7007, "Stan Stand-in")
    holder = await people.identify(bot.db, members["uwv"].id, "Lid uwv")
    await substitutes.name(bot.db, board, "uwv", holder.id, motion_id=motion, person_id=sub_id)
    new_id, new = await newcomer(bot, 7008, "Nadia Nieuw")
    await boards.assign(bot.db, board, "uwv", new_id)
    # the old holder's pick no longer votes; the new holder does
    with pytest.raises(ServiceError) as refused:
        await motions.cast(bot.db, motion, sub_id, Choice.AGAINST)
    assert refused.value.refusal is Refusal.NO_VOTING_SEAT
    await bot.send(new, "/voorstellen")
    listed = bot.api.messages_to(new.id)[-1]
    assert "niet gestemd" in (listed.text or ""), listed.text
    # the new holder gets no ballot message of the old one, but can vote from a reminder or
    # the list: the service accepts their press
    cast = await motions.cast(bot.db, motion, new_id, Choice.FOR)
    assert cast.changed
    view = await motions.view(bot.db, motion)
    assert [s.key for s in view.seats if s.caster_id == new_id] == ["uwv"]
    assert all(s.caster_id != sub_id for s in view.seats)
