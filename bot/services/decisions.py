"""The decision list: closed and withdrawn proposals with outcome, tally and reasons."""

from __future__ import annotations

from bot.db.engine import Database
from bot.i18n import Translator
from bot.services import motions
from bot.texts.decisions import DecisionRow, review_date
from rules.explain import render_outcome, tally_text


def follow_up_text(motion: motions.MotionView, t: Translator) -> str:
    """ "Gemeente Enschede; review on 1 March 2027" (and "done" once it is)."""
    if motion.follow_up_owner is None or motion.review_on is None:
        return ""
    text = t.gettext("{owner}; review on {date}").format(
        owner=motion.follow_up_owner, date=review_date(motion.review_on, t)
    )
    return text + (" (" + t.gettext("done") + ")" if motion.follow_up_done else "")


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
        # a secret ballot: counts only, no seat named absent and no substitute named
        labels = (
            None if motion.secret else {seat.key: seat.label(t.language) for seat in motion.seats}
        )
        sentences = render_outcome(outcome, agreement, t, secret=motion.secret, seat_labels=labels)
        named = [] if motion.secret else await motions.substitute_ballots(db, motion.id)
        for label_nl, label_en, name in named:
            sentences.append(
                t.gettext("{name} voted as substitute for the seat {seat}.").format(
                    name=name, seat=label_en if t.language == "en" else label_nl
                )
            )
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
            )
        )
    return rows
