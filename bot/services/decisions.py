"""The decision list: closed and withdrawn proposals with outcome, tally and reasons."""

from __future__ import annotations

from datetime import datetime

from bot.db.engine import Database
from bot.db.models import utcnow
from bot.i18n import Translator
from bot.services import audit, boards, motions
from bot.texts.decisions import (
    DecisionList,
    DecisionRow,
    decisions_csv,
    decisions_filename,
    decisions_pdf,
    review_date,
)
from bot.texts.motions import outcome_sentences
from rules.explain import tally_text


def follow_up_text(motion: motions.MotionView, t: Translator) -> str:
    """ "Gemeente Enschede; review on 1 March 2027" (and "done" once it is)."""
    if motion.follow_up_owner is None or motion.review_on is None:
        return ""
    text = t.gettext("{owner}; review on {date}").format(
        owner=motion.follow_up_owner, date=review_date(motion.review_on, t)
    )
    return text + (" (" + t.gettext("done") + ")" if motion.follow_up_done else "")


async def decision_rows(db: Database, board_id: int, t: Translator) -> list[DecisionRow]:
    """One row per decision, oldest first, tally and reasons in the reader's language.

    A secret ballot's row holds counts only: no absent seats by name, no substitute's name.
    """
    rows = []
    for motion in await motions.decisions(db, board_id):
        if motion.status == "withdrawn":
            rows.append(
                DecisionRow(
                    motion.id,
                    motion.closed_at or motion.created_at,
                    motion.title,
                    "withdrawn",
                    "",
                    "",
                    text=motion.body,
                    secret=motion.secret,
                )
            )
            continue
        outcome = await motions.outcome(db, motion.id)
        named = [] if motion.secret else await motions.substitute_ballots(db, motion.id)
        sentences = outcome_sentences(motion, outcome, t, named)
        counted = outcome.tally  # the members' own ballots, not the bloc or mandate vote
        tally = tally_text(counted, t)
        rows.append(
            DecisionRow(
                motion.id,
                motion.closed_at or motion.created_at,
                motion.title,
                outcome.result.value,
                tally,
                " ".join(sentences[1:]),
                follow_up_text(motion, t),
                text=motion.body,
                secret=motion.secret,
            )
        )
    return rows


async def decision_list(
    db: Database, board_id: int, t: Translator, now: datetime | None = None
) -> DecisionList:
    """The decision list as a document: heading block, rows, and the audit chain's tip."""
    board = (await boards.overview(db, board_id)).board
    agreement = motions.agreement_of(board)
    rows = tuple(await decision_rows(db, board_id, t))
    anchor = await audit.anchor_now(db)  # after the rows: the tip covers every row shown
    return DecisionList(
        board.name,
        f"{agreement.title.get(t.language)} ({agreement.id})",
        now or utcnow(),
        anchor.full,
        rows,
    )


async def decision_file(
    db: Database, board_id: int, kind: str, t: Translator, now: datetime | None = None
) -> tuple[str, bytes, int]:
    """The decision list as a file to send or save: its name, its bytes (``kind`` "csv" or
    "pdf"), and how many decisions it holds. The one way both the chat and the CLI make it."""
    document = await decision_list(db, board_id, t, now)
    content = decisions_csv(document, t) if kind == "csv" else decisions_pdf(document, t)
    return decisions_filename(document.board, kind, t), content, len(document.rows)
