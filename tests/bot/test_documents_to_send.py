"""Documents a board sends out: a secret ballot's row carries counts only, every document and
result carries the audit chain's anchor, an ended agreement asks no report."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.db.engine import Database
from bot.db.models import utcnow
from bot.i18n import translator
from bot.services import audit, boards, decisions, motions, people, substitutes, yearly
from bot.services.agreement_clock import due_warnings
from bot.services.verify import verify_board
from rules.agreements.loader import shipped_agreements
from rules.deadlines import reports_for
from rules.decide import Choice
from runtime.cli import main


async def secret_motion_with_a_substitute(db: Database) -> tuple[int, int]:
    board = await boards.create_board(db, "achterhoek-2014")
    chair = await people.identify(db, 1, "Anna Voorzitter")
    holder = await people.identify(db, 2, "Bram Houder")
    substitute = await people.identify(db, 3, "Cees Vervanger")
    await boards.assign(db, board.id, "voorzitter", chair.id)
    await boards.assign(db, board.id, "uwv", holder.id)
    motion = await motions.propose(
        db,
        board.id,
        chair.id,
        "Begroting",
        "De begroting 2027.",
        utcnow() + timedelta(days=1),
        secret=True,
    )
    await substitutes.name(
        db, board.id, "uwv", holder.id, motion_id=motion.id, person_id=substitute.id
    )
    await motions.cast(db, motion.id, chair.id, Choice.FOR)
    await motions.cast(db, motion.id, substitute.id, Choice.AGAINST)
    await motions.close(db, motion.id, by=chair.id)
    return board.id, motion.id


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_a_secret_ballot_in_the_decision_list_names_nobody(
    db: Database, language: str
) -> None:
    """Counts only: no substitute's name, no absent seat by name, no choice per seat."""
    board_id, _ = await secret_motion_with_a_substitute(db)
    t = translator(language)
    [row] = await decisions.decision_rows(db, board_id, t)
    assert row.secret
    assert row.text == "De begroting 2027."
    board = (await boards.overview(db, board_id)).board
    labels = [s.label(language) for s in (await boards.overview(db, board_id)).seats]
    for kind in ("csv", "pdf"):
        _, content, count = await decisions.decision_file(db, board_id, kind, t)
        assert count == 1
        shown = content.decode("latin-1")
        for name in ("Anna", "Bram", "Cees", "Voorzitter (", *labels):
            assert name not in shown, (kind, name)
    assert board.name


async def test_every_document_carries_the_chains_tip_and_verify_accepts_it(db: Database) -> None:
    board_id, _ = await secret_motion_with_a_substitute(db)
    t = translator("en")
    tip = await audit.anchor_now(db)
    document = await decisions.decision_list(db, board_id, t)
    report = await yearly.year_report(db, board_id, utcnow().year, t)
    assert document.anchor == report.anchor == tip.full
    _, csv_bytes, _ = await decisions.decision_file(db, board_id, "csv", t)
    claims = audit.find_anchors(csv_bytes.decode("utf-8-sig"))
    assert {c.seq for c in claims} == {tip.seq}
    assert (await verify_board(db, board_id, anchors=claims)).problems == []


def test_an_ended_agreement_asks_no_report_after_its_end() -> None:
    twente = shipped_agreements()["twente-2020"]
    assert twente.valid_until == date(2025, 12, 31)
    assert reports_for(twente, 2025) == twente.reports
    assert reports_for(twente, 2026) == ()


async def test_the_yearly_report_of_an_ended_agreement_asks_for_no_report(db: Database) -> None:
    board = await boards.create_board(db, "twente-2020")
    report = await yearly.year_report(db, board.id, 2026, translator("en"))
    assert report.duties == ()
    assert report.ended == date(2025, 12, 31)
    last = await yearly.year_report(db, board.id, 2025, translator("en"))
    assert [d.name for d in last.duties] == ["Annual report"]


async def test_the_clock_warns_of_no_report_after_the_agreement_ended(db: Database) -> None:
    board = await boards.create_board(db, "twente-2020")
    in_2027 = await due_warnings(db, date(2027, 1, 20))
    assert not [w for w in in_2027 if w.board.id == board.id and w.kind == "report"]
    in_2026 = await due_warnings(db, date(2026, 1, 20))
    assert [w.due for w in in_2026 if w.board.id == board.id and w.kind == "report"] == [
        date(2026, 2, 11)
    ]


def test_board_create_warns_when_the_agreement_has_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'b.sqlite3'}")
    assert main(["db", "upgrade"]) == 0
    assert main(["board", "create", "--agreement", "twente-2020", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "Board 1 created" in captured.out
    assert "Warning: the agreement twente-2020 ended on 31 December 2025." in captured.err
    assert main(["board", "create", "--agreement", "achterhoek-2014", "--lang", "en"]) == 0
    assert "Warning" not in capsys.readouterr().err
