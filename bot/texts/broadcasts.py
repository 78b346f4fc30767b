"""Texts of /broadcast: the questions, the message itself and the delivery report."""

from __future__ import annotations

from bot.i18n import Translator
from bot.services.broadcasts import Report
from bot.texts.dialog import DialogTexts
from bot.texts.html import esc


def text_question(board: str, t: Translator) -> str:
    text = t.gettext(
        "What should every member of the {board} receive? Send the message. (Send /cancel to stop.)"
    )
    return text.format(board=esc(board))


def message_length(most: int, t: Translator) -> str:
    return t.gettext("A message has 1 to {max} characters. Try again.").format(max=most)


def confirm_broadcast(board: str, body: str, members: int, t: Translator) -> str:
    """The question above the send buttons, with the message as it will be sent."""
    summary = t.ngettext(
        "Send this to {count} member of the {board}?",
        "Send this to {count} members of the {board}?",
        members,
    ).format(count=members, board=esc(board))
    return summary + "\n\n" + esc(body)


def sending(count: int, t: Translator) -> str:
    return t.ngettext(
        "Sending to {count} recipient…", "Sending to {count} recipients…", count
    ).format(count=count)


def render_broadcast(board: str, body: str, t: Translator) -> str:
    header = t.gettext("Message from the secretary of the {board}:").format(board=esc(board))
    return f"<b>{header}</b>\n\n{esc(body)}"


def render_report(report: Report, t: Translator) -> str:
    lines = [
        t.ngettext(
            "Your message was delivered to {count} recipient.",
            "Your message was delivered to {count} recipients.",
            report.sent,
        ).format(count=report.sent)
    ]
    if report.blocked:
        lines.append(
            t.gettext("Not delivered, because they blocked the bot: {names}.").format(
                names=esc(", ".join(report.blocked))
            )
        )
    if report.failed:
        lines.append(
            t.gettext("Not delivered because of an error: {names}.").format(
                names=esc(", ".join(report.failed) or "-")
            )
        )
    return "\n".join(lines)


DIALOG = DialogTexts(
    in_private=lambda t: t.gettext("Send /broadcast in a private chat with me."),
    no_board=lambda t: t.gettext(
        "Only the secretary of a board can send a message to all members."
    ),
    which_board=lambda t: t.gettext("For which board?"),
    first_question=text_question,
    cancelled=lambda t: t.gettext("Cancelled. Nothing was sent."),
    busy=lambda t: t.gettext(
        "You are writing a message to the board. Send it, or send /cancel to stop."
    ),
)
