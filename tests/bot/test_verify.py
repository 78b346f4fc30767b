"""`werkbot audit verify`: every deliberate edit is found and named, on SQLite and PostgreSQL.

The tamper matrix edits the database as an attacker with its password would: rows, events,
the tail of the log, and a chain rehashed from the start (caught only by an anchor kept
outside the database). On PostgreSQL the audit table refuses UPDATE, DELETE and TRUNCATE
(migration 0017); the tests that edit it lift that in their own transaction, as only a
superuser can (``lift_audit_guard``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import AuditEvent, BallotRow, Motion, Seat, utcnow
from bot.services import audit, boards, motions, people
from bot.services.verify import verify_board
from rules.decide import Choice
from runtime.cli import main
from tests.conftest import lift_audit_guard


@dataclass(frozen=True)
class Closed:
    board: int
    motion: int
    chair: int
    member: int
    third: int
    #: The anchor a result message of the close carries.
    anchor: audit.Anchor


async def closed_motion(db: Database, *, secret: bool = False) -> Closed:
    """Three members vote for; the chair closes: adopted, and the result's anchor kept."""
    board = await boards.create_board(db, "achterhoek-2014")
    chair = await people.identify(db, 1, "Voorzitter")
    member = await people.identify(db, 2, "Lid")
    third = await people.identify(db, 3, "Derde")
    await boards.assign(db, board.id, "voorzitter", chair.id)
    await boards.assign(db, board.id, "uwv", member.id)
    await boards.assign(db, board.id, "iswi", third.id)
    # three ballots of nine: without a quorum (werkbot's default would give no decision)
    await boards.settings_of(db, board.id, quorum="off")
    motion = await motions.propose(
        db, board.id, chair.id, "Titel", "Tekst", utcnow() + timedelta(days=1), secret=secret
    )
    for person in (chair, member, third):
        await motions.cast(db, motion.id, person.id, Choice.FOR)
    closed = await motions.close(db, motion.id, by=chair.id)
    assert closed is not None
    assert closed.result is not None
    assert closed.result.value == "adopted"
    anchor = await audit.anchor_now(db)
    return Closed(board.id, motion.id, chair.id, member.id, third.id, anchor)


async def seat_id(session: AsyncSession, board: int, key: str) -> int:
    found = await session.scalar(select(Seat.id).where(Seat.board_id == board, Seat.key == key))
    assert found is not None
    return found


async def rehash(session: AsyncSession) -> None:
    """Recompute every hash from the start, as an attacker who knows the scheme would."""
    await lift_audit_guard(session)
    prev = audit.GENESIS
    for event in (await session.scalars(select(AuditEvent).order_by(AuditEvent.id))).all():
        new = audit.event_hash(prev, event.kind, event.board_id, event.payload, event.created_at)
        if (event.prev_hash, event.hash) != (prev, new):
            await session.execute(
                update(AuditEvent).where(AuditEvent.id == event.id).values(prev_hash=prev, hash=new)
            )
        prev = new


async def test_an_untouched_board_verifies(db: Database) -> None:
    case = await closed_motion(db)
    report = await verify_board(db, case.board, anchors=audit.find_anchors(case.anchor.short))
    assert report.problems == []
    assert (report.ballots, report.outcomes, report.partly_checked) == (3, 1, 0)
    assert report.tip == case.anchor


# --- the tamper matrix ------------------------------------------------------------------


async def delete_ballot(session: AsyncSession, case: Closed) -> None:
    seat = await seat_id(session, case.board, "iswi")
    await session.execute(
        delete(BallotRow).where(BallotRow.motion_id == case.motion, BallotRow.seat_id == seat)
    )


async def rewrite_title(session: AsyncSession, case: Closed) -> None:
    await session.execute(update(Motion).where(Motion.id == case.motion).values(title="Anders"))


async def rewrite_text(session: AsyncSession, case: Closed) -> None:
    await session.execute(update(Motion).where(Motion.id == case.motion).values(body="Anders"))


async def cut_tail(session: AsyncSession, case: Closed) -> None:
    await lift_audit_guard(session)
    last = await session.scalar(select(AuditEvent.id).where(AuditEvent.kind == "motion_closed"))
    await session.execute(delete(AuditEvent).where(AuditEvent.id >= last))


async def move_ballot(session: AsyncSession, case: Closed) -> None:
    seat = await seat_id(session, case.board, "voorzitter")
    await session.execute(
        update(BallotRow)
        .where(BallotRow.motion_id == case.motion, BallotRow.seat_id == seat)
        .values(person_id=case.member)
    )


async def change_deadline(session: AsyncSession, case: Closed) -> None:
    motion = await session.get(Motion, case.motion)
    assert motion is not None
    motion.deadline_at = motion.deadline_at + timedelta(hours=2)


async def change_close_moment(session: AsyncSession, case: Closed) -> None:
    motion = await session.get(Motion, case.motion)
    assert motion is not None
    assert motion.closed_at is not None
    motion.closed_at = motion.closed_at - timedelta(days=1)


async def change_proposer(session: AsyncSession, case: Closed) -> None:
    await session.execute(
        update(Motion).where(Motion.id == case.motion).values(proposer_id=case.member)
    )


async def flip_choice(session: AsyncSession, case: Closed) -> None:
    seat = await seat_id(session, case.board, "voorzitter")
    await session.execute(
        update(BallotRow)
        .where(BallotRow.motion_id == case.motion, BallotRow.seat_id == seat)
        .values(choice="against")
    )


async def change_outcome(session: AsyncSession, case: Closed) -> None:
    await session.execute(update(Motion).where(Motion.id == case.motion).values(result="rejected"))


Edit = Callable[[AsyncSession, Closed], Awaitable[None]]

MATRIX: list[tuple[str, Edit, str]] = [
    (
        "deleted ballot, same result",
        delete_ballot,
        "Proposal {m}, seat iswi: the audit log records a ballot, but it is gone from the "
        "database.",
    ),
    (
        "rewritten title",
        rewrite_title,
        "Proposal {m}: the title was changed after it was proposed.",
    ),
    ("rewritten text", rewrite_text, "Proposal {m}: the text was changed after it was proposed."),
    (
        "cut-off tail",
        cut_tail,
        "Proposal {m}: it is closed in the database, but the audit log does not record that; "
        "the end of the log may have been cut off.",
    ),
    (
        "ballot moved to another person",
        move_ballot,
        "Proposal {m}, seat voorzitter: the ballot is recorded as cast by person {member}, but "
        "the audit log says person {chair} cast it.",
    ),
    ("changed deadline", change_deadline, "Proposal {m}: voting closes "),
    ("changed close moment", change_close_moment, "Proposal {m}: it ended "),
    (
        "changed proposer",
        change_proposer,
        "Proposal {m}: the proposer is person {member}, but the audit log says person {chair}.",
    ),
    (
        "flipped choice",
        flip_choice,
        "Proposal {m}, seat voorzitter: the ballot says against, but the audit log says for.",
    ),
    (
        "changed outcome",
        change_outcome,
        "Proposal {m}: the stored result is rejected, the audit log says adopted, and counting "
        "the ballots again gives adopted.",
    ),
]


@pytest.mark.parametrize(
    ("edit", "named"), [(e, n) for _, e, n in MATRIX], ids=[i for i, _, _ in MATRIX]
)
async def test_each_edit_is_named(db: Database, edit: Edit, named: str) -> None:
    case = await closed_motion(db)
    async with db.transaction() as session:
        await edit(session, case)
    report = await verify_board(db, case.board)
    expected = named.format(m=case.motion, chair=case.chair, member=case.member)
    assert any(p.startswith(expected) for p in report.problems), report.problems
    if edit is delete_ballot:  # two ballots for still adopt: only the trail can tell
        assert not any("counting the ballots again" in p for p in report.problems)


async def test_a_wholesale_rehash_passes_the_chain_but_not_the_anchor(db: Database) -> None:
    """Flip a named ballot in its row and its event, recompute every hash from the start: the
    chain and the rows agree again, but the anchor on the result message no longer does."""
    case = await closed_motion(db)
    async with db.transaction() as session:
        await flip_choice(session, case)
        await lift_audit_guard(session)
        seat = await seat_id(session, case.board, "voorzitter")
        for event in await session.scalars(
            select(AuditEvent).where(AuditEvent.kind == "ballot_cast")
        ):
            if event.payload["seat"] == seat and event.payload["motion"] == case.motion:
                await session.execute(
                    update(AuditEvent)
                    .where(AuditEvent.id == event.id)
                    .values(payload={**event.payload, "choice": "against"})
                )
        await rehash(session)
    assert (await verify_board(db, case.board)).problems == []
    report = await verify_board(db, case.board, anchors=audit.find_anchors(case.anchor.short))
    assert len(report.problems) == 1
    assert report.problems[0].startswith(
        f"Anchor {case.anchor.short}: event {case.anchor.seq} now has the hash "
    )


async def test_an_anchor_beyond_a_cut_tail_is_named(db: Database) -> None:
    case = await closed_motion(db)
    async with db.transaction() as session:
        await lift_audit_guard(session)
        await session.execute(delete(AuditEvent).where(AuditEvent.id >= case.anchor.seq - 1))
        await rehash(session)
    report = await verify_board(db, case.board, anchors=audit.find_anchors(case.anchor.full))
    assert any(
        p.startswith(
            f"Anchor {case.anchor.full}: the audit log has no event number {case.anchor.seq}"
        )
        for p in report.problems
    )


async def test_a_secret_ballot_report_names_no_choice_and_no_person(db: Database) -> None:
    case = await closed_motion(db, secret=True)
    async with db.transaction() as session:
        await flip_choice(session, case)
        await move_ballot(session, case)
    report = await verify_board(db, case.board)
    ballot_problems = [p for p in report.problems if "seat" in p]
    assert len(ballot_problems) == 2
    people_named = [f"person {case.chair}", f"person {case.member}"]
    for problem in ballot_problems:
        assert " for" not in problem
        assert "against" not in problem
        assert not any(person in problem for person in people_named)


async def test_an_event_from_before_the_content_hashes_is_checked_on_what_it_holds(
    db: Database,
) -> None:
    """A log written before events carried a title's hash, a caster and a close time: no
    false alarm, and counted as partly checked; its choices and results are still compared."""
    case = await closed_motion(db)
    async with db.transaction() as session:
        await lift_audit_guard(session)
        for event in (await session.scalars(select(AuditEvent))).all():
            old = {
                k: v
                for k, v in event.payload.items()
                if k not in {"title", "text", "deadline", "meeting", "closed_at", "basis"}
                and not (k == "by" and event.kind.startswith("ballot_"))
            }
            if old != event.payload:
                await session.execute(
                    update(AuditEvent).where(AuditEvent.id == event.id).values(payload=old)
                )
        await rehash(session)
    report = await verify_board(db, case.board)
    assert report.problems == []
    assert report.partly_checked == 5  # the proposal, three ballots, the close
    async with db.transaction() as session:
        await flip_choice(session, case)
    assert any(
        "the ballot says against" in p for p in (await verify_board(db, case.board)).problems
    )


def test_anchors_are_found_in_pasted_text() -> None:
    full = "ab" * 32
    found = audit.find_anchors(
        f"Controlegetal: {full[:16]}@57\nCheck: {full}@3, 3f9a1c2e…{full[-2:]}@9; short: abc@1"
    )
    assert [(a.head, a.tail, a.seq) for a in found] == [
        (full[:16], "", 57),
        (full, "", 3),
        ("3f9a1c2e", full[-2:], 9),
    ]
    assert audit.Anchor(full, 57).short == f"{full[:16]}@57"
    assert audit.find_anchors("3f9a1c2e…c2@57")[0].matches("3f9a1c2e" + "0" * 54 + "c2")
    assert not audit.find_anchors("3f9a1c2e…c2@57")[0].matches("3f9a1c2e" + "0" * 56)


async def test_postgresql_refuses_to_change_the_audit_log(db: Database, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("the trigger is PostgreSQL's (migration 0017)")
    await closed_motion(db)
    for statement in (
        update(AuditEvent).values(kind="x"),
        delete(AuditEvent),
        text("TRUNCATE audit_events"),
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with db.transaction() as session:
                await session.execute(statement)


def test_cli_verify_takes_anchors_and_decisions_and_vice_chair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'v.sqlite3'}")
    assert main(["db", "upgrade"]) == 0
    assert (
        main(
            [
                "board",
                "create",
                "--agreement",
                "achterhoek-2014",
                "--seats",
                "werkgevers=5",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    assert "(13 seats)" in capsys.readouterr().out
    assert (
        main(
            [
                "board",
                "create",
                "--agreement",
                "achterhoek-2014",
                "--seats",
                "werkgevers=2",
                "--lang",
                "en",
            ]
        )
        == 1
    )
    assert "allows 3 to … seats of the kind werkgevers" in capsys.readouterr().err
    assert main(["vicechair", "1", "werkgevers-4", "--lang", "en"]) == 0
    assert "Seat werkgevers-4 is now vice-chair" in capsys.readouterr().out
    assert main(["vicechair", "1", "secretaris", "--lang", "en"]) == 1
    assert "cannot be vice-chair" in capsys.readouterr().err
    assert main(["audit", "verify", "1", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Checked for the Bestuur Werkbedrijf Achterhoek: audit events " in out
    assert "Everything matches." in out
    tip = out.split("The chain's tip now: ")[1].split()[0]
    head, seq = tip.split("@")
    assert main(["audit", "verify", "1", "--anchor", f"{head[:12]}@{seq}", "--lang", "en"]) == 0
    assert "Anchors checked: 1." in capsys.readouterr().out
    (tmp_path / "kept.txt").write_text(f"Controlegetal: {head[:16]}@{seq}\nCheck: 00000000@{seq}\n")
    assert main(["audit", "verify", "1", "--anchors", "kept.txt", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert f"BROKEN: Anchor 00000000@{seq}: event {seq} now has the hash {head}" in out
    assert main(["audit", "verify", "1", "--anchor", "nonsense", "--lang", "en"]) == 2
    assert '"nonsense" is not an anchor' in capsys.readouterr().err
    assert main(["decisions", "1", "--format", "csv", "--output", "list.csv", "--lang", "en"]) == 0
    assert "0 decisions written to list.csv." in capsys.readouterr().out
    assert (tmp_path / "list.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (
        main(
            [
                "board",
                "settings",
                "1",
                "--proposers",
                "chair,secretary",
                "--vote-reminders",
                "120",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Who may propose: chair, secretary" in out
    assert "minutes before the deadline: 120" in out
    assert main(["board", "settings", "1", "--proposers", "king", "--lang", "en"]) == 1
    assert "The setting proposers takes:" in capsys.readouterr().err
    assert main(["calendar", "1", "--output", "board.ics", "--lang", "en"]) == 0
    assert (tmp_path / "board.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert main(["decisions", "1", "--format", "pdf", "--lang", "en"]) == 0
    assert (
        (tmp_path / "decision-list-bestuur-werkbedrijf-achterhoek.pdf")
        .read_bytes()
        .startswith(b"%PDF")
    )


def test_db_upgrade_takes_its_own_database_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'runtime.sqlite3'}")
    own = f"sqlite+aiosqlite:///{tmp_path / 'migrated.sqlite3'}"
    assert main(["db", "upgrade", "--database-url", own, "--lang", "en"]) == 0
    assert (tmp_path / "migrated.sqlite3").exists()
    assert not (tmp_path / "runtime.sqlite3").exists()
    monkeypatch.setenv("MIGRATION_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'm2.sqlite3'}")
    assert main(["db", "upgrade", "--lang", "en"]) == 0
    assert (tmp_path / "m2.sqlite3").exists()
    assert not (tmp_path / "runtime.sqlite3").exists()
    assert main(["db", "upgrade", "--database-url", "mysql://x", "--lang", "en"]) == 2
    assert "--database-url" in capsys.readouterr().err
