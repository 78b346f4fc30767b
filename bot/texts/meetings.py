"""Texts of meetings: the invitation, a move or cancellation, the reminder, attendance, and the
questions and answers of the /meeting conversation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.deadline import Deadline, DeadlineProblem
from bot.i18n import Translator
from bot.services.meetings import Answer, MeetingView
from bot.texts.dialog import DialogTexts, past_moment, unreadable_moment
from bot.texts.html import capitalized, esc
from bot.texts.motions import deadline_text

AGENDA_IN_CAPTION = 350  # + 300 for the place + the labels + a "moved" sentence < 1024


def _heading(meeting: MeetingView, t: Translator) -> str:
    return (
        "<b>" + t.gettext("Meeting of the {board}").format(board=esc(meeting.board.name)) + "</b>"
    )


def render_meeting(meeting: MeetingView, t: Translator, *, invitation: bool = True) -> str:
    lines = [
        _heading(meeting, t),
        t.gettext("When: {when}").format(when=deadline_text(meeting.starts_at, t)),
        t.gettext("Where: {where}").format(where=esc(meeting.location)),
    ]
    if meeting.agenda:
        # a caption holds 1024 visible characters: keep the agenda well within that
        agenda = (
            meeting.agenda
            if len(meeting.agenda) <= AGENDA_IN_CAPTION
            else meeting.agenda[:AGENDA_IN_CAPTION] + "…"
        )
        lines += ["", t.gettext("Agenda:"), esc(agenda)]
    if invitation:
        lines += ["", t.gettext("Will you be there? The calendar file puts it in your agenda.")]
    return "\n".join(lines)


def confirm_meeting(
    board: str, starts_at: datetime, location: str, agenda: str, invited: int, t: Translator
) -> str:
    """The question above the send buttons, with what the invitation will say."""
    lines = [
        t.ngettext(
            "Send this invitation to {count} member of the {board}?",
            "Send this invitation to {count} members of the {board}?",
            invited,
        ).format(count=invited, board=esc(board)),
        "",
        t.gettext("When: {when}").format(when=deadline_text(starts_at, t)),
        t.gettext("Where: {where}").format(where=esc(location)),
    ]
    if agenda:
        lines += ["", t.gettext("Agenda:"), esc(agenda)]
    return "\n".join(lines)


def render_moved(meeting: MeetingView, t: Translator) -> str:
    return (
        t.gettext(
            "The meeting of the {board} has moved to {when}. The calendar file updates your agenda."
        ).format(board=esc(meeting.board.name), when=deadline_text(meeting.starts_at, t))
        + "\n\n"
        + render_meeting(meeting, t)
    )


def render_cancelled(meeting: MeetingView, t: Translator) -> str:
    return t.gettext(
        "The meeting of the {board} on {when} is cancelled. The calendar file removes it from your agenda."
    ).format(board=esc(meeting.board.name), when=deadline_text(meeting.starts_at, t))


def render_reminder(meeting: MeetingView, t: Translator) -> str:
    return t.gettext("Reminder: the {board} meets {when}. Place: {where}.").format(
        board=esc(meeting.board.name),
        when=deadline_text(meeting.starts_at, t),
        where=esc(meeting.location),
    )


def render_attendance(
    answered: Sequence[tuple[MeetingView, Sequence[Answer]]], t: Translator
) -> str:
    """Who comes to each meeting: every held seat of its board with its answer."""
    return "\n\n".join(_attendance(meeting, answers, t) for meeting, answers in answered)


def _attendance(meeting: MeetingView, answers: Sequence[Answer], t: Translator) -> str:
    lines = [_heading(meeting, t), capitalized(deadline_text(meeting.starts_at, t))]
    for answer in answers:
        if answer.holder is None:
            continue
        state = (
            t.gettext("not answered")
            if answer.present is None
            else (t.gettext("present") if answer.present else t.gettext("absent"))
        )
        lines.append(f"{esc(answer.seat(t.language))} ({esc(answer.holder)}): {state}")
    return "\n".join(lines)


def noted(present: bool, t: Translator) -> str:
    return t.gettext("Noted: present.") if present else t.gettext("Noted: absent.")


def when_question(board: str, t: Translator) -> str:
    text = t.gettext(
        'New meeting of the {board}. When? For example "donderdag 14:00" or "2026-12-10 10:00". (Send /cancel to stop.)'
    )
    return text.format(board=esc(board))


def new_time_question(t: Translator) -> str:
    return t.gettext(
        'When is the meeting now? For example "donderdag 14:00" or "2026-12-10 10:00".'
    )


def time_problem(moment: Deadline, t: Translator, *, moving: bool = False) -> str | None:
    """Why a typed meeting time cannot be used; None when it can (never None without a moment).
    A past moment is named when planning, not when moving."""
    if moment.at is None or moment.problem is DeadlineProblem.UNREADABLE:
        return unreadable_moment(t)
    if moment.problem is DeadlineProblem.PAST and not moving:
        return past_moment(moment.at, t)
    if moment.problem is not None:
        return t.gettext("A meeting must lie in the future and within a year. Give another moment.")
    return None


def where_question(when: datetime, t: Translator) -> str:
    return capitalized(
        t.gettext("{when}. Where? A place or a video link.").format(when=deadline_text(when, t))
    )


def agenda_length(most: int, t: Translator) -> str:
    return t.gettext(
        "An agenda has at most {max} characters. Try again, or send - for none."
    ).format(max=most)


def planned(invited: int, t: Translator) -> str:
    return t.ngettext(
        "Meeting planned; {count} member is invited.",
        "Meeting planned; {count} members are invited.",
        invited,
    ).format(count=invited)


def moved(meeting: MeetingView, t: Translator) -> str:
    return t.gettext("Moved to {when}; the members have been told.").format(
        when=deadline_text(meeting.starts_at, t)
    )


def year_range(this_year: int, t: Translator) -> str:
    return t.gettext("Give a year from 2000 to {year}, e.g. /report {example}.").format(
        year=this_year, example=this_year - 1
    )


def report_filename(year: int, board_id: int, t: Translator) -> str:
    return t.gettext("yearly-report") + f"-{year}-{board_id}.pdf"


DIALOG = DialogTexts(
    in_private=lambda t: t.gettext("Send /meeting in a private chat with me."),
    no_board=lambda t: t.gettext(
        "Only the secretary of a board can schedule a meeting. Send /attendance to see who comes to the next one."
    ),
    which_board=lambda t: t.gettext("For which board?"),
    first_question=when_question,
    cancelled=lambda t: t.gettext("Cancelled. Nothing was sent."),
    busy=lambda t: t.gettext(
        "You are planning a meeting. Answer the question above, or send /cancel to stop."
    ),
)
