"""What the step-by-step conversations (propose, broadcast, meeting) say at their fixed points."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.i18n import Translator
from bot.texts.html import capitalized
from bot.texts.motions import deadline_text

#: A text that needs nothing but the reader's language.
Text = Callable[[Translator], str]


@dataclass(frozen=True, kw_only=True)
class DialogTexts:
    """The texts of a conversation that begins with the board it is about."""

    #: the command was sent in a group
    in_private: Text
    #: the person may not do this on any board
    no_board: Text
    #: above the keyboard of their boards
    which_board: Text
    #: the first question once the board is known, given the board's name
    first_question: Callable[[str, Translator], str]
    #: after /cancel
    cancelled: Text
    #: another command in the middle of the conversation
    busy: Text
    #: 30 minutes without an answer (None: the conversation ends without a word)
    expired: Text | None = None


def unreadable_moment(t: Translator) -> str:
    return t.gettext(
        'I cannot read that as a date and time. Try for example "vrijdag 17:00" or "2026-12-04 17:00".'
    )


def past_moment(moment: datetime, t: Translator) -> str:
    return capitalized(
        t.gettext("{deadline} has already passed. Give a moment in the future.").format(
            deadline=deadline_text(moment, t)
        )
    )
