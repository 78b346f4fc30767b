"""The decision list: closed and withdrawn proposals with outcome, tally and reasons."""

from __future__ import annotations

from bot.db.engine import Database
from bot.i18n import Translator
from bot.services import motions
from bot.texts.decisions import DecisionRow
from rules.explain import render_outcome


async def decision_rows(db: Database, board_id: int, t: Translator) -> list[DecisionRow]:
    """One row per decision, oldest first, tally and reasons in the reader's language."""
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
                )
            )
            continue
        outcome = await motions.outcome(db, motion.id)
        agreement = motions.agreement_of(motion.board)
        sentences = render_outcome(outcome, agreement, t, secret=motion.secret)
        step = outcome.steps[0]  # the members' own ballots, not the bloc or mandate vote
        tally = t.gettext(
            "{votes_for} for, {votes_against} against, {abstentions} abstaining"
        ).format(
            votes_for=step.tally.votes_for,
            votes_against=step.tally.votes_against,
            abstentions=step.tally.abstentions,
        )
        rows.append(
            DecisionRow(
                motion.id,
                motion.closed_at or motion.created_at,
                motion.title,
                outcome.result.value,
                tally,
                " ".join(sentences[1:]),
            )
        )
    return rows
