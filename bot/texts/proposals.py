"""Texts of the /propose conversation: its questions, the draft to confirm, the answers."""

from __future__ import annotations

from datetime import datetime

from bot.deadline import Deadline, DeadlineProblem
from bot.i18n import Translator
from bot.texts.dialog import DialogTexts, past_moment, unreadable_moment
from bot.texts.html import capitalized, esc
from bot.texts.motions import deadline_text


def title_question(board: str, t: Translator) -> str:
    text = t.gettext("New proposal for the {board}. What is its title? (Send /cancel to stop.)")
    return text.format(board=esc(board))


def title_length(most: int, t: Translator) -> str:
    return t.gettext("A title has 1 to {max} characters. Try again.").format(max=most)


def body_length(most: int, t: Translator) -> str:
    return t.gettext("The text has 1 to {max} characters. Try again.").format(max=most)


def deadline_question(t: Translator) -> str:
    return t.gettext(
        'Until when can members vote? For example: "vrijdag 17:00", "morgen 12:00", "2026-12-04 17:00" or "Friday 5pm".'
    )


def deadline_problem(deadline: Deadline, t: Translator) -> str | None:
    """Why a typed deadline cannot be used; None when it can (never None without a moment)."""
    if deadline.problem is DeadlineProblem.UNREADABLE or deadline.at is None:
        return unreadable_moment(t)
    if deadline.problem is DeadlineProblem.PAST:
        return past_moment(deadline.at, t)
    if deadline.problem is DeadlineProblem.TOO_FAR:
        return capitalized(
            t.gettext("{deadline} is more than a year away. Give an earlier deadline.").format(
                deadline=deadline_text(deadline.at, t)
            )
        )
    return None


def use_the_buttons(t: Translator) -> str:
    return t.gettext(
        "Choose with the buttons above. To change the deadline, type a new one (for example: vrijdag 17:00); /cancel stops."
    )


def ballot_kind_question(deadline: datetime, t: Translator) -> str:
    return t.gettext(
        "Deadline: {deadline}. Named or secret ballot? In a secret ballot nobody sees who voted what."
    ).format(deadline=deadline_text(deadline, t))


def render_draft(
    summary: str, t: Translator, *, meeting_at: datetime | None = None, subject: str | None = None
) -> str:
    """The draft a proposer confirms (``render_summary``), with the meeting it belongs to and
    the agreement's subject it is on (its name)."""
    if meeting_at is not None:
        summary += "\n" + t.gettext("Meeting: {when}").format(when=deadline_text(meeting_at, t))
    if subject is not None:
        summary += "\n" + t.gettext("Subject: {subject}").format(subject=esc(subject))
    return summary


def subject_question(t: Translator) -> str:
    return t.gettext(
        "What is the proposal about? The agreement decides some subjects by a different procedure."
    )


def on_its_way(number: int, t: Translator) -> str:
    return t.gettext("Proposal {number} is on its way to the members.").format(number=number)


DIALOG = DialogTexts(
    in_private=lambda t: t.gettext("Send /propose in a private chat with me."),
    no_board=lambda t: t.gettext(
        "On your boards, only the chair, the vice-chair and the secretary can put a proposal."
    ),
    which_board=lambda t: t.gettext("For which board is the proposal?"),
    first_question=title_question,
    cancelled=lambda t: t.gettext("Cancelled. Nothing was sent to the board."),
    busy=lambda t: t.gettext(
        "You are writing a proposal. Answer the question above, or send /cancel to stop."
    ),
    expired=lambda t: t.gettext(
        "Your draft proposal expired after 30 minutes without an answer. Send /propose to start again."
    ),
)
