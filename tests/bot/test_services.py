"""Boards, seats, invites and the audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.db.engine import Database, make_engine
from bot.db.models import AuditEvent, Invite, Person, Seat, SeatAssignment, utcnow
from bot.db.schema import SchemaOutOfDate, ensure_current, upgrade_engine
from bot.services import audit, boards, demo, groups, invites, motions, people
from bot.services.errors import Refusal, ServiceError
from bot.services.views import PersonView
from tests.conftest import lift_audit_guard

WEEK = timedelta(days=7)


async def person(db: Database, telegram_id: int, name: str, lang: str = "nl") -> PersonView:
    return await people.identify(db, telegram_id, name, telegram_language=lang)


async def board_with_secretary(db: Database) -> tuple[int, PersonView]:
    board = await boards.create_board(db, "achterhoek-2014")
    secretary = await person(db, 1, "Secretaris")
    await boards.assign(db, board.id, "secretaris", secretary.id)
    return board.id, secretary


async def test_board_gets_the_agreement_seats_all_vacant(db: Database) -> None:
    board = await boards.create_board(db, "achterhoek-2014")
    overview = await boards.overview(db, board.id)
    assert board.name == "Bestuur Werkbedrijf Achterhoek"
    assert [s.key for s in overview.seats][:4] == [
        "voorzitter",
        "wsp-achterhoek-west",
        "loopbaanplein-oost",
        "iswi",
    ]
    assert len(overview.seats) == 11
    assert overview.vacant == overview.seats


async def test_unknown_agreement_is_refused(db: Database) -> None:
    with pytest.raises(ServiceError) as caught:
        await boards.create_board(db, "nowhere-2030")
    assert caught.value.refusal is Refusal.UNKNOWN_AGREEMENT


async def test_invite_claimed_once_gives_the_seat(db: Database) -> None:
    board_id, secretary = await board_with_secretary(db)
    invite = await invites.create_invite(
        db, board_id, "werkgevers-2", created_by=secretary.id, valid_for=WEEK
    )
    member = await person(db, 2, "Wim Werkgever")
    claim = await invites.claim(db, invite.code, member.id)
    assert claim.held.seat.label_nl == "Werkgevers 2"
    assert not claim.already_yours
    held = await boards.seats_of(db, member.id)
    assert [(h.board.id, h.seat.key) for h in held] == [(board_id, "werkgevers-2")]
    again = await invites.claim(db, invite.code, member.id)
    assert again.already_yours


async def test_second_person_cannot_use_the_same_code(db: Database) -> None:
    board_id, secretary = await board_with_secretary(db)
    invite = await invites.create_invite(
        db, board_id, "uwv", created_by=secretary.id, valid_for=WEEK
    )
    await invites.claim(db, invite.code, (await person(db, 2, "Eerste")).id)
    with pytest.raises(ServiceError) as caught:
        await invites.claim(db, invite.code, (await person(db, 3, "Tweede")).id)
    assert caught.value.refusal is Refusal.INVITE_USED
    overview = await boards.overview(db, board_id)
    assert {s.key: s.holder for s in overview.seats}["uwv"] == "Eerste"


async def test_expired_and_forged_codes_are_refused(db: Database) -> None:
    board_id, secretary = await board_with_secretary(db)
    past = utcnow() - timedelta(days=30)
    invite = await invites.create_invite(
        db, board_id, "uwv", created_by=secretary.id, valid_for=WEEK, now=past
    )
    member = await person(db, 2, "Laat")
    with pytest.raises(ServiceError) as expired:
        await invites.claim(db, invite.code, member.id)
    assert expired.value.refusal is Refusal.INVITE_EXPIRED
    with pytest.raises(ServiceError) as forged:
        await invites.claim(db, "A" * 22, member.id)
    assert forged.value.refusal is Refusal.INVITE_INVALID
    assert await boards.seats_of(db, member.id) == []


async def test_only_a_secretary_invites_and_only_for_vacant_seats(db: Database) -> None:
    board_id, _ = await board_with_secretary(db)
    outsider = await person(db, 5, "Buitenstaander")
    with pytest.raises(ServiceError) as not_secretary:
        await invites.create_invite(db, board_id, "uwv", created_by=outsider.id, valid_for=WEEK)
    assert not_secretary.value.refusal is Refusal.NOT_SECRETARY
    with pytest.raises(ServiceError) as taken:
        await invites.create_invite(db, board_id, "secretaris", created_by=None, valid_for=WEEK)
    assert taken.value.refusal is Refusal.SEAT_TAKEN
    with pytest.raises(ServiceError) as unknown:
        await invites.create_invite(db, board_id, "werkgevers-9", created_by=None, valid_for=WEEK)
    assert unknown.value.refusal is Refusal.UNKNOWN_SEAT


async def test_codes_are_stored_hashed(db: Database) -> None:
    board_id, _ = await board_with_secretary(db)
    invite = await invites.create_invite(db, board_id, "uwv", created_by=None, valid_for=WEEK)
    async with db.transaction() as session:
        stored = (await session.scalars(select(Invite.code_hash))).all()
    assert invite.code not in stored
    assert invites.hash_code(invite.code) in stored


async def test_one_current_holder_per_seat_is_a_database_constraint(db: Database) -> None:
    board = await boards.create_board(db, "twente-2020")
    a, b = await person(db, 1, "A"), await person(db, 2, "B")
    async with db.transaction() as session:
        seat = await session.scalar(
            select(Seat).where(Seat.board_id == board.id, Seat.key == "uwv")
        )
        assert seat is not None
        session.add(SeatAssignment(seat_id=seat.id, person_id=a.id))
        await session.flush()
        session.add(SeatAssignment(seat_id=seat.id, person_id=b.id))
        with pytest.raises(IntegrityError):
            await session.flush()
        await session.rollback()


async def test_reassigning_a_seat_keeps_the_history(db: Database) -> None:
    board = await boards.create_board(db, "twente-2020")
    a, b = await person(db, 1, "A"), await person(db, 2, "B")
    await boards.assign(db, board.id, "uwv", a.id)
    await boards.assign(db, board.id, "uwv", b.id)
    async with db.transaction() as session:
        rows = (await session.scalars(select(SeatAssignment).order_by(SeatAssignment.id))).all()
    assert [(r.person_id, r.ends_at is None) for r in rows] == [(a.id, False), (b.id, True)]


async def test_audit_chain_is_intact_and_tampering_is_detected(db: Database) -> None:
    board_id, secretary = await board_with_secretary(db)
    await invites.create_invite(db, board_id, "uwv", created_by=secretary.id, valid_for=WEEK)
    assert await audit.first_broken_event(db) is None
    async with db.transaction() as session:
        kinds = (await session.scalars(select(AuditEvent.kind).order_by(AuditEvent.id))).all()
        assert kinds[-1] == "invite_created"
        assert "seat_assigned" in kinds
        victim = await session.scalar(
            select(AuditEvent.id).where(AuditEvent.kind == "seat_assigned")
        )
        await lift_audit_guard(session)
        await session.execute(
            update(AuditEvent).where(AuditEvent.id == victim).values(payload={"seat": 999})
        )
    assert await audit.first_broken_event(db) == victim


async def test_audit_events_carry_no_names_or_telegram_ids(db: Database) -> None:
    board_id, secretary = await board_with_secretary(db)
    await groups.link(db, secretary.id, board_id, -100123456)
    async with db.transaction() as session:
        payloads = (await session.scalars(select(AuditEvent.payload))).all()
    text = repr(payloads)
    assert "Secretaris" not in text
    assert "100123456" not in text


async def test_group_link_needs_the_secretary_or_chair_and_serves_one_board(db: Database) -> None:
    board_id, secretary = await board_with_secretary(db)
    member = await person(db, 7, "Lid")
    with pytest.raises(ServiceError) as refused:
        await groups.link(db, member.id, board_id, -1001)
    assert refused.value.refusal is Refusal.NOT_LINKER
    linked = await groups.link(db, secretary.id, board_id, -1001)
    assert linked.group_chat_id == -1001
    assert (await groups.board_of_group(db, -1001)) == linked
    other = await boards.create_board(db, "twente-2020")
    await boards.assign(db, other.id, "secretaris", secretary.id)
    with pytest.raises(ServiceError) as elsewhere:
        await groups.link(db, secretary.id, other.id, -1001)
    assert elsewhere.value.refusal is Refusal.GROUP_LINKED_ELSEWHERE


async def test_language_choice_beats_telegram_language(db: Database) -> None:
    someone = await person(db, 9, "Jane", lang="en-GB")
    assert someone.language == "en"
    chosen = await people.set_language(db, someone.id, "nl")
    assert chosen.language == "nl"
    again = await people.identify(db, 9, "Jane", telegram_language="en")
    assert again.language == "nl"


async def test_demo_board_is_filled_with_marked_fictional_members(db: Database) -> None:
    setup = await demo.create_demo(db, "achterhoek-2014")
    overview = await boards.overview(db, setup.board.id)
    held = [s for s in overview.seats if s.holder]
    assert all(s.holder_is_demo and (s.holder or "").endswith("(demo)") for s in held)
    assert setup.vacant_seat == "uwv"
    assert {s.key for s in overview.vacant} == {"uwv", "plv-secretaris"}
    assert setup.secretary.name == "Sam de Secretaris (demo)"
    assert await boards.is_secretary(db, setup.secretary.id, setup.board.id)
    async with db.transaction() as session:
        fictional = (await session.scalars(select(Person).where(Person.is_demo.is_(True)))).all()
    assert len(fictional) == len(held)


async def test_out_of_date_schema_is_refused_with_the_fix(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}")
    with pytest.raises(SchemaOutOfDate, match="werkbot db upgrade"):
        await ensure_current(Database(engine))
    await upgrade_engine(engine)
    await ensure_current(Database(engine))
    await engine.dispose()


async def test_tally_edits_are_claimed_once_per_interval_across_workers(db: Database) -> None:
    board = await boards.create_board(db, "achterhoek-2014")
    secretary = await people.identify(db, 4100, "Sam")
    await boards.assign(db, board.id, "secretaris", secretary.id)
    now = utcnow()
    motion = await motions.propose(
        db, board.id, secretary.id, "Tally", "Tekst", now + timedelta(days=1), now=now
    )
    interval = timedelta(seconds=3)
    assert await motions.claim_tally_edit(db, motion.id, interval, now) == 0.0  # worker A edits
    wait = await motions.claim_tally_edit(db, motion.id, interval, now + timedelta(seconds=1))
    assert wait == pytest.approx(2.0)  # worker B waits for the rest of A's interval ...
    later = now + timedelta(seconds=3)
    assert await motions.claim_tally_edit(db, motion.id, interval, later) == 0.0  # ... then edits
    assert await motions.claim_tally_edit(db, motion.id, interval, later) > 0


async def test_asking_gives_the_persons_agreements_and_their_boards_office_holders(
    db: Database,
) -> None:
    achterhoek = await boards.create_board(db, "achterhoek-2014")
    twente = await boards.create_board(db, "twente-2020")
    elsewhere = await boards.create_board(db, "werkcentrum-twente-2025")
    asker = await person(db, 10, "Vraagsteller")
    assert await boards.asking(db, asker.id) == boards.Asking((), {})  # no seat: nothing known

    seats = {
        b.id: [s.key for s in (await boards.overview(db, b.id)).seats if s.votes]
        for b in (achterhoek, twente, elsewhere)
    }
    await boards.assign(db, achterhoek.id, seats[achterhoek.id][1], asker.id)
    await boards.assign(db, twente.id, seats[twente.id][1], asker.id)
    chair = await person(db, 11, "Anna Voorzitter")
    await boards.assign(db, achterhoek.id, "voorzitter", chair.id)
    vice = await person(db, 12, "Vic Vice")
    await boards.assign(db, achterhoek.id, seats[achterhoek.id][2], vice.id)
    await motions.set_vice_chair(db, achterhoek.id, seats[achterhoek.id][2])
    secretary = await person(db, 13, "Sam Secretaris")
    await boards.assign(db, achterhoek.id, "secretaris", secretary.id)
    other_chair = await person(db, 14, "Olga Elders")  # chairs a board the asker is not on
    await boards.assign(db, elsewhere.id, seats[elsewhere.id][0], other_chair.id)

    found = await boards.asking(db, asker.id)
    assert found.agreement_ids == ("achterhoek-2014", "twente-2020")
    assert found.holders == {
        ("achterhoek-2014", "chair"): "Anna Voorzitter",
        ("achterhoek-2014", "vice_chair"): "Vic Vice",
        ("achterhoek-2014", "secretary"): "Sam Secretaris",
    }  # Twente's offices are vacant; the other board's holders are not the asker's to know

    await boards.assign(db, achterhoek.id, "voorzitter", other_chair.id)  # a new chair
    assert (await boards.asking(db, asker.id)).holders[("achterhoek-2014", "chair")] == (
        "Olga Elders"
    )
