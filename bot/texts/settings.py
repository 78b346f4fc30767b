"""/settings (/instellingen): a board's settings as its members read them, and the quorum
buttons its secretary or chair press."""

from __future__ import annotations

from bot.i18n import Translator
from bot.services.boards import BoardSettings
from bot.services.views import BoardRef
from bot.texts.html import esc
from bot.texts.refusals import role_list
from rules.agreements.loader import shipped_agreements
from rules.agreements.model import QuorumRule
from rules.explain import quorum_source, quorum_text


def _source(rule: QuorumRule | None, board: BoardRef, t: Translator) -> str:
    """Where the quorum in force comes from (rules.explain.quorum_source), or that the board
    set none."""
    if rule is None:
        return t.gettext("the board set none")
    agreement = shipped_agreements()[board.agreement_id]
    return quorum_source(rule.source, rule.cites, agreement, t)


def render_settings(
    board: BoardRef, settings: BoardSettings, t: Translator, *, officer: bool
) -> str:
    agreement = shipped_agreements()[board.agreement_id]
    rule = settings.quorum
    minutes = settings.vote_reminder_minutes
    reminders = ", ".join(reminder_text(m, t) for m in minutes) if minutes else t.gettext("none")
    lines = [
        t.gettext("<b>Settings of the {board}</b>").format(board=esc(board.name)),
        "",
        t.gettext("Quorum: {quorum} ({source}).").format(
            quorum=esc(quorum_text(rule, t)), source=esc(_source(rule, board, t))
        ),
        t.gettext("Who may put a proposal: {roles}.").format(
            roles=role_list(settings.proposer_roles, t)
        ),
        t.gettext("Who may close a vote early: {roles}.").format(
            roles=role_list(settings.closer_roles, t)
        ),
        t.gettext("Reminders before a vote closes: {reminders}.").format(reminders=reminders),
        "",
    ]
    if agreement.quorum is not None:
        lines.append(t.gettext("The agreement sets the quorum, so the board cannot change it."))
    elif officer:
        lines.append(
            t.gettext(
                "A vote decides only when the quorum took part; below it the result is 'no decision'. Choose the board's quorum with the buttons."
            )
        )
    else:
        lines.append(t.gettext("The secretary or the chair can change the quorum here."))
    lines.append(
        t.gettext("The administrator changes the other settings with 'werkbot board settings'.")
    )
    return "\n".join(lines)


def reminder_text(minutes: int, t: Translator) -> str:
    if minutes % (60 * 24) == 0:
        days = minutes // (60 * 24)
        return t.ngettext("{n} day", "{n} days", days).format(n=days)
    if minutes % 60 == 0:
        hours = minutes // 60
        return t.ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    return t.ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


def quorum_buttons(t: Translator) -> list[tuple[str, str]]:
    """(label, code) of the quorum choices (codes of bot.services.boards.QUORUM_CHOICES)."""
    return [
        ("d", t.gettext("More than half took part (default)")),
        ("t", t.gettext("Two thirds took part")),
        ("o", t.gettext("No quorum")),
    ]
