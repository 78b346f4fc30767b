"""`werkbot audit verify`: tampering with a ballot, a result or an event is found and located."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.db.engine import Database
from bot.db.models import AuditEvent, BallotRow, Motion, utcnow
from bot.services import boards, motions, people
from bot.services.verify import verify_board
from rules.decide import Choice
from runtime.cli import main


async def closed_motion(db: Database, *, secret: bool = False) -> tuple[int, int]:
    board = await boards.create_board(db, "achterhoek-2014")
    chair = await people.identify(db, 1, "Voorzitter")
    member = await people.identify(db, 2, "Lid")
    await boards.assign(db, board.id, "voorzitter", chair.id)
    await boards.assign(db, board.id, "uwv", member.id)
    # two ballots of nine: without a quorum (werkbot's default would give no decision)
    await boards.settings_of(db, board.id, quorum="off")
    motion = await motions.propose(
        db, board.id, chair.id, "Titel", "Tekst", utcnow() + timedelta(days=1), secret=secret
    )
    await motions.cast(db, motion.id, chair.id, Choice.FOR)
    await motions.cast(db, motion.id, member.id, Choice.FOR)
    await motions.close(db, motion.id, by=chair.id)
    return board.id, motion.id


async def test_an_untouched_board_verifies(db: Database) -> None:
    board_id, _ = await closed_motion(db)
    report = await verify_board(db, board_id)
    assert report.intact
    assert (report.ballots, report.outcomes) == (2, 1)


async def test_an_altered_ballot_is_named_with_its_seat(db: Database) -> None:
    board_id, motion_id = await closed_motion(db)
    async with db.transaction() as session:
        await session.execute(
            update(BallotRow).where(BallotRow.motion_id == motion_id).values(choice="against")
        )
    report = await verify_board(db, board_id)
    assert (
        f"proposal {motion_id}, seat voorzitter: the ballot is 'against' but the audit log says 'for'"
        in report.problems
    )
    assert any("recomputed from the ballots 'rejected'" in p for p in report.problems)


async def test_an_altered_result_is_found(db: Database) -> None:
    board_id, motion_id = await closed_motion(db)
    async with db.transaction() as session:
        await session.execute(
            update(Motion).where(Motion.id == motion_id).values(result="rejected")
        )
    report = await verify_board(db, board_id)
    assert report.problems == [
        f"proposal {motion_id}: stored result 'rejected', audit log 'adopted', recomputed from the ballots 'adopted'"
    ]


async def test_an_altered_event_breaks_the_chain_at_that_event(db: Database) -> None:
    board_id, _ = await closed_motion(db)
    async with db.transaction() as session:
        event = await session.scalar(
            select(AuditEvent).where(AuditEvent.kind == "ballot_cast").limit(1)
        )
        assert event is not None
        await session.execute(
            update(AuditEvent)
            .where(AuditEvent.id == event.id)
            .values(payload={**event.payload, "choice": "against"})
        )
    report = await verify_board(db, board_id)
    assert (
        f"audit event {event.id} (ballot_cast) does not match its hash or its predecessor"
        in report.problems
    )


async def test_a_secret_ballot_report_names_no_choice(db: Database) -> None:
    board_id, motion_id = await closed_motion(db, secret=True)
    async with db.transaction() as session:
        await session.execute(
            update(BallotRow).where(BallotRow.motion_id == motion_id).values(choice="abstain")
        )
    report = await verify_board(db, board_id)
    ballot_problems = [p for p in report.problems if "seat" in p]
    assert ballot_problems
    assert all("'for'" not in p and "'abstain'" not in p for p in ballot_problems)


def test_cli_verify_and_decisions_and_vice_chair(
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
    assert main(["decisions", "1", "--format", "csv", "--output", "list.csv", "--lang", "en"]) == 0
    assert "0 decisions written to list.csv." in capsys.readouterr().out
    assert (tmp_path / "list.csv").read_bytes().startswith(b"\xef\xbb\xbfNumber")
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
