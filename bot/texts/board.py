"""Texts about seats and boards for the bot (Telegram HTML, every value escaped)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from bot.i18n import Translator
from bot.services.views import BoardOverview, HeldSeat, InviteCode, SeatLine
from bot.texts import clock
from bot.texts.agreement import BABEL_LOCALES
from bot.texts.html import esc
from rules.agreements.loader import shipped_agreements
from rules.agreements.model import Agreement


def when(moment: datetime, t: Translator, zone: ZoneInfo | None = None) -> str:
    """ "4 december 2026 om 17:00" in the board's time zone."""
    zone = zone or clock.zone()
    locale = BABEL_LOCALES.get(t.language, "en_GB")
    return format_datetime(moment.astimezone(zone), "d MMMM y HH:mm", tzinfo=zone, locale=locale)


def agreement_of(agreement_id: str) -> Agreement | None:
    return shipped_agreements().get(agreement_id)


def vote_line(seat: SeatLine, agreement_id: str, t: Translator) -> str:
    """What the seat's ballot does under the board's procedure."""
    agreement = agreement_of(agreement_id)
    if not seat.votes:
        return t.gettext("This seat has no vote.")
    kinds = [step.kind for step in agreement.procedure.steps] if agreement else []
    if "bloc_majority" in kinds and agreement and seat.delegation:
        delegation = agreement.delegation(seat.delegation).name.get(t.language)
        return t.gettext(
            "Your ballot counts towards the bloc vote of the {delegation} when there is no consensus."
        ).format(delegation=esc(delegation))
    if "mandate" in kinds:
        return t.gettext(
            "Decisions seek consensus; without it, the mandate lies with the lead municipality."
        )
    return t.gettext("Decisions are taken by consensus; your ballot counts.")


def render_claim(held: HeldSeat, t: Translator, *, already_yours: bool) -> str:
    seat, board = held.seat.label(t.language), held.board.name
    if already_yours:
        head = t.gettext("You already hold the seat <b>{seat}</b> on the {board}.")
    else:
        head = t.gettext("Welcome! You now hold the seat <b>{seat}</b> on the {board}.")
    lines = [head.format(seat=esc(seat), board=esc(board))]
    lines.append(vote_line(held.seat, held.board.agreement_id, t))
    lines.append(t.gettext("Send /board to see who else sits on the board, or /help for more."))
    return "\n".join(lines)


def render_seats(held: list[HeldSeat], t: Translator) -> str:
    if not held:
        return t.gettext(
            "You do not hold a seat on any board yet. If the secretary sent you an invite link, "
            "tap it to take your seat."
        )
    lines = []
    for item in held:
        line = t.gettext("You hold the seat <b>{seat}</b> on the {board}.").format(
            seat=esc(item.seat.label(t.language)), board=esc(item.board.name)
        )
        lines.append(line + " " + vote_line(item.seat, item.board.agreement_id, t))
    return "\n\n".join(lines)


def render_board(board: BoardOverview, t: Translator) -> str:
    agreement = agreement_of(board.board.agreement_id)
    title = f"<b>{esc(board.board.name)}</b>"
    if agreement is not None:
        title += f"\n<i>{esc(agreement.short_title.get(t.language))}</i>"
    lines = [title, ""]
    for seat in board.seats:
        holder = esc(seat.holder) if seat.holder else "<i>" + t.gettext("vacant") + "</i>"
        lines.append(f"• {esc(seat.label(t.language))}: {holder}")
    filled = len(board.seats) - len(board.vacant)
    lines += [
        "",
        t.ngettext(
            "{filled} of {total} seat filled.",
            "{filled} of {total} seats filled.",
            len(board.seats),
        ).format(filled=filled, total=len(board.seats)),
    ]
    if board.board.is_demo:
        lines.append(t.gettext("This is a demo board: its members are fictional."))
    return "\n".join(lines)


def render_invite(invite: InviteCode, link: str, t: Translator) -> str:
    return "\n".join(
        [
            t.gettext("Invite for the seat <b>{seat}</b> on the {board}:").format(
                seat=esc(invite.seat.label(t.language)), board=esc(invite.board.name)
            ),
            esc(link),
            t.gettext("Code: <code>{code}</code>").format(code=esc(invite.code)),
            t.gettext("Valid until {date}. It works once: send it only to the new member.").format(
                date=when(invite.expires_at, t)
            ),
        ]
    )


def render_appointed(held: HeldSeat, t: Translator) -> str:
    """To a person the administrator made secretary (or gave another seat)."""
    return "\n".join(
        (
            t.gettext("You now hold the seat <b>{seat}</b> on the {board}.").format(
                seat=esc(held.seat.label(t.language)), board=esc(held.board.name)
            ),
            t.gettext("Send /help to see what you can do."),
        )
    )


def render_replaced(held: HeldSeat, successor: str, t: Translator) -> str:
    """To the person whose seat the administrator gave to someone else."""
    return t.gettext(
        "{name} now holds the seat <b>{seat}</b> on the {board}, in your place. "
        "Thank you for your work."
    ).format(name=esc(successor), seat=esc(held.seat.label(t.language)), board=esc(held.board.name))
